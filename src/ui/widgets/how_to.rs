//! How to do an exercise, as the pack says: where to start, the steps,
//! what to feel and when to stop. On Home and during the set itself.

use super::Disclosure;
use crate::core::pack::Exercise;
use leptos::prelude::*;

#[component]
pub fn HowTo(exercise: Exercise) -> impl IntoView {
    let advice = |label: &'static str, text: Option<String>, class: &'static str| {
        text.map(|t| view! { <p class=class><strong>{label}</strong>" "{t}</p> })
    };
    let steps = exercise
        .steps
        .into_iter()
        .map(|s| view! { <li>{s}</li> })
        .collect_view();
    view! {
        {advice("Start position:", exercise.starting_position, "advice")}
        <ol class="steps">{steps}</ol>
        {advice("You should feel:", exercise.feel, "advice")}
        {advice("Stop if:", exercise.stop_if, "advice stop-if")}
    }
}

/// The how-to, one tap away: beside each exercise of a routine's card.
#[component]
pub fn HowToDisclosure(exercise: Exercise) -> impl IntoView {
    view! {
        <Disclosure class="how-to" summary=format!("How to do {}", exercise.name)>
            <HowTo exercise=exercise.clone() />
        </Disclosure>
    }
}
