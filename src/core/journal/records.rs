//! Record types and the in-memory journal built from them.
//!
//! Each record's fields are declared once, in its struct here; the serde
//! derive is its JSON. Every other place that spells them out must name
//! all of them or fail to compile: the codec's writer destructures each
//! record without `..`, and the codec's reader, the flat JSON reader
//! (`stored`) and the generators build struct literals. So adding a field
//! is this edit plus whatever the compiler then points at, and a default
//! for what was stored before (see `codec`'s module comment).

use crate::core::pack::{Dose, Kind};
use crate::core::red_flags::Tier;
use crate::core::self_check::SelfCheck;
use crate::core::symptoms::{Answers, Change, compare};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, OnceLock};

/// Text shared between records: a session's id, an exercise's name. Years
/// of records repeat a few strings tens of thousands of times; sharing them
/// makes loading several times cheaper than copying each.
pub type Text = Arc<str>;

/// One stored fact. Records are only ever appended; each has an id that is
/// unique across devices and tabs, so merging never duplicates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "kebab-case",
    try_from = "super::stored::StoredRecord"
)]
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
    /// The patient moved up to a stage of a pack's progression.
    StageAccepted(StageAccepted),
    /// A check-in corrected or marked as a mistake (the original stays).
    Correction(Correction),
    /// The Patient-Specific Functional Scale: activities scored 0-10.
    Psfs(Psfs),
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
            Record::StageAccepted(r) => &r.id,
            Record::Correction(r) => &r.id,
            Record::Psfs(r) => &r.id,
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
            Record::StageAccepted(r) => r.at,
            Record::Correction(r) => r.at,
            Record::Psfs(r) => r.at,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionStarted {
    pub id: Text,
    pub at: u64,
    pub pack_id: Text,
    pub pack_version: Text,
    pub routine_id: Text,
    pub routine_title: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetCompleted {
    pub id: Text,
    pub session: Text,
    /// When the set ended.
    pub at: u64,
    pub started_at: u64,
    pub exercise_id: Text,
    /// Kept so the history reads well even if the pack is later removed.
    pub exercise_name: Text,
    pub kind: Kind,
    /// 1-based number of this set among the exercise's sets in the routine.
    pub set: u32,
    pub of: u32,
    pub dose: Dose,
    /// Stopped before its time because the symptoms were spreading.
    #[serde(default)]
    pub stopped_early: bool,
}

/// A check-in. One made from Home's "Log symptoms", outside any session,
/// is its own session: its `session` is its `id` (see
/// [`CheckInRecord::is_log`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckInRecord {
    pub id: Text,
    pub session: Text,
    pub at: u64,
    /// The set this check-in follows; `None` for the baseline before the
    /// first set.
    pub after_set: Option<Text>,
    pub answers: Answers,
    /// The patient's own short note, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl CheckInRecord {
    /// Logged on its own ("Log symptoms"), not before or after a set.
    pub fn is_log(&self) -> bool {
        self.session == self.id
    }
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
    pub id: Text,
    pub session: Text,
    pub at: u64,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SafetyStop {
    pub id: Text,
    pub session: Text,
    pub at: u64,
    pub exercise_id: Text,
    pub exercise_name: Text,
    /// Why: peripheralised or worse (after the patient's own word).
    pub change: Change,
    /// The check-in that showed it.
    pub check_in: Text,
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
    /// Which prompt: [`Acknowledged::REVIEW`], [`Acknowledged::URGENT`], or
    /// the prompt to contact
    /// the therapist (the first kind, stored without a name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub what: String,
}

impl Acknowledged {
    pub const REVIEW: &str = "review";
    /// The urgent advice after an urgent answer to the warning-signs check.
    pub const URGENT: &str = "urgent";
}

/// The patient accepted a stage of a pack's progression
/// (`core::progression`); stepping back is read from the safety stops.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageAccepted {
    pub id: String,
    pub at: u64,
    pub pack_id: Text,
    /// 1 is the pack's own doses, 2 its first `[[stages]]`, and so on.
    pub stage: u32,
    /// The stage's title, so the history reads well if the pack changes.
    pub title: Text,
}

