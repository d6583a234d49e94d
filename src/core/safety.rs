//! Safety rules that look across days: a peripheralised or worse set on two
//! days in a row, or a day's first check-in further down the leg than the
//! previous day's first ("worse the next morning": both are before any
//! exercise, so exercise in the evening does not count against the morning). Either asks the patient
//! to contact their physiotherapist before carrying on, until they say
//! they have read it.

use crate::core::journal::{Acknowledged, CheckInRecord, Journal, Record};
use crate::core::psfs;
use crate::core::symptoms::{Change, PAIN_CHANGE, Side, moved_down};
use std::collections::BTreeMap;

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
                "Your symptoms reached further down your leg at your first check-in today than \
                 at yesterday's first. Contact your physiotherapist before you carry on."
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
    i64::try_from(at)
        .unwrap_or(i64::MAX)
        .saturating_add(utc_offset_ms)
        .div_euclid(DAY_MS)
}

/// The latest prompt not yet acknowledged, if any. Records dated after
/// `now` (a wrong clock, a restored backup) neither raise a prompt nor
/// dismiss one.
pub fn contact_prompt(journal: &Journal, now: u64, utc_offset_ms: i64) -> Option<ContactPrompt> {
    let mut stops: Vec<(i64, u64)> = Vec::new();
    let mut check_ins: Vec<(i64, &CheckInRecord)> = Vec::new();
    let mut acknowledged = 0;
    for r in journal.records().iter().filter(|r| r.at() <= now) {
        match r {
            Record::SafetyStop(s) => stops.push((day(s.at, utc_offset_ms), s.at)),
            Record::CheckIn(c) => check_ins.push((day(c.at, utc_offset_ms), c)),
            Record::Acknowledged(a) if a.what.is_empty() => acknowledged = acknowledged.max(a.at),
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
    // Records are in time order: keep each day's first check-in.
    check_ins.dedup_by_key(|(d, _)| *d);
    let mornings = check_ins.windows(2).filter_map(|w| {
        let ((d0, yesterday), (d1, today)) = (w[0], w[1]);
        let further = Side::BOTH
            .iter()
            .any(|&s| moved_down(&yesterday.answers, &today.answers, s));
        (d1 == d0 + 1 && further).then_some(ContactPrompt {
            at: today.at,
            reason: Reason::WorseNextMorning,
        })
    });
    two_days
        .chain(mornings)
        .filter(|p| p.at > acknowledged)
        .max_by_key(|p| p.at)
}

const WEEK_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// Without a centralising set for this long, a review is suggested. The
/// therapist will set it in the pack's plan; until then DOMAIN.md's
/// default.
pub const NO_CENTRALISATION_MS: u64 = 2 * WEEK_MS;

/// Why it is time to book a review with the therapist or GP.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewReason {
    /// Six weeks in, leg pain has not fallen by 2 points or 30 %.
    NotImproving,
    /// This week's leg pain is 2 or more points above the week before last.
    GettingWorse,
    /// No set has centralised the symptoms for the therapist's period.
    NoCentralisation,
    /// The activities the patient scores (PSFS) have become harder by 2
    /// or more on the mean.
    ActivitiesHarder,
}

impl ReviewReason {
    pub fn message(self) -> &'static str {
        match self {
            ReviewReason::NotImproving => {
                "After six weeks your leg pain has not eased by 2 points or more. Book a review \
                 with your physiotherapist or GP to look at your plan."
            }
            ReviewReason::GettingWorse => {
                "Your leg pain this week is higher than two weeks ago. Book a review with your \
                 physiotherapist or GP."
            }
            ReviewReason::NoCentralisation => {
                "None of your sets has moved your leg symptoms up towards your back for a while. \
                 Book a review with your physiotherapist to look at your exercises."
            }
            ReviewReason::ActivitiesHarder => {
                "The everyday activities you score each week have become harder since you \
                 started. Book a review with your physiotherapist or GP."
            }
        }
    }
}

