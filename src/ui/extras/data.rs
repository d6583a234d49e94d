//! Backing up and restoring, in the on-demand module: the backup file's
//! JSON (every record written out) and reading one back are large and
//! rarely used. Both work from what is stored (`platform::driver`), plus
//! what the app could not store yet (storage full), which it hands over.

use super::{DATA_EVENT, tell_app};
use crate::core::app::Input;
use crate::core::export::backup;
use crate::core::settings::Settings;
use crate::platform::driver;
use crate::ui::format;
use crate::ui::widgets::FileButton;
use leptos::prelude::*;

pub use driver::back_up;

/// What a restore did, in words, and the backup's settings when they
/// differ from these and the patient should choose.
struct Said {
    said: String,
    settings: Option<Settings>,
}

/// Restores a backup file; tells the app what changed.
fn restore(name: &str, text: &str) -> Result<Said, String> {
    let file = backup::parse(text, name)?;
    let result = driver::restore(file);
    tell_app(DATA_EVENT);
    let (restored, not_stored) = result?;
    if not_stored > 0 {
        return Err(format!(
            "{} of {} restored: this device's storage is full. Restore the same file again when \
             there is room; nothing is added twice",
            restored.added - not_stored,
            restored.added,
        ));
    }
    let mut said = format!(
        "Restored {} from {name}",
        format::count(restored.added, "record", "records")
    );
    if restored.already > 0 {
        said.push_str(&format!("; {} were already here", restored.already));
    }
    if restored.packs > 0 {
        let packs = format::count(restored.packs, "exercise pack", "exercise packs");
        said.push_str(&format!(", and {packs}"));
    }
    said.push('.');
    Ok(Said {
        said,
        settings: restored.settings,
    })
}

/// "Restore from a backup file": in Settings, and on the first run for a
/// new phone.
#[component]
pub fn RestoreFromFile() -> impl IntoView {
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let question = RwSignal::new(None::<Settings>);
    let chosen = Callback::new(move |read: Result<(String, String), String>| {
        let done = read.and_then(|(name, text)| restore(&name, &text));
        outcome.set(Some(done.map(|r| {
            question.set(r.settings);
            r.said
        })));
    });
    let answer = move |yes: bool| {
        if let Some(s) = question.get_untracked().filter(|_| yes) {
            if let Err(e) = driver::change(Input::SaveSettings(s)) {
                outcome.set(Some(Err(e)));
            }
            tell_app(DATA_EVENT);
        }
        question.set(None);
    };
    let outcome_view = move || {
        outcome.get().map(|o| match o {
            Ok(said) => view! { <p class="done" role="status">{said}</p> }.into_any(),
            Err(e) => view! {
                <p class="error" role="alert">"This file could not be restored: " {e}</p>
            }
            .into_any(),
        })
    };
    let settings_question = move || {
        question.get().map(|_| {
            view! {
                <div class="question" role="group" aria-labelledby="restored-settings">
                    <p id="restored-settings">
                        "The backup has different settings (cues, affected leg, emergency number). Use them instead of the ones on this device?"
                    </p>
                    <button on:click=move |_| answer(true)>"Use the backup's settings"</button>
                    <button on:click=move |_| answer(false)>"Keep these settings"</button>
                </div>
            }
        })
    };
    view! {
        <FileButton
            label="Restore from a backup file"
            accept=".json,application/json"
            on_read=chosen
        />
        {outcome_view}
        {settings_question}
    }
}
