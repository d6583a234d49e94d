//! What the packs pages change: the installed packs and the active pack,
//! straight in storage, then told to the app.

use super::storage_message;
use super::{PACKS_EVENT, tell_app};
use crate::core::bundled::bundled_packs;
use crate::core::journal::{KeyValue, keys};
use crate::core::library::Library;
use crate::core::pack::Pack;
use crate::core::settings::Settings;
use crate::platform::clock;
use crate::platform::storage::LocalStorage;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Packs {
    pub library: RwSignal<Library>,
    /// The id of the pack Home shows.
    pub active: RwSignal<Option<String>>,
}

impl Packs {
    /// Reads the library and the active pack as the app stored them. A
    /// library the app could not read was already moved aside by it.
    pub fn load() -> Packs {
        let kv = LocalStorage::open().ok();
        let library = kv
            .as_ref()
            .and_then(|kv| kv.get(keys::PACKS))
            .and_then(|l| Library::decode(&l).ok())
            .unwrap_or_default();
        let chosen = settings(kv.as_ref()).ok().and_then(|s| s.active_pack);
        let active = library
            .active(&bundled_packs(), chosen.as_deref())
            .map(|p| p.id);
        Packs {
            library: RwSignal::new(library),
            active: RwSignal::new(active),
        }
    }

    /// Makes the pack with this id the one Home shows.
    pub fn use_pack(&self, id: &str) -> Result<(), String> {
        let mut kv = LocalStorage::open().map_err(|e| storage_message(&e))?;
        // Settings that cannot be read are never overwritten.
        let mut s = settings(Some(&kv))?;
        s.active_pack = Some(id.to_string());
        kv.set(keys::SETTINGS, &s.encode())
            .map_err(|e| storage_message(&e))?;
        self.active.set(Some(id.to_string()));
        tell_app(PACKS_EVENT);
        Ok(())
    }

    /// Installs (or updates) a checked pack and makes it the active one.
    /// Nothing changes unless it was saved.
    pub fn install(&self, pack: Pack) -> Result<(), String> {
        let id = pack.id.clone();
        let mut library = self.library.get_untracked();
        library.install(pack, clock::now().wall);
        self.save(library)?;
        self.use_pack(&id)
    }

    /// Removes an installed pack. History keeps its exercises' names (each
    /// record carries them); Home falls back to the first pack.
    pub fn remove(&self, id: &str) -> Result<(), String> {
        let mut library = self.library.get_untracked();
        library.remove(id);
        self.save(library)?;
        let chosen = self.active.get_untracked();
        let active = self
            .library
            .with_untracked(|l| l.active(&bundled_packs(), chosen.as_deref()))
            .map(|p| p.id);
        self.active.set(active);
        tell_app(PACKS_EVENT);
        Ok(())
    }

    fn save(&self, library: Library) -> Result<(), String> {
        LocalStorage::open()
            .and_then(|mut kv| kv.set(keys::PACKS, &library.encode()))
            .map_err(|e| storage_message(&e))?;
        self.library.set(library);
        Ok(())
    }
}

fn settings(kv: Option<&LocalStorage>) -> Result<Settings, String> {
    match kv.and_then(|kv| kv.get(keys::SETTINGS)) {
        None => Ok(Settings::default()),
        Some(raw) => Settings::decode(&raw)
            .map_err(|_| "the app's settings could not be read; nothing was changed".to_string()),
    }
}
