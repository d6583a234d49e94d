//! What may start: the warning-signs check before sessions and what its
//! answers allow, and the exercises stopped for today (DOMAIN.md "What the
//! app does with each answer").

use centralise::core::bundled::bundled_packs;
use centralise::core::gate::{StartGate, start_gate, stopped_today};
use centralise::core::journal::{
    Acknowledged, Journal, Record, SafetyStop, SessionStarted, WarningCheck,
};
use centralise::core::red_flags::assess;
use centralise::core::symptoms::Change;

const HOUR: u64 = 60 * 60 * 1000;
const DAY: u64 = 24 * HOUR;
/// Monday 7 December 2026, 00:00 UTC: the start of this week.
const WEEK: u64 = 1_796_601_600_000;
const NOW: u64 = WEEK + 2 * DAY + 10 * HOUR;

fn check(at: u64, yes: &[&str]) -> Record {
    Record::WarningCheck(WarningCheck {
        id: format!("w{at}"),
        at,
        yes: yes.iter().map(|s| s.to_string()).collect(),
        outcome: assess(yes.iter().copied()),
    })
}

fn urgent_read(at: u64) -> Record {
    Record::Acknowledged(Acknowledged {
        id: format!("a{at}"),
        at,
        what: Acknowledged::URGENT.into(),
    })
}

fn started(at: u64) -> Record {
    Record::SessionStarted(SessionStarted {
        id: format!("s{at}").into(),
        at,
        pack_id: "p".into(),
        pack_version: "1".into(),
        routine_id: "r".into(),
        routine_title: "R".into(),
    })
}

fn gate(records: Vec<Record>) -> StartGate {
    start_gate(&Journal::from_records(records), WEEK, NOW)
}

const URGENT: &[&str] = &["weaker-foot"];
const EMERGENCY: &[&str] = &["bladder-bowel"];

#[test]
fn the_check_is_due_each_week_and_a_check_with_no_yes_opens_the_week() {
    assert_eq!(gate(vec![]), StartGate::CheckDue);
    assert_eq!(
        gate(vec![check(WEEK, &[])]),
        StartGate::Open,
        "at the start"
    );
    assert_eq!(
        gate(vec![check(WEEK - 1, &[])]),
        StartGate::CheckDue,
        "last week"
    );
}

#[test]
fn an_emergency_answer_never_counts_as_the_weeks_check_and_blocks_every_start() {
    let at = WEEK + HOUR;
    assert_eq!(
        gate(vec![check(at, EMERGENCY)]),
        StartGate::Emergency { check_at: at }
    );
    // Reading the urgent advice does not lift an emergency.
    assert_eq!(
        gate(vec![check(at, EMERGENCY), urgent_read(at + 1)]),
        StartGate::Emergency { check_at: at }
    );
    // A clean check earlier in the week does not either.
    assert_eq!(
        gate(vec![check(WEEK, &[]), check(at, EMERGENCY)]),
        StartGate::Emergency { check_at: at }
    );
    // A later check without an emergency answer does.
    assert_eq!(
        gate(vec![check(at, EMERGENCY), check(at + HOUR, &[])]),
        StartGate::Open
    );
    assert_eq!(
        gate(vec![check(at, EMERGENCY), check(at + HOUR, URGENT)]),
        StartGate::UrgentUnread {
            check_at: at + HOUR
        }
    );
}

#[test]
fn an_urgent_answer_waits_for_the_advice_to_be_read_then_allows_one_session() {
    let at = WEEK + HOUR;
    assert_eq!(
        gate(vec![check(at, URGENT)]),
        StartGate::UrgentUnread { check_at: at }
    );
    // Read: this session may start.
    assert_eq!(
        gate(vec![check(at, URGENT), urgent_read(at + 1)]),
        StartGate::Open
    );
    // Read before the check (an older acknowledgement): not this one.
    assert_eq!(
        gate(vec![urgent_read(at - 1), check(at, URGENT)]),
        StartGate::UrgentUnread { check_at: at }
    );
    // Once a session started, the check is asked again.
    assert_eq!(
        gate(vec![
            check(at, URGENT),
            urgent_read(at + 1),
            started(at + 2)
        ]),
        StartGate::CheckDue
    );
    // A check with a yes never counts, even after a clean one this week.
    assert_eq!(
        gate(vec![
            check(WEEK, &[]),
            check(at, URGENT),
            urgent_read(at + 1),
            started(at + 2)
        ]),
        StartGate::CheckDue
    );
}

#[test]
fn records_dated_in_the_future_never_count() {
    // A clean check "next week" (a phone whose clock ran ahead).
    assert_eq!(gate(vec![check(NOW + 7 * DAY, &[])]), StartGate::CheckDue);
    // ...nor does it hide today's emergency answer.
    let at = WEEK + HOUR;
    assert_eq!(
        gate(vec![check(at, EMERGENCY), check(NOW + DAY, &[])]),
        StartGate::Emergency { check_at: at }
    );
    // An acknowledgement from the future is not one.
    assert_eq!(
        gate(vec![check(at, URGENT), urgent_read(NOW + HOUR)]),
        StartGate::UrgentUnread { check_at: at }
    );
}

fn stop(at: u64, exercise: &str) -> Record {
    Record::SafetyStop(SafetyStop {
        id: format!("stop{at}").into(),
        session: "s".into(),
        at,
        exercise_id: exercise.into(),
        exercise_name: exercise.into(),
        change: Change::Peripheralised,
        check_in: "c".into(),
    })
}

#[test]
fn a_directional_preference_stop_stops_every_directional_preference_exercise_today() {
    let packs = bundled_packs();
    let extension = packs
        .iter()
        .find(|p| p.id == "extension-progression")
        .unwrap();
    let today = NOW - 10 * HOUR;
    let journal = Journal::from_records(vec![stop(today + HOUR, "prone-lying")]);
    let stopped = stopped_today(&journal, Some(extension), today, NOW);
    assert!(stopped.all_directional);
    for e in &extension.exercises {
        assert!(stopped.exercises.contains(&e.id), "{} is stopped", e.id);
    }
    // No routine of the pack can start today.
    assert!(extension.routines.iter().all(|r| stopped.covers(r)));
    // Tomorrow: nothing.
    let tomorrow = stopped_today(&journal, Some(extension), today + DAY, NOW + DAY);
    assert!(tomorrow.exercises.is_empty());
}

#[test]
fn a_core_stop_stops_that_exercise_only() {
    let packs = bundled_packs();
    let core = packs.iter().find(|p| p.id == "core-stabilisation").unwrap();
    let today = NOW - 10 * HOUR;
    let journal = Journal::from_records(vec![stop(today + HOUR, "bird-dog")]);
    let stopped = stopped_today(&journal, Some(core), today, NOW);
    assert!(!stopped.all_directional);
    assert_eq!(stopped.exercises, ["bird-dog"]);
    // The core routine still has tummy bracing.
    assert!(!stopped.covers(core.routine("core").unwrap()));
}

#[test]
fn a_stop_dated_in_the_future_is_no_stop_today() {
    let packs = bundled_packs();
    let core = packs.iter().find(|p| p.id == "core-stabilisation").unwrap();
    let today = NOW - 10 * HOUR;
    let journal = Journal::from_records(vec![stop(NOW + 365 * DAY, "bird-dog")]);
    assert!(
        stopped_today(&journal, Some(core), today, NOW)
            .exercises
            .is_empty()
    );
}