/// A check-in the patient corrected: records are never changed, so the
/// correction is a record of its own and the original stays in the journal
/// and every backup. History and the exports show the corrected value,
/// marked; the safety rules keep reading what was first entered, so a
/// correction can never undo a stop or a prompt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub id: String,
    pub at: u64,
    /// The check-in corrected.
    pub corrects: Text,
    /// What the check-in should have said; `None`: it was entered by
    /// mistake and counts for nothing.
    pub answers: Option<Answers>,
    /// The note as corrected (the whole note; `None`: no note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One activity of the Patient-Specific Functional Scale, in the
/// patient's own words, scored 0 (unable) to 10 (as before the problem).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PsfsItem {
    pub activity: String,
    pub score: u8,
}

/// The PSFS as answered once: up to [`Psfs::MAX_ITEMS`] activities.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Psfs {
    pub id: String,
    pub at: u64,
    pub items: Vec<PsfsItem>,
}

impl Psfs {
    pub const MAX_ITEMS: usize = 3;
    pub const MAX_SCORE: u8 = 10;

    /// The score: the mean of the activities' scores (`None` without any).
    pub fn mean(&self) -> Option<f64> {
        let n = self.items.len();
        // A stored score above the scale (an edited backup) counts as 10.
        let sum: f64 = self
            .items
            .iter()
            .map(|i| f64::from(i.score.min(Self::MAX_SCORE)))
            .sum();
        (n > 0).then(|| sum / n as f64)
    }
}

/// Every record, in time order, without duplicates (see
/// [`Journal::from_stored`] for the one exception, until settled).
#[derive(Clone, Debug, Default)]
pub struct Journal {
    records: Vec<Record>,
    /// The fingerprint of every record's id, to tell a new record from one
    /// already here. Made when first asked for: a journal read from storage
    /// is shown long before anything is added to it, and making this for
    /// years of records took a fifth of the read.
    ids: OnceLock<Ids>,
    /// No id is held twice (see [`Journal::settle`]).
    settled: bool,
}

type Ids = HashSet<u128, BuildHasherDefault<Identity>>;

/// The index is only a faster way to ask about the records.
impl PartialEq for Journal {
    fn eq(&self, other: &Self) -> bool {
        self.records == other.records
    }
}

/// Records sorted by time, stably: records of equal time keep their
/// order. Stored records come as a few runs already in time order, one
/// long run per tab that wrote them and short ones where tabs overlapped,
/// so the runs are merged: each record moves once, and only the run heads
/// are compared.
fn in_time_order(mut records: Vec<Record>) -> Vec<Record> {
    if records.is_sorted_by_key(Record::at) {
        return records;
    }
    let mut starts = vec![0];
    starts.extend((1..records.len()).filter(|&i| records[i].at() < records[i - 1].at()));
    // Split from the end, so each split moves only its own run.
    let mut runs: Vec<std::vec::IntoIter<Record>> = starts
        .iter()
        .rev()
        .map(|&start| records.split_off(start).into_iter())
        .collect();
    runs.reverse();
    // The next record of each run, earliest first; of equal times, the
    // earlier run's, which was stored first.
    let mut heads: BinaryHeap<Reverse<(u64, usize)>> = runs
        .iter()
        .enumerate()
        .filter_map(|(run, r)| Some(Reverse((r.as_slice().first()?.at(), run))))
        .collect();
    let mut merged = Vec::with_capacity(runs.iter().map(ExactSizeIterator::len).sum());
    while let Some(Reverse((_, run))) = heads.pop() {
        // Every record of this run that comes before the next run's head
        // at once: one tab's run is most of the journal.
        let take = match heads.peek() {
            Some(&Reverse((at, other))) => runs[run]
                .as_slice()
                .partition_point(|r| r.at() < at || (r.at() == at && run < other)),
            None => usize::MAX,
        };
        merged.extend(runs[run].by_ref().take(take));
        if let Some(next) = runs[run].as_slice().first() {
            heads.push(Reverse((next.at(), run)));
        }
    }
    merged
}

