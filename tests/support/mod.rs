//! Arbitrary journals for property tests, as proptest strategies (so a
//! failing case shrinks to a smallest one): any record of every type,
//! including values the app would never write: odd strings, zero and huge
//! times and numbers, ids that look derived and are not. Enum values come
//! from serde's own list of variants, so a variant added later is
//! generated without a change here; a field added later fails to compile
//! here until it is generated.
#![allow(dead_code)]

use centralise::core::journal::sample::Rng;
use centralise::core::journal::{
    Acknowledged, CheckInRecord, Correction, Psfs, PsfsItem, Record, SafetyStop, SessionEnded,
    SessionStarted, SetCompleted, StageAccepted, Text, WarningCheck,
};
use centralise::core::pack::Dose;
use centralise::core::self_check::SelfCheck;
use centralise::core::symptoms::Answers;
use proptest::collection::{SizeRange, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::strategy::ValueTree;
use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
use serde::de::value::{Error, U32Deserializer};
use serde::de::{DeserializeOwned, IntoDeserializer};
use std::fmt::Debug;

/// Every unit variant of a serde enum, by its index (derived
/// `Deserialize` accepts one), in declaration order.
pub fn variants<T: DeserializeOwned>() -> Vec<T> {
    (0u32..)
        .map_while(|i| {
            let index: U32Deserializer<Error> = i.into_deserializer();
            T::deserialize(index).ok()
        })
        .collect()
}

/// Any variant of a unit enum.
pub fn variant<T: DeserializeOwned + Clone + Debug + 'static>() -> impl Strategy<Value = T> {
    select(variants::<T>())
}

/// `cases` cases, drawn with XorShift: proptest's default ChaCha takes
/// most of the time of an unoptimised test.
pub fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_algorithm: RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    }
}

/// A runner that draws the same values every run, for [`sample`].
pub fn runner() -> TestRunner {
    TestRunner::new_with_rng(
        config(1),
        TestRng::deterministic_rng(RngAlgorithm::XorShift),
    )
}

/// One value of a strategy, outside a property test.
pub fn sample<S: Strategy>(strategy: S, runner: &mut TestRunner) -> S::Value {
    strategy
        .new_tree(runner)
        .expect("a strategy without filters always gives a value")
        .current()
}

/// Text of any shape: empty, pieces of ids, accents, emoji, separators,
/// quotes, NUL, or any Unicode at all.
pub fn text() -> BoxedStrategy<String> {
    const PIECES: &[&str] = &[
        "", "a", "s1", "-end", "-c", "é", "😀", "\n", "\"", "\\", "\0", "Bird dog",
    ];
    prop_oneof![
        3 => vec(select(PIECES), 0..4).prop_map(|p| p.concat()),
        // Any Unicode (any::<String>() is ten times slower to generate).
        1 => vec(any::<char>(), 0..6).prop_map(String::from_iter),
    ]
    .boxed()
}

/// Any number, often small, sometimes a time, sometimes at the limits.
pub fn number() -> impl Strategy<Value = u64> {
    prop_oneof![
        0..10u64,
        0..100_000u64,
        1_600_000_000_000..1_900_000_000_000u64,
        (u64::MAX - 2)..=u64::MAX,
        any::<u64>(),
    ]
}

fn count() -> impl Strategy<Value = u32> {
    prop_oneof![
        0..10u32,
        0..100_000u32,
        (u32::MAX - 2)..=u32::MAX,
        any::<u32>()
    ]
}

/// A score, nearly always on the 0-10 scale.
fn pain() -> impl Strategy<Value = u8> {
    prop_oneof![9 => 0..=10u8, 1 => any::<u8>()]
}

pub fn answers() -> BoxedStrategy<Answers> {
    (
        (variant(), variant()),
        (option::of(variant()), option::of(variant())),
        (option::of(variant()), option::of(variant())),
        (pain(), pain()),
        any::<bool>(),
        option::of(variant()),
    )
        .prop_map(
            |(
                (left, right),
                (left_type, right_type),
                (left_foot, right_foot),
                pains,
                weaker,
                mdt,
            )| {
                Answers {
                    left,
                    right,
                    left_type,
                    right_type,
                    left_foot,
                    right_foot,
                    leg_pain: pains.0,
                    back_pain: pains.1,
                    weaker,
                    mdt,
                }
            },
        )
        .boxed()
}

