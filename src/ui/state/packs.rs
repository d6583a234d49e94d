//! The pack Home shows: the settings' choice among the built-in and the
//! installed packs. The packs pages (a module of their own, `ui::packs`)
//! change both in storage; the app reads them again when told.

use super::AppState;
use crate::core::bundled::bundled_packs;
use crate::core::journal::{KeyValue, keys};
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

    pub(super) fn save_library(&self, library: Library) -> Result<(), String> {
        let text = library.encode();
        LocalStorage::open()
            .and_then(|mut kv| kv.set(keys::PACKS, &text))
            .map_err(|e| super::storage_message(&e))?;
        self.library.set(library);
        Ok(())
    }
}