/// A 128-bit fingerprint of a record id: two independent 64-bit hashes
/// of its bytes. Keeping these instead of copies of the ids saves an
/// allocation per record when years of records load; telling two of a
/// hundred thousand ids apart by chance would take odds of about one in
/// 10^28.
fn fingerprint(id: &str) -> u128 {
    let mix = |seed: u64, k: u64| {
        let mut words = id.as_bytes().chunks_exact(8);
        let mut h = seed ^ id.len() as u64;
        let mut add = |w: u64| {
            h = (h ^ w).wrapping_mul(k).rotate_left(29);
        };
        for w in &mut words {
            add(u64::from_le_bytes([
                w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7],
            ]));
        }
        for &b in words.remainder() {
            add(u64::from(b));
        }
        // SplitMix64's finaliser: every input bit moves every output bit.
        h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    };
    let (a, b) = (
        mix(0x243f_6a88_85a3_08d3, 0x9e37_79b9_7f4a_7c15),
        mix(0x1319_8a2e_0370_7344, 0xff51_afd7_ed55_8ccd),
    );
    (u128::from(a) << 64) | u128::from(b)
}

fn index_of(records: &[Record]) -> Ids {
    let mut ids = Ids::with_capacity_and_hasher(records.len(), Default::default());
    ids.extend(records.iter().map(|r| fingerprint(r.id())));
    ids
}

/// The fingerprints are already uniform: hashing them again is waste.
#[derive(Default, Clone, Copy)]
struct Identity(u64);

impl Hasher for Identity {
    fn write(&mut self, _: &[u8]) {}

    fn write_u128(&mut self, v: u128) {
        self.0 = v as u64;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A completed set with the check-in that followed it, for the history.
#[derive(Clone, Debug, PartialEq)]
pub struct SetRow<'a> {
    pub set: &'a SetCompleted,
    pub check_in: Option<&'a CheckInRecord>,
    /// The latest correction of that check-in, if the patient made one.
    pub correction: Option<&'a Correction>,
    /// Compared with the check-in before this set, both as corrected.
    pub change: Option<Change>,
    /// The exercise was stopped for the day after this set.
    pub stopped: bool,
}

impl SetRow<'_> {
    /// The check-in after the set as it stands now (see [`Corrected`]).
    pub fn after(&self) -> Option<Corrected<'_>> {
        self.check_in.map(|c| Corrected::new(c, self.correction))
    }
}

/// A check-in as the patient last corrected it: what History and the
/// exports show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Corrected<'a> {
    pub check_in: &'a CheckInRecord,
    pub correction: Option<&'a Correction>,
}

impl<'a> Corrected<'a> {
    pub fn new(check_in: &'a CheckInRecord, correction: Option<&'a Correction>) -> Self {
        Corrected {
            check_in,
            correction,
        }
    }

    /// The answers that stand: the correction's, the original's, or none
    /// for a check-in marked as a mistake.
    pub fn answers(&self) -> Option<&'a Answers> {
        match self.correction {
            Some(c) => c.answers.as_ref(),
            None => Some(&self.check_in.answers),
        }
    }

    pub fn note(&self) -> Option<&'a str> {
        match self.correction {
            Some(c) => c.note.as_deref(),
            None => self.check_in.note.as_deref(),
        }
    }

    pub fn is_mistake(&self) -> bool {
        self.correction.is_some_and(|c| c.answers.is_none())
    }
}

impl Journal {
    /// The journal of `records` from anywhere (a backup file, a test):
    /// the first of each id is kept.
    pub fn from_records(records: impl IntoIterator<Item = Record>) -> Self {
        let mut journal = Journal {
            records: in_time_order(records.into_iter().collect()),
            ..Journal::default()
        };
        journal.settle();
        journal
    }

