//! "Log symptoms": a check-in on its own, for a flare-up or a rest day. It
//! is kept like any other (History, the charts, the report) and answered
//! as a session's would be: symptoms newly in both legs ask the
//! warning-signs questions, a weaker leg says to contact a clinician today.

use crate::core::app::{Input, Model};
use crate::core::session::Hold;
use crate::ui::pages::warning_signs::WarningCheckForm;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::widgets::CheckInForm;
use leptos::prelude::*;

#[component]
pub fn LogSymptoms() -> impl IntoView {
    let state = expect_context::<AppState>();
    let saved = RwSignal::new(false);
    // Start from the last check-in: usually only a little has changed.
    let initial = state.journal_untracked(|j| j.last_check_in().map(|c| c.answers));
    let on_save = Callback::new(move |(answers, note)| {
        state.input(Input::LogSymptoms { answers, note });
        saved.set(true);
    });
    on_cleanup(move || {
        if state.model.with_untracked(|m| m.logged().is_some()) {
            state.input(Input::CloseLogged);
        }
    });
    let logged = move || state.model.with(Model::logged).unwrap_or_default();
    view! {
        <h1 tabindex="-1">"Log symptoms"</h1>
        <Show
            when=move || saved.get()
            fallback=move || {
                view! {
                    <p>
                        "For a flare-up or a rest day: where your leg symptoms reach now and how bad they are. It goes into your History and the report for your physiotherapist."
                    </p>
                    <CheckInForm initial on_save />
                }
            }
        >
            <p role="status" class="card">"Saved. You can see it in your History."</p>
            <Show when=move || logged().warning_signs>
                <p class="card stopped hold" role="alert">{Hold::WarningSigns.message()}</p>
                <WarningCheckForm />
            </Show>
            <Show when=move || logged().urgent>
                <p class="card stopped hold" role="alert">{Hold::Urgent.message()}</p>
            </Show>
            <p>
                <a class="button" href=Route::Home.href()>"Back to Home"</a>
            </p>
        </Show>
    }
}
