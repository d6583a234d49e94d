//! Exercise packs: the therapist's programme, written as TOML.
//!
//! `parse` turns text into a validated [`Pack`] or a list of [`Problem`]s,
//! each with a line and column (and the field's path), so a therapist can
//! find the mistake. The rest of the app only ever sees a valid `Pack`.
//! `print` writes a pack back as TOML that parses to the same pack.

mod diff;
mod lint;
mod model;
mod path;
mod problem;
mod raw;
pub mod schema;
mod validate;

pub use diff::changes;
pub use model::{
    Category, Dose, Exercise, Frequency, Kind, Pack, Routine, RoutineItem, Schedule, Sides, Stage,
    StageChange, Weekday, compare_versions, seconds_in_words,
};
pub use problem::{Problem, Severity};

/// The pack format versions this build reads; the last is the current one.
pub const FORMATS: [u32; 2] = [1, 2];

/// Parses and validates a pack. Warnings are returned beside the pack;
/// any error means no pack.
pub fn parse(text: &str) -> Result<(Pack, Vec<Problem>), Vec<Problem>> {
    let located = |mut problems: Vec<Problem>| {
        path::locate(text, &mut problems);
        problems
    };
    let raw: raw::RawPack =
        toml::from_str(text).map_err(|e| located(vec![Problem::from_toml(text, &e)]))?;
    match raw.validate(text) {
        Ok((pack, warnings)) => Ok((pack, located(warnings))),
        Err(problems) => Err(located(problems)),
    }
}

/// The pack as TOML, in the order the format describes. Comments are not
/// kept; everything else is, so `parse(print(pack))` gives the same pack.
pub fn print(pack: &Pack) -> String {
    let raw = raw::RawPack::from(pack);
    // Serialising plain structs of strings and numbers cannot fail.
    toml::to_string_pretty(&raw).unwrap_or_default()
}