    /// The journal of records the app stored itself, read back. A record
    /// stored twice (by two tabs, or a merge and the tab that wrote it) is
    /// the same record at the same time, so looking among the records of
    /// its time is enough to drop the copy. An id held by records of
    /// different times, which only storage damaged or edited by hand holds,
    /// stays until [`Journal::settle`]: the app settles the journal once its
    /// first screen is drawn, and every change to the journal does first.
    pub fn from_stored(records: Vec<Record>) -> Self {
        let mut records = in_time_order(records);
        let mut kept = 0;
        // Where the records of the last kept record's time begin.
        let mut same_time = 0;
        for read in 0..records.len() {
            let at = records[read].at();
            if kept > 0 && records[kept - 1].at() != at {
                same_time = kept;
            }
            let id = records[read].id();
            if !records[same_time..kept].iter().any(|r| r.id() == id) {
                // Nearly always in place already: moving a record costs.
                if kept != read {
                    records.swap(kept, read);
                }
                kept += 1;
            }
        }
        records.truncate(kept);
        Journal {
            records,
            ..Journal::default()
        }
    }

    /// Keeps the first record of each id and makes the index of ids, if not
    /// done yet. Whether any record was dropped.
    pub fn settle(&mut self) -> bool {
        if self.settled {
            return false;
        }
        let before = self.records.len();
        let mut ids = Ids::with_capacity_and_hasher(before, Default::default());
        self.records.retain(|r| ids.insert(fingerprint(r.id())));
        self.ids = OnceLock::from(ids);
        self.settled = true;
        self.records.len() != before
    }

    fn ids(&self) -> &Ids {
        self.ids.get_or_init(|| index_of(&self.records))
    }

    /// Lends the index to change (`OnceLock` lends it mutably only as
    /// taken out and put back), the journal settled first.
    fn with_ids<T>(&mut self, change: impl FnOnce(&mut Ids) -> T) -> T {
        self.settle();
        let mut ids = self.ids.take().unwrap_or_else(|| index_of(&self.records));
        let out = change(&mut ids);
        self.ids = OnceLock::from(ids);
        out
    }

    /// Adds a record unless one with its id is already there. Keeps time
    /// order; records nearly always arrive last, so this is cheap.
    pub fn insert(&mut self, record: Record) -> bool {
        if !self.with_ids(|ids| ids.insert(fingerprint(record.id()))) {
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
        self.add(records, None)
    }

    /// As [`Journal::merge`], and gives the records that were new, in the
    /// order they came (a restore stores exactly those).
    pub fn merge_new(&mut self, records: Vec<Record>) -> Vec<Record> {
        let mut added = Vec::new();
        self.add(records, Some(&mut added));
        added
    }

    fn add(&mut self, records: Vec<Record>, mut added: Option<&mut Vec<Record>>) -> usize {
        let mut fresh = Vec::with_capacity(records.len());
        self.with_ids(|ids| {
            for r in records {
                if ids.insert(fingerprint(r.id())) {
                    if let Some(added) = added.as_deref_mut() {
                        added.push(r.clone());
                    }
                    fresh.push(r);
                }
            }
        });
        let count = fresh.len();
        self.records.append(&mut fresh);
        if !self.records.is_sorted_by_key(Record::at) {
            self.records = in_time_order(std::mem::take(&mut self.records));
        }
        count
    }

    pub fn sets_count(&self) -> usize {
        self.records
            .iter()
            .filter(|r| matches!(r, Record::SetCompleted(_)))
            .count()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids().contains(&fingerprint(id))
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
        let first = self.records.partition_point(|r| r.at() < since);
        for r in &self.records[first..] {
            if let Record::SafetyStop(s) = r
                && s.at >= since
                && !stops.iter().any(|t| t.exercise_id == s.exercise_id)
            {
                stops.push(s);
            }
        }
        stops
    }

    /// The check-in with this id.
    pub fn check_in(&self, id: &str) -> Option<&CheckInRecord> {
        if !self.contains(id) {
            return None;
        }
        self.check_ins().find(|c| &*c.id == id)
    }

    /// The most recent check-in of all, e.g. to pre-fill the next baseline.
    pub fn last_check_in(&self) -> Option<&CheckInRecord> {
        self.check_ins().next_back()
    }

    /// The latest correction of each corrected check-in, by its id.
    pub fn corrections(&self) -> HashMap<&str, &Correction> {
        let mut latest = HashMap::new();
        for r in &self.records {
            if let Record::Correction(c) = r {
                latest.insert(&*c.corrects, c);
            }
        }
        latest
    }

    /// The check-ins logged on their own (Home's "Log symptoms"), oldest
    /// first, as corrected.
    pub fn symptom_logs(&self) -> Vec<Corrected<'_>> {
        let corrections = self.corrections();
        self.check_ins()
            .filter(|c| c.is_log())
            .map(|c| Corrected::new(c, corrections.get(&*c.id).copied()))
            .collect()
    }

