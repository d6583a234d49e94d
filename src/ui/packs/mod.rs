//! The Packs and "Check a pack" pages. They are built into their own wasm
//! module (`src/packs_ui.rs`, the `packs-ui` binary) with the TOML parser
//! and printer, share links and QR codes, and the app loads it only when
//! one of these pages opens: none of it is part of the first screen.
//!
//! The module shares nothing in memory with the app. It reads and writes
//! the same stored values (the library, the settings' active pack) and
//! tells the app with a `centralise:packs-changed` event, after which the
//! app reads them again.

mod check;
mod library;
mod state;

pub use check::CheckPackPage;
pub use library::PacksPage;
pub use state::{CHANGED_EVENT, Packs};