/// Average leg pain of each week that has check-ins up to `now`, by the
/// week's number counted from the first check-in (week 0). Kept by week
/// rather than as a list of every week, so a record from 1970 or a huge
/// gap costs nothing.
fn weekly_leg_pain(journal: &Journal, now: u64) -> Option<(u64, BTreeMap<u64, f64>)> {
    let mut check_ins = journal.records().iter().filter_map(|r| match r {
        Record::CheckIn(c) if c.at <= now => Some(c),
        _ => None,
    });
    let first = check_ins.next()?;
    let start = first.at;
    let mut sums: BTreeMap<u64, (f64, u32)> = BTreeMap::new();
    for c in std::iter::once(first).chain(check_ins) {
        let week = c.at.saturating_sub(start) / WEEK_MS;
        let sum = sums.entry(week).or_default();
        sum.0 += f64::from(c.answers.leg_pain);
        sum.1 += 1;
    }
    let averages = sums
        .into_iter()
        .map(|(week, (sum, n))| (week, sum / f64::from(n)))
        .collect();
    Some((start, averages))
}

/// Leg pain fell by the minimal important difference: 2 points or 30 %.
fn eased(first: f64, latest: f64) -> bool {
    let fall = first - latest;
    fall >= f64::from(PAIN_CHANGE) || fall >= 0.3 * first
}

/// Whether to prompt a review now. `no_centralisation_ms` is the period
/// (set by the therapist; two weeks by default) after which a lack of any
/// centralising set is itself a reason.
pub fn review_prompt(
    journal: &Journal,
    now: u64,
    no_centralisation_ms: u64,
) -> Option<ReviewReason> {
    // Once read, the prompt rests for a week; a reading dated after now
    // (a wrong clock) does not silence it.
    let read_recently = journal.records().iter().any(|r| {
        matches!(r, Record::Acknowledged(a)
            if a.what == Acknowledged::REVIEW && a.at <= now && now - a.at < WEEK_MS)
    });
    if read_recently {
        return None;
    }
    // PSFS: a fall of 2 on the mean is getting worse; a rise of 2 is
    // improving, as leg pain easing is.
    let activities = psfs::change(journal, now);
    if activities.is_some_and(|c| c <= -psfs::MEAN_CHANGE) {
        return Some(ReviewReason::ActivitiesHarder);
    }
    let activities_better = activities.is_some_and(|c| c >= psfs::MEAN_CHANGE);
    let (start, weeks) = weekly_leg_pain(journal, now)?;
    let this_week = now.saturating_sub(start) / WEEK_MS;
    let average = |w: u64| weeks.get(&w).copied();
    let first = average(0)?;
    let latest = *weeks.range(..=this_week).next_back()?.1;
    if this_week >= 2
        && let Some(before_last) = this_week.checked_sub(2).and_then(average)
        && latest >= before_last + 2.0
    {
        return Some(ReviewReason::GettingWorse);
    }
    if now.saturating_sub(start) >= 6 * WEEK_MS && !eased(first, latest) && !activities_better {
        return Some(ReviewReason::NotImproving);
    }
    // For a patient whose leg symptoms persist: not when they are gone or
    // leg pain has already fallen by the MCID.
    let leg_clear = journal
        .records()
        .iter()
        .rev()
        .find_map(|r| match r {
            Record::CheckIn(c) if c.at <= now => Some(c),
            _ => None,
        })
        .is_some_and(|c| !c.answers.has_leg_symptoms());
    if now.saturating_sub(start) >= no_centralisation_ms && !leg_clear && !eased(first, latest) {
        let since = now.saturating_sub(no_centralisation_ms);
        let centralised = journal
            .newest_sets(usize::MAX, since)
            .iter()
            .filter(|row| row.set.at <= now)
            .any(|row| matches!(row.change, Some(Change::Centralised | Change::Abolished)));
        if !centralised {
            return Some(ReviewReason::NoCentralisation);
        }
    }
    None
}
