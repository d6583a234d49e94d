//! Other tabs and earlier pages: which writer this page appends to, and
//! the records other tabs append meanwhile.

use super::AppState;
use crate::core::journal::{self, Appender, keys};
use crate::core::library::Library;
use crate::core::settings::Settings;
use crate::platform::locks;
use crate::platform::storage::LocalStorage;
use leptos::prelude::*;

fn lock_name(writer: &str) -> String {
    format!("centralise:writer:{writer}")
}

impl AppState {
    /// Holds the lock of this page's writer, then takes over the writer of
    /// a page that is gone, so that a new page continues its last chunk
    /// instead of starting one more. Without Web Locks each page keeps its
    /// own new writer, which is always safe.
    pub(super) fn claim_writer(&self) {
        let mine = self.appender.with_value(|a| a.writer().to_owned());
        locks::hold_if_free(&lock_name(&mine), |_| {});
        let others = LocalStorage::open()
            .map(|kv| journal::writers(&kv))
            .unwrap_or_default();
        self.take_over_one_of(others);
    }

    fn take_over_one_of(self, mut writers: Vec<String>) {
        let Some(writer) = writers.pop() else { return };
        locks::hold_if_free(&lock_name(&writer), move |free| {
            if !free {
                self.take_over_one_of(writers);
            } else if self.appender.with_value(Appender::is_fresh)
                && let Ok(kv) = LocalStorage::open()
            {
                self.appender.set_value(Appender::resume(&kv, &writer));
            }
        });
    }

    /// Another tab changed storage: take in its new records and settings.
    /// If it deleted all data, start again from what is left.
    pub fn on_storage(&self, key: Option<String>, value: Option<String>) {
        // Another tab may have freed room (a deleted value, a removed key).
        self.retry_unsaved();
        match (key.as_deref(), value) {
            (Some(k), Some(v)) if k.starts_with(keys::LOG) => {
                // What could be read; the damage is reported by the tab that wrote it.
                let mut records = Vec::new();
                let _ = journal::decode_chunk_into(&v, &mut records);
                self.journal.update(|j| {
                    j.merge(records);
                });
            }
            (Some(keys::SETTINGS), Some(v)) => {
                if let Ok(s) = Settings::decode(&v) {
                    self.settings.set(s);
                    self.refresh_pack();
                }
            }
            (Some(keys::PACKS), v) => {
                let library = v.map_or(Ok(Library::default()), |v| Library::decode(&v));
                if let Ok(library) = library {
                    self.library.set(library);
                    self.refresh_pack();
                }
            }
            (None, _) | (Some(keys::SCHEMA), None) => {
                let _ = window().location().reload();
            }
            _ => {}
        }
    }
}
