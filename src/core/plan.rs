//! Today's plan: when each routine of the pack is due, from its schedule
//! and the patient's waking hours, and which of those times a session
//! already covered. Pure: the time and the patient's UTC offset at any
//! instant are passed in (the browser knows the time zone; the wasm has
//! no time-zone database), so a daylight-saving day neither drops nor
//! doubles a slot.

use crate::core::gate;
use crate::core::journal::{Journal, Record};
use crate::core::pack::{Frequency, Pack, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

const MINUTE: u64 = 60_000;
const DAY: i64 = 24 * 60 * 60 * 1000;

/// A session started up to this long before a slot counts for it.
pub const EARLY_MS: u64 = 45 * MINUTE;

/// When the patient is up, as minutes after local midnight: sessions are
/// planned between the two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WakingHours {
    pub from: u16,
    pub to: u16,
}

impl WakingHours {
    /// Hours from `from` to `to` (minutes after midnight), at least an
    /// hour apart within one day.
    pub fn new(from: u16, to: u16) -> Option<WakingHours> {
        (from < 24 * 60 && to < 24 * 60 && to >= from + 60).then_some(WakingHours { from, to })
    }

    /// "07:30" as minutes after midnight.
    pub fn parse_clock(text: &str) -> Option<u16> {
        let (h, m) = text.trim().split_once(':')?;
        let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
        (h < 24 && m < 60).then_some(h * 60 + m)
    }

    /// Minutes after midnight as "07:30".
    pub fn clock(minutes: u16) -> String {
        format!("{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

impl Default for WakingHours {
    /// 07:30 to 22:00.
    fn default() -> Self {
        WakingHours {
            from: 7 * 60 + 30,
            to: 22 * 60,
        }
    }
}

/// One time a routine is due today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub routine: String,
    /// Wall-clock time, ms since the epoch.
    pub at: u64,
    /// When the session that covered it started.
    pub done: Option<u64>,
}

/// Where an open slot stands at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// More than [`EARLY_MS`] ahead.
    Later,
    /// Within [`EARLY_MS`] either side of its time.
    Now,
    /// Its time passed more than [`EARLY_MS`] ago.
    Overdue,
}

impl Slot {
    pub fn due(&self, now: u64) -> Due {
        if self.at.saturating_sub(EARLY_MS) > now {
            Due::Later
        } else if self.at.saturating_add(EARLY_MS) < now {
            Due::Overdue
        } else {
            Due::Now
        }
    }
}

/// The slots of one local day, in time order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayPlan {
    pub slots: Vec<Slot>,
}

impl DayPlan {
    pub fn planned(&self) -> usize {
        self.slots.len()
    }

    pub fn done(&self) -> usize {
        self.slots.iter().filter(|s| s.done.is_some()).count()
    }

    /// The slot to do now or next, of all routines: the earliest of each
    /// routine's [`DayPlan::next_of`].
    pub fn next(&self, now: u64) -> Option<&Slot> {
        self.routines()
            .filter_map(|r| self.next_of(r, now))
            .min_by_key(|s| s.at)
    }

    /// `routine`'s slot to do now or next: after the last one done, the
    /// latest whose time (less the early margin) has come, else the first
    /// still to come. One missed before a session done is simply missed.
    pub fn next_of(&self, routine: &str, now: u64) -> Option<&Slot> {
        let mine: Vec<&Slot> = self.slots.iter().filter(|s| s.routine == routine).collect();
        let last_done = mine.iter().rposition(|s| s.done.is_some());
        let open = &mine[last_done.map_or(0, |i| i + 1)..];
        let started = |s: &&&Slot| s.due(now) != Due::Later;
        open.iter()
            .rev()
            .find(started)
            .or_else(|| open.iter().find(|s| !started(s)))
            .copied()
    }

