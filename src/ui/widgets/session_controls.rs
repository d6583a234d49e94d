//! Pause / Resume, the skips, Back and End, shown from the first set to the
//! summary. Space pauses and resumes too.

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
    /// During the exercise itself: offers "Symptoms spreading".
    #[prop(default = false)]
    exercising: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let paused = move || state.session(|s| s.is_some_and(|s| s.is_paused()));
    let toggle = move || {
        state.send(if paused() {
            Event::Resume
        } else {
            Event::Pause
        })
    };
    // Space pauses and resumes wherever the focus is, even on another
    // button (which Enter still activates): the patient need not find the
    // Pause button. Form fields keep their own use of space.
    let space = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_field = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if active && ev.key() == " " && !in_field {
            ev.prevent_default();
            if !ev.repeat() {
                toggle();
            }
        }
    });
    on_cleanup(move || space.remove());
    let stopped = move || !active || paused();
    let spreading = exercising.then(|| {
        view! {
            <button class="danger spreading" on:click=move |_| state.send(Event::Spreading)>
                "Symptoms spreading"
            </button>
            <p class="hint">
                "If pain, tingling or numbness spreads further down your leg, stop now: tap this."
            </p>
        }
    });
    view! {
        {spreading}
        <div class="controls" role="group" aria-label="Session controls">
            <button class="primary" on:click=move |_| toggle() disabled=!active>
                {move || if paused() { "Resume" } else { "Pause" }}
            </button>
            <button on:click=move |_| state.send(Event::Skip) disabled=stopped>
                {skip_label}
            </button>
        </div>
        <div class="controls secondary" role="group" aria-label="More session controls">
            <button on:click=move |_| state.send(Event::Back) disabled=stopped>
                "Back one set"
            </button>
            <button on:click=move |_| state.send(Event::SkipExercise) disabled=stopped>
                "Skip exercise"
            </button>
            <button class="danger" on:click=move |_| state.send(Event::End)>
                "End session"
            </button>
        </div>
        <p class="hint keys">"Keyboard: the space bar pauses and resumes."</p>
    }
}
