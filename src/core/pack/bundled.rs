//! The packs built into the app, from `exercises/`. `tests/packs.rs` checks
//! that every file there is listed here and is valid.

use super::{Pack, parse};

/// (file name, TOML text) of each bundled pack.
pub const BUNDLED: &[(&str, &str)] = &[(
    "exercises/s1-starter.toml",
    include_str!("../../../exercises/s1-starter.toml"),
)];

/// The bundled packs that parse. A broken bundled pack is a build defect
/// caught by the tests, so at run time it is skipped rather than fatal.
pub fn bundled_packs() -> Vec<Pack> {
    BUNDLED
        .iter()
        .filter_map(|(_, text)| parse(text).ok().map(|(pack, _)| pack))
        .collect()
}