fn dose() -> impl Strategy<Value = Dose> {
    prop_oneof![
        (count(), count()).prop_map(|(count, pace_seconds)| Dose::Repetitions {
            count,
            pace_seconds
        }),
        count().prop_map(|seconds| Dose::Seconds { seconds }),
    ]
}

/// A session's id as the app makes them, or anything.
fn session() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (number(), any::<u64>()).prop_map(|(at, seed)| Rng::new(seed).id(at)),
        1 => text(),
    ]
}

/// Stands for the session's id until the record is put in a session (see
/// [`records`]): generating each record for one session would build its
/// strategies again for every record.
const SESSION: &str = "\u{1}";

/// An id derived from the session as the app makes them (some with a
/// number past 32 bits' worth or a leading zero, which are not), or
/// anything.
fn id() -> BoxedStrategy<String> {
    (0..6u8, prop_oneof![0..40u64, any::<u64>()], text())
        .prop_map(|(form, n, text)| match form {
            0 => format!("{SESSION}-s{n}"),
            1 => format!("{SESSION}-c{n}"),
            2 => format!("{SESSION}-stop{}", n % 5),
            3 => format!("{SESSION}-end"),
            4 => format!("{SESSION}-s0{}", n % 9),
            _ => text,
        })
        .boxed()
}

fn session_started() -> BoxedStrategy<Record> {
    (
        prop_oneof![Just(SESSION.to_string()), text()],
        number(),
        text(),
        text(),
        text(),
        text(),
    )
        .prop_map(
            |(id, at, pack_id, pack_version, routine_id, routine_title)| {
                Record::SessionStarted(SessionStarted {
                    id: id.into(),
                    at,
                    pack_id: pack_id.into(),
                    pack_version: pack_version.into(),
                    routine_id: routine_id.into(),
                    routine_title: routine_title.into(),
                })
            },
        )
        .boxed()
}

fn set_completed() -> BoxedStrategy<Record> {
    (
        (id(), number(), number()),
        (text(), text(), variant()),
        (count(), count(), dose(), any::<bool>()),
    )
        .prop_map(
            |(
                (id, at, started_at),
                (exercise_id, exercise_name, kind),
                (set, of, dose, stopped_early),
            )| {
                Record::SetCompleted(SetCompleted {
                    id: id.into(),
                    session: SESSION.into(),
                    at,
                    started_at,
                    exercise_id: exercise_id.into(),
                    exercise_name: exercise_name.into(),
                    kind,
                    set,
                    of,
                    dose,
                    stopped_early,
                })
            },
        )
        .boxed()
}

fn check_in() -> BoxedStrategy<Record> {
    (
        id(),
        number(),
        option::of(id()),
        answers(),
        option::of(text()),
    )
        .prop_map(|(id, at, after_set, answers, note)| {
            Record::CheckIn(CheckInRecord {
                id: id.into(),
                session: SESSION.into(),
                at,
                after_set: after_set.map(Into::into),
                answers,
                note,
            })
        })
        .boxed()
}

fn session_ended() -> BoxedStrategy<Record> {
    (id(), number(), variant())
        .prop_map(|(id, at, outcome)| {
            Record::SessionEnded(SessionEnded {
                id: id.into(),
                session: SESSION.into(),
                at,
                outcome,
            })
        })
        .boxed()
}

fn safety_stop() -> BoxedStrategy<Record> {
    (id(), number(), (text(), text()), variant(), id())
        .prop_map(|(id, at, (exercise_id, exercise_name), change, check_in)| {
            Record::SafetyStop(SafetyStop {
                id: id.into(),
                session: SESSION.into(),
                at,
                exercise_id: exercise_id.into(),
                exercise_name: exercise_name.into(),
                change,
                check_in: check_in.into(),
            })
        })
        .boxed()
}

fn warning_check() -> BoxedStrategy<Record> {
    (text(), number(), vec(text(), 0..4), option::of(variant()))
        .prop_map(|(id, at, yes, outcome)| {
            Record::WarningCheck(WarningCheck {
                id,
                at,
                yes,
                outcome,
            })
        })
        .boxed()
}

