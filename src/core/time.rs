//! Time as the core sees it: two readings taken together by the shell.

use serde::{Deserialize, Serialize};

/// One moment, read from two clocks at once.
///
/// `mono` (milliseconds from `performance.now()`) decides when phases end:
/// it never jumps, but restarts with every page load. `wall` (milliseconds
/// since the Unix epoch, `Date.now()`) stamps records and survives reloads,
/// but the patient's clock may move. Deadlines use `mono`; records use
/// `wall`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Now {
    pub mono: u64,
    pub wall: u64,
}

impl Now {
    pub fn new(mono: u64, wall: u64) -> Self {
        Self { mono, wall }
    }

    /// The wall-clock time of an earlier (or equal) monotonic instant, e.g.
    /// the deadline at which a set really ended when a throttled tab only
    /// notices it later.
    pub fn wall_at(self, mono: u64) -> u64 {
        self.wall.saturating_sub(self.mono.saturating_sub(mono))
    }

    /// The same moment `ms` later on both clocks (used by tests and by the
    /// catch-up logic).
    pub fn plus(self, ms: u64) -> Self {
        Self::new(self.mono + ms, self.wall + ms)
    }
}

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The start of the local day holding wall-clock time `wall`, for a patient
/// whose clock is `utc_offset_ms` ahead of UTC.
pub fn day_start(wall: u64, utc_offset_ms: i64) -> u64 {
    let local = i64::try_from(wall)
        .unwrap_or(i64::MAX)
        .saturating_add(utc_offset_ms);
    let start = local.div_euclid(DAY_MS) * DAY_MS - utc_offset_ms;
    u64::try_from(start).unwrap_or(0)
}

/// The start of the local week (Monday 00:00) holding `wall`.
pub fn week_start(wall: u64, utc_offset_ms: i64) -> u64 {
    let local = i64::try_from(wall)
        .unwrap_or(i64::MAX)
        .saturating_add(utc_offset_ms);
    // 1 January 1970 was a Thursday: three days after a Monday.
    let days_since_monday = (local.div_euclid(DAY_MS) + 3).rem_euclid(7);
    let start = (local.div_euclid(DAY_MS) - days_since_monday) * DAY_MS - utc_offset_ms;
    u64::try_from(start).unwrap_or(0)
}

/// The Gregorian date (year, month, day) of a day number, days since
/// 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil(day: i64) -> (i64, u32, u32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A day number as a date a reader knows at once, "3 Dec 2026" (the
/// app's words are English; the tables and the report use this).
pub fn date(day: i64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m, d) = civil(day);
    format!("{d} {} {y}", MONTHS[(m - 1) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Monday 7 December 2026, 00:00 UTC.
    const MONDAY: u64 = 1_796_601_600_000;
    const HOUR: u64 = 60 * 60 * 1000;

    #[test]
    fn days_and_weeks_start_at_local_midnight() {
        assert_eq!(day_start(MONDAY + 5 * HOUR, 0), MONDAY);
        // UTC+1: local midnight is 23:00 UTC the day before.
        assert_eq!(day_start(MONDAY + 5 * HOUR, 3_600_000), MONDAY - HOUR);
        assert_eq!(day_start(MONDAY - 30 * 60_000, 3_600_000), MONDAY - HOUR);
        // UTC-5 on Monday 02:00 UTC is still Sunday evening there.
        assert_eq!(
            day_start(MONDAY + 2 * HOUR, -5 * 3_600_000),
            MONDAY - 19 * HOUR
        );
        assert_eq!(week_start(MONDAY + 3 * 24 * HOUR, 0), MONDAY);
        assert_eq!(week_start(MONDAY + 7 * 24 * HOUR - 1, 0), MONDAY);
        assert_eq!(week_start(MONDAY - 1, 0), MONDAY - 7 * 24 * HOUR);
        assert_eq!(
            week_start(MONDAY + 2 * HOUR, -5 * 3_600_000),
            MONDAY - 7 * 24 * HOUR + 5 * HOUR
        );
        assert_eq!(day_start(u64::MAX, 0) % (24 * HOUR), 0, "no overflow");
    }
}
