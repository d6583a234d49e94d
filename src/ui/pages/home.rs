//! Home: safety messages, today's plan and stage, and the pack's routines one
//! tap away; the way back into an unfinished session.

use crate::core::app::Input;
use crate::core::journal::Acknowledged;
use crate::core::pack::{Pack, Routine};
use crate::core::psfs;
use crate::platform::clock;
use crate::ui::format;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::widgets::{
    BackupReminder, Disclosure, HowToDisclosure, LogSymptomsLink, Stage, StartGateNotice, Today,
    UnfinishedSession, planned_today,
};
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(pack) = state.pack_untracked() else {
        return view! {
            <h1 tabindex="-1">"No exercise pack"</h1>
            <p>"This build has no valid exercise pack. Please report this to your physiotherapist."</p>
        }
        .into_any();
    };
    let nothing_planned = {
        let now = clock::now().wall;
        state.model.with_untracked(|m| {
            m.today(now, &clock::utc_offset_at)
                .is_none_or(|p| p.planned() == 0)
        })
    };
    // At the stage in force: drawn again when it changes.
    let routines = Memo::new(move |_| state.model.with(|m| m.routines(clock::now().wall)));
    let cards = {
        let pack = pack.clone();
        move || {
            routines
                .get()
                .into_iter()
                .map(|r| view! { <RoutineCard pack=pack.clone() routine=r /> })
                .collect_view()
        }
    };
    let all_routines = match pack.routines.len() {
        1 => "The routine of this pack".to_string(),
        n => format!("All {n} routines of this pack"),
    };
    view! {
        <div class="page-head">
            <h1 tabindex="-1">"Your exercises"</h1>
            // In the Today card when there is one (so Home fits a phone).
            <Show when=move || !planned_today(state)>
                <LogSymptomsLink />
            </Show>
        </div>
        <StartGateNotice />
        <ContactTherapist />
        <Review />
        <UnfinishedSession />
        <Today />
        <Stage />
        <StoppedToday />
        <BackupReminder />
        <ActivitiesDue />
        <Show when=move || state.settings(|s| s.self_check)>
            <p>
                <a class="button" href=Route::SelfCheck.href()>"Strength self-check"</a>
            </p>
        </Show>
        // The pack's words, not the app's: said whose they are.
        {match pack.safety_note.clone() {
            Some(n) => {
                let whose = format!("From {}’s pack: ", pack.author);
                view! { <p class="safety-note"><strong>{whose}</strong>{n}</p> }.into_any()
            }
            None => {
                view! { <p class="pack-note">{pack.title.clone()} " · " {pack.author.clone()}</p> }
                    .into_any()
            }
        }}
        // One tap away, so that Home fits a phone's screen; open when
        // there is nothing planned today to start from the Today card.
        <Disclosure class="all-routines" open=nothing_planned summary=all_routines>
            {cards.clone()}
        </Disclosure>
    }
    .into_any()
}

/// The prompt to contact the therapist (two bad days in a row, or worse
/// the next morning), until the patient says they have read it.
#[component]
fn ContactTherapist() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The clock is read at each change: a prompt read a moment ago is read.
    let prompt = move || state.model.with(|m| m.contact_prompt(clock::now().wall));
    move || {
        prompt().map(|p| {
            view! {
                <section class="card stopped" role="alert" aria-labelledby="contact-title">
                    <h2 id="contact-title">"Contact your physiotherapist"</h2>
                    <p>{p.reason.message()}</p>
                    <button on:click=move |_| state.acknowledge("")>"I have read this"</button>
                </section>
            }
        })
    }
}

/// Time to book a review with the therapist (DOMAIN.md's review rules).
#[component]
fn Review() -> impl IntoView {
    let state = expect_context::<AppState>();
    let reason = move || state.model.with(|m| m.review_prompt(clock::now().wall));
    move || {
        reason().map(|r| {
            view! {
                <section class="card stopped" aria-labelledby="review-title">
                    <h2 id="review-title">"Time to book a review"</h2>
                    <p>{r.message()}</p>
                    <button on:click=move |_| {
                        state.acknowledge(Acknowledged::REVIEW)
                    }>"I have read this"</button>
                </section>
            }
        })
    }
}

