//! Reading a record's JSON (schema-1 chunks, backup files) as one flat
//! object with every field any record has, then building the record its
//! `type` names. The JSON is exactly what the derived, internally tagged
//! form writes; reading it this way needs a fraction of the code, because
//! serde's internally tagged enums buffer every value first, and this code
//! is on the first screen.
//!
//! Each record is built as a struct literal, so a field added to a record
//! fails to compile here until it is read (and then until [`StoredRecord`]
//! has it, `#[serde(default)]` or optional for what was written before).
//! A field its type requires that is missing, or an enum value its type
//! does not have, is an error naming it, never a default.

use super::records::{
    Acknowledged, CheckInRecord, Correction, Outcome, Psfs, PsfsItem, Record, SafetyStop,
    SessionEnded, SessionStarted, SetCompleted, StageAccepted, Text, WarningCheck,
};
use crate::core::pack::{Dose, Kind};
use crate::core::red_flags::Tier;
use crate::core::self_check::SelfCheck;
use crate::core::symptoms::{Answers, Change};
use serde::Deserialize;
use serde::de::IntoDeserializer;

#[derive(Deserialize)]
pub(super) struct StoredRecord {
    #[serde(rename = "type")]
    kind_of_record: RecordType,
    id: Text,
    at: u64,
    session: Option<Text>,
    pack_id: Option<Text>,
    pack_version: Option<Text>,
    routine_id: Option<Text>,
    routine_title: Option<Text>,
    started_at: Option<u64>,
    exercise_id: Option<Text>,
    exercise_name: Option<Text>,
    kind: Option<Kind>,
    set: Option<u32>,
    of: Option<u32>,
    dose: Option<Dose>,
    #[serde(default)]
    stopped_early: bool,
    after_set: Option<Text>,
    answers: Option<Answers>,
    note: Option<String>,
    /// A session's outcome or a warning check's tier: text either way.
    outcome: Option<String>,
    change: Option<Change>,
    check_in: Option<Text>,
    yes: Option<Vec<String>>,
    #[serde(default)]
    what: String,
    left: Option<u32>,
    right: Option<u32>,
    toe_walk_left: Option<bool>,
    toe_walk_right: Option<bool>,
    stage: Option<u32>,
    title: Option<Text>,
    corrects: Option<Text>,
    items: Option<Vec<PsfsItem>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum RecordType {
    SessionStarted,
    SetCompleted,
    CheckIn,
    SessionEnded,
    SafetyStop,
    WarningCheck,
    Acknowledged,
    SelfCheck,
    StageAccepted,
    Correction,
    Psfs,
}

/// A field the record's type requires.
pub(crate) fn need<T>(value: Option<T>, field: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{field}`"))
}

/// A unit enum from its name, through its own derived `Deserialize`.
fn named<'de, T: Deserialize<'de>>(name: &'de str) -> Result<T, String> {
    T::deserialize(name.into_deserializer()).map_err(|e: serde::de::value::Error| e.to_string())
}

impl TryFrom<StoredRecord> for Record {
    type Error = String;

    fn try_from(r: StoredRecord) -> Result<Record, String> {
        let (id, at) = (r.id, r.at);
        Ok(match r.kind_of_record {
            RecordType::SessionStarted => Record::SessionStarted(SessionStarted {
                id,
                at,
                pack_id: need(r.pack_id, "pack_id")?,
                pack_version: need(r.pack_version, "pack_version")?,
                routine_id: need(r.routine_id, "routine_id")?,
                routine_title: need(r.routine_title, "routine_title")?,
            }),
            RecordType::SetCompleted => Record::SetCompleted(SetCompleted {
                id,
                session: need(r.session, "session")?,
                at,
                started_at: need(r.started_at, "started_at")?,
                exercise_id: need(r.exercise_id, "exercise_id")?,
                exercise_name: need(r.exercise_name, "exercise_name")?,
                kind: need(r.kind, "kind")?,
                set: need(r.set, "set")?,
                of: need(r.of, "of")?,
                dose: need(r.dose, "dose")?,
                stopped_early: r.stopped_early,
            }),
            RecordType::CheckIn => Record::CheckIn(CheckInRecord {
                id,
                session: need(r.session, "session")?,
                at,
                after_set: r.after_set,
                answers: need(r.answers, "answers")?,
                note: r.note,
            }),
            RecordType::SessionEnded => Record::SessionEnded(SessionEnded {
                id,
                session: need(r.session, "session")?,
                at,
                outcome: named::<Outcome>(&need(r.outcome, "outcome")?)?,
            }),
            RecordType::SafetyStop => Record::SafetyStop(SafetyStop {
                id,
                session: need(r.session, "session")?,
                at,
                exercise_id: need(r.exercise_id, "exercise_id")?,
                exercise_name: need(r.exercise_name, "exercise_name")?,
                change: need(r.change, "change")?,
                check_in: need(r.check_in, "check_in")?,
            }),
            RecordType::WarningCheck => Record::WarningCheck(WarningCheck {
                id: id.to_string(),
                at,
                yes: need(r.yes, "yes")?,
                outcome: r.outcome.as_deref().map(named::<Tier>).transpose()?,
            }),
            RecordType::Acknowledged => Record::Acknowledged(Acknowledged {
                id: id.to_string(),
                at,
                what: r.what,
            }),
            RecordType::SelfCheck => Record::SelfCheck(SelfCheck {
                id: id.to_string(),
                at,
                left: need(r.left, "left")?,
                right: need(r.right, "right")?,
                toe_walk_left: need(r.toe_walk_left, "toe_walk_left")?,
                toe_walk_right: need(r.toe_walk_right, "toe_walk_right")?,
            }),
            RecordType::StageAccepted => Record::StageAccepted(StageAccepted {
                id: id.to_string(),
                at,
                pack_id: need(r.pack_id, "pack_id")?,
                stage: need(r.stage, "stage")?,
                title: need(r.title, "title")?,
            }),
            RecordType::Correction => Record::Correction(Correction {
                id: id.to_string(),
                at,
                corrects: need(r.corrects, "corrects")?,
                answers: r.answers,
                note: r.note,
            }),
            RecordType::Psfs => Record::Psfs(Psfs {
                id: id.to_string(),
                at,
                items: need(r.items, "items")?,
            }),
        })
    }
}
