//! Settings: for now, what the app keeps and where.

use crate::core::journal::{Record, SCHEMA_VERSION};
use crate::core::plan::WakingHours;
use crate::core::settings::{AffectedLeg, Settings as Prefs};
use crate::platform::notify;
use crate::ui::format;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::widgets::{Choices, EmergencyNumber, YourData};
use leptos::prelude::*;

#[component]
pub fn Settings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let counts = move || {
        state.journal(|j| {
            let count = |f: fn(&Record) -> bool| j.records().iter().filter(|r| f(r)).count();
            (
                count(|r| matches!(r, Record::SessionStarted(_))),
                count(|r| matches!(r, Record::SetCompleted(_))),
                count(|r| matches!(r, Record::CheckIn(_))),
            )
        })
    };
    let pack = state.pack_untracked();
    let leg = RwSignal::new(state.settings_untracked().affected_leg);
    let number = RwSignal::new(state.settings_untracked().emergency_number);
    // Settings can change under this page (a restore, another tab): show
    // what is stored.
    Effect::new(move |_| {
        let (stored_leg, stored_number) =
            state.settings(|s| (s.affected_leg, s.emergency_number.clone()));
        if leg.get_untracked() != stored_leg {
            leg.set(stored_leg);
        }
        if number.get_untracked() != stored_number {
            number.set(stored_number);
        }
    });
    Effect::watch(
        move || leg.get(),
        move |leg, _, _| {
            let mut s = state.settings_untracked();
            if s.affected_leg != *leg {
                s.affected_leg = *leg;
                state.save_settings(s);
            }
        },
        false,
    );
    let toggle = |label: &'static str, hint: &'static str, field: fn(&mut Prefs) -> &mut bool| {
        let checked = move || {
            let mut s = state.settings(Clone::clone);
            *field(&mut s)
        };
        let change = move |_| {
            let mut s = state.settings_untracked();
            let on = field(&mut s);
            *on = !*on;
            state.save_settings(s);
        };
        view! {
            <label class="switch">
                <input type="checkbox" role="switch" prop:checked=checked on:change=change />
                <span>
                    <strong>{label}</strong>
                    <span class="hint">{hint}</span>
                </span>
            </label>
        }
    };
    view! {
        <h1 tabindex="-1">"Settings"</h1>
        <section class="card" aria-labelledby="cues-title">
            <h2 id="cues-title">"Cues during a session"</h2>
            <p>"So you can follow each set lying face down, without looking at the screen."</p>
            {toggle(
                "Spoken prompts",
                "What to do next, and the count of each repetition.",
                |s| &mut s.voice,
            )}
            {toggle("Vibration", "A pulse when something starts, and in the last seconds.", |s| &mut s.vibration)}
            {toggle("Sounds", "Ticks in the last three seconds and a tone at the end.", |s| &mut s.sounds)}
            <button on:click=move |_| state.test_cues()>"Test cues"</button>
        </section>
        <WakingHoursFields />
        <section class="card" aria-labelledby="self-check-title">
            <h2 id="self-check-title">"Strength self-check"</h2>
            {toggle(
                "Heel-raise self-check",
                "Switch on only when your physiotherapist asks you to: testing to tiredness can flare symptoms.",
                |s| &mut s.self_check,
            )}
        </section>
        <section class="card" aria-labelledby="safety-title">
            <h2 id="safety-title">"Safety"</h2>
            <Choices
                name="settings-leg".to_string()
                legend="Which leg is affected?".to_string()
                options=AffectedLeg::ALL.into_iter().map(|l| (l, l.label())).collect()
                choice=leg
            />
            <EmergencyNumber
                id="emergency-number"
                label="Emergency number"
                value=number
                on_change=Callback::new(move |n: String| {
                    let mut s = state.settings_untracked();
                    s.emergency_number = n;
                    state.save_settings(s);
                })
            />
        </section>
        <section class="card" aria-labelledby="data-title">
            <h2 id="data-title">"Your data"</h2>
            <p>
                "Everything you record stays on this device, in this browser. Nothing is sent anywhere."
            </p>
            <p class="counts">
                {move || {
                    let (sessions, sets, check_ins) = counts();
                    format!(
                        "Saved so far: {}, {}, {}.",
                        format::count(sessions, "session", "sessions"),
                        format::count(sets, "set", "sets"),
                        format::count(check_ins, "check-in", "check-ins"),
                    )
                }}
            </p>
            <p>
                "Clearing this site's data in your browser settings deletes it for good."
            </p>
            <YourData />
        </section>
        <section class="card" aria-labelledby="about-title">
            <h2 id="about-title">"About"</h2>
            <dl class="about">
                <dt>"App version"</dt>
                <dd>{env!("CARGO_PKG_VERSION")} " (data format " {SCHEMA_VERSION} ")"</dd>
                {pack
                    .map(|p| {
                        view! {
                            <dt>"Exercise pack"</dt>
                            <dd>{format!("{} {}, by {}", p.title, p.version, p.author)}</dd>
                        }
                    })}
            </dl>
            <p>
                "Centralise guides the home exercises your physiotherapist gave you. It does not diagnose. If you are worried, contact a health professional."
            </p>
            <p>
                <a href=Route::About.href()>"About Centralise"</a>
                ": version, licence, and the software it is built from."
            </p>
        </section>
    }
}

