//! Keeping the patient's data: the backup file, restoring one, the weekly
//! reminder, and deleting everything.

use super::{AppState, storage_message};
use crate::core::bundled::bundled_packs;
use crate::core::export::backup::{self, Backup};
use crate::core::journal::{self, KeyValue, Record, keys};
use crate::core::settings::Settings;
use crate::platform::storage::LocalStorage;
use crate::platform::{clock, files};
use leptos::prelude::*;

impl AppState {
    /// Makes the backup file and hands it to the share sheet or the
    /// downloads. Records not yet saved (storage full) are in it too.
    pub fn back_up(&self) {
        let now = clock::now().wall;
        let unreadable = LocalStorage::open()
            .map(|kv| {
                self.problems
                    .with_value(|p| backup::unreadable_values(&kv, p))
            })
            .unwrap_or_default();
        let mut file = self
            .journal
            .with_untracked(|j| Backup::new(j, &self.settings.get_untracked(), unreadable, now));
        file.packs = self.library.with_untracked(|l| l.packs.clone());
        let name = format!("centralise-backup-{}.json", clock::local_date(now));
        let state = *self;
        leptos::task::spawn_local(async move {
            match files::share_or_download(&name, "application/json", &file.to_json()).await {
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

    /// Restores a backup file: records merge by id (nothing twice), values
    /// the backup carried aside stay aside, and different settings wait for
    /// the patient's answer. Returns what happened, in words.
    pub fn restore(&self, name: &str, text: &str) -> Result<String, String> {
        let file = backup::parse(text, name)?;
        let new: Vec<Record> = self.journal.with_untracked(|j| file.new_records(j));
        let added = new.len();
        self.journal.update(|j| {
            j.merge(new.clone());
        });
        self.unsaved.update_value(|u| u.extend(new));
        if let Ok(mut kv) = LocalStorage::open() {
            self.flush(&mut kv);
            keep_aside(&mut kv, file.unreadable.values());
        }
        let mut library = self.library.get_untracked();
        let packs = library.merge(&bundled_packs(), &file.packs);
        if packs > 0 {
            self.save_library(library)?;
            self.refresh_pack();
        }
        let already = file.records.len() - added;
        let mut said = format!(
            "Restored {} from {name}",
            crate::ui::format::count(added, "record", "records")
        );
        if already > 0 {
            said.push_str(&format!("; {already} were already here"));
        }
        if packs > 0 {
            let packs = crate::ui::format::count(packs, "exercise pack", "exercise packs");
            said.push_str(&format!(", and {packs}"));
        }
        said.push('.');
        let current = self.settings.get_untracked();
        if !current.setup_done {
            self.save_settings(file.settings);
        } else if file.settings != current && file.settings != Settings::default() {
            self.restored_settings.set(Some(file.settings));
        }
        Ok(said)
    }

    /// The patient's answer about a restored backup's settings.
    pub fn use_restored_settings(&self, yes: bool) {
        if let Some(s) = self.restored_settings.get_untracked().filter(|_| yes) {
            self.save_settings(s);
        }
        self.restored_settings.set(None);
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

/// Values a backup kept aside go under quarantine keys here too, unless an
/// identical one is already kept there.
fn keep_aside<'a>(kv: &mut LocalStorage, values: impl Iterator<Item = &'a String>) {
    let mut kept: Vec<(String, String)> = kv
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(journal::keys::QUARANTINE))
        .filter_map(|k| Some((kv.get(&k)?, k)))
        .collect();
    for value in values {
        if kept.iter().any(|(v, _)| v == value) {
            continue;
        }
        let key = (0..)
            .map(|n| format!("{}{n}", journal::keys::QUARANTINE))
            .find(|k| kept.iter().all(|(_, taken)| taken != k))
            .unwrap_or_default();
        if kv.set(&key, value).is_ok() {
            kept.push((value.clone(), key));
        }
    }
}
