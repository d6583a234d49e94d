//! Records as a session writes them, built by hand for tests of what the
//! core reads from a journal (today's plan, the progression).
#![allow(dead_code)]

use centralise::core::bundled::bundled_packs;
use centralise::core::journal::{Record, SafetyStop, SessionStarted, SetCompleted, Text};
use centralise::core::pack::{Dose, Kind, Pack};
use centralise::core::symptoms::Change;

pub const MIN: u64 = 60_000;
pub const DAY: u64 = 24 * 60 * MIN;
/// Thursday 3 December 2026, 00:00 UTC.
pub const D0: u64 = 1_796_256_000_000;

/// London in winter: UTC.
pub fn utc(_: u64) -> i64 {
    0
}

/// The built-in pack with this id.
pub fn bundled(id: &str) -> Pack {
    bundled_packs().into_iter().find(|p| p.id == id).unwrap()
}

/// The id of the session [`session`] starts at `at`.
pub fn session_id(at: u64) -> Text {
    format!("s{at}").into()
}

/// A session of `routine` started at `at`, with `sets` sets done, one a
/// minute.
pub fn session(pack: &Pack, routine: &str, at: u64, sets: u32) -> Vec<Record> {
    let id = session_id(at);
    let mut records = vec![Record::SessionStarted(SessionStarted {
        id: id.clone(),
        at,
        pack_id: pack.id.as_str().into(),
        pack_version: pack.version.as_str().into(),
        routine_id: routine.into(),
        routine_title: "R".into(),
    })];
    for n in 1..=sets {
        records.push(Record::SetCompleted(SetCompleted {
            id: format!("{id}-s{n}").into(),
            session: id.clone(),
            at: at + u64::from(n) * MIN,
            started_at: at,
            exercise_id: "e".into(),
            exercise_name: "E".into(),
            kind: Kind::Repeated,
            set: n,
            of: sets,
            dose: Dose::Repetitions {
                count: 10,
                pace_seconds: 2,
            },
            stopped_early: false,
        }));
    }
    records
}

/// A safety stop of exercise "Press-up" in the session started at
/// `session_at`, at `at`.
pub fn stop(session_at: u64, at: u64, change: Change) -> Record {
    stop_of("press-up", session_at, at, change)
}

/// A safety stop of `exercise` (its id; its name is "Press-up").
pub fn stop_of(exercise: &str, session_at: u64, at: u64, change: Change) -> Record {
    Record::SafetyStop(SafetyStop {
        id: format!("stop{at}").into(),
        session: session_id(session_at),
        at,
        exercise_id: exercise.into(),
        exercise_name: "Press-up".into(),
        change,
        check_in: "c".into(),
    })
}