/// When the patient is up: today's plan spreads sessions over these hours.
#[component]
fn WakingHoursFields() -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<&'static str>);
    let field = move |which: bool| {
        move || {
            let w = state.settings(|s| s.waking);
            WakingHours::clock(if which { w.from } else { w.to })
        }
    };
    let change = move |which: bool, text: String| {
        let mut s = state.settings_untracked();
        let Some(minutes) = WakingHours::parse_clock(&text) else {
            error.set(Some("Enter a time such as 07:30."));
            return;
        };
        let (from, to) = if which {
            (minutes, s.waking.to)
        } else {
            (s.waking.from, minutes)
        };
        match WakingHours::new(from, to) {
            Some(w) => {
                error.set(None);
                s.waking = w;
                state.save_settings(s);
            }
            None => error.set(Some("Bedtime must be at least an hour after getting up.")),
        }
    };
    // `from`: the getting-up field, else the bedtime one.
    let time_field = move |id: &'static str, label: &'static str, from: bool| {
        view! {
            <label for=id>{label}</label>
            <input
                id=id
                type="time"
                prop:value=field(from)
                on:change=move |e| change(from, event_target_value(&e))
            />
        }
    };
    view! {
        <section class="card" aria-labelledby="day-title">
            <h2 id="day-title">"Your day"</h2>
            <p>"Today's plan spreads your sessions over the hours you are up."</p>
            {time_field("waking-from", "I usually get up at", true)}
            {time_field("waking-to", "I usually go to bed at", false)}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <Reminders />
        </section>
    }
}

/// The optional notification when a session is due. The browser's
/// permission is asked only here, when the patient turns it on.
#[component]
fn Reminders() -> impl IntoView {
    let state = expect_context::<AppState>();
    if !notify::supported() {
        return view! {
            <p class="hint">
                "This browser cannot show reminders. To be reminded, use Add to calendar in Today's times on Home."
            </p>
        }
        .into_any();
    }
    let refused = RwSignal::new(false);
    let on = move || state.settings(|s| s.reminders) && notify::allowed();
    let change = move |_| {
        let turning_on = !on();
        leptos::task::spawn_local(async move {
            let allowed = !turning_on || notify::ask().await;
            refused.set(!allowed);
            let mut s = state.settings_untracked();
            s.reminders = turning_on && allowed;
            state.save_settings(s);
        });
    };
    view! {
        <label class="switch">
            <input type="checkbox" role="switch" prop:checked=on on:change=change />
            <span>
                <strong>"Remind me when a session is due"</strong>
                <span class="hint">
                    "A notification while Centralise is open in the background. Your browser asks you first."
                </span>
            </span>
        </label>
        <Show when=move || refused.get()>
            <p class="error" role="alert">
                "Your browser does not allow notifications for Centralise. You can allow them in the browser's site settings, or use Add to calendar on Home."
            </p>
        </Show>
    }
    .into_any()
}
