//! The guided session: one screen per phase.

use crate::core::journal::Outcome;
use crate::core::pack::{Dose, Exercise};
use crate::core::session::{Event, Hold, Phase, Session};
use crate::core::symptoms::{Answers, Side, compare};
use crate::ui::format;
use crate::ui::pages::warning_signs::WarningCheckForm;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::widgets::{CheckInForm, HowTo, SessionControls, UnfinishedSession};
use leptos::prelude::*;

/// Which screen to show. Changes only at phase boundaries, so the page is
/// not rebuilt on every tick or pause (which would reset a half-filled
/// form).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Screen {
    NoSession,
    Baseline,
    GetReady(usize),
    Exercise(usize, Option<Side>),
    SwitchSides(usize),
    CheckIn(usize),
    Rest(usize),
    /// Held after set (or the baseline), showing this hold (or, once all
    /// are read, the choice to carry on or end).
    Held(Option<usize>, Option<Hold>),
    Interrupted,
    Finished(Outcome),
}

fn screen(session: Option<&Session>) -> Screen {
    let Some(s) = session else {
        return Screen::NoSession;
    };
    match s.phase {
        Phase::Baseline => Screen::Baseline,
        Phase::GetReady { set, .. } => Screen::GetReady(set),
        Phase::Exercise { set, side, .. } => Screen::Exercise(set, side),
        Phase::SwitchSides { set, .. } => Screen::SwitchSides(set),
        Phase::CheckIn { set } => Screen::CheckIn(set),
        Phase::Rest { next, .. } => Screen::Rest(next),
        Phase::Held { set } => Screen::Held(set, s.holds.first().copied()),
        Phase::Interrupted { .. } => Screen::Interrupted,
        Phase::Finished { outcome } => Screen::Finished(outcome),
    }
}

#[component]
pub fn SessionPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = Memo::new(move |_| state.session(screen));
    move || match current.get() {
        Screen::Interrupted => view! {
            <h1 tabindex="-1">"Welcome back"</h1>
            <UnfinishedSession />
        }
        .into_any(),
        Screen::NoSession => view! {
            <h1 tabindex="-1">"No session running"</h1>
            <p>"Choose a routine to start, or resume an unfinished one, on the home page."</p>
            <a class="button primary" href=Route::Home.href()>"Go to your exercises"</a>
        }
        .into_any(),
        Screen::Baseline => view! { <Baseline /> }.into_any(),
        Screen::GetReady(set) => view! { <TimedSet set getting_ready=true side=None /> }.into_any(),
        Screen::Exercise(set, side) => {
            view! { <TimedSet set getting_ready=false side /> }.into_any()
        }
        Screen::SwitchSides(set) => view! { <SwitchSides set /> }.into_any(),
        Screen::CheckIn(set) => view! { <AfterSet set /> }.into_any(),
        Screen::Rest(next) => view! { <Rest next /> }.into_any(),
        Screen::Held(_, Some(hold)) => view! { <HoldNotice hold /> }.into_any(),
        Screen::Held(_, None) => view! { <AfterHold /> }.into_any(),
        Screen::Finished(outcome) => view! { <Summary outcome /> }.into_any(),
    }
}

/// Reads something from the session in progress (untracked: these values
/// are fixed for the life of a screen).
fn with_session<T>(state: AppState, f: impl FnOnce(&Session) -> T) -> Option<T> {
    state.session_untracked(|s| s.map(f))
}

/// "Set 2 of 3" for the exercise of plan entry `set`.
fn set_of(state: AppState, set: usize) -> (Option<Exercise>, String) {
    with_session(state, |s| {
        let p = &s.plan[set];
        (
            s.exercise_of(set).cloned(),
            format!(
                "Set {} of {}: {}",
                p.number,
                p.of,
                p.dose.describe(s.exercises[p.exercise].kind)
            ),
        )
    })
    .unwrap_or((None, String::new()))
}

#[component]
fn Baseline() -> impl IntoView {
    let state = expect_context::<AppState>();
    let previous = state.journal_untracked(|j| j.last_check_in().map(|c| c.answers));
    let title = with_session(state, |s| s.routine_title.clone()).unwrap_or_default();
    let save = Callback::new(move |(a, note): (Answers, Option<String>)| {
        state.send(Event::CheckIn(a, note))
    });
    view! {
        <p class="eyebrow">{title}</p>
        <h1 tabindex="-1">"Before you start: how are your symptoms now?"</h1>
        <p>"This is your starting point. After each set the app asks again and compares."</p>
        <p class="test-cues">
            "The app talks you through each set, with sounds and vibration. "
            <button on:click=move |_| state.test_cues()>"Test cues"</button>
        </p>
        <CheckInForm initial=previous on_save=save />
    }
}

