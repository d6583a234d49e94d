//! The packs built into the app, from `exercises/`. `build.rs` parses and
//! validates them when the crate is built (a broken pack fails the build
//! with `file:line:col` errors) and stores them as JSON, so the browser app
//! carries no TOML parser: the JSON decoder is there anyway for storage.

use crate::core::pack::Pack;

const PACKS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/bundled-packs.json"));

/// The bundled packs, in file-name order.
pub fn bundled_packs() -> Vec<Pack> {
    // Written by build.rs from validated packs, so this cannot fail short of
    // a broken build; an empty list then shows "No exercise pack".
    serde_json::from_str(PACKS_JSON).unwrap_or_default()
}
