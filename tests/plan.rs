//! Today's plan over whole days on a simulated clock: slots from the
//! schedule and waking hours, sessions early and late, days left out,
//! sessions that do not count, safety stops, and the two daylight-saving
//! days (fixed offset tables, as the browser would report them).

use centralise::core::journal::{Journal, Record};
use centralise::core::pack::{Pack, Weekday};
use centralise::core::plan::{DayPlan, WakingHours, adherence, day_plan, local_day, wall_time};
use centralise::core::symptoms::Change;

mod records;
use records::{D0, DAY, MIN, bundled, session, stop, stop_of, utc};

const HOUR: u64 = 60 * MIN;

fn extension() -> Pack {
    bundled("extension-progression")
}

fn plan(pack: &Pack, records: Vec<Record>, day: u64, now: u64) -> DayPlan {
    plan_with(pack, records, day, now, &utc)
}

fn plan_with(
    pack: &Pack,
    records: Vec<Record>,
    day: u64,
    now: u64,
    offsets: &impl Fn(u64) -> i64,
) -> DayPlan {
    let journal = Journal::from_records(records);
    let day = local_day(day, offsets);
    day_plan(
        pack,
        &journal,
        WakingHours::default(),
        day,
        now,
        offsets,
        &|_| false,
    )
}

/// Local hh:mm of each slot.
fn clock_times(plan: &DayPlan, offsets: &impl Fn(u64) -> i64) -> Vec<String> {
    plan.slots
        .iter()
        .map(|s| {
            let local = (s.at as i64 + offsets(s.at)).rem_euclid(DAY as i64) as u64;
            format!("{:02}:{:02}", local / HOUR, local % HOUR / MIN)
        })
        .collect()
}

#[test]
fn every_2_to_3_hours_while_awake_is_six_slots_from_waking() {
    let pack = extension();
    let today = plan(&pack, vec![], D0 + 12 * HOUR, D0 + 12 * HOUR);
    assert_eq!(
        clock_times(&today, &utc),
        ["07:30", "10:00", "12:30", "15:00", "17:30", "20:00"]
    );
    assert_eq!((today.done(), today.planned()), (0, 6));
}

#[test]
fn a_session_counts_for_its_slot_up_to_45_minutes_early_or_any_time_late() {
    let pack = extension();
    let at = |h: u64, m: u64| D0 + h * HOUR + m * MIN;
    // 09:20 is 40 minutes early for 10:00; 07:30 was missed.
    let records = session(&pack, "extension", at(9, 20), 1);
    let today = plan(&pack, records, at(9, 30), at(9, 30));
    assert_eq!(today.slots[1].done, Some(at(9, 20)));
    assert_eq!(today.slots[0].done, None);
    assert_eq!(today.missed(at(9, 30)).len(), 1);
    assert_eq!(today.next(at(9, 30)).map(|s| s.at), Some(at(12, 30)));
    // 09:10 is 50 minutes early for 10:00: it is 07:30's, late.
    let records = session(&pack, "extension", at(9, 10), 1);
    let today = plan(&pack, records, at(9, 30), at(9, 30));
    assert_eq!(today.slots[0].done, Some(at(9, 10)));
    assert_eq!(today.next(at(9, 30)).map(|s| s.at), Some(at(10, 0)));
    // Doing more than planned covers nothing more.
    let mut records = session(&pack, "extension", at(12, 40), 1);
    records.extend(session(&pack, "extension", at(12, 50), 1));
    records.extend(session(&pack, "extension", at(12, 55), 1));
    records.extend(session(&pack, "extension", at(12, 58), 1));
    let today = plan(&pack, records, at(13, 0), at(13, 0));
    assert_eq!(today.done(), 3, "12:30, then 10:00 and 07:30 late");
    assert_eq!(today.next(at(13, 0)).map(|s| s.at), Some(at(15, 0)));
}

#[test]
fn a_session_without_a_set_does_not_count_but_one_a_safety_rule_stopped_does() {
    let pack = extension();
    let at = |h: u64| D0 + h * HOUR;
    let today = plan(&pack, session(&pack, "extension", at(8), 0), at(9), at(9));
    assert_eq!(today.done(), 0);
    let mut records = session(&pack, "extension", at(8), 0);
    records.push(stop(at(8), at(8) + MIN, Change::Peripheralised));
    let today = plan(&pack, records, at(9), at(9));
    assert_eq!(today.done(), 1);
}