    /// Every completed set with its check-in, newest first. Each check-in
    /// is compared with the one before it in the same session.
    pub fn sets_newest_first(&self) -> Vec<SetRow<'_>> {
        self.newest_sets(usize::MAX, 0)
    }

    /// The newest completed sets, at most `limit` of them and none that
    /// ended before `since`, as [`Journal::sets_newest_first`] gives them.
    /// Reads back only as far as the oldest of them (plus the check-in
    /// before each), so the history and the review prompt stay quick with
    /// years of records.
    pub fn newest_sets<'a>(&'a self, limit: usize, since: u64) -> Vec<SetRow<'a>> {
        let records = &self.records;
        let mut stopped: HashSet<&str> = HashSet::new();
        let mut corrections: HashMap<&str, &Correction> = HashMap::new();
        for r in records {
            match r {
                Record::SafetyStop(s) => {
                    stopped.insert(&s.check_in);
                }
                Record::Correction(c) => {
                    corrections.insert(&c.corrects, c);
                }
                _ => {}
            }
        }
        let corrected = |c: &'a CheckInRecord| Corrected::new(c, corrections.get(&*c.id).copied());
        // Walking back from the newest, a set's check-in (later in time)
        // is met before the set; the first met is the latest, which is the
        // one that counts.
        let mut after: HashMap<&str, usize> = HashMap::new();
        let mut rows = Vec::new();
        for (i, r) in records.iter().enumerate().rev() {
            match r {
                Record::CheckIn(c) => {
                    if let Some(set) = &c.after_set {
                        after.entry(set).or_insert(i);
                    }
                }
                Record::SetCompleted(set) if rows.len() < limit && set.at >= since => {
                    // A wall clock set back can put the check-in first.
                    let at = after
                        .get(&*set.id)
                        .copied()
                        .or_else(|| self.last_check_in_after(set));
                    let check_in = at.and_then(|k| match &records[k] {
                        Record::CheckIn(c) => Some((k, c)),
                        _ => None,
                    });
                    rows.push(SetRow {
                        set,
                        check_in: check_in.map(|(_, c)| c),
                        correction: check_in.and_then(|(_, c)| corrections.get(&*c.id).copied()),
                        change: check_in.and_then(|(k, c)| {
                            let before = corrected(self.check_in_before(k, &c.session)?);
                            let (before, after) = (before.answers()?, corrected(c).answers()?);
                            Some(compare(before, after).with_patient_word(after.mdt))
                        }),
                        stopped: check_in.is_some_and(|(_, c)| stopped.contains(&*c.id)),
                    });
                }
                Record::SetCompleted(_) => break,
                _ => {}
            }
        }
        rows
    }

    /// Where the latest check-in naming `set` is, looking everywhere.
    fn last_check_in_after(&self, set: &SetCompleted) -> Option<usize> {
        self.records.iter().rposition(
            |r| matches!(r, Record::CheckIn(c) if c.after_set.as_deref() == Some(&*set.id)),
        )
    }

    /// The check-in of `session` nearest before position `k`.
    fn check_in_before(&self, k: usize, session: &str) -> Option<&CheckInRecord> {
        self.records[..k].iter().rev().find_map(|r| match r {
            Record::CheckIn(c) if &*c.session == session => Some(c),
            _ => None,
        })
    }
}
