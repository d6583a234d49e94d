//! The Patient-Specific Functional Scale (DOMAIN.md "Progress measures"):
//! up to three activities in the patient's own words, each scored 0
//! (unable) to 10 (as before the problem), the score their mean. Asked
//! weekly; a change of 2 on the mean is beyond measurement error and
//! counts toward the review prompt.

use crate::core::journal::{Journal, Psfs, PsfsItem, Record};

/// An activity's words are kept to this many characters.
pub const MAX_ACTIVITY_CHARS: usize = 80;

/// A change of the mean this large is beyond measurement error.
pub const MEAN_CHANGE: f64 = 2.0;

/// "Not now" on the weekly question (an `Acknowledged.what`): it rests
/// for a week.
pub const LATER: &str = "psfs-later";

const WEEK_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// The items as kept: activities trimmed and shortened, blank ones
/// dropped, at most three, scores within the scale.
pub fn tidy(items: Vec<PsfsItem>) -> Vec<PsfsItem> {
    items
        .into_iter()
        .filter_map(|i| {
            let activity: String = i.activity.trim().chars().take(MAX_ACTIVITY_CHARS).collect();
            (!activity.is_empty()).then(|| PsfsItem {
                activity,
                score: i.score.min(Psfs::MAX_SCORE),
            })
        })
        .take(Psfs::MAX_ITEMS)
        .collect()
}

/// Every PSFS with at least one activity dated no later than `now`,
/// oldest first.
pub fn answered(journal: &Journal, now: u64) -> impl DoubleEndedIterator<Item = &Psfs> {
    journal.records().iter().filter_map(move |r| match r {
        Record::Psfs(p) if p.at <= now && !p.items.is_empty() => Some(p),
        _ => None,
    })
}

/// The latest PSFS, to offer "same as last week" per activity.
pub fn latest(journal: &Journal, now: u64) -> Option<&Psfs> {
    answered(journal, now).next_back()
}

/// Whether to ask this week: nothing answered in the last seven days, and
/// "Not now" not said in them either.
pub fn due(journal: &Journal, now: u64) -> bool {
    // Records are in time order: only the last week's are read (Home asks
    // on every redraw, and years are a hundred thousand records).
    let records = journal.records();
    let first = records.partition_point(|r| r.at().saturating_add(WEEK_MS) <= now);
    let end = records.partition_point(|r| r.at() <= now);
    !records[first..end.max(first)].iter().any(|r| match r {
        Record::Psfs(_) => true,
        Record::Acknowledged(a) => a.what == LATER,
        _ => false,
    })
}

/// How the mean moved from the first PSFS to the latest: `None` until
/// there are two.
pub fn change(journal: &Journal, now: u64) -> Option<f64> {
    let mut all = answered(journal, now);
    let first = all.next()?.mean()?;
    let latest = all.next_back()?.mean()?;
    Some(latest - first)
}
