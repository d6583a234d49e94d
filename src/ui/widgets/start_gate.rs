//! What the last warning-signs check still asks of the patient before a
//! session may start (the rule is `core::gate::start_gate`): the urgent
//! advice to read, or the emergency advice while an emergency answer
//! stands.

use crate::core::gate::StartGate;
use crate::core::journal::Acknowledged;
use crate::core::red_flags::{URGENT_ADVICE, call_advice};
use crate::ui::format;
use crate::ui::state::AppState;
use leptos::prelude::*;

#[component]
pub fn StartGateNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        match state.start_gate() {
        StartGate::UrgentUnread { .. } => Some(
            view! {
                <section class="card urgent" role="alert" aria-labelledby="urgent-advice-title">
                    <h2 id="urgent-advice-title">"Read this first: contact your GP or physiotherapist today"</h2>
                    <p>{URGENT_ADVICE}</p>
                    <button on:click=move |_| state.acknowledge(Acknowledged::URGENT)>
                        "I have read this"
                    </button>
                </section>
            }
            .into_any(),
        ),
        StartGate::Emergency { check_at } => {
            let advice = state.settings(|s| call_advice(Some(s.emergency_number.as_str())));
            Some(
                view! {
                    <section class="card emergency" role="alert" aria-labelledby="emergency-block-title">
                        <h2 id="emergency-block-title">"Your last check: get emergency help now"</h2>
                        <p>
                            {format!(
                                "At your warning-signs check on {} you answered yes to an emergency sign. ",
                                format::date_time(check_at),
                            )}
                            {advice}
                        </p>
                        <p>"No exercise starts until a new check has no emergency answer."</p>
                    </section>
                }
                .into_any(),
            )
        }
        StartGate::Open | StartGate::CheckDue => None,
    }
    }
}
