//! Exercise packs: the therapist's programme, written as TOML.
//!
//! `parse` turns text into a validated [`Pack`] or a list of [`Problem`]s,
//! each with a line and column, so a therapist can find the mistake. The
//! rest of the app only ever sees a valid `Pack`.

mod model;
mod problem;
mod raw;

pub use model::{Category, Dose, Exercise, Kind, Pack, Routine, RoutineItem, seconds_in_words};
pub use problem::{Problem, Severity};

/// The pack format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// Parses and validates a pack. Warnings are returned beside the pack;
/// any error means no pack.
pub fn parse(text: &str) -> Result<(Pack, Vec<Problem>), Vec<Problem>> {
    let raw: raw::RawPack = toml::from_str(text).map_err(|e| vec![Problem::from_toml(text, &e)])?;
    raw.validate(text)
}
