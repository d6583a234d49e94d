//! Backing up and restoring, in the on-demand module: the backup file's
//! JSON (every record written out) and reading one back are large and
//! rarely used. Both work from what is stored (`platform::driver`), plus
//! what the app could not store yet (storage full), which it hands over.

use super::library::{Incoming, IncomingPack, ready};
use super::{DATA_EVENT, Packs, tell_app};
use crate::core::app::Input;
use crate::core::export::backup;
use crate::core::library::RefusedPack;
use crate::core::pack::Pack;
use crate::core::settings::Settings;
use crate::platform::{clock, driver, files};
use crate::ui::format;
use crate::ui::widgets::FileChooser;
use leptos::prelude::*;

pub use driver::{add_to_calendar, back_up, export_csv, export_fhir};

/// What a restore did, in words, and what the patient still decides: the
/// backup's settings when they differ from these, and its packs that would
/// replace one here.
struct Said {
    said: String,
    settings: Option<Settings>,
    refused: Vec<RefusedPack>,
    offered: Vec<Pack>,
}

/// Records read between two turns of the page (a few milliseconds).
const RECORDS_A_STEP: usize = 2_000;

/// Restores a backup file; tells the app what changed.
async fn restore(name: &str, text: &str) -> Result<Said, String> {
    // Years of records are read a part at a time, the page answering taps
    // in between (reading the file was a part of its own).
    clock::next_task().await;
    let mut reading = backup::Reading::start(text, name)?;
    clock::next_task().await;
    while !reading.step(RECORDS_A_STEP)? {
        clock::next_task().await;
    }
    let file = reading.finish();
    clock::next_task().await;
    let result = driver::restore(file).await;
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
    if restored.future > 0 {
        said.push_str(&format!(
            " {} dated after today (the old phone's clock may have been wrong): they count \
             for no safety rule until their date.",
            format::count(restored.future, "record is", "records are")
        ));
    }
    if restored.not_kept_aside > 0 {
        said.push_str(&format!(
            " {} the old phone could not read {} not kept here, to leave room for a year of \
             your records; the backup file still holds them.",
            format::count(restored.not_kept_aside, "value", "values"),
            if restored.not_kept_aside == 1 {
                "was"
            } else {
                "were"
            },
        ));
    }
    if let Some(number) = &restored.odd_number {
        said.push_str(&format!(
            " The backup's emergency number “{number}” is not a phone number and was not used; \
             check it in Settings."
        ));
    }
    Ok(Said {
        said,
        settings: restored.settings,
        refused: restored.refused,
        offered: restored.offered,
    })
}

/// "Restore from a backup file": in Settings, and on the first run for a
/// new phone. `file`, chosen with the app's own button, is restored at
/// once; this part's button restores another.
#[component]
pub fn RestoreFromFile(file: Option<web_sys::File>) -> impl IntoView {
    let packs = expect_context::<Packs>();
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let question = RwSignal::new(None::<Settings>);
    let refused = RwSignal::new(Vec::<RefusedPack>::new());
    let offered = RwSignal::new(Vec::<RwSignal<Option<Incoming>>>::new());
    let show = move |done: Result<Said, String>| {
        outcome.set(Some(done.map(|r| {
            question.set(r.settings);
            refused.set(r.refused);
            offered.set(
                r.offered
                    .into_iter()
                    .map(|p| {
                        RwSignal::new(Some(ready(packs, p, "your backup file".into(), Vec::new())))
                    })
                    .collect(),
            );
            r.said
        })));
    };
    let working = RwSignal::new(false);
    let on_chosen = Callback::new(move |file: web_sys::File| {
        outcome.set(None);
        working.set(true);
        leptos::task::spawn_local(async move {
            let done = match files::read(&file, backup::MAX_BYTES).await {
                Ok((name, text)) => restore(&name, &text).await,
                Err(e) => Err(e),
            };
            working.set(false);
            // The packs as stored now, for the questions about replacing them.
            packs.reload();
            show(done);
        });
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
    if let Some(file) = file {
        on_chosen.run(file);
    }
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
    let refused_view = move || {
        refused.with(|r| {
            r.iter()
                .map(|p| {
                    let items = p
                        .problems
                        .iter()
                        .map(|problem| view! { <li>{problem.clone()}</li> })
                        .collect_view();
                    view! {
                        <section class="card stopped" role="alert">
                            <h2>"Pack “" {p.title.clone()} "” was not installed"</h2>
                            <p>"It has mistakes a pack must not have; the rest of the backup was restored:"</p>
                            <ul class="problems">{items}</ul>
                        </section>
                    }
                })
                .collect_view()
        })
    };
    let offered_view = move || {
        offered
            .get()
            .into_iter()
            .map(|done| {
                move || {
                    done.get()
                        .map(|incoming| view! { <IncomingPack incoming done stay=true /> })
                }
            })
            .collect_view()
    };
    view! {
        <FileChooser
            label="Restore from a backup file"
            accept=".json,application/json"
            on_chosen
        />
        <Show when=move || working.get()>
            <p role="status">"Restoring… your records are being added."</p>
        </Show>
        {outcome_view}
        {refused_view}
        {offered_view}
        {settings_question}
    }
}
