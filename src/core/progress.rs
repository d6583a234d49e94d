//! The numbers behind History's charts and the therapist's report: pain
//! over time, how far down each leg the symptoms reached, sessions done
//! against the plan, heel raises and PSFS, over a chosen range. Plain
//! structs; the charts only draw them (`export::charts`), and the tables
//! beside them print the same numbers.
//!
//! Days are local days (`plan::local_day`). Over a long range the points
//! are weeks, so three years stay a chart of about 160 points.

use crate::core::journal::{Corrected, Journal, Record};
use crate::core::plan::{self, DayDone};
use crate::core::symptoms::{Answers, Level, MAX_PAIN, Side};

/// How far back the charts look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Range {
    TwoWeeks,
    ThreeMonths,
    All,
}

impl Range {
    pub const ALL: [Range; 3] = [Range::TwoWeeks, Range::ThreeMonths, Range::All];

    pub fn label(self) -> &'static str {
        match self {
            Range::TwoWeeks => "2 weeks",
            Range::ThreeMonths => "3 months",
            Range::All => "All",
        }
    }

    /// Days back from today, today included; `None`: from the first record.
    pub fn days(self) -> Option<u32> {
        match self {
            Range::TwoWeeks => Some(14),
            Range::ThreeMonths => Some(91),
            Range::All => None,
        }
    }
}

const HOUR_MS: u64 = 60 * 60 * 1000;
const DAY_MS: u64 = 24 * HOUR_MS;

/// Longer than this many days, points are weeks rather than days.
pub const DAILY_UP_TO: i64 = 92;

/// The days a chart covers, and how many days each of its points stands
/// for (1, or 7 over a long range).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub first: i64,
    pub last: i64,
    pub bucket: u32,
}

impl Span {
    /// The first day of the point that `day` belongs to.
    pub fn point_of(&self, day: i64) -> i64 {
        let b = i64::from(self.bucket);
        self.first + (day - self.first).div_euclid(b) * b
    }

    pub fn contains(&self, day: i64) -> bool {
        (self.first..=self.last).contains(&day)
    }

    /// Days from first to last, at least 1 (a one-day chart has width).
    pub fn width(&self) -> i64 {
        (self.last - self.first).max(1)
    }
}

/// Mean pain of the check-ins of one point (a day or a week).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pain {
    pub day: i64,
    pub leg: f64,
    pub back: f64,
    pub check_ins: u32,
}

/// How far down each leg the symptoms reached at worst in one point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reach {
    pub day: i64,
    pub left: Level,
    pub right: Level,
}

