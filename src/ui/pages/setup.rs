//! The first run: which leg, the emergency number, the warning-signs check
//! and a test of the cues, with the app saying once, plainly, that it does
//! not diagnose. Everything but the check can be changed later in Settings.

use crate::core::red_flags::{Tier, emergency_number_for, region_of};
use crate::core::settings::AffectedLeg;
use crate::platform::locale;
use crate::ui::pages::warning_signs::WarningCheckForm;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::widgets::{Choices, EmergencyNumber, RestoreButton, StartGateNotice};
use leptos::prelude::*;

#[component]
pub fn Setup() -> impl IntoView {
    let state = expect_context::<AppState>();
    let leg = RwSignal::new(state.settings_untracked().affected_leg);
    let number = RwSignal::new(state.settings_untracked().emergency_number);
    // Preselect the usual number of the browser's region, where known.
    if number.get_untracked().is_empty()
        && let Some(n) = locale::language_tags()
            .iter()
            .find_map(|t| region_of(t).and_then(emergency_number_for))
    {
        number.set(n.to_string());
    }
    let checked = RwSignal::new(false);
    let problem = RwSignal::new(None::<&'static str>);
    let on_saved = Callback::new(move |_: Option<Tier>| checked.set(true));
    let done = move |_| {
        let Some(affected) = leg.get_untracked() else {
            problem.set(Some("Choose which leg is affected."));
            return;
        };
        if !checked.get_untracked() {
            problem.set(Some(
                "Answer the warning-signs questions and save them first.",
            ));
            return;
        }
        let mut s = state.settings_untracked();
        s.affected_leg = Some(affected);
        s.emergency_number = number.get_untracked().trim().to_string();
        s.setup_done = true;
        state.save_settings(s);
        Route::Home.go();
    };
    let options = AffectedLeg::ALL
        .into_iter()
        .map(|l| (l, l.label()))
        .collect();
    view! {
        <h1 tabindex="-1">"Welcome to Centralise"</h1>
        <p class="safety-note">
            "Centralise guides the home exercises your physiotherapist gave you. It does not diagnose. If you are worried, contact a health professional."
        </p>
        <section class="card" aria-labelledby="you-title">
            <h2 id="you-title">"About your sciatica"</h2>
            <Choices
                name="affected-leg".to_string()
                legend="Which leg is affected?".to_string()
                options
                choice=leg
            />
            <Show when=move || leg.get() == Some(AffectedLeg::Both)>
                <p class="card stopped" role="status">
                    "Sciatica in both legs can be a warning sign. Please answer the warning-signs questions below now."
                </p>
            </Show>
            <EmergencyNumber
                id="setup-emergency-number"
                label="Emergency number (optional)"
                value=number
            />
        </section>
        <section class="card" aria-labelledby="setup-check-title">
            <h2 id="setup-check-title">"Warning signs"</h2>
            <p>
                "Some signs need emergency help now; others need a call to your GP or physiotherapist the same day. The list is always one tap away, under Warning signs."
            </p>
            <WarningCheckForm on_saved />
            <StartGateNotice />
        </section>
        <section class="card" aria-labelledby="setup-cues-title">
            <h2 id="setup-cues-title">"Cues"</h2>
            <p>
                "During a session the app talks, vibrates and beeps, so you can follow it lying face down."
            </p>
            <button on:click=move |_| state.test_cues()>"Test cues"</button>
        </section>
        <section class="card" aria-labelledby="setup-restore-title">
            <h2 id="setup-restore-title">"Moving from another phone?"</h2>
            <p>"If you made a backup file there, restore it here: your history and settings come with it."</p>
            <RestoreButton />
        </section>
        <p class="form-error" role="alert">
            {move || problem.get()}
        </p>
        <button class="primary start" on:click=done>
            "Done: show my exercises"
        </button>
    }
}
