//! The guided session: one screen per phase.

use crate::core::journal::Outcome;
use crate::core::pack::Exercise;
use crate::core::session::{Event, Phase, Session};
use crate::core::symptoms::{Answers, compare};
use crate::ui::format;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::widgets::{CheckInForm, SessionControls, UnfinishedSession};
use leptos::prelude::*;

/// Which screen to show. Changes only at phase boundaries, so the page is
/// not rebuilt on every tick or pause (which would reset a half-filled
/// form).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Screen {
    NoSession,
    Baseline,
    GetReady(usize),
    Exercise(usize),
    CheckIn(usize),
    Rest(usize),
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
        Phase::Exercise { set, .. } => Screen::Exercise(set),
        Phase::CheckIn { set } => Screen::CheckIn(set),
        Phase::Rest { next, .. } => Screen::Rest(next),
        Phase::Interrupted { .. } => Screen::Interrupted,
        Phase::Finished { outcome } => Screen::Finished(outcome),
    }
}

#[component]
pub fn SessionPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = Memo::new(move |_| state.session.with(|s| screen(s.as_ref())));
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
        Screen::GetReady(set) => view! { <GetReady set /> }.into_any(),
        Screen::Exercise(set) => view! { <ExerciseSet set /> }.into_any(),
        Screen::CheckIn(set) => view! { <AfterSet set /> }.into_any(),
        Screen::Rest(next) => view! { <Rest next /> }.into_any(),
        Screen::Finished(outcome) => view! { <Summary outcome /> }.into_any(),
    }
}

/// Reads something from the session in progress (untracked: these values
/// are fixed for the life of a screen).
fn with_session<T>(state: AppState, f: impl FnOnce(&Session) -> T) -> Option<T> {
    state.session.with_untracked(|s| s.as_ref().map(f))
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
    let previous = state
        .journal
        .with_untracked(|j| j.last_check_in().map(|c| c.answers));
    let title = with_session(state, |s| s.routine_title.clone()).unwrap_or_default();
    let save = Callback::new(move |a: Answers| state.send(Event::CheckIn(a)));
    view! {
        <p class="eyebrow">{title}</p>
        <h1 tabindex="-1">"Before you start: how are your symptoms now?"</h1>
        <p>"This is your starting point. After each set the app asks again and compares."</p>
        <CheckInForm initial=previous on_save=save />
    }
}

/// The remaining time of the running phase, for a `role="timer"` element.
fn remaining(state: AppState) -> impl Fn() -> String + Send + Sync {
    move || {
        let now = state.now.get();
        state
            .session
            .with(|s| s.as_ref().and_then(|s| s.remaining_ms(now)))
            .map(format::countdown)
            .unwrap_or_default()
    }
}

fn paused_note(state: AppState) -> impl Fn() -> Option<&'static str> + Send + Sync {
    move || {
        state
            .session
            .with(|s| s.as_ref().is_some_and(|s| s.is_paused()))
            .then_some("Paused")
    }
}

/// How the last check-in compared with the one before it.
fn change_note(state: AppState) -> Option<impl IntoView> {
    let change = with_session(state, |s| s.last_change).flatten()?;
    Some(view! {
        <p class="change" role="status" data-change=change.label()>
            {change.message()}
        </p>
    })
}

#[component]
fn Steps(exercise: Option<Exercise>) -> impl IntoView {
    exercise.map(|e| {
        let steps = e
            .steps
            .into_iter()
            .map(|s| view! { <li>{s}</li> })
            .collect_view();
        view! { <ol class="steps">{steps}</ol> }
    })
}

#[component]
fn GetReady(set: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (exercise, label) = set_of(state, set);
    let name = exercise.as_ref().map(|e| e.name.clone());
    view! {
        {change_note(state)}
        <p class="eyebrow">"Get ready"</p>
        <h1 tabindex="-1">{name}</h1>
        <p class="set-label">{label}</p>
        <p class="big-timer" role="timer" aria-label="Time to get ready">{remaining(state)}</p>
        <p class="paused">{paused_note(state)}</p>
        <Steps exercise />
        <SessionControls skip_label="Skip get ready" />
    }
}

#[component]
fn ExerciseSet(set: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (exercise, label) = set_of(state, set);
    let name = exercise.as_ref().map(|e| e.name.clone());
    let repetition = move || {
        let now = state.now.get();
        state
            .session
            .with(|s| s.as_ref().and_then(|s| s.repetition(now)))
    };
    let counter = move || match repetition() {
        Some((rep, of)) => view! {
            <p class="big-count">
                <span class="visually-hidden">"Repetition "</span>
                {rep}
                <span class="of">" of " {of}</span>
            </p>
            <p class="time-left">"Time left in this set: " {remaining(state)}</p>
        }
        .into_any(),
        None => view! {
            <p class="big-timer" role="timer" aria-label="Time left in this set">
                {remaining(state)}
            </p>
        }
        .into_any(),
    };
    view! {
        <p class="eyebrow">"Exercise"</p>
        <h1 tabindex="-1">{name}</h1>
        <p class="set-label">{label}</p>
        {counter}
        <p class="paused">{paused_note(state)}</p>
        <Steps exercise />
        <SessionControls skip_label="Skip set" />
    }
}

#[component]
fn AfterSet(set: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (exercise, label) = set_of(state, set);
    let previous = with_session(state, |s| s.last_answers).flatten();
    let save = Callback::new(move |a: Answers| state.send(Event::CheckIn(a)));
    view! {
        <p class="eyebrow">
            "Set done: " {exercise.map(|e| e.name)} ", " {label.to_lowercase()}
        </p>
        <h1 tabindex="-1">"How are your symptoms now?"</h1>
        <CheckInForm initial=previous on_save=save />
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
        <p class="paused">{paused_note(state)}</p>
        <p class="next">"Next: " {next_name} ", " {label.to_lowercase()}</p>
        <SessionControls skip_label="Skip rest" />
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
    };
    view! {
        <h1 tabindex="-1">{title}</h1>
        <p class="summary-count">
            {format!("You did {done} of {planned} sets. Everything you recorded is saved.")}
        </p>
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