    /// The slots not done whose time has passed, each routine's next aside.
    pub fn missed(&self, now: u64) -> Vec<&Slot> {
        let next: Vec<&Slot> = self
            .routines()
            .filter_map(|r| self.next_of(r, now))
            .collect();
        self.slots
            .iter()
            .filter(|s| s.done.is_none() && s.at < now && !next.contains(s))
            .collect()
    }

    /// The slot to remind the patient of at `now`: the next one, once its
    /// time has come and while it is due.
    pub fn reminder(&self, now: u64) -> Option<&Slot> {
        self.next(now)
            .filter(|s| s.done.is_none() && s.at <= now && s.due(now) == Due::Now)
    }

    /// The next instant after `now` at which a slot's standing changes
    /// (due, its time, overdue): when the plan on screen must be drawn
    /// again, and a reminder may be due.
    pub fn changes_after(&self, now: u64) -> Option<u64> {
        self.slots
            .iter()
            .flat_map(|s| {
                [
                    s.at.saturating_sub(EARLY_MS),
                    s.at,
                    s.at.saturating_add(EARLY_MS) + 1,
                ]
            })
            .filter(|&t| t > now)
            .min()
    }

    fn routines(&self) -> impl Iterator<Item = &str> {
        let mut seen: Vec<&str> = Vec::new();
        for s in &self.slots {
            if !seen.contains(&s.routine.as_str()) {
                seen.push(&s.routine);
            }
        }
        seen.into_iter()
    }
}

/// The local day that contains `at`, as a day number since 1970-01-01.
pub fn local_day(at: u64, offset_at: &impl Fn(u64) -> i64) -> i64 {
    let at = i64::try_from(at).unwrap_or(i64::MAX);
    at.saturating_add(offset_at(at.max(0) as u64))
        .div_euclid(DAY)
}

/// The wall-clock time of `minutes` after midnight on local day `day`.
/// The offset is looked up at the instant itself (twice: the first guess
/// may sit across a change), so a daylight-saving day keeps each time.
pub fn wall_time(day: i64, minutes: u32, offset_at: &impl Fn(u64) -> i64) -> u64 {
    let local = day.saturating_mul(DAY) + i64::from(minutes) * MINUTE as i64;
    let guess = local.saturating_sub(offset_at(local.max(0) as u64));
    let at = local.saturating_sub(offset_at(guess.max(0) as u64));
    at.max(0) as u64
}

fn weekday(day: i64) -> Weekday {
    // 1970-01-01 was a Thursday.
    Weekday::ALL[(day + 3).rem_euclid(7) as usize]
}

/// Minutes after midnight of each time a schedule is due in `waking`.
/// "Every 2-3 hours" is every 2½ hours from waking; "n times a day" is n
/// times evenly spread from waking.
fn times(frequency: Frequency, waking: WakingHours) -> Vec<u32> {
    let (from, to) = (
        u32::from(waking.from),
        u32::from(waking.to).max(u32::from(waking.from)),
    );
    match frequency {
        Frequency::TimesADay(n) => {
            let n = n.clamp(1, 24);
            (0..n).map(|i| from + (to - from) * i / n).collect()
        }
        Frequency::EveryHours { min, max } => {
            let every = ((min + max) * 30).max(30);
            (0..)
                .map(|i| from + i * every)
                .take_while(|&t| t <= to)
                .collect()
        }
    }
}

