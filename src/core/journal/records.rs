//! Record types and the in-memory journal built from them.

use crate::core::pack::{Dose, Kind};
use crate::core::red_flags::Tier;
use crate::core::self_check::SelfCheck;
use crate::core::symptoms::{Answers, Change, compare};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One stored fact. Records are only ever appended; each has an id that is
/// unique across devices and tabs, so merging never duplicates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Record {
    SessionStarted(SessionStarted),
    SetCompleted(SetCompleted),
    CheckIn(CheckInRecord),
    SessionEnded(SessionEnded),
    /// An exercise stopped for the rest of the day by a safety rule.
    SafetyStop(SafetyStop),
    /// The patient answered the warning-signs check.
    WarningCheck(WarningCheck),
    /// The patient read the prompt to contact their therapist.
    Acknowledged(Acknowledged),
    /// An S1 strength self-check (heel raises, toe-walking).
    SelfCheck(SelfCheck),
}

impl Record {
    pub fn id(&self) -> &str {
        match self {
            Record::SessionStarted(r) => &r.id,
            Record::SetCompleted(r) => &r.id,
            Record::CheckIn(r) => &r.id,
            Record::SessionEnded(r) => &r.id,
            Record::SafetyStop(r) => &r.id,
            Record::WarningCheck(r) => &r.id,
            Record::Acknowledged(r) => &r.id,
            Record::SelfCheck(r) => &r.id,
        }
    }

