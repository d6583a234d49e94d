//! Carries out what the app model asks ([`Output`]) with the browser's
//! APIs, and reads what the model needs from storage at start-up and when
//! another part of the app changed it. Decides nothing.

use crate::core::app::{Input, Model, Notice, Output, Restored};
use crate::core::export::backup::{self, Backup};
use crate::core::export::{csv, fhir};
use crate::core::journal::{self, Appender, KeyValue, MemoryKv, StoreError, keys};
use crate::core::library::Library;
use crate::core::time::Now;
use crate::platform::storage::LocalStorage;
use crate::platform::{clock, cues, files, locks};

/// Loads the model from localStorage (an empty store when storage cannot
/// be used, with a notice saying so).
pub fn load(now: Now, writer: &str) -> Model {
    // The storage benchmark reads this measure: first read to journal in memory.
    let performance = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &performance {
        let _ = p.mark("centralise:load-start");
    }
    let offset = clock::utc_offset_ms();
    let model = match LocalStorage::open() {
        Ok(mut kv) => Model::load(&mut kv, now, offset, writer),
        Err(e) => {
            let mut model = Model::load(&mut MemoryKv::default(), now, offset, writer);
            model.handle(
                Input::Written {
                    key: keys::SCHEMA.into(),
                    result: Err(e),
                },
                now,
            );
            model
        }
    };
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark("centralise:load", "centralise:load-start");
    }
    crate::platform::storage::ask_to_persist();
    model
}

/// Performs one output; what it answers goes back to the model.
pub fn perform(output: Output) -> Option<Input> {
    match output {
        Output::Store { key, value } => {
            let result = LocalStorage::open().and_then(|mut kv| kv.set(&key, &value));
            Some(Input::Written { key, result })
        }
        Output::Remove { key } => {
            if let Ok(mut kv) = LocalStorage::open() {
                kv.remove(&key);
            }
            None
        }
        Output::DeleteAllAndReload { prefix } => {
            if let Ok(mut kv) = LocalStorage::open() {
                for key in kv.keys().iter().filter(|k| k.starts_with(prefix)) {
                    kv.remove(key);
                }
            }
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash("");
                let _ = w.location().reload();
            }
            None
        }
        Output::Reload => {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
            None
        }
        Output::Say { text, language } => {
            cues::say(&text, &language);
            None
        }
        Output::Vibrate(v) => {
            cues::vibrate(v);
            None
        }
        Output::Tones(tones) => {
            cues::schedule_tones(&tones, clock::now().mono);
            None
        }
        Output::CancelTones => {
            cues::cancel_tones();
            None
        }
        Output::Hush => {
            cues::hush();
            None
        }
        Output::ScreenOn(true) => {
            cues::keep_screen_on();
            (!cues::wake_lock_supported()).then_some(Input::NoWakeLock)
        }
        Output::ScreenOn(false) => {
            cues::let_screen_sleep();
            None
        }
        // Pages are the UI's to show.
        Output::Show(_) => None,
    }
}

/// What the on-demand module restored, read again for the model: the
/// records with the settings and packs.
pub fn read_stored() -> Option<Input> {
    let mut kv = LocalStorage::open().ok()?;
    let loaded = journal::load(&mut kv);
    Some(Input::Stored {
        records: loaded.journal.records().to_vec(),
        settings: kv.get(keys::SETTINGS),
        library: kv.get(keys::PACKS),
    })
}

/// The settings and packs the on-demand module stored ([`change`]), read
/// again for the model: no record changed.
pub fn read_stored_choices() -> Option<Input> {
    let kv = LocalStorage::open().ok()?;
    Some(Input::Stored {
        records: Vec::new(),
        settings: kv.get(keys::SETTINGS),
        library: kv.get(keys::PACKS),
    })
}

fn lock_name(writer: &str) -> String {
    format!("{}writer:{writer}", keys::PREFIX)
}

/// Holds the lock of this page's writer, then takes over the writer of a
/// page that is gone, so that a new page continues its last chunk instead
/// of starting one more: `take` gets the writer to continue. Without Web
/// Locks each page keeps its own new writer, which is always safe.
pub fn claim_writer(mine: &str, take: impl Fn(Appender) + Clone + 'static) {
    locks::hold_if_free(&lock_name(mine), |_| {});
    let others = LocalStorage::open()
        .map(|kv| journal::writers(&kv))
        .unwrap_or_default();
    take_over_one_of(others, take);
}

