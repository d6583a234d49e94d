//! Safety rules that look across days: a peripheralised or worse set on two
//! days in a row, or a day's first check-in further down the leg than the
//! previous day's last ("worse the next morning"). Either asks the patient
//! to contact their physiotherapist before carrying on, until they say
//! they have read it.

use crate::core::journal::{CheckInRecord, Journal, Record};
use crate::core::symptoms::Side;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    TwoDaysInARow,
    WorseNextMorning,
}

impl Reason {
    pub fn message(self) -> &'static str {
        match self {
            Reason::TwoDaysInARow => {
                "Your symptoms spread further down your leg, or got worse, after exercising on \
                 two days in a row. Contact your physiotherapist before you carry on."
            }
            Reason::WorseNextMorning => {
                "Your symptoms reached further down your leg this morning than at the end of \
                 yesterday. Contact your physiotherapist before you carry on."
            }
        }
    }
}

/// A prompt to contact the therapist, from the moment its rule was met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContactPrompt {
    pub at: u64,
    pub reason: Reason,
}

/// The local day of a wall-clock time; `utc_offset_ms` is the patient's
/// offset from UTC (positive east of Greenwich).
fn day(at: u64, utc_offset_ms: i64) -> i64 {
    (i64::try_from(at).unwrap_or(i64::MAX) + utc_offset_ms).div_euclid(DAY_MS)
}

/// The latest prompt not yet acknowledged, if any.
pub fn contact_prompt(journal: &Journal, utc_offset_ms: i64) -> Option<ContactPrompt> {
    let mut stops: Vec<(i64, u64)> = Vec::new();
    let mut check_ins: Vec<(i64, &CheckInRecord)> = Vec::new();
    let mut acknowledged = 0;
    for r in journal.records() {
        match r {
            Record::SafetyStop(s) => stops.push((day(s.at, utc_offset_ms), s.at)),
            Record::CheckIn(c) => check_ins.push((day(c.at, utc_offset_ms), c)),
            Record::Acknowledged(a) => acknowledged = acknowledged.max(a.at),
            _ => {}
        }
    }
    let two_days = stops
        .iter()
        .filter(|(d, _)| stops.iter().any(|(e, _)| *e == d - 1))
        .map(|&(_, at)| ContactPrompt {
            at,
            reason: Reason::TwoDaysInARow,
        });
    // Records are in time order: a day's first check-in follows the last of
    // the day before.
    let mornings = check_ins.windows(2).filter_map(|w| {
        let ((d0, evening), (d1, morning)) = (w[0], w[1]);
        let further = Side::BOTH
            .iter()
            .any(|&s| morning.answers.level(s) > evening.answers.level(s));
        (d1 == d0 + 1 && further).then_some(ContactPrompt {
            at: morning.at,
            reason: Reason::WorseNextMorning,
        })
    });
    two_days
        .chain(mornings)
        .filter(|p| p.at > acknowledged)
        .max_by_key(|p| p.at)
}