/// The plan of local day `day` for `pack`: each scheduled routine's slots
/// (none on a day its schedule leaves out, and none for a routine whose
/// exercises a safety rule stopped, `stopped`), each covered by at most
/// one session of that routine started that day before `now`. A session
/// covers the slot whose time has come (up to [`EARLY_MS`] early), or if
/// that one is covered the latest open one before it: late counts, and
/// doing more than planned covers nothing more. It counts when at least
/// one set was done or a safety rule stopped it.
pub fn day_plan(
    pack: &Pack,
    journal: &Journal,
    waking: WakingHours,
    day: i64,
    now: u64,
    offset_at: &impl Fn(u64) -> i64,
    stopped: &dyn Fn(&str) -> bool,
) -> DayPlan {
    let start = wall_time(day, 0, offset_at);
    let end = wall_time(day + 1, 0, offset_at);
    let mut slots: Vec<Slot> = Vec::new();
    for routine in &pack.routines {
        let Some(schedule) = &routine.schedule else {
            continue;
        };
        if !schedule.days.is_empty() && !schedule.days.contains(&weekday(day)) {
            continue;
        }
        if stopped(&routine.id) {
            continue;
        }
        let mut mine: Vec<Slot> = times(schedule.frequency, waking)
            .into_iter()
            .map(|m| Slot {
                routine: routine.id.clone(),
                at: wall_time(day, m, offset_at),
                done: None,
            })
            .collect();
        for started in sessions(journal, &pack.id, &routine.id, start, end.min(now + 1)) {
            // The slot whose time it is (up to its margin early), else
            // the latest one missed before it.
            if let Some(slot) = mine
                .iter_mut()
                .rev()
                .find(|s| s.done.is_none() && s.at.saturating_sub(EARLY_MS) <= started)
            {
                slot.done = Some(started);
            }
        }
        slots.extend(mine);
    }
    slots.sort_by_key(|s| s.at);
    DayPlan { slots }
}

/// Sessions done against sessions planned on one local day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayDone {
    /// Days since 1970-01-01, local time.
    pub day: i64,
    pub done: usize,
    pub planned: usize,
    /// A safety rule stopped an exercise that day.
    pub stopped: bool,
}

/// How much of each day's plan was done, for local days `days`, newest
/// first, as [`day_plan`] counts it on the evening of each (today up to
/// `now`): a session counts for one slot at most, so doing more than
/// planned never makes up for a day missed; a routine a safety rule
/// stopped that day is not planned, so a stop never counts against the
/// patient.
pub fn adherence(
    pack: &Pack,
    journal: &Journal,
    waking: WakingHours,
    days: std::ops::RangeInclusive<i64>,
    now: u64,
    offset_at: &impl Fn(u64) -> i64,
) -> Vec<DayDone> {
    days.rev()
        .map(|day| {
            let start = wall_time(day, 0, offset_at);
            let end = wall_time(day + 1, 0, offset_at).saturating_sub(1).min(now);
            let stopped = gate::stopped_today(journal, Some(pack), start, end);
            let all_stopped = |id: &str| pack.routine(id).is_some_and(|r| stopped.covers(r));
            let plan = day_plan(pack, journal, waking, day, end, offset_at, &all_stopped);
            DayDone {
                day,
                done: plan.done(),
                planned: plan.planned(),
                stopped: !stopped.stops.is_empty(),
            }
        })
        .collect()
}

/// When each session of `routine` that counts started, in `[from, to)`.
fn sessions(journal: &Journal, pack: &str, routine: &str, from: u64, to: u64) -> Vec<u64> {
    let records = journal.records();
    let first = records.partition_point(|r| r.at() < from);
    // A session's sets and stops come within a day of its start (one left
    // open is closed after six hours): no need to read on to today.
    let later = to.saturating_add(DAY as u64);
    let mut counted: HashSet<&str> = HashSet::new();
    for r in records[first..].iter().take_while(|r| r.at() < later) {
        match r {
            Record::SetCompleted(s) => {
                counted.insert(&s.session);
            }
            Record::SafetyStop(s) => {
                counted.insert(&s.session);
            }
            _ => {}
        }
    }
    records[first..]
        .iter()
        .take_while(|r| r.at() < to)
        .filter_map(|r| match r {
            Record::SessionStarted(s)
                if &*s.pack_id == pack && &*s.routine_id == routine && counted.contains(&*s.id) =>
            {
                Some(s.at)
            }
            _ => None,
        })
        .collect()
}
