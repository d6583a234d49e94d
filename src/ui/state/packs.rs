//! The pack library: which pack is active, installing and removing packs.
//! The library is one stored value; a pack is only shown as installed once
//! it is saved.

use super::{AppState, storage_message};
use crate::core::bundled::bundled_packs;
use crate::core::journal::{KeyValue, keys};
use crate::core::library::Library;
use crate::core::pack::Pack;
use crate::platform::clock;
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

    /// Makes the pack with this id the one Home shows.
    pub fn use_pack(&self, id: &str) {
        let mut settings = self.settings.get_untracked();
        settings.active_pack = Some(id.to_string());
        self.save_settings(settings);
        self.refresh_pack();
    }

    /// Installs (or updates) a checked pack and makes it active. Nothing
    /// changes unless it was saved.
    pub fn install_pack(&self, pack: Pack) -> Result<(), String> {
        let id = pack.id.clone();
        let mut library = self.library.get_untracked();
        library.install(pack, clock::now().wall);
        self.save_library(library)?;
        self.use_pack(&id);
        Ok(())
    }

    /// Removes an installed pack. History keeps its exercises' names (each
    /// record carries them).
    pub fn remove_pack(&self, id: &str) -> Result<(), String> {
        let mut library = self.library.get_untracked();
        library.remove(id);
        self.save_library(library)?;
        self.refresh_pack();
        Ok(())
    }

    pub(super) fn save_library(&self, library: Library) -> Result<(), String> {
        let text = library.encode();
        LocalStorage::open()
            .and_then(|mut kv| kv.set(keys::PACKS, &text))
            .map_err(|e| storage_message(&e))?;
        self.library.set(library);
        Ok(())
    }
}
