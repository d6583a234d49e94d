//! The warning signs that need emergency or same-day care, one tap from
//! every page.

use crate::core::session::Phase;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use leptos::prelude::*;

const EMERGENCY: &[&str] = &[
    "Numbness or tingling between your legs, around your bottom or genitals, or when you wipe.",
    "Trouble starting or stopping peeing, not feeling the need to pee or poo, or leaking.",
    "Sciatica in both legs, or weakness or numbness in both legs that is severe or getting worse.",
    "A new change in your sexual function.",
];

const URGENT: &[&str] = &[
    "Your foot or leg is getting weaker: the foot slaps or catches when you walk, or you can no \
     longer rise onto your toes on that side.",
    "Numbness that is spreading.",
];

#[component]
pub fn WarningSigns() -> impl IntoView {
    let state = expect_context::<AppState>();
    let in_session = move || {
        state.session.with(|s| {
            s.as_ref().is_some_and(|s| {
                !matches!(s.phase, Phase::Finished { .. } | Phase::Interrupted { .. })
            })
        })
    };
    let list = |items: &'static [&'static str]| {
        items.iter().map(|i| view! { <li>{*i}</li> }).collect_view()
    };
    view! {
        <h1 tabindex="-1">"Warning signs"</h1>
        <section class="card emergency" aria-labelledby="emergency-title">
            <h2 id="emergency-title">"Get emergency help now"</h2>
            <p>
                "Stop exercising. Call your local emergency number, for example 112 or 999, or go to the emergency department if you have any of these:"
            </p>
            <ul>{list(EMERGENCY)}</ul>
        </section>
        <section class="card urgent" aria-labelledby="urgent-title">
            <h2 id="urgent-title">"Contact your GP or physiotherapist today"</h2>
            <p>"Call your GP, an urgent care line or your physiotherapist today if:"</p>
            <ul>{list(URGENT)}</ul>
        </section>
        <p>"This app does not diagnose. If you are worried, contact a health professional."</p>
        <Show when=in_session>
            <a class="button primary" href=Route::Session.href()>
                "Back to your session"
            </a>
        </Show>
    }
}
