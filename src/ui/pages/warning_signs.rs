//! The warning signs that need emergency or same-day care, one tap from
//! every page: the list first, then the check questions.

use crate::core::app::Model;
use crate::core::gate::StartGate;
use crate::core::red_flags::{RED_FLAGS, Tier, call_advice, of_tier};
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::widgets::{Choices, StartGateNotice};
use leptos::prelude::*;

#[component]
pub fn WarningSigns() -> impl IntoView {
    let state = expect_context::<AppState>();
    let in_session = move || state.model.with(Model::session_running);
    let list = |tier| {
        of_tier(tier)
            .map(|f| view! { <li>{f.sign}</li> })
            .collect_view()
    };
    let advice = move || state.settings(|s| call_advice(Some(s.emergency_number.as_str())));
    view! {
        <h1 tabindex="-1">"Warning signs"</h1>
        <section class="card emergency" aria-labelledby="emergency-title">
            <h2 id="emergency-title">"Get emergency help now"</h2>
            <p>"Stop exercising. " {advice} " Do this if you have any of these:"</p>
            <ul>{list(Tier::Emergency)}</ul>
        </section>
        <section class="card urgent" aria-labelledby="urgent-title">
            <h2 id="urgent-title">"Contact your GP or physiotherapist today"</h2>
            <p>"Call your GP, an urgent care line or your physiotherapist today if:"</p>
            <ul>{list(Tier::Urgent)}</ul>
        </section>
        <p>"This app does not diagnose. If you are worried, contact a health professional."</p>
        <StartGateNotice />
        {move || pending_notice(state)}
        <Show when=in_session>
            <a class="button primary" href=Route::Session.href()>
                "Back to your session"
            </a>
        </Show>
        <WarningCheckForm />
    }
}

/// A routine waits for the check: say so, or, once what the last check asks
/// is done, offer to start it.
fn pending_notice(state: AppState) -> Option<AnyView> {
    let routine = state
        .model
        .with(|m| m.pending_start().map(str::to_string))?;
    let title = state.pack(|p| p?.routine(&routine).map(|r| r.title.clone()))?;
    Some(match state.start_gate() {
        StartGate::Open => view! {
            <p>
                <button class="primary start" on:click=move |_| state.start(&routine)>
                    "Start " {title}
                </button>
            </p>
        }
        .into_any(),
        StartGate::CheckDue => view! {
            <p class="card stopped" role="status">
                "Before your session, please answer these questions. Your routine starts when you save, unless you answer yes to any of them."
            </p>
        }
        .into_any(),
        StartGate::UrgentUnread { .. } | StartGate::Emergency { .. } => ().into_any(),
    })
}

/// The check: every sign as a yes/no question, "No" a clear answer of its
/// own and nothing answered in advance.
#[component]
pub fn WarningCheckForm(
    /// Called with the outcome once the answers are saved.
    #[prop(optional)]
    on_saved: Option<Callback<Option<Tier>>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let answers: Vec<RwSignal<Option<bool>>> =
        RED_FLAGS.iter().map(|_| RwSignal::new(None)).collect();
    let result = RwSignal::new(None::<Option<Tier>>);
    let missing = RwSignal::new(false);
    let questions = RED_FLAGS
        .iter()
        .zip(answers.iter().copied())
        .map(|(flag, choice)| {
            view! {
                <Choices
                    name=format!("flag-{}", flag.id)
                    legend=flag.question.to_string()
                    options=vec![(false, "No"), (true, "Yes")]
                    choice
                />
            }
        })
        .collect_view();
    let all = answers.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let given: Option<Vec<bool>> = all.iter().map(|a| a.get_untracked()).collect();
        let Some(given) = given else {
            missing.set(true);
            return;
        };
        missing.set(false);
        let yes = RED_FLAGS
            .iter()
            .zip(given)
            .filter(|(_, yes)| *yes)
            .map(|(f, _)| f.id.to_string())
            .collect();
        let outcome = state.warning_check(yes);
        result.set(Some(outcome));
        if let Some(cb) = on_saved {
            cb.run(outcome);
        }
    };
    let outcome = move || {
        result.get().map(|r| match r {
            Some(Tier::Emergency) => "You answered yes to an emergency sign: get help now.",
            Some(Tier::Urgent) => "You answered yes to a sign that needs checking today.",
            None => "Thank you. You have none of the warning signs: carry on with your exercises.",
        })
    };
    view! {
        <section class="card" aria-labelledby="check-title">
            <h2 id="check-title">"Check now"</h2>
            <p>"Answer each question for how you are today."</p>
            <form class="check-in" on:submit=submit novalidate>
                {questions}
                <p class="form-error" role="alert">
                    {move || missing.get().then_some("Answer every question, then save.")}
                </p>
                <button type="submit" class="primary">
                    "Save answers"
                </button>
            </form>
            <p class="check-result" role="status">
                {outcome}
            </p>
        </section>
    }
}