/// The remaining time of the running phase, for a `role="timer"` element.
fn remaining(state: AppState) -> impl Fn() -> String + Send + Sync {
    move || {
        let now = state.now.get();
        state
            .session(|s| s.and_then(|s| s.remaining_ms(now)))
            .map(format::countdown)
            .unwrap_or_default()
    }
}

fn paused_note(state: AppState) -> impl Fn() -> Option<&'static str> + Send + Sync {
    move || {
        state
            .session(|s| s.is_some_and(|s| s.is_paused()))
            .then_some("Paused")
    }
}

/// How the last check-in compared with the one before it.
fn change_note(state: AppState) -> Option<impl IntoView> {
    // A stopping change was shown, and read, as a hold.
    let change = with_session(state, |s| s.last_change)
        .flatten()
        .filter(|c| !c.stops_exercise())?;
    Some(view! {
        <p class="change" role="status" data-change=change.label()>
            {change.message()}
        </p>
    })
}

/// Getting ready for a set, or doing it: the exercise, its steps, and a
/// countdown (or, for repetitions, the paced count).
#[component]
fn TimedSet(set: usize, getting_ready: bool, side: Option<Side>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (exercise, label) = set_of(state, set);
    let name = exercise.as_ref().map(|e| e.name.clone());
    let counted = !getting_ready
        && with_session(state, |s| {
            matches!(s.plan[set].dose, Dose::Repetitions { .. })
        })
        .unwrap_or(false);
    let repetition = move || {
        let now = state.now.get();
        state
            .session(|s| s.and_then(|s| s.repetition(now)))
            .map_or(0, |(rep, _)| rep)
    };
    let total = with_session(state, |s| match s.plan[set].dose {
        Dose::Repetitions { count, .. } => count,
        Dose::Seconds { .. } => 0,
    })
    .unwrap_or(0);
    let counter = if counted {
        view! {
            <p class="big-count">
                <span class="visually-hidden">"Repetition "</span>
                {repetition}
                <span class="of">" of " {total}</span>
            </p>
            <p class="time-left">"Time left in this set: " {remaining(state)}</p>
        }
        .into_any()
    } else {
        let what = if getting_ready {
            "Time to get ready"
        } else {
            "Time left in this set"
        };
        view! {
            <p class="big-timer" role="timer" aria-label=what>
                {remaining(state)}
            </p>
        }
        .into_any()
    };
    let (eyebrow, skip_label) = if getting_ready {
        ("Get ready", "Skip get ready")
    } else {
        ("Exercise", "Skip set")
    };
    view! {
        {getting_ready.then(|| change_note(state))}
        <p class="eyebrow">{eyebrow}</p>
        <h1 tabindex="-1">{name}</h1>
        <p class="set-label">{label}</p>
        {side.map(|s| view! { <p class="side">{s.label()} " side"</p> })}
        {counter}
        <Announcer />
        <p class="paused">{paused_note(state)}</p>
        {exercise.map(|exercise| view! { <HowTo exercise /> })}
        <SessionControls skip_label exercising=!getting_ready />
    }
}

#[component]
fn SwitchSides(set: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (exercise, label) = set_of(state, set);
    view! {
        <p class="eyebrow">{exercise.map(|e| e.name)} ", " {label.to_ascii_lowercase()}</p>
        <h1 tabindex="-1">"Switch sides"</h1>
        <p class="big-timer" role="timer" aria-label="Time to switch sides">
            {remaining(state)}
        </p>
        <p class="paused">{paused_note(state)}</p>
        <p class="next">"Next: the right side."</p>
        <SessionControls skip_label="Skip switching time" exercising=true />
    }
}

/// Tells screen-reader users how long is left, politely and not every
/// second: at each half minute and at ten seconds.
#[component]
fn Announcer() -> impl IntoView {
    let state = expect_context::<AppState>();
    let said = Memo::new(move |previous: Option<&String>| {
        let now = state.now.get();
        let left = state.session(|s| s.and_then(|s| s.remaining_ms(now)));
        left.and_then(|ms| format::spoken_remaining(ms.div_ceil(1000)))
            .or_else(|| previous.cloned())
            .unwrap_or_default()
    });
    view! {
        <p class="visually-hidden" aria-live="polite">
            {move || said.get()}
        </p>
    }
}

#[component]
fn AfterSet(set: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (exercise, label) = set_of(state, set);
    let previous = with_session(state, |s| s.last_answers).flatten();
    let save = Callback::new(move |(a, note): (Answers, Option<String>)| {
        state.send(Event::CheckIn(a, note))
    });
    view! {
        <p class="eyebrow">
            "Set done: " {exercise.map(|e| e.name)} ", " {label.to_ascii_lowercase()}
        </p>
        <h1 tabindex="-1">"How are your symptoms now?"</h1>
        <CheckInForm initial=previous after_set=true on_save=save />
        <SessionControls skip_label="Skip" active=false />
    }
}

