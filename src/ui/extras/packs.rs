//! What the packs pages change: the installed packs and the active pack,
//! through the app model over current storage, then told to the app.

use super::{PACKS_EVENT, tell_app};
use crate::core::app::Input;
use crate::core::library::Library;
use crate::core::pack::Pack;
use crate::platform::driver;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Packs {
    pub library: RwSignal<Library>,
    /// The id of the pack Home shows.
    pub active: RwSignal<Option<String>>,
}

impl Packs {
    /// Reads the library and the active pack as stored.
    pub fn load() -> Packs {
        let (library, active) = driver::stored_packs();
        Packs {
            library: RwSignal::new(library),
            active: RwSignal::new(active),
        }
    }

    /// Makes the pack with this id the one Home shows.
    pub fn use_pack(&self, id: &str) -> Result<(), String> {
        self.change(Input::UsePack { id: id.into() })
    }

    /// Installs (or updates) a checked pack and makes it the active one.
    /// Nothing changes unless it was saved.
    pub fn install(&self, pack: Pack) -> Result<(), String> {
        self.change(Input::InstallPack(Box::new(pack)))
    }

    /// Removes an installed pack. History keeps its exercises' names (each
    /// record carries them); Home falls back to the first pack.
    pub fn remove(&self, id: &str) -> Result<(), String> {
        self.change(Input::RemovePack { id: id.into() })
    }

    fn change(&self, input: Input) -> Result<(), String> {
        let done = driver::change(input);
        // What is stored now, whether or not the change went in.
        self.reload();
        tell_app(PACKS_EVENT);
        done
    }

    /// Reads the library and the active pack again, as stored now.
    pub fn reload(&self) {
        let (library, active) = driver::stored_packs();
        self.library.set(library);
        self.active.set(active);
    }
}
