//! Keeping the patient's data: the backup file (made by the on-demand
//! module, which also restores one), the weekly reminder, and deleting
//! everything.

use super::{AppState, storage_message};
use crate::core::export::backup;
use crate::core::journal::{self, KeyValue, keys};
use crate::core::settings::Settings;
use crate::platform::storage::LocalStorage;
use crate::platform::{clock, modules};
use leptos::prelude::*;

impl AppState {
    /// Makes the backup file and hands it to the share sheet or the
    /// downloads (in the on-demand module: `ui::extras::back_up`). Records
    /// not yet saved (storage full) are in it too.
    pub fn back_up(&self) {
        let now = clock::now().wall;
        let settings = self.settings.with_untracked(Settings::encode);
        let unsaved = self.unsaved.with_value(|u| journal::codec::encode_chunk(u));
        let state = *self;
        leptos::task::spawn_local(async move {
            match modules::back_up(&settings, &unsaved).await {
                Ok(true) => {
                    state.offer_backup.set(false);
                    state.update_backups(|b| b.last = Some(now));
                }
                Ok(false) => {}
                Err(e) => state.notify(format!("The backup could not be made: {e}.")),
            }
        });
    }

    /// "Not now" on the weekly reminder.
    pub fn remind_later(&self) {
        let now = clock::now().wall;
        self.update_backups(|b| b.reminded = Some(now));
    }

    fn update_backups(&self, change: impl FnOnce(&mut backup::BackupLog)) {
        self.backups.update(change);
        let text = serde_json::to_string(&self.backups.get_untracked()).unwrap_or_default();
        if let Err(e) = LocalStorage::open().and_then(|mut kv| kv.set(keys::BACKUP, &text)) {
            self.notify(storage_message(&e));
        }
    }

    /// Removes everything the app stored on this device, then starts afresh.
    pub fn delete_all(&self) {
        if let Ok(mut kv) = LocalStorage::open() {
            for key in kv.keys().iter().filter(|k| k.starts_with(keys::PREFIX)) {
                kv.remove(key);
            }
        }
        // Nothing in memory may be written back: start the page again.
        let _ = window().location().set_hash("");
        let _ = window().location().reload();
    }
}
