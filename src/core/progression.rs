//! Stages by response (DOMAIN.md "Progression is by response"): a pack's
//! `[[stages]]` change doses from a week of the programme, but only when
//! the patient tolerates the dose they are on.
//!
//! Stage 1 is the pack's own doses, stage 2 its first `[[stages]]`, and
//! so on; each stage keeps the changes of the ones before it. The stage in
//! force is read from the journal alone: a `StageAccepted` record moves
//! to the stage it names, and a safety stop (a set that peripheralised,
//! got worse or brought a new nerve sign) in a session of the pack steps
//! back one stage, once per session. Nothing is written for a step back,
//! so it cannot be lost or disagree with the stops it comes from.
//!
//! The next stage is offered when its week has come, the patient did at
//! least one set of the pack in the last 7 days, none of those days had a
//! safety stop and the patient did not choose a stage in them: tolerance
//! shown, not just time passed. The patient may also go back a stage at
//! any time (a `StageAccepted` of the stage below). Weeks count from
//! when the pack was installed, or for a built-in pack from its first
//! session.

use crate::core::journal::{Journal, Record, Text};
use crate::core::pack::{Pack, Routine, Stage};
use crate::core::plan::local_day;
use crate::core::symptoms::Change;
use std::collections::{HashMap, HashSet};

const DAY: u64 = 24 * 60 * 60 * 1000;

/// How far back a stage offer looks for sets and for safety stops.
pub const TOLERANCE_MS: u64 = 7 * DAY;

/// `Acknowledged::what` of "Ask me next week" on a stage offer: no offer
/// for [`TOLERANCE_MS`] after it.
pub const LATER: &str = "stage-later";

/// Why a stage is in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// The pack's own doses, from the start.
    Start,
    /// The patient chose it: accepted the offer, or went back to it.
    Accepted,
    /// A set of this exercise peripheralised, got worse or brought a new
    /// nerve sign one stage up.
    SteppedBack { exercise: Text, change: Change },
}

/// A stage coming into force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub at: u64,
    pub stage: u32,
    pub why: Why,
}

impl Step {
    const START: Step = Step {
        at: 0,
        stage: 1,
        why: Why::Start,
    };
}

/// The stage changes of pack `pack_id` up to `until`, in time order.
pub fn steps(journal: &Journal, pack_id: &str, until: u64) -> Vec<Step> {
    let records = journal.records();
    let end = records.partition_point(|r| r.at() <= until);
    let mut stepped_back: HashSet<&str> = HashSet::new();
    let mut stage = 1;
    let mut out = Vec::new();
    for (i, r) in records[..end].iter().enumerate() {
        let step = match r {
            Record::StageAccepted(s) if &*s.pack_id == pack_id => {
                Some((s.stage.max(1), Why::Accepted))
            }
            Record::SafetyStop(s)
                if stage > 1
                    && session_of_pack(&records[..i], &s.session, pack_id)
                    && stepped_back.insert(&s.session) =>
            {
                let why = Why::SteppedBack {
                    exercise: s.exercise_name.clone(),
                    change: s.change,
                };
                Some((stage - 1, why))
            }
            _ => None,
        };
        if let Some((to, why)) = step {
            stage = to;
            out.push(Step {
                at: r.at(),
                stage,
                why,
            });
        }
    }
    out
}

/// Whether `session` was started, in `earlier`, with pack `pack_id`. Its
/// start is a few records back from its stop, so looking back from there
/// costs far less than remembering every session of years of records
/// (Home asks for the stage in force several times as it draws).
fn session_of_pack(earlier: &[Record], session: &str, pack_id: &str) -> bool {
    earlier
        .iter()
        .rev()
        .find_map(|r| match r {
            Record::SessionStarted(s) if &*s.id == session => Some(&*s.pack_id == pack_id),
            _ => None,
        })
        .unwrap_or(false)
}

/// The stage of `pack` in force at `at`, no higher than the pack has.
pub fn in_force(journal: &Journal, pack: &Pack, at: u64) -> Step {
    let mut step = steps(journal, &pack.id, at).pop().unwrap_or(Step::START);
    step.stage = step.stage.min(top(pack));
    step
}

/// The pack's highest stage.
pub fn top(pack: &Pack) -> u32 {
    pack.stages.len() as u32 + 1
}

/// The `[[stages]]` entry of stage `stage` (none for stage 1).
pub fn stage(pack: &Pack, stage: u32) -> Option<&Stage> {
    pack.stages.get((stage as usize).checked_sub(2)?)
}

/// The week of the programme (1 the first) at `now` for a pack started at
/// `started`, counted in the patient's local days.
pub fn week(started: u64, now: u64, offset_at: &impl Fn(u64) -> i64) -> u32 {
    let days = local_day(now, offset_at) - local_day(started, offset_at);
    u32::try_from(days.max(0) / 7)
        .unwrap_or(u32::MAX)
        .saturating_add(1)
}