fn acknowledged() -> BoxedStrategy<Record> {
    (text(), number(), text())
        .prop_map(|(id, at, what)| Record::Acknowledged(Acknowledged { id, at, what }))
        .boxed()
}

fn self_check() -> BoxedStrategy<Record> {
    (
        text(),
        number(),
        count(),
        count(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(id, at, left, right, toe_walk_left, toe_walk_right)| {
            Record::SelfCheck(SelfCheck {
                id,
                at,
                left,
                right,
                toe_walk_left,
                toe_walk_right,
            })
        })
        .boxed()
}

fn stage_accepted() -> BoxedStrategy<Record> {
    (text(), number(), text(), count(), text())
        .prop_map(|(id, at, pack_id, stage, title)| {
            Record::StageAccepted(StageAccepted {
                id,
                at,
                pack_id: pack_id.into(),
                stage,
                title: title.into(),
            })
        })
        .boxed()
}

fn correction() -> BoxedStrategy<Record> {
    (
        text(),
        number(),
        id(),
        option::of(answers()),
        option::of(text()),
    )
        .prop_map(|(id, at, corrects, answers, note)| {
            Record::Correction(Correction {
                id,
                at,
                corrects: corrects.into(),
                answers,
                note,
            })
        })
        .boxed()
}

fn psfs() -> BoxedStrategy<Record> {
    (text(), number(), vec((text(), any::<u8>()), 0..4))
        .prop_map(|(id, at, items)| {
            Record::Psfs(Psfs {
                id,
                at,
                items: items
                    .into_iter()
                    .map(|(activity, score)| PsfsItem { activity, score })
                    .collect(),
            })
        })
        .boxed()
}

/// Any record of any type, its session's id still [`SESSION`]. The
/// functions above build struct literals: a new field fails to compile
/// there until it is generated. (Each is boxed: nested strategy types this
/// large overflow the stack of an unoptimised test.)
fn record() -> impl Strategy<Value = Record> {
    prop_oneof![
        session_started(),
        set_completed(),
        check_in(),
        session_ended(),
        safety_stop(),
        warning_check(),
        acknowledged(),
        self_check(),
        stage_accepted(),
        correction(),
        psfs(),
    ]
}

/// The record in `session`: its session's id where it stands.
fn in_session(record: Record, session: &str) -> Record {
    let put = |t: Text| -> Text {
        match t.contains(SESSION) {
            true => t.replace(SESSION, session).into(),
            false => t,
        }
    };
    match record {
        Record::SessionStarted(r) => Record::SessionStarted(SessionStarted { id: put(r.id), ..r }),
        Record::SetCompleted(r) => Record::SetCompleted(SetCompleted {
            id: put(r.id),
            session: put(r.session),
            ..r
        }),
        Record::CheckIn(r) => Record::CheckIn(CheckInRecord {
            id: put(r.id),
            session: put(r.session),
            after_set: r.after_set.map(put),
            ..r
        }),
        Record::SessionEnded(r) => Record::SessionEnded(SessionEnded {
            id: put(r.id),
            session: put(r.session),
            ..r
        }),
        Record::SafetyStop(r) => Record::SafetyStop(SafetyStop {
            id: put(r.id),
            session: put(r.session),
            check_in: put(r.check_in),
            ..r
        }),
        other => other,
    }
}

/// Any records, `size` of them, shared among one to three sessions (so
/// that chunks share strings and derive ids as the app's do).
pub fn records(size: impl Into<SizeRange>) -> impl Strategy<Value = Vec<Record>> {
    (vec(session(), 1..4), vec((any::<Index>(), record()), size)).prop_map(|(sessions, records)| {
        records
            .into_iter()
            .map(|(i, r)| in_session(r, i.get::<String>(&sessions)))
            .collect()
    })
}

/// Any one record.
pub fn any_record() -> impl Strategy<Value = Record> {
    (session(), record()).prop_map(|(session, r)| in_session(r, &session))
}

pub fn pick<T: Copy>(rng: &mut Rng, all: &[T]) -> T {
    all[rng.below(all.len() as u64) as usize]
}
