//! Safety rules across days, each at, just below and just above its
//! threshold.

use centralise::core::journal::{Acknowledged, CheckInRecord, Journal, Record, SafetyStop};
use centralise::core::safety::{Reason, contact_prompt};
use centralise::core::symptoms::{Answers, Change, Level};

const DAY: u64 = 24 * 60 * 60 * 1000;
/// Midnight UTC, 1 December 2026; the patient is in UTC+1.
const D0: u64 = 1_796_083_200_000;
const OFFSET: i64 = 60 * 60 * 1000;

fn stop(at: u64) -> Record {
    Record::SafetyStop(SafetyStop {
        id: format!("stop{at}"),
        session: "s".into(),
        at,
        exercise_id: "e".into(),
        exercise_name: "E".into(),
        change: Change::Peripheralised,
        check_in: "c".into(),
    })
}

fn check_in(at: u64, left: Level) -> Record {
    Record::CheckIn(CheckInRecord {
        id: format!("c{at}"),
        session: format!("s{}", at / DAY),
        at,
        after_set: None,
        answers: Answers::new(left, Level::None, 4, 2),
    })
}

fn prompt(records: Vec<Record>) -> Option<Reason> {
    contact_prompt(&Journal::from_records(records), OFFSET).map(|p| p.reason)
}

/// `h` hours into local day `d` (local midnight is 23:00 UTC the day before).
fn at(d: u64, h: u64) -> u64 {
    D0 + d * DAY + h * 60 * 60 * 1000 - OFFSET as u64
}

#[test]
fn peripheralised_on_two_days_in_a_row_asks_to_contact_the_therapist() {
    assert_eq!(
        prompt(vec![stop(at(0, 9)), stop(at(1, 9))]),
        Some(Reason::TwoDaysInARow)
    );
    // Just inside one local day: 00:30 and 23:30 of the same day.
    let same_day = vec![stop(at(0, 0) + 30 * 60_000), stop(at(0, 23) + 30 * 60_000)];
    assert_eq!(prompt(same_day), None);
    // A day apart with a day between: no.
    assert_eq!(prompt(vec![stop(at(0, 9)), stop(at(2, 9))]), None);
    // 23:59 and 00:01 the next local day: two days in a row.
    let around_midnight = vec![stop(at(1, 0) - 60_000), stop(at(1, 0) + 60_000)];
    assert_eq!(prompt(around_midnight), Some(Reason::TwoDaysInARow));
}

#[test]
fn worse_the_next_morning_asks_too() {
    let evening = check_in(at(0, 20), Level::Thigh);
    let worse = check_in(at(1, 8), Level::BelowKnee);
    assert_eq!(
        prompt(vec![evening.clone(), worse]),
        Some(Reason::WorseNextMorning)
    );
    let same = check_in(at(1, 8), Level::Thigh);
    assert_eq!(prompt(vec![evening.clone(), same]), None);
    let better = check_in(at(1, 8), Level::Buttock);
    assert_eq!(prompt(vec![evening.clone(), better]), None);
    // Two days later is not "the next morning".
    let later = check_in(at(2, 8), Level::BelowKnee);
    assert_eq!(prompt(vec![evening, later]), None);
}

#[test]
fn the_prompt_stays_until_acknowledged_and_returns_on_a_new_event() {
    let ack = |t| {
        Record::Acknowledged(Acknowledged {
            id: format!("a{t}"),
            at: t,
        })
    };
    let mut records = vec![stop(at(0, 9)), stop(at(1, 9))];
    records.push(ack(at(1, 10)));
    assert_eq!(prompt(records.clone()), None);
    records.push(stop(at(2, 9)));
    assert_eq!(prompt(records), Some(Reason::TwoDaysInARow));
}

#[test]
fn every_reason_has_its_message() {
    for r in [Reason::TwoDaysInARow, Reason::WorseNextMorning] {
        assert!(r.message().contains("Contact your physiotherapist"));
    }
}