#[test]
fn the_next_slot_moves_through_due_done_and_to_come() {
    let pack = extension();
    let at = |h: u64, m: u64| D0 + h * HOUR + m * MIN;
    let today = plan(&pack, vec![], at(6, 0), at(6, 0));
    assert_eq!(today.next(at(6, 0)).map(|s| s.at), Some(at(7, 30)));
    // 11:00: 10:00 is due, 07:30 missed.
    assert_eq!(today.next(at(11, 0)).map(|s| s.at), Some(at(10, 0)));
    assert_eq!(today.missed(at(11, 0)).len(), 1);
    // After the last: the last is still due until the day ends.
    assert_eq!(today.next(at(23, 0)).map(|s| s.at), Some(at(20, 0)));
    // Sessions in the future (a wrong clock) count for nothing yet.
    let records = session(&pack, "extension", at(10, 0), 1);
    let today = plan(&pack, records, at(9, 0), at(9, 0));
    assert_eq!(today.done(), 0);
}

#[test]
fn days_left_out_by_the_schedule_have_no_slots_and_a_stopped_routine_none() {
    let mut pack = extension();
    let schedule = pack.routines[0].schedule.as_mut().unwrap();
    schedule.days = vec![Weekday::Monday];
    // D0 is a Thursday; the Monday after is four days on.
    assert_eq!(plan(&pack, vec![], D0, D0).planned(), 0);
    assert_eq!(plan(&pack, vec![], D0 + 4 * DAY, D0).planned(), 6);
    let pack = extension();
    let journal = Journal::default();
    let stopped = day_plan(
        &pack,
        &journal,
        WakingHours::default(),
        local_day(D0, &utc),
        D0,
        &utc,
        &|routine| routine == "extension",
    );
    assert_eq!(stopped.planned(), 0);
}

#[test]
fn waking_hours_move_the_slots() {
    let pack = extension();
    let journal = Journal::default();
    let late = WakingHours {
        from: 10 * 60,
        to: 23 * 60 + 30,
    };
    let today = day_plan(
        &pack,
        &journal,
        late,
        local_day(D0, &utc),
        D0,
        &utc,
        &|_| false,
    );
    assert_eq!(
        clock_times(&today, &utc),
        ["10:00", "12:30", "15:00", "17:30", "20:00", "22:30"]
    );
}

/// Europe/London: the clocks go forward at 01:00 UTC on 28 March 2027
/// and back at 01:00 UTC on 25 October 2026.
const SPRING: u64 = 1_806_195_600_000;
const AUTUMN: u64 = 1_792_890_000_000;

#[test]
fn the_daylight_saving_days_keep_every_slot_at_its_local_time() {
    let pack = extension();
    let spring = |at: u64| if at >= SPRING { HOUR as i64 } else { 0 };
    let day = plan_with(&pack, vec![], SPRING + 12 * HOUR, SPRING, &spring);
    assert_eq!(
        clock_times(&day, &spring),
        ["07:30", "10:00", "12:30", "15:00", "17:30", "20:00"]
    );
    // 07:30 BST is 06:30 UTC.
    assert_eq!(day.slots[0].at, SPRING - HOUR + 6 * HOUR + 30 * MIN);
    let autumn = |at: u64| if at >= AUTUMN { 0 } else { HOUR as i64 };
    let day = plan_with(&pack, vec![], AUTUMN + 12 * HOUR, AUTUMN, &autumn);
    assert_eq!(
        clock_times(&day, &autumn),
        ["07:30", "10:00", "12:30", "15:00", "17:30", "20:00"]
    );
    // And the day before each keeps its own.
    let before = plan_with(&pack, vec![], SPRING - 12 * HOUR, SPRING, &spring);
    assert_eq!(before.planned(), 6);
    // That day's midnight was still summer time: 23:00 UTC the day before.
    assert_eq!(
        wall_time(local_day(AUTUMN, &autumn), 0, &autumn),
        AUTUMN - 2 * HOUR
    );
}

#[test]
fn each_routine_keeps_its_own_next_slot() {
    use centralise::core::pack::{Frequency, Schedule};
    let mut pack = bundled("core-stabilisation");
    let quick = pack
        .routines
        .iter_mut()
        .find(|r| r.id == "quick-core")
        .unwrap();
    quick.schedule = Some(Schedule {
        frequency: Frequency::EveryHours { min: 2, max: 3 },
        days: vec![],
    });
    let at = |h: u64, m: u64| D0 + h * HOUR + m * MIN;
    let records = session(&pack, "quick-core", at(10, 0), 2);
    let today = plan(&pack, records, at(10, 30), at(10, 30));
    // Once a day at waking, plus six quick ones.
    assert_eq!((today.done(), today.planned()), (1, 7));
    // Core's 07:30 is still due; the quick routine's next is 12:30.
    let next = today.next(at(10, 30)).unwrap();
    assert_eq!((next.routine.as_str(), next.at), ("core", at(7, 30)));
    let quick_next = today.next_of("quick-core", at(10, 30)).unwrap();
    assert_eq!(quick_next.at, at(12, 30));
    assert_eq!(today.missed(at(10, 30)).len(), 1, "quick-core's 07:30");
}