fn take_over_one_of(mut writers: Vec<String>, take: impl Fn(Appender) + Clone + 'static) {
    let Some(writer) = writers.pop() else { return };
    locks::hold_if_free(&lock_name(&writer), move |free| {
        if !free {
            take_over_one_of(writers, take);
        } else if let Some(appender) = LocalStorage::open()
            .ok()
            .and_then(|kv| Appender::resume(&kv, &writer))
        {
            take(appender);
        }
    });
}

/// Performs a model's storage outputs (a model loaded for a change, in the
/// on-demand module): the first failed store, if any.
fn store_all(model: &mut Model, kv: &mut LocalStorage, now: Now) -> Result<(), StoreError> {
    let mut failed = None;
    while let Some(output) = model.poll_output() {
        if let Err(e) = perform_stored(model, kv, now, output) {
            failed.get_or_insert(e);
        }
    }
    failed.map_or(Ok(()), Err)
}

/// Performs one storage output and tells the model how it went.
fn perform_stored(
    model: &mut Model,
    kv: &mut LocalStorage,
    now: Now,
    output: Output,
) -> Result<(), StoreError> {
    match output {
        Output::Store { key, value } => {
            let result = kv.set(&key, &value);
            model.handle(
                Input::Written {
                    key,
                    result: result.clone(),
                },
                now,
            );
            result
        }
        Output::Remove { key } => {
            kv.remove(&key);
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Loads the model from what is stored now (another tab or the app's page
/// may have written since), for a change made outside the app's page.
fn load_for_change() -> Result<(LocalStorage, Model, Now), StoreError> {
    load_as(&clock::random_id(), Model::load_for_changes)
}

type Loader = fn(&mut dyn KeyValue, Now, i64, &str) -> Model;

fn load_as(writer: &str, load: Loader) -> Result<(LocalStorage, Model, Now), StoreError> {
    let mut kv = LocalStorage::open()?;
    let now = clock::now();
    let model = load(&mut kv, now, clock::utc_offset_ms(), writer);
    Ok((kv, model, now))
}

fn message(e: &StoreError) -> String {
    Notice::from_store_error(e).message()
}

/// What is stored, read for a page that only shows it, with the records
/// the app holds that are not stored yet (`unsaved`, a chunk). Years of
/// records take tens of milliseconds to read: they are read a few chunks
/// at a time, and the browser has the page between (to paint the tap that
/// opened the page, and to answer the next one).
pub async fn snapshot(unsaved: Option<&str>) -> Result<Model, String> {
    // Not in the task that opened the page: that one ends with the paint.
    clock::next_task().await;
    let mut kv = LocalStorage::open().map_err(|e| message(&e))?;
    let mut loading = journal::Loading::begin(&mut kv);
    while read_for(&mut loading, &mut kv) {
        clock::next_task().await;
    }
    let loaded = loading.finish(&mut kv);
    Ok(snapshot_of(kv, loaded, unsaved))
}

fn snapshot_of(mut kv: LocalStorage, loaded: journal::Loaded, unsaved: Option<&str>) -> Model {
    let now = clock::now();
    let writer = clock::random_id();
    let mut model = Model::for_changes_from(&mut kv, loaded, now, clock::utc_offset_ms(), &writer);
    let mut records = Vec::new();
    // What can be read of it: the app reports what it could not store.
    let _ = unsaved.map(|chunk| journal::codec::decode_chunk_into(chunk, &mut records));
    let stored = Input::Stored {
        records,
        settings: None,
        library: None,
    };
    model.handle(stored, now);
    model
}

/// Reads chunks for about [`READ_STEP_MS`]: whether any are left.
fn read_for(loading: &mut journal::Loading, kv: &mut LocalStorage) -> bool {
    let began = clock::now().mono;
    while loading.step(kv, READ_STEP_CHUNKS) {
        if clock::now().mono >= began + READ_STEP_MS {
            return true;
        }
    }
    false
}

/// How long a read works before the browser gets the page back: a quarter
/// of a frame, so that a frame due meanwhile is late by that at most.
const READ_STEP_MS: u64 = 4;

/// Chunks read between looks at the clock: a tenth of a millisecond.
const READ_STEP_CHUNKS: usize = 2;

/// Makes one change to what is stored (packs, the pack in use, settings)
/// through the model, from current storage but for the records, which
/// such a change never reads ([`Model::load_for_choices`]).
pub fn change(input: Input) -> Result<(), String> {
    let (mut kv, mut model, now) =
        load_as(&clock::random_id(), Model::load_for_choices).map_err(|e| message(&e))?;
    store_all(&mut model, &mut kv, now).map_err(|e| message(&e))?;
    model.handle(input, now);
    store_all(&mut model, &mut kv, now).map_err(|e| message(&e))
}

/// The installed packs and the id of the pack Home shows, as stored.
pub fn stored_packs() -> (Library, Option<String>) {
    LocalStorage::open()
        .map(|kv| Model::stored_packs(&kv))
        .unwrap_or_default()
}

/// Restores a backup file through the model: what it did and how many of
/// the new records storage would not take (restoring the same file again
/// adds them, nothing twice), or why nothing was restored. Its records are
/// appended as one writer whose lock this page holds (so a page opened
/// meanwhile never takes it over), a chunk at a time, giving the page
/// back to the browser between chunks so it never freezes for long.
pub async fn restore(file: Backup) -> Result<(Restored, usize), String> {
    let writer = clock::random_id();
    locks::hold_if_free(&lock_name(&writer), |_| {});
    let (mut kv, mut model, now) =
        load_as(&writer, Model::load_for_changes).map_err(|e| message(&e))?;
    store_all(&mut model, &mut kv, now).map_err(|e| message(&e))?;
    let snapshot = MemoryKv {
        map: kv
            .keys()
            .into_iter()
            .filter_map(|k| Some((k.clone(), kv.get(&k)?)))
            .collect(),
        quota: None,
    };
    clock::next_task().await;
    let restored = model.restore(file, &snapshot, now)?;
    // A failed store keeps the records after it in the model's memory:
    // they are the ones counted as not restored.
    while let Some(output) = model.poll_output() {
        let step_began = clock::now().mono;
        let _ = perform_stored(&mut model, &mut kv, now, output);
        while clock::now().mono < step_began + STEP_MS {
            let Some(output) = model.poll_output() else {
                break;
            };
            let _ = perform_stored(&mut model, &mut kv, now, output);
        }
        clock::next_task().await;
    }
    Ok((restored, model.unsaved().count()))
}

/// How long a restore works before the browser gets the page back.
const STEP_MS: u64 = 20;

/// Makes the calendar file of the plan (the pack in use, the waking hours
/// as stored) and hands it to the share sheet or the downloads: whether
/// the patient went through with it.
pub async fn add_to_calendar() -> Result<bool, String> {
    let (_, model, now) = load_for_change().map_err(|e| message(&e))?;
    let text = model
        .calendar(now.wall, &clock::utc_offset_at)
        .ok_or("there is no pack in use")?;
    files::share_or_download("centralise-plan.ics", "text/calendar", &text).await
}

/// Makes the CSV of every set (`export::csv`), with the app's records not
/// stored yet (`unsaved`, a chunk), and hands it to the share sheet or the
/// downloads: whether the patient went through with it.
pub async fn export_csv(unsaved: &str) -> Result<bool, String> {
    let name = ("centralise-sets-", ".csv");
    export(unsaved, name, "text/csv", |model, _| {
        let stages = model.session_stages(0);
        csv::sets(model.journal(), &stages, &clock::utc_offset_at)
    })
    .await
}

/// Makes the FHIR bundle of the journal (`export::fhir`) as
/// [`export_csv`] makes the CSV.
pub async fn export_fhir(unsaved: &str) -> Result<bool, String> {
    let name = ("centralise-", ".fhir.json");
    export(unsaved, name, "application/fhir+json", |model, now| {
        fhir::bundle(model.journal(), now)
    })
    .await
}

/// Makes a file of what is stored and the app's records not stored yet
/// (`unsaved`, a chunk), named `(before, after)` today's local date, and
/// hands it to the share sheet or the downloads: whether the patient went
/// through with it.
async fn export(
    unsaved: &str,
    (before, after): (&str, &str),
    mime: &str,
    make: impl FnOnce(&Model, u64) -> String,
) -> Result<bool, String> {
    let model = snapshot(Some(unsaved)).await?;
    let now = clock::now().wall;
    let text = make(&model, now);
    let name = format!("{before}{}{after}", clock::local_date(now));
    files::share_or_download(&name, mime, &text).await
}

/// Makes the backup file of everything stored, with the app's settings and
/// the records it could not store (`unsaved`), and hands it to the share
/// sheet or the downloads: whether the patient went through with it.
pub async fn back_up(settings: &str, unsaved: &str) -> Result<bool, String> {
    let mut kv = LocalStorage::open().map_err(|e| message(&e))?;
    let now = clock::now().wall;
    let file = backup::of_storage(&mut kv, settings, unsaved, now);
    let name = format!("centralise-backup-{}.json", clock::local_date(now));
    files::share_or_download(&name, "application/json", &file.to_json()).await
}
