//! What may start now: the warning-signs check before sessions, what its
//! answers allow, and which exercises a safety rule has stopped for today
//! (DOMAIN.md "What the app does with each answer").
//!
//! Everything is read from the journal, so a reload, another tab or a
//! restored backup gives the same answer. Records dated after `now` (a
//! backup from a phone whose clock ran ahead) never count: they must not
//! silence a check or stand as an acknowledgement.

use crate::core::journal::{Acknowledged, Journal, Record, SafetyStop, WarningCheck};
use crate::core::pack::{Category, Pack, Routine};
use crate::core::red_flags::Tier;

/// Whether a session may start, and if not, what comes first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartGate {
    /// Nothing stands in the way.
    Open,
    /// The warning-signs check is due: none answered with no "yes" this
    /// week, or the last one had a "yes" (it is asked again before every
    /// session until one has none).
    CheckDue,
    /// The last check had an urgent answer and its advice has not been
    /// read yet: show it; once read, one session may start.
    UrgentUnread { check_at: u64 },
    /// The last check had an emergency answer: nothing starts until a later
    /// check has none.
    Emergency { check_at: u64 },
}

/// The latest warning-signs check dated no later than `now`.
pub fn last_check(journal: &Journal, now: u64) -> Option<&WarningCheck> {
    journal.records().iter().rev().find_map(|r| match r {
        Record::WarningCheck(c) if c.at <= now => Some(c),
        _ => None,
    })
}

/// Whether a session may start at `now`; `week_start` is the start of this
/// week, local time.
pub fn start_gate(journal: &Journal, week_start: u64, now: u64) -> StartGate {
    let Some(check) = last_check(journal, now) else {
        return StartGate::CheckDue;
    };
    let since_check = |matches: &dyn Fn(&Record) -> bool| {
        journal
            .records()
            .iter()
            .any(|r| r.at() >= check.at && r.at() <= now && matches(r))
    };
    match check.outcome {
        Some(Tier::Emergency) => StartGate::Emergency { check_at: check.at },
        Some(Tier::Urgent) => {
            let read = since_check(
                &|r| matches!(r, Record::Acknowledged(a) if a.what == Acknowledged::URGENT),
            );
            let started = since_check(&|r| matches!(r, Record::SessionStarted(_)));
            match (read, started) {
                (false, _) => StartGate::UrgentUnread { check_at: check.at },
                (true, false) => StartGate::Open,
                (true, true) => StartGate::CheckDue,
            }
        }
        None if check.yes.is_empty() && check.at >= week_start => StartGate::Open,
        None => StartGate::CheckDue,
    }
}

/// The exercises a safety rule stopped today, and why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoppedToday<'a> {
    /// Today's stops, one per exercise, in time order.
    pub stops: Vec<&'a SafetyStop>,
    /// Ids of every exercise of the pack to leave out today: those stopped,
    /// and every directional-preference exercise when one of them was.
    pub exercises: Vec<String>,
    /// A directional-preference exercise was stopped, so all of them are.
    pub all_directional: bool,
}

impl StoppedToday<'_> {
    /// Whether every exercise of `routine` is stopped: it cannot start
    /// today.
    pub fn covers(&self, routine: &Routine) -> bool {
        routine
            .items
            .iter()
            .all(|i| self.exercises.contains(&i.exercise))
    }
}

/// What is stopped between `day_start` (the start of today, local time)
/// and `now`.
pub fn stopped_today<'a>(
    journal: &'a Journal,
    pack: Option<&Pack>,
    day_start: u64,
    now: u64,
) -> StoppedToday<'a> {
    let stops: Vec<&SafetyStop> = journal
        .stopped_since(day_start)
        .into_iter()
        .filter(|s| s.at <= now)
        .collect();
    let directional = |id: &str| {
        pack.and_then(|p| p.exercise(id))
            .is_some_and(|e| e.category == Category::DirectionalPreference)
    };
    let all_directional = stops.iter().any(|s| directional(&s.exercise_id));
    let mut exercises: Vec<String> = stops.iter().map(|s| s.exercise_id.to_string()).collect();
    if all_directional && let Some(pack) = pack {
        for e in &pack.exercises {
            if e.category == Category::DirectionalPreference && !exercises.contains(&e.id) {
                exercises.push(e.id.clone());
            }
        }
    }
    StoppedToday {
        stops,
        exercises,
        all_directional,
    }
}
