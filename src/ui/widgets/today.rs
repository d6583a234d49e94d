//! Today's plan on Home: what to do next and when, with its Start button,
//! how much of today's plan is done, and the rest of today's times.

use crate::core::app::Input;
use crate::core::plan::{Due, Slot};
use crate::platform::{clock, modules};
use crate::ui::format;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use leptos::prelude::*;

#[component]
pub fn Today() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Read again whenever the model changes (a session done) and each
    // minute the page ticks.
    let plan = move || {
        state.now.track();
        let now = clock::now().wall;
        state
            .model
            .with(|m| m.today(now, &clock::utc_offset_at))
            .filter(|p| p.planned() > 0)
            .map(|p| (p, now))
    };
    // Read from the model in place: no copy of the whole pack per slot.
    let title_of = move |routine: &str| {
        state
            .model
            .with_untracked(|m| {
                m.pack()
                    .and_then(|p| p.routine(routine))
                    .map(|r| r.title.clone())
            })
            .unwrap_or_else(|| routine.to_string())
    };
    // Kept open across the card's updates.
    let times_open = RwSignal::new(false);
    let calendar_failed = RwSignal::new(None::<String>);
    let add_to_calendar = move |_| {
        leptos::task::spawn_local(async move {
            match modules::add_to_calendar().await {
                Ok(true) => {
                    calendar_failed.set(None);
                    state.input(Input::AddedToCalendar);
                }
                Ok(false) => calendar_failed.set(None),
                Err(e) => calendar_failed.set(Some(e)),
            }
        });
    };
    // The pack, the stage or the waking hours changed since the patient
    // added the plan to their calendar: its events are out of date.
    let stale = move || {
        state.now.track();
        let now = clock::now().wall;
        state.model.with(|m| m.calendar_stale(now))
    };
    move || {
        plan().map(|(plan, now)| {
            let (done, planned) = (plan.done(), plan.planned());
            let next = plan.next(now).cloned().map(|slot| {
                let title = title_of(&slot.routine);
                let routine = slot.routine.clone();
                view! {
                    <p class="next-session">
                        <strong>"Next: " {title.clone()}</strong> ", " {when(&slot, now)}
                    </p>
                    <button class="primary start" on:click=move |_| state.start(&routine)>
                        {format!("Start now: {title}")}
                    </button>
                }
            });
            let missed: Vec<u64> = plan.missed(now).iter().map(|s| s.at).collect();
            let slots = plan
                .slots
                .iter()
                .map(|s| {
                    let status = match s.done {
                        Some(_) => "done",
                        None if missed.contains(&s.at) => "missed",
                        None => "to do",
                    };
                    view! {
                        <li class=status>
                            {format::time(s.at)} " " {title_of(&s.routine)} ": " {status}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card today" aria-labelledby="today-title">
                    <div class="card-head">
                        <h2 id="today-title">"Today"</h2>
                        <LogSymptomsLink />
                    </div>
                    {next}
                    <div class="progress">
                        <p id="today-progress">{format!("{done} of {planned} done")}</p>
                        <progress
                            max=planned.to_string()
                            value=done.to_string()
                            aria-labelledby="today-progress"
                        ></progress>
                    </div>
                    <Show when=stale>
                        <p class="hint">"Your plan has changed since you added it to your calendar."</p>
                        <button on:click=add_to_calendar>"Add to calendar again"</button>
                    </Show>
                    <details
                        prop:open=move || times_open.get_untracked()
                        on:toggle=move |e| {
                            let open = event_target::<web_sys::HtmlDetailsElement>(&e).open();
                            times_open.set(open);
                        }
                    >
                        <summary>"Today's times"</summary>
                        <ol class="slots">{slots}</ol>
                        <p class="hint">
                            "Your phone's calendar can remind you: the times of the next four weeks, each with an alarm."
                        </p>
                        <button on:click=add_to_calendar>"Add to calendar"</button>
                    </details>
                    {move || calendar_failed.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                </section>
            }
        })
    }
}

/// Whether Home shows today's plan (and "Log symptoms" in it).
pub fn planned_today(state: AppState) -> bool {
    state.now.track();
    let now = clock::now().wall;
    state.model.with(|m| {
        m.today(now, &clock::utc_offset_at)
            .is_some_and(|p| p.planned() > 0)
    })
}

/// "Log symptoms": a check-in without exercise, for a flare-up or a rest
/// day. In the Today card, or beside Home's heading on a day without one.
#[component]
pub fn LogSymptomsLink() -> impl IntoView {
    view! { <a class="button" href=Route::LogSymptoms.href()>"Log symptoms"</a> }
}

/// "due now", "due since 07:30" or "at 12:30".
fn when(slot: &Slot, now: u64) -> String {
    match slot.due(now) {
        Due::Later => format!("at {}", format::time(slot.at)),
        Due::Overdue => format!("due since {}", format::time(slot.at)),
        Due::Now => "due now".to_string(),
    }
}