impl Reach {
    pub fn level(&self, side: Side) -> Level {
        match side {
            Side::Left => self.left,
            Side::Right => self.right,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeelRaises {
    pub day: i64,
    pub left: u32,
    pub right: u32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PsfsScore {
    pub day: i64,
    pub mean: f64,
}

/// Sessions done against planned in one point; `stopped`: a safety rule
/// stopped an exercise on one of its days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanDone {
    pub day: i64,
    pub done: usize,
    pub planned: usize,
    pub stopped: bool,
}

/// Everything the charts draw for one range.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub span: Span,
    pub pain: Vec<Pain>,
    pub reach: Vec<Reach>,
    pub heel_raises: Vec<HeelRaises>,
    pub psfs: Vec<PsfsScore>,
    pub plan: Vec<PlanDone>,
    /// Check-ins logged on their own (Home's "Log symptoms") in the range.
    pub logged: usize,
    /// Check-ins in the range shown as corrected, or left out as mistakes.
    pub corrected: usize,
}

/// The day of the first record that any chart draws.
fn first_day(journal: &Journal, offset_at: &impl Fn(u64) -> i64) -> Option<i64> {
    journal
        .records()
        .iter()
        .find(|r| {
            matches!(
                r,
                Record::CheckIn(_) | Record::SelfCheck(_) | Record::Psfs(_)
            )
        })
        .map(|r| plan::local_day(r.at(), offset_at))
}

/// The span of `range` ending today (the day of `now`).
pub fn span(journal: &Journal, range: Range, now: u64, offset_at: &impl Fn(u64) -> i64) -> Span {
    let last = plan::local_day(now, offset_at);
    let first = match range.days() {
        Some(days) => last - i64::from(days) + 1,
        None => first_day(journal, offset_at).map_or(last, |d| d.min(last)),
    };
    let bucket = if last - first + 1 > DAILY_UP_TO { 7 } else { 1 };
    Span {
        first,
        last,
        bucket,
    }
}

/// The charts' numbers for `range` at `now`. `days_done` is the plan's
/// record per day (`Model::adherence`), newest first or in any order.
pub fn progress(
    journal: &Journal,
    range: Range,
    now: u64,
    offset_at: &impl Fn(u64) -> i64,
    days_done: &[DayDone],
) -> Progress {
    let span = span(journal, range, now, offset_at);
    let corrections = journal.corrections();
    let mut out = Progress {
        span,
        pain: Vec::new(),
        reach: Vec::new(),
        heel_raises: Vec::new(),
        psfs: Vec::new(),
        plan: Vec::new(),
        logged: 0,
        corrected: 0,
    };
    // The point being filled: records come in time order, so each point
    // is finished when the next begins.
    let mut filling: Option<Sums> = None;
    // Records are in time order: begin a day before the span's first
    // (whatever the offset), stop after now. Offsets change only on the
    // hour, so each hour's is asked once (the browser's answer is a call
    // out of the module, and years are a hundred thousand records).
    let records = journal.records();
    let first_ms = u64::try_from((span.first - 1).max(0)).unwrap_or(0) * DAY_MS;
    let begin = records.partition_point(|r| r.at() < first_ms);
    let end = records.partition_point(|r| r.at() <= now);
    let mut hour = (u64::MAX, 0);
    for r in records.get(begin..end).unwrap_or_default() {
        let at = r.at();
        if at / HOUR_MS != hour.0 {
            hour = (at / HOUR_MS, offset_at(at));
        }
        let offset = hour.1;
        let day = plan::local_day(at, &|_| offset);
        if !span.contains(day) {
            continue;
        }
        let point = span.point_of(day);
        match r {
            Record::CheckIn(c) => {
                let corrected = Corrected::new(c, corrections.get(&*c.id).copied());
                out.logged += usize::from(c.is_log());
                out.corrected += usize::from(corrected.correction.is_some());
                let Some(a) = corrected.answers() else {
                    continue;
                };
                if let Some(done) = filling.take_if(|s| s.day != point) {
                    done.finish(&mut out);
                }
                filling.get_or_insert(Sums::new(point)).add(a);
            }
            Record::SelfCheck(t) => out.heel_raises.push(HeelRaises {
                day,
                left: t.left,
                right: t.right,
            }),
            Record::Psfs(p) => {
                if let Some(mean) = p.mean() {
                    out.psfs.push(PsfsScore { day, mean });
                }
            }
            _ => {}
        }
    }
    if let Some(done) = filling {
        done.finish(&mut out);
    }
    out.plan = plan_points(&span, days_done);
    out
}

/// The check-ins of one point, summed.
struct Sums {
    day: i64,
    leg: f64,
    back: f64,
    n: u32,
    left: Level,
    right: Level,
}

impl Sums {
    fn new(day: i64) -> Self {
        Sums {
            day,
            leg: 0.0,
            back: 0.0,
            n: 0,
            left: Level::None,
            right: Level::None,
        }
    }

    fn add(&mut self, a: &Answers) {
        // Scores above the scale (an edited backup) count as 10.
        self.leg += f64::from(a.leg_pain.min(MAX_PAIN));
        self.back += f64::from(a.back_pain.min(MAX_PAIN));
        self.n += 1;
        self.left = self.left.max(a.left);
        self.right = self.right.max(a.right);
    }

    fn finish(self, out: &mut Progress) {
        let n = f64::from(self.n);
        out.pain.push(Pain {
            day: self.day,
            leg: self.leg / n,
            back: self.back / n,
            check_ins: self.n,
        });
        out.reach.push(Reach {
            day: self.day,
            left: self.left,
            right: self.right,
        });
    }
}

/// The plan's days summed into the span's points, oldest first; days
/// with nothing planned and nothing stopped are left out.
fn plan_points(span: &Span, days_done: &[DayDone]) -> Vec<PlanDone> {
    let mut days: Vec<&DayDone> = days_done.iter().filter(|d| span.contains(d.day)).collect();
    days.sort_by_key(|d| d.day);
    let mut points: Vec<PlanDone> = Vec::new();
    for d in days {
        let day = span.point_of(d.day);
        match points.last_mut() {
            Some(p) if p.day == day => {
                p.done += d.done;
                p.planned += d.planned;
                p.stopped |= d.stopped;
            }
            _ => points.push(PlanDone {
                day,
                done: d.done,
                planned: d.planned,
                stopped: d.stopped,
            }),
        }
    }
    points.retain(|p| p.planned > 0 || p.stopped);
    points
}
