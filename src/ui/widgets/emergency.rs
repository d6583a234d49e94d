//! The emergency advice after an emergency-tier answer. It is an
//! `alertdialog` that a stray tap cannot close: the patient first ticks that
//! they have read it.

use crate::core::app::Input;
use crate::core::red_flags::call_advice;
use crate::ui::state::AppState;
use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn EmergencyDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let read = RwSignal::new(false);
    let dialog = NodeRef::<Div>::new();
    // Screen readers and keyboards start inside the dialog.
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            let _ = el.focus();
        }
    });
    let advice = move || state.settings(|s| call_advice(Some(s.emergency_number.as_str())));
    let close = move |_| {
        state.input(Input::CloseEmergency);
        read.set(false);
    };
    view! {
        <div class="backdrop">
            <div
                class="dialog emergency"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby="emergency-dialog-title"
                aria-describedby="emergency-dialog-advice"
                tabindex="-1"
                node_ref=dialog
            >
                <h2 id="emergency-dialog-title">"Get emergency help now"</h2>
                <p id="emergency-dialog-advice">
                    <strong>"Stop exercising. " {advice}</strong>
                </p>
                <p>
                    "What you answered can be a sign of pressure on the nerves at the bottom of the spine, which needs treatment straight away. Your session has been stopped; everything you recorded is saved."
                </p>
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || read.get()
                        on:change=move |_| read.update(|r| *r = !*r)
                    />
                    <span>"I have read this and I am getting help"</span>
                </label>
                <button class="primary" on:click=close disabled=move || !read.get()>
                    "Close"
                </button>
            </div>
        </div>
    }
}