/// Exercises a safety rule stopped for the rest of today, so the patient
/// sees why they are left out and what to do.
#[component]
fn StoppedToday() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stopped = move || {
        state.model.with(|m| {
            let stopped = m.stopped_today(clock::now().wall);
            let stops: Vec<(String, &'static str)> = stopped
                .stops
                .iter()
                .map(|s| (s.exercise_name.to_string(), s.change.label()))
                .collect();
            let also = stopped.all_directional.then(|| {
                stopped
                    .exercises
                    .iter()
                    .filter_map(|id| m.pack()?.exercise(id).map(|e| e.name.clone()))
                    .collect::<Vec<_>>()
            });
            (stops, also)
        })
    };
    move || {
        let (stops, also) = stopped();
        (!stops.is_empty()).then(|| {
            let items = stops
                .into_iter()
                .map(|(name, why)| view! { <li>{name} " (" {why.to_ascii_lowercase()} ")"</li> })
                .collect_view();
            let also = also.map(|names| {
                view! {
                    <p>
                        "It is a directional-preference exercise, so every exercise of that kind is stopped today too: "
                        {names.join(", ")} "."
                    </p>
                }
            });
            view! {
                <section class="card stopped" aria-labelledby="stopped-title">
                    <h2 id="stopped-title">"Stopped for today"</h2>
                    <p>
                        "Your symptoms were further down your leg, worse, or had a new nerve sign after these. Don't do them again today, and tell your physiotherapist. The routines below leave them out until tomorrow."
                    </p>
                    <ul>{items}</ul>
                    {also}
                </section>
            }
        })
    }
}

#[component]
fn RoutineCard(pack: Pack, routine: Routine) -> impl IntoView {
    let state = expect_context::<AppState>();
    let heading = format!("routine-{}", routine.id);
    let category = routine.category(&pack).map(|c| c.label());
    let stopped = Memo::new(move |_| state.stopped_today());
    let items = routine
        .items
        .iter()
        .filter_map(|item| {
            let exercise = pack.exercise(&item.exercise)?;
            let id = exercise.id.clone();
            let is_stopped = move || stopped.with(|s| s.contains(&id));
            Some(view! {
                <li class="exercise">
                    <h3>
                        {exercise.name.clone()}
                        <Show when=is_stopped.clone()>
                            <span class="tag stopped">" (stopped for today)"</span>
                        </Show>
                    </h3>
                    <p class="dose">{format::dose_line(item, exercise.kind)}</p>
                    // One tap away here (and shown in full during its set):
                    // every how-to at once made Home many screens long.
                    <HowToDisclosure exercise=exercise.clone() />
                </li>
            })
        })
        .collect_view();
    let exercises_label = format!("Exercises of {}", routine.title);
    let id = routine.id.clone();
    let labelled_by = heading.clone();
    let now = clock::now().wall;
    let checked = routine.clone();
    let all_stopped = move || state.model.with(|m| m.stopped_today(now).covers(&checked));
    let title = routine.title.clone();
    view! {
        <section class="card routine" aria-labelledby=labelled_by>
            <p class="category">{category}</p>
            <h2 id=heading>{routine.title.clone()}</h2>
            {routine.summary.clone().map(|s| view! { <p>{s}</p> })}
            {routine.schedule.as_ref().map(|s| view! { <p class="schedule">{format::capitalised(&s.describe())}</p> })}
            <ol class="exercises" aria-label=exercises_label>{items}</ol>
            <Show
                when=move || !all_stopped()
                fallback=|| view! {
                    <p class="stopped-note">
                        "Every exercise in this routine is stopped for today by a safety rule. Rest, and tell your physiotherapist."
                    </p>
                }
            >
                <button class="primary start" on:click={
                    let id = id.clone();
                    move |_| state.start(&id)
                }>
                    "Start " {title.clone()}
                </button>
            </Show>
        </section>
    }
}

/// The weekly PSFS question, until answered or put off for a week.
#[component]
fn ActivitiesDue() -> impl IntoView {
    let state = expect_context::<AppState>();
    let due = move || state.model.with(|m| m.psfs_due(clock::now().wall));
    let first = move || state.journal(|j| psfs::latest(j, u64::MAX).is_none());
    let later = move |_| {
        state.input(Input::Acknowledge {
            what: psfs::LATER.to_string(),
        })
    };
    view! {
        <Show when=due>
            <section class="card activities-due" aria-labelledby="activities-due">
                <h2 id="activities-due">"Your activities this week"</h2>
                <p>
                    {move || {
                        if first() {
                            "Score up to three everyday activities your back or leg makes hard. It takes a minute, once a week."
                        } else {
                            "How well can you do your activities this week? One tap each if nothing changed."
                        }
                    }}
                </p>
                <div class="actions">
                    <a class="button primary" href=Route::Activities.href()>"Score activities"</a>
                    <button on:click=later>"Not now"</button>
                </div>
            </section>
        </Show>
    }
}