    /// Wall-clock time, milliseconds since the Unix epoch.
    pub fn at(&self) -> u64 {
        match self {
            Record::SessionStarted(r) => r.at,
            Record::SetCompleted(r) => r.at,
            Record::CheckIn(r) => r.at,
            Record::SessionEnded(r) => r.at,
            Record::SafetyStop(r) => r.at,
            Record::WarningCheck(r) => r.at,
            Record::Acknowledged(r) => r.at,
            Record::SelfCheck(r) => r.at,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionStarted {
    pub id: String,
    pub at: u64,
    pub pack_id: String,
    pub pack_version: String,
    pub routine_id: String,
    pub routine_title: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetCompleted {
    pub id: String,
    pub session: String,
    /// When the set ended.
    pub at: u64,
    pub started_at: u64,
    pub exercise_id: String,
    /// Kept so the history reads well even if the pack is later removed.
    pub exercise_name: String,
    pub kind: Kind,
    /// 1-based number of this set among the exercise's sets in the routine.
    pub set: u32,
    pub of: u32,
    pub dose: Dose,
    /// Stopped before its time because the symptoms were spreading.
    #[serde(default)]
    pub stopped_early: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckInRecord {
    pub id: String,
    pub session: String,
    pub at: u64,
    /// The set this check-in follows; `None` for the baseline before the
    /// first set.
    pub after_set: Option<String>,
    pub answers: Answers,
    /// The patient's own short note, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Completed,
    EndedEarly,
    /// Left unfinished for more than six hours and closed by the app.
    TimedOut,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionEnded {
    pub id: String,
    pub session: String,
    pub at: u64,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SafetyStop {
    pub id: String,
    pub session: String,
    pub at: u64,
    pub exercise_id: String,
    pub exercise_name: String,
    /// Why: peripheralised or worse (after the patient's own word).
    pub change: Change,
    /// The check-in that showed it.
    pub check_in: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarningCheck {
    pub id: String,
    pub at: u64,
    /// Ids of the signs answered "yes" (see `red_flags::RED_FLAGS`); every
    /// other question was answered "no".
    pub yes: Vec<String>,
    pub outcome: Option<Tier>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Acknowledged {
    pub id: String,
    pub at: u64,
    /// Which prompt: [`Acknowledged::REVIEW`], or the prompt to contact
    /// the therapist (the first kind, stored without a name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub what: String,
}

impl Acknowledged {
    pub const REVIEW: &str = "review";
}

/// Every record, in time order, without duplicates.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Journal {
    records: Vec<Record>,
    ids: HashSet<String>,
}

/// A completed set with the check-in that followed it, for the history.
#[derive(Clone, Debug, PartialEq)]
pub struct SetRow<'a> {
    pub set: &'a SetCompleted,
    pub check_in: Option<&'a CheckInRecord>,
    /// Compared with the check-in before this set.
    pub change: Option<Change>,
    /// The exercise was stopped for the day after this set.
    pub stopped: bool,
}

impl Journal {
    pub fn from_records(records: impl IntoIterator<Item = Record>) -> Self {
        let mut records: Vec<Record> = records.into_iter().collect();
        // Stable, so records of equal time keep their stored order.
        records.sort_by_key(Record::at);
        let mut journal = Journal {
            records: Vec::with_capacity(records.len()),
            ids: HashSet::with_capacity(records.len()),
        };
        for r in records {
            if journal.ids.insert(r.id().to_owned()) {
                journal.records.push(r);
            }
        }
        journal
    }

    /// Adds a record unless one with its id is already there. Keeps time
    /// order; records nearly always arrive last, so this is cheap.
    pub fn insert(&mut self, record: Record) -> bool {
        if !self.ids.insert(record.id().to_owned()) {
            return false;
        }
        let at = record.at();
        let pos = self.records.partition_point(|r| r.at() <= at);
        self.records.insert(pos, record);
        true
    }

    /// Adds many records at once (a restore, another tab's chunk), each
    /// once: cheaper than inserting one by one when they are older.
    pub fn merge(&mut self, records: Vec<Record>) -> usize {
        let before = self.len();
        let fresh: Vec<Record> = records
            .into_iter()
            .filter(|r| !self.ids.contains(r.id()))
            .collect();
        if fresh.iter().all(|r| self.records.last().is_none_or(|l| l.at() <= r.at())) {
            for r in fresh {
                self.insert(r);
            }
        } else {
            let all = std::mem::take(&mut self.records);
            *self = Journal::from_records(all.into_iter().chain(fresh));
        }
        self.len() - before
    }

    pub fn sets_count(&self) -> usize {
        self.records
            .iter()
            .filter(|r| matches!(r, Record::SetCompleted(_)))
            .count()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    pub fn records(&self) -> &[Record] {
        &self.records
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    fn check_ins(&self) -> impl DoubleEndedIterator<Item = &CheckInRecord> {
        self.records.iter().filter_map(|r| match r {
            Record::CheckIn(c) => Some(c),
            _ => None,
        })
    }

    /// Exercises stopped by a safety rule at or after `since` (the start of
    /// today, local time), each once.
    pub fn stopped_since(&self, since: u64) -> Vec<&SafetyStop> {
        let mut stops: Vec<&SafetyStop> = Vec::new();
        for r in &self.records {
            if let Record::SafetyStop(s) = r
                && s.at >= since
                && !stops.iter().any(|t| t.exercise_id == s.exercise_id)
            {
                stops.push(s);
            }
        }
        stops
    }

    /// Whether the warning-signs check was answered at or after `since`
    /// (the start of this week): it is asked before the week's first
    /// session.
    pub fn warning_check_since(&self, since: u64) -> bool {
        self.records
            .iter()
            .any(|r| matches!(r, Record::WarningCheck(c) if c.at >= since))
    }

    /// The most recent check-in of all, e.g. to pre-fill the next baseline.
    pub fn last_check_in(&self) -> Option<&CheckInRecord> {
        self.check_ins().next_back()
    }

    /// Every completed set with its check-in, newest first. Each check-in
    /// is compared with the one before it in the same session.
    pub fn sets_newest_first(&self) -> Vec<SetRow<'_>> {
        let mut after: HashMap<&str, (&CheckInRecord, Option<Change>)> = HashMap::new();
        let mut previous: HashMap<&str, &Answers> = HashMap::new();
        let stopped: HashSet<&str> = self
            .records
            .iter()
            .filter_map(|r| match r {
                Record::SafetyStop(s) => Some(s.check_in.as_str()),
                _ => None,
            })
            .collect();
        for c in self.check_ins() {
            let change = previous
                .insert(&c.session, &c.answers)
                .map(|p| compare(p, &c.answers).with_patient_word(c.answers.mdt));
            if let Some(set) = &c.after_set {
                after.insert(set, (c, change));
            }
        }
        let mut rows: Vec<SetRow<'_>> = self
            .records
            .iter()
            .filter_map(|r| match r {
                Record::SetCompleted(set) => {
                    let found = after.get(set.id.as_str());
                    Some(SetRow {
                        set,
                        check_in: found.map(|(c, _)| *c),
                        change: found.and_then(|(_, ch)| *ch),
                        stopped: found.is_some_and(|(c, _)| stopped.contains(c.id.as_str())),
                    })
                }
                _ => None,
            })
            .collect();
        rows.reverse();
        rows
    }
}