#[test]
fn waking_hours_are_read_as_clock_times_and_must_leave_an_hour() {
    assert_eq!(WakingHours::parse_clock("07:30"), Some(450));
    assert_eq!(WakingHours::parse_clock(" 22:00 "), Some(1320));
    for bad in ["", "7", "24:00", "07:60", "-1:00", "seven"] {
        assert_eq!(WakingHours::parse_clock(bad), None, "{bad}");
    }
    assert_eq!(WakingHours::clock(450), "07:30");
    assert!(WakingHours::new(450, 1320).is_some());
    assert!(WakingHours::new(450, 500).is_none(), "under an hour");
    assert!(WakingHours::new(1320, 450).is_none(), "backwards");
}

#[test]
fn a_slot_is_due_from_45_minutes_before_its_time_to_45_minutes_after() {
    use centralise::core::plan::{Due, Slot};
    let slot = Slot {
        routine: "r".into(),
        at: D0 + 10 * HOUR,
        done: None,
    };
    let at = |m: i64| (D0 as i64 + 10 * HOUR as i64 + m * MIN as i64) as u64;
    assert_eq!(slot.due(at(-46)), Due::Later);
    assert_eq!(slot.due(at(-45)), Due::Now);
    assert_eq!(slot.due(at(45)), Due::Now);
    assert_eq!(slot.due(at(46)), Due::Overdue);
}

#[test]
fn adherence_over_a_whole_week_counts_each_slot_once_and_never_a_stop_against() {
    let mut pack = extension();
    let schedule = pack.routines[0].schedule.as_mut().unwrap();
    schedule.days = Weekday::ALL
        .into_iter()
        .filter(|d| *d != Weekday::Sunday)
        .collect();
    // Thursday to Wednesday.
    let at = |day: u64, h: u64, m: u64| D0 + day * DAY + h * HOUR + m * MIN;
    let slots = [(7, 30), (10, 0), (12, 30), (15, 0), (17, 30), (20, 0)];
    let mut records = Vec::new();
    // Thursday: every slot, on time.
    for (h, m) in slots {
        records.extend(session(&pack, "extension", at(0, h, m), 1));
    }
    // Friday: ten sessions in the first hour cover its first slot only.
    for i in 0..10 {
        records.extend(session(&pack, "extension", at(1, 7, 30 + i * 5), 1));
    }
    // Saturday: nothing. Sunday: left out, though done.
    records.extend(session(&pack, "extension", at(3, 10, 0), 1));
    // Monday: one session stopped by a safety rule before any set.
    records.extend(session(&pack, "extension", at(4, 10, 0), 0));
    records.push(stop(at(4, 10, 0), at(4, 10, 5), Change::Peripheralised));
    // Tuesday: the whole routine stopped (its one exercise) after one
    // session: the rest of the day is not planned.
    records.extend(session(&pack, "extension", at(5, 7, 30), 1));
    records.push(stop_of(
        "prone-lying",
        at(5, 7, 30),
        at(5, 8, 0),
        Change::Worse,
    ));
    // Wednesday, now 13:00: two of the three slots so far, late.
    records.extend(session(&pack, "extension", at(6, 12, 0), 1));
    records.extend(session(&pack, "extension", at(6, 12, 45), 1));
    let journal = Journal::from_records(records);
    let now = at(6, 13, 0);
    let first = local_day(D0, &utc);
    let days = adherence(
        &pack,
        &journal,
        WakingHours::default(),
        first..=first + 6,
        now,
        &utc,
    );
    let counts: Vec<(usize, usize, bool)> = days
        .iter()
        .map(|d| (d.done, d.planned, d.stopped))
        .collect();
    assert_eq!(
        counts,
        [
            (2, 6, false),
            (0, 0, true),
            (1, 6, true),
            (0, 0, false),
            (0, 6, false),
            (1, 6, false),
            (6, 6, false)
        ],
        "newest first: Wednesday to Thursday"
    );
    assert_eq!(days[0].day, first + 6);
}
