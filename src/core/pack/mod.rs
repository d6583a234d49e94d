//! Exercise packs: the therapist's programme, written as TOML.
//!
//! `parse` turns text into a validated [`Pack`] or a list of [`Problem`]s,
//! each with a line and column (and the field's path), so a therapist can
//! find the mistake. Every problem is reported in one run, as a compiler
//! does: the structure first (`walk`: unknown fields, types, missing
//! fields, lengths), then the meaning (`validate`) of whatever could be
//! read. The rest of the app only ever sees a valid `Pack`.
//! `print` writes a pack back as TOML that parses to the same pack.

mod diff;
pub mod draft;
mod lint;
mod model;
mod path;
mod problem;
mod raw;
pub mod schema;
mod validate;
mod walk;

pub use diff::changes;
pub use model::{
    Category, Dose, Exercise, Frequency, Kind, Pack, Routine, RoutineItem, Schedule, Sides, Stage,
    StageChange, Version, Weekday, compare_versions, seconds_in_words,
};
pub use problem::{MAX_PROBLEMS, Problem, Severity};

use serde::Deserialize;
use toml::de::DeTable;

/// The pack format versions this build reads; the last is the current one.
pub const FORMATS: [u32; 2] = [1, 2];

/// The largest pack text read, in bytes: no real pack comes near it (the
/// bundled ones are under 20 KB). Larger files, pastes and links are
/// refused before they are parsed.
pub const MAX_BYTES: usize = 256 * 1024;

/// Parses and validates a pack. Warnings are returned beside the pack;
/// any error means no pack. At most `MAX_PROBLEMS` problems are listed, in
/// the order of the text, then one that counts the rest.
pub fn parse(text: &str) -> Result<(Pack, Vec<Problem>), Vec<Problem>> {
    if text.len() > MAX_BYTES {
        return Err(vec![problem::too_large(text.len())]);
    }
    let mut doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(e) => return Err(problem::finish(text, vec![Problem::from_toml(&e)], &[])),
    };
    let fields = path::fields(doc.get_ref());
    let mut walked = match walk::check(text, &mut doc) {
        Ok(walked) => walked,
        Err(unsupported) => return Err(problem::finish(text, vec![unsupported], &fields)),
    };
    let mut problems = std::mem::take(&mut walked.problems);
    let mut pack = None;
    if walked.readable {
        match raw::RawPack::deserialize(toml::de::Deserializer::from(doc)) {
            Ok(raw) => {
                let (valid, found) = raw.validate();
                // What is absent where a field was left out follows from
                // that field's problem.
                let consequence = |p: &Problem| p.absent && walked.tainted(p.offset);
                problems.extend(found.into_iter().filter(|p| !consequence(p)));
                pack = Some(valid);
            }
            // Not expected after `walk`; reported all the same.
            Err(e) => problems.push(Problem::from_toml(&e)),
        }
    }
    let failed = problems.iter().any(|p| p.severity == Severity::Error);
    let problems = problem::finish(text, problems, &fields);
    match pack {
        Some(pack) if !failed => Ok((pack, problems)),
        _ => Err(problems),
    }
}

/// The pack as TOML, in the order the format describes. Comments are not
/// kept; everything else is, so `parse(print(pack))` gives the same pack.
pub fn print(pack: &Pack) -> String {
    let raw = raw::RawPack::from(pack);
    // Serialising plain structs of strings and numbers cannot fail.
    toml::to_string_pretty(&raw).unwrap_or_default()
}