#[component]
fn Rest(next: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (exercise, label) = set_of(state, next);
    let next_name = exercise.map(|e| e.name).unwrap_or_default();
    view! {
        {change_note(state)}
        <h1 tabindex="-1">"Rest"</h1>
        <p class="big-timer" role="timer" aria-label="Rest time left">{remaining(state)}</p>
        <Announcer />
        <p class="paused">{paused_note(state)}</p>
        <p class="next">"Next: " {next_name} ", " {label.to_ascii_lowercase()}</p>
        <SessionControls skip_label="Skip rest" />
    }
}

/// What the patient must read (or answer) before anything moves: shown,
/// and spoken by the core's cue as it appears.
#[component]
fn HoldNotice(hold: Hold) -> impl IntoView {
    let state = expect_context::<AppState>();
    let title = match hold {
        Hold::WarningSigns => "Symptoms in both legs",
        Hold::Urgent => "Contact your GP or physiotherapist today",
        Hold::Stopped { .. } => "Stop this exercise for today",
    };
    let stopped_names = with_session(state, |s| {
        s.stopped
            .iter()
            .map(|&i| s.exercises[i].name.clone())
            .collect::<Vec<_>>()
    })
    .unwrap_or_default();
    let detail = match hold {
        Hold::Stopped { .. } => Some(view! {
            <p>"Stopped for the rest of today:"</p>
            <ul>{stopped_names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
        }),
        _ => None,
    };
    let read = move |_| state.send(Event::Acknowledge);
    let action = match hold {
        Hold::WarningSigns => view! { <WarningCheckForm /> }.into_any(),
        Hold::Urgent | Hold::Stopped { .. } => view! {
            <button class="primary" on:click=read>"I have read this"</button>
        }
        .into_any(),
    };
    view! {
        <p class="eyebrow">"Session paused"</p>
        <h1 tabindex="-1">{title}</h1>
        <p class="card stopped hold" role="alert" data-hold=hold_key(hold)>{hold.message()}</p>
        {detail}
        {action}
    }
}

fn hold_key(hold: Hold) -> &'static str {
    match hold {
        Hold::WarningSigns => "warning-signs",
        Hold::Urgent => "urgent",
        Hold::Stopped { .. } => "stopped",
    }
}

/// Every hold read: carry on with what a safety rule left, or end.
#[component]
fn AfterHold() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (next, stopped_any) = with_session(state, |s| (s.next_after_hold(), !s.stopped.is_empty()))
        .unwrap_or((None, false));
    let carry_on = next.map(|set| {
        let name = with_session(state, |s| s.exercise_of(set).map(|e| e.name.clone()))
            .flatten()
            .unwrap_or_default();
        let label = if stopped_any {
            "Continue with the other exercises"
        } else {
            "Continue the session"
        };
        view! {
            <button class="primary" on:click=move |_| state.send(Event::Continue)>
                {label}
            </button>
            <p class="next">"Next: " {name}</p>
        }
    });
    let note = if next.is_some() {
        "You can carry on with what is left, or end the session here. Everything you recorded is saved."
    } else {
        "Nothing else is left in this session today. Everything you recorded is saved."
    };
    view! {
        <p class="eyebrow">"Session paused"</p>
        <h1 tabindex="-1">"What would you like to do?"</h1>
        <p>{note}</p>
        <div class="actions">
            {carry_on}
            <button class="danger" on:click=move |_| state.send(Event::End)>
                "End session"
            </button>
        </div>
    }
}

#[component]
fn Summary(outcome: Outcome) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (done, planned, overall) = with_session(state, |s| {
        let overall = s.baseline.zip(s.last_answers).map(|(b, l)| compare(&b, &l));
        (
            s.sets_done,
            s.plan.len(),
            overall.filter(|_| s.check_ins > 1),
        )
    })
    .unwrap_or((0, 0, None));
    let title = match outcome {
        Outcome::Completed => "Session complete",
        Outcome::EndedEarly => "Session ended",
        Outcome::TimedOut => "Session closed",
    };
    view! {
        <h1 tabindex="-1">{title}</h1>
        <p class="summary-count">
            {format!("You did {done} of {planned} sets. Everything you recorded is saved.")}
        </p>
        {with_session(state, |s| s.last_change)
            .flatten()
            .filter(|c| c.stops_exercise())
            .map(|c| {
                view! {
                    <p class="change" role="status" data-change=c.label()>
                        {c.message()}
                    </p>
                }
            })}
        {overall
            .map(|c| {
                view! {
                    <p class="change" data-change=c.label()>
                        "Since you started: " {c.message()}
                    </p>
                }
            })}
        <div class="actions">
            <button class="primary" on:click=move |_| state.close_summary()>
                "Done"
            </button>
            <a class="button" href=Route::History.href()>
                "See all your sets"
            </a>
        </div>
    }
}