/// When the patient began pack `pack_id`: its first session.
pub fn first_session(journal: &Journal, pack_id: &str) -> Option<u64> {
    journal.records().iter().find_map(|r| match r {
        Record::SessionStarted(s) if &*s.pack_id == pack_id => Some(s.at),
        _ => None,
    })
}

/// The next stage, offered to the patient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    pub stage: u32,
    pub title: String,
    /// What changes, one line per routine item: "Side plank, 2 sets of
    /// hold 10 seconds".
    pub changes: Vec<String>,
}

/// The next stage of `pack` if it is due at `now` (see the module
/// comment); `started` is when the programme began.
pub fn offer(
    pack: &Pack,
    journal: &Journal,
    started: Option<u64>,
    now: u64,
    offset_at: &impl Fn(u64) -> i64,
) -> Option<Offer> {
    let next = in_force(journal, pack, now).stage + 1;
    let due = stage(pack, next)?;
    if week(started?, now, offset_at) < due.from_week {
        return None;
    }
    let records = journal.records();
    let since = now.saturating_sub(TOLERANCE_MS);
    // From a day earlier, for the sessions the first sets belong to.
    let from = records.partition_point(|r| r.at() <= since.saturating_sub(DAY));
    let to = records.partition_point(|r| r.at() <= now);
    let mut sessions: HashSet<&str> = HashSet::new();
    let mut sets = false;
    for r in &records[from..to] {
        match r {
            Record::SessionStarted(s) if *s.pack_id == *pack.id => {
                sessions.insert(&s.id);
            }
            _ if r.at() <= since => {}
            Record::SetCompleted(s) => sets |= sessions.contains(&*s.session),
            Record::SafetyStop(_) => return None,
            Record::Acknowledged(a) if a.what == LATER => return None,
            // A week at a stage chosen (up or back) before the next offer.
            Record::StageAccepted(a) if *a.pack_id == *pack.id => return None,
            _ => {}
        }
    }
    sets.then(|| Offer {
        stage: next,
        title: due.title.clone(),
        changes: changes_in_words(pack, next),
    })
}

/// What stage `n` changes, as the patient reads each item at that stage.
pub fn changes_in_words(pack: &Pack, n: u32) -> Vec<String> {
    let Some(due) = stage(pack, n) else {
        return Vec::new();
    };
    let several = pack.routines.len() > 1;
    due.changes
        .iter()
        .filter_map(|change| {
            let routine = routine_at(pack, &change.routine, n)?;
            let item = routine
                .items
                .iter()
                .find(|i| i.exercise == change.exercise)?;
            let words = item.in_words(pack);
            Some(match several {
                true => format!("{words} ({})", routine.title),
                false => words,
            })
        })
        .collect()
}

/// Routine `routine_id` of `pack` with the doses of stage `n`: every
/// change of stages 2 to `n`, in order, on each item of its exercise.
pub fn routine_at(pack: &Pack, routine_id: &str, n: u32) -> Option<Routine> {
    let mut routine = pack.routine(routine_id)?.clone();
    let stages = pack.stages.iter().take((n as usize).saturating_sub(1));
    for change in stages.flat_map(|s| &s.changes) {
        if change.routine != routine.id {
            continue;
        }
        for item in routine
            .items
            .iter_mut()
            .filter(|i| i.exercise == change.exercise)
        {
            item.sets = change.sets.unwrap_or(item.sets);
            item.dose = change.dose.unwrap_or(item.dose);
            item.rest_seconds = change.rest_seconds.unwrap_or(item.rest_seconds);
        }
    }
    Some(routine)
}

/// The stage each session was started at, for the sessions started at or
/// after `since` of the packs `staged` says have stages (or that were ever
/// above stage 1), by session id.
pub fn session_stages<'a>(
    journal: &'a Journal,
    since: u64,
    staged: &dyn Fn(&str) -> bool,
) -> HashMap<&'a str, u32> {
    let records = journal.records();
    let mut steps_of: HashMap<&str, Vec<Step>> = HashMap::new();
    let mut out = HashMap::new();
    for r in &records[records.partition_point(|r| r.at() < since)..] {
        let Record::SessionStarted(s) = r else {
            continue;
        };
        let steps = steps_of
            .entry(&s.pack_id)
            .or_insert_with(|| steps(journal, &s.pack_id, u64::MAX));
        let at = steps.partition_point(|step| step.at <= s.at);
        let stage = at.checked_sub(1).map_or(1, |i| steps[i].stage);
        if stage > 1 || staged(&s.pack_id) {
            out.insert(&*s.id, stage);
        }
    }
    out
}
