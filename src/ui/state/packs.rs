//! The pack Home shows: the settings' choice among the built-in and the
//! installed packs. The on-demand module (`ui::extras`: the packs pages,
//! restoring a backup) changes stored values; the app reads them again
//! when told.

use super::AppState;
use crate::core::bundled::bundled_packs;
use crate::core::journal::{self, KeyValue, keys};
use crate::core::library::Library;
use crate::core::settings::Settings;
use crate::platform::storage::LocalStorage;
use leptos::prelude::*;

impl AppState {
    /// Follows the settings and the library to the pack Home shows.
    pub(super) fn refresh_pack(&self) {
        let id = self.settings.with_untracked(|s| s.active_pack.clone());
        let active = self
            .library
            .with_untracked(|l| l.active(&bundled_packs(), id.as_deref()));
        if self.pack.with_untracked(|p| *p != active) {
            self.pack.set(active);
        }
    }

    /// Reads the library and the settings again after the packs pages
    /// changed them.
    pub fn reload_packs(&self) {
        let Ok(kv) = LocalStorage::open() else { return };
        let library = kv.get(keys::PACKS).map(|l| Library::decode(&l));
        if let Some(Ok(library)) = library {
            self.library.set(library);
        }
        if let Some(Ok(settings)) = kv.get(keys::SETTINGS).map(|s| Settings::decode(&s)) {
            self.settings.set(settings);
        }
        self.refresh_pack();
    }

    /// Merges what a restore stored (records of another writer, settings,
    /// packs, values kept aside) into what the page shows.
    pub fn reload_data(&self) {
        let Ok(mut kv) = LocalStorage::open() else {
            return;
        };
        let loaded = journal::load(&mut kv);
        self.journal.update(|j| {
            j.merge(loaded.journal.records().to_vec());
        });
        self.reload_packs();
    }
}
