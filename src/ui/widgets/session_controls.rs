//! Pause / Resume, Skip and End, shown from the first set to the summary.

use crate::core::session::Event;
use crate::ui::state::AppState;
use leptos::prelude::*;

#[component]
pub fn SessionControls(
    /// What Skip skips, e.g. "Skip set".
    skip_label: &'static str,
    /// False where there is no clock to pause or nothing to skip (the
    /// check-in).
    #[prop(default = true)]
    active: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let paused = move || {
        state
            .session
            .with(|s| s.as_ref().is_some_and(|s| s.is_paused()))
    };
    let toggle = move |_| {
        state.send(if paused() {
            Event::Resume
        } else {
            Event::Pause
        });
    };
    view! {
        <div class="controls" role="group" aria-label="Session controls">
            <button class="primary" on:click=toggle disabled=!active>
                {move || if paused() { "Resume" } else { "Pause" }}
            </button>
            <button on:click=move |_| state.send(Event::Skip) disabled=move || !active || paused()>
                {skip_label}
            </button>
            <button class="danger" on:click=move |_| state.send(Event::End)>
                "End session"
            </button>
        </div>
    }
}
