//! Carries out what the app model asks ([`Output`]) with the browser's
//! APIs, and reads what the model needs from storage at start-up and when
//! another part of the app changed it. Decides nothing.

use crate::core::app::{Input, Model, Output};
use crate::core::journal::{self, Appender, KeyValue, MemoryKv, keys};
use crate::core::time::Now;
use crate::platform::storage::LocalStorage;
use crate::platform::{clock, cues, locks};

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

/// What the on-demand module (packs pages, restore) stored, read again for
/// the model.
pub fn read_stored() -> Option<Input> {
    let mut kv = LocalStorage::open().ok()?;
    let loaded = journal::load(&mut kv);
    Some(Input::Stored {
        records: loaded.journal.records().to_vec(),
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
        } else if let Ok(kv) = LocalStorage::open() {
            take(Appender::resume(&kv, &writer));
        }
    });
}
