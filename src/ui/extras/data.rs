//! Backing up and restoring, in the on-demand module: the backup file's
//! JSON (every record written out) and reading one back are large and
//! rarely used. Both work from what is stored, plus what the app could
//! not store yet (storage full), which it hands over.

use super::storage_message;
use super::{DATA_EVENT, tell_app};
use crate::core::bundled::bundled_packs;
use crate::core::export::backup::{self, Backup};
use crate::core::journal::{self, Appender, KeyValue, Record, keys};
use crate::core::library::Library;
use crate::core::settings::Settings;
use crate::platform::storage::LocalStorage;
use crate::platform::{clock, files};
use crate::ui::format;
use crate::ui::widgets::FileButton;
use leptos::prelude::*;

/// Makes the backup file and hands it to the share sheet or the downloads:
/// everything stored, with `unsaved` (a journal chunk of records the app
/// could not store) and the app's `settings` (JSON). Whether the patient
/// went through with it.
pub async fn back_up(settings: &str, unsaved: &str) -> Result<bool, String> {
    let mut kv = LocalStorage::open().map_err(|e| storage_message(&e))?;
    let loaded = journal::load(&mut kv);
    let mut journal = loaded.journal;
    let mut extra = Vec::new();
    // What cannot be decoded was made by the app a moment ago: never fails.
    let _ = journal::codec::decode_chunk_into(unsaved, &mut extra);
    journal.merge(extra);
    let settings = Settings::decode(settings).unwrap_or_default();
    let unreadable = backup::unreadable_values(&kv, &loaded.problems);
    let now = clock::now().wall;
    let mut file = Backup::new(&journal, &settings, unreadable, now);
    file.packs = stored_library(&kv).packs;
    let name = format!("centralise-backup-{}.json", clock::local_date(now));
    files::share_or_download(&name, "application/json", &file.to_json()).await
}

fn stored_library(kv: &LocalStorage) -> Library {
    kv.get(keys::PACKS)
        .and_then(|l| Library::decode(&l).ok())
        .unwrap_or_default()
}

/// What a restore did, in words, and the backup's settings when they
/// differ from these and the patient should choose.
struct Restored {
    said: String,
    settings: Option<Settings>,
}

/// Restores a backup file into storage: records merge by id (nothing
/// twice) under a writer of their own, values the backup carried aside
/// stay aside, packs not here or newer are installed.
fn restore(name: &str, text: &str) -> Result<Restored, String> {
    let file = backup::parse(text, name)?;
    let mut kv = LocalStorage::open().map_err(|e| storage_message(&e))?;
    let loaded = journal::load(&mut kv);
    if !loaded.writable {
        return Err(
            "the data on this phone was saved by a newer version of Centralise; \
                    update the app, then restore"
                .into(),
        );
    }
    let new: Vec<Record> = file.new_records(&loaded.journal);
    let mut appender = Appender::new(clock::random_id());
    let mut added = 0;
    for record in &new {
        if let Err(e) = appender.append(&mut kv, record) {
            tell_app(DATA_EVENT);
            return Err(format!(
                "{} of {} restored: {} Restore the same file again when there is room; nothing \
                 is added twice",
                added,
                new.len(),
                storage_message(&e)
            ));
        }
        added += 1;
    }
    backup::keep_aside(&mut kv, file.unreadable.values());
    let mut library = stored_library(&kv);
    let packs = library.merge(&bundled_packs(), &file.packs);
    if packs > 0 {
        kv.set(keys::PACKS, &library.encode())
            .map_err(|e| storage_message(&e))?;
    }
    let already = file.records.len() - added;
    let mut said = format!(
        "Restored {} from {name}",
        format::count(added, "record", "records")
    );
    if already > 0 {
        said.push_str(&format!("; {already} were already here"));
    }
    if packs > 0 {
        let packs = format::count(packs, "exercise pack", "exercise packs");
        said.push_str(&format!(", and {packs}"));
    }
    said.push('.');
    let current = kv
        .get(keys::SETTINGS)
        .and_then(|s| Settings::decode(&s).ok())
        .unwrap_or_default();
    let mut ask = None;
    if !current.setup_done {
        // A new phone: the backup's settings are simply the patient's.
        save_settings(&mut kv, &file.settings)?;
    } else if file.settings != current && file.settings != Settings::default() {
        ask = Some(file.settings);
    }
    tell_app(DATA_EVENT);
    Ok(Restored {
        said,
        settings: ask,
    })
}

fn save_settings(kv: &mut LocalStorage, settings: &Settings) -> Result<(), String> {
    kv.set(keys::SETTINGS, &settings.encode())
        .map_err(|e| storage_message(&e))
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
            let saved = LocalStorage::open()
                .map_err(|e| storage_message(&e))
                .and_then(|mut kv| save_settings(&mut kv, &s));
            if let Err(e) = saved {
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
