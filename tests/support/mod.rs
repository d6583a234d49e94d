//! Arbitrary journals for property tests, from a seeded generator: any
//! record, including values the app would never write.
#![allow(dead_code)]

use centralise::core::journal::sample::Rng;
use centralise::core::journal::{
    Acknowledged, CheckInRecord, Outcome, Record, SafetyStop, SessionEnded, SessionStarted,
    SetCompleted, WarningCheck,
};
use centralise::core::pack::{Dose, Kind};
use centralise::core::red_flags::Tier;
use centralise::core::self_check::SelfCheck;
use centralise::core::symptoms::{Answers, Change, FootArea, Level, MdtAfter, SymptomType};

/// Text of any shape: empty, ASCII, accents, emoji, separators.
pub fn text(rng: &mut Rng) -> String {
    const PIECES: [&str; 8] = ["", "a", "s1", "-end", "é", "😀", "\n", "Bird dog"];
    (0..rng.below(4))
        .map(|_| PIECES[rng.below(8) as usize])
        .collect()
}

pub fn pick<T: Copy>(rng: &mut Rng, all: &[T]) -> T {
    all[rng.below(all.len() as u64) as usize]
}

fn maybe<T: Copy>(rng: &mut Rng, all: &[T]) -> Option<T> {
    rng.chance(50).then(|| pick(rng, all))
}

/// Any number, often small, sometimes at the limits.
pub fn number(rng: &mut Rng) -> u64 {
    match rng.below(4) {
        0 => rng.below(10),
        1 => rng.below(100_000),
        2 => u64::MAX - rng.below(3),
        _ => rng.next_u64(),
    }
}

fn answers(rng: &mut Rng) -> Answers {
    Answers {
        left: pick(rng, &Level::ALL),
        right: pick(rng, &Level::ALL),
        left_type: maybe(rng, &SymptomType::ALL),
        right_type: maybe(rng, &SymptomType::ALL),
        left_foot: maybe(rng, &FootArea::ALL),
        right_foot: maybe(rng, &FootArea::ALL),
        leg_pain: if rng.chance(90) {
            rng.below(11) as u8
        } else {
            rng.below(256) as u8
        },
        back_pain: if rng.chance(90) {
            rng.below(11) as u8
        } else {
            rng.below(256) as u8
        },
        weaker: rng.chance(20),
        mdt: maybe(rng, &MdtAfter::ALL),
    }
}

/// An id derived from the session as the app makes them, or anything.
fn id(rng: &mut Rng, session: &str) -> String {
    match rng.below(6) {
        0 => format!("{session}-s{}", rng.below(40)),
        1 => format!("{session}-c{}", number(rng) as u32),
        2 => format!("{session}-stop{}", rng.below(5)),
        3 => format!("{session}-end"),
        4 => format!("{session}-s0{}", rng.below(9)),
        _ => text(rng),
    }
}

/// Any record, including values the app would never write.
fn record(rng: &mut Rng, sessions: &[String]) -> Record {
    let session = sessions[rng.below(sessions.len() as u64) as usize].clone();
    let at = number(rng);
    match rng.below(8) {
        0 => Record::SessionStarted(SessionStarted {
            id: session.into(),
            at,
            pack_id: text(rng).into(),
            pack_version: text(rng).into(),
            routine_id: text(rng).into(),
            routine_title: text(rng).into(),
        }),
        1 => Record::SetCompleted(SetCompleted {
            id: id(rng, &session).into(),
            at,
            started_at: number(rng),
            exercise_id: text(rng).into(),
            exercise_name: text(rng).into(),
            kind: pick(rng, &[Kind::Repeated, Kind::Sustained, Kind::Hold]),
            set: number(rng) as u32,
            of: number(rng) as u32,
            dose: if rng.chance(50) {
                Dose::Seconds {
                    seconds: number(rng) as u32,
                }
            } else {
                Dose::Repetitions {
                    count: number(rng) as u32,
                    pace_seconds: number(rng) as u32,
                }
            },
            stopped_early: rng.chance(10),
            session: session.into(),
        }),
        2 => Record::CheckIn(CheckInRecord {
            id: id(rng, &session).into(),
            at,
            after_set: rng.chance(80).then(|| id(rng, &session).into()),
            answers: answers(rng),
            note: rng.chance(20).then(|| text(rng)),
            session: session.into(),
        }),
        3 => Record::SessionEnded(SessionEnded {
            id: id(rng, &session).into(),
            at,
            outcome: pick(
                rng,
                &[Outcome::Completed, Outcome::EndedEarly, Outcome::TimedOut],
            ),
            session: session.into(),
        }),
        4 => Record::SafetyStop(SafetyStop {
            id: id(rng, &session).into(),
            at,
            exercise_id: text(rng).into(),
            exercise_name: text(rng).into(),
            change: pick(
                rng,
                &[Change::Peripheralised, Change::Worse, Change::Unchanged],
            ),
            check_in: id(rng, &session).into(),
            session: session.into(),
        }),
        5 => Record::WarningCheck(WarningCheck {
            id: text(rng),
            at,
            yes: (0..rng.below(4)).map(|_| text(rng)).collect(),
            outcome: maybe(rng, &[Tier::Urgent, Tier::Emergency]),
        }),
        6 => Record::Acknowledged(Acknowledged {
            id: text(rng),
            at,
            what: text(rng),
        }),
        _ => Record::SelfCheck(SelfCheck {
            id: text(rng),
            at,
            left: number(rng) as u32,
            right: number(rng) as u32,
            toe_walk_left: rng.chance(50),
            toe_walk_right: rng.chance(50),
        }),
    }
}

pub fn records(rng: &mut Rng, n: u64) -> Vec<Record> {
    let sessions: Vec<String> = (0..1 + rng.below(3))
        .map(|_| {
            let at = number(rng);
            rng.id(at)
        })
        .collect();
    (0..n).map(|_| record(rng, &sessions)).collect()
}
