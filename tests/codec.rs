//! The compact chunk encoding (schema 2): lossless for any journal, and
//! never a panic on damaged input: corrupt chunks are errors, kept aside
//! by the store while everything readable still loads.
// proptest is a native dev-dependency: these tests never build for wasm.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use centralise::core::journal::codec::{decode_chunk, encode_chunk};
use centralise::core::journal::sample::Rng;
use centralise::core::journal::{
    Acknowledged, Appender, CheckInRecord, KeyValue, LoadProblem, MemoryKv, Outcome, Part, Record,
    SafetyStop, SessionEnded, SessionStarted, SetCompleted, Text, WarningCheck, keys, load,
};
use centralise::core::pack::{Dose, Kind};
use centralise::core::red_flags::Tier;
use centralise::core::self_check::SelfCheck;
use centralise::core::symptoms::{Answers, Change};
use proptest::prelude::*;
use support::{pick, records, sample};

fn round_trips(written: Vec<Record>) -> Result<(), TestCaseError> {
    let text = encode_chunk(&written);
    prop_assert!(
        text.encode_utf16().all(|u| !(0xD800..0xE000).contains(&u)),
        "valid UTF-16"
    );
    prop_assert_eq!(decode_chunk(&text), Ok(written));
    Ok(())
}

proptest! {
    #![proptest_config(support::config(2_000))]

    /// Every record type, any field values.
    #[test]
    fn any_chunk_round_trips_exactly(written in records(0..=32)) {
        round_trips(written)?;
    }
}

proptest! {
    #![proptest_config(support::config(100))]

    /// A full chunk and a little more.
    #[test]
    fn any_full_chunk_round_trips_exactly(written in records(120..=140)) {
        round_trips(written)?;
    }
}

/// Records with every value of every stored enum and flag, in one session:
/// the chunk they make was written by the codec before its fields were
/// described once, and must read (and write) the same ever after.
fn every_value() -> Vec<Record> {
    use centralise::core::symptoms::{FootArea as F, Level as L, MdtAfter as M, SymptomType as T};
    let session: Text = "lq3x9k2a7b".into();
    let mut at = 1_790_000_000_000;
    let mut next = || {
        at += 61_000;
        at
    };
    let mut out = vec![Record::SessionStarted(SessionStarted {
        id: session.clone(),
        at: next(),
        pack_id: "sciatica-basics".into(),
        pack_version: "1.2.0".into(),
        routine_id: "morning".into(),
        routine_title: "Morning routine".into(),
    })];
    let doses = [
        Dose::Repetitions {
            count: 10,
            pace_seconds: 2,
        },
        Dose::Seconds { seconds: 30 },
    ];
    let mut n = 0;
    for kind in [Kind::Repeated, Kind::Sustained, Kind::Hold] {
        for dose in doses {
            for stopped_early in [false, true] {
                n += 1;
                let at = next();
                out.push(Record::SetCompleted(SetCompleted {
                    id: format!("{session}-s{n}").into(),
                    session: session.clone(),
                    at,
                    started_at: at - 40_000,
                    exercise_id: "prone-press-up".into(),
                    exercise_name: "Prone press-up".into(),
                    kind,
                    set: n,
                    of: 12,
                    dose,
                    stopped_early,
                }));
            }
        }
    }
    let levels = [
        L::None,
        L::LowBack,
        L::Buttock,
        L::Thigh,
        L::BelowKnee,
        L::AnkleFoot,
    ];
    let types = [
        None,
        Some(T::Pain),
        Some(T::PinsAndNeedles),
        Some(T::Numbness),
    ];
    let feet = [None, Some(F::OuterFoot), Some(F::Sole), Some(F::Heel)];
    let mdts = [
        None,
        Some(M::NoEffect),
        Some(M::Better),
        Some(M::Worse),
        Some(M::NoBetter),
        Some(M::NoWorse),
        Some(M::Centralised),
        Some(M::Peripheralised),
    ];
    let pains = [(0, 0), (10, 10), (3, 15), (16, 2), (255, 255)];
    for i in 0..8 {
        let answers = Answers {
            left: levels[i % 6],
            right: levels[5 - i % 6],
            left_type: types[i % 4],
            right_type: types[3 - i % 4],
            left_foot: feet[i % 4],
            right_foot: feet[(i + 1) % 4],
            leg_pain: pains[i % 5].0,
            back_pain: pains[i % 5].1,
            weaker: i % 3 == 1,
            mdt: mdts[i],
        };
        out.push(Record::CheckIn(CheckInRecord {
            id: format!("{session}-c{i}").into(),
            session: session.clone(),
            at: next(),
            after_set: (i > 0).then(|| format!("{session}-s{i}").into()),
            answers,
            note: (i % 4 == 2).then(|| "Stiff after sitting — better by noon 😀".to_string()),
        }));
    }
    let changes = [
        Change::Peripheralised,
        Change::Worse,
        Change::Abolished,
        Change::Centralised,
        Change::Better,
        Change::Unchanged,
        Change::NewNerveSign,
    ];
    for (i, change) in changes.into_iter().enumerate() {
        out.push(Record::SafetyStop(SafetyStop {
            id: format!("{session}-stop{i}").into(),
            session: session.clone(),
            at: next(),
            exercise_id: "prone-press-up".into(),
            exercise_name: "Prone press-up".into(),
            change,
            check_in: format!("{session}-c{i}").into(),
        }));
    }
    for (i, outcome) in [Outcome::Completed, Outcome::EndedEarly, Outcome::TimedOut]
        .into_iter()
        .enumerate()
    {
        out.push(Record::SessionEnded(SessionEnded {
            id: if i == 0 {
                format!("{session}-end").into()
            } else {
                format!("ended-{i}").into()
            },
            session: session.clone(),
            at: next(),
            outcome,
        }));
    }
    for (i, outcome) in [None, Some(Tier::Urgent), Some(Tier::Emergency)]
        .into_iter()
        .enumerate()
    {
        out.push(Record::WarningCheck(WarningCheck {
            id: format!("warning-{i}"),
            at: next(),
            yes: ["saddle-numbness", "both-legs"][..i]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            outcome,
        }));
    }
    for what in ["", Acknowledged::REVIEW, Acknowledged::URGENT] {
        out.push(Record::Acknowledged(Acknowledged {
            id: format!("ack-{what}"),
            at: next(),
            what: what.to_string(),
        }));
    }
    for i in 0..4 {
        out.push(Record::SelfCheck(SelfCheck {
            id: format!("heel-{i}"),
            at: next(),
            left: 12 + i,
            right: 25,
            toe_walk_left: i & 1 != 0,
            toe_walk_right: i & 2 != 0,
        }));
    }
    out
}

#[test]
fn a_chunk_written_before_reads_and_writes_the_same() {
    let stored = std::fs::read_to_string("tests/fixtures/v2/every-value.chunk").unwrap();
    let stored = stored.trim_end();
    let records = every_value();
    assert_eq!(decode_chunk(stored).as_ref(), Ok(&records));
    assert_eq!(encode_chunk(&records), stored);
}

/// Damaged versions of a valid chunk: cut at every offset, a changed
/// character anywhere, characters from outside the alphabet, another
/// version's marker, schema-1 lines mixed in.
fn damaged(rng: &mut Rng, valid: &str) -> Vec<String> {
    let chars: Vec<char> = valid.chars().collect();
    let mut out: Vec<String> = (0..chars.len())
        .map(|i| chars[..i].iter().collect())
        .collect();
    for _ in 0..chars.len() {
        let mut c = chars.clone();
        let i = rng.below(c.len() as u64) as usize;
        c[i] = match rng.below(3) {
            0 => char::from_u32(u32::from(c[i]) ^ (1 << rng.below(15))).unwrap_or('x'),
            1 => pick(rng, &['{', '\n', '1', '3', 'é', '😀', '\u{B400}']),
            _ => char::from_u32(0x3400 + rng.below(0x8000) as u32).unwrap_or('x'),
        };
        out.push(c.into_iter().collect());
    }
    out.push(format!("3{}", &valid[1..]));
    out.push(format!("{valid}\n{{\"type\":\"check-in\"}}"));
    out.push(format!(
        "{{\"type\":\"acknowledged\",\"id\":\"x\",\"at\":1}}\n{valid}"
    ));
    out
}

#[test]
fn damaged_chunks_are_errors_never_panics() {
    let mut rng = Rng::new(2);
    let mut runner = support::runner();
    let (mut cases, mut rejected) = (0, 0);
    while cases < 12_000 {
        let valid = encode_chunk(&sample(records(1..=30), &mut runner));
        for bad in damaged(&mut rng, &valid) {
            cases += 1;
            // Decoding must return, never panic; what it returns is counted.
            if decode_chunk(&bad).is_err() {
                rejected += 1;
            }
        }
    }
    // Nearly every damaged chunk is caught (the checksum misses 1 in 4 billion).
    assert!(
        rejected * 100 >= cases * 99,
        "{rejected} of {cases} rejected"
    );
}

#[test]
fn a_damaged_chunk_is_kept_aside_and_the_rest_loads() {
    let mut rng = Rng::new(3);
    let mut runner = support::runner();
    for round in 0..200 {
        let mut kv = MemoryKv::default();
        let mut a = Appender::new("a");
        let mut b = Appender::new("b");
        let good = sample(records(10), &mut runner);
        let other = sample(records(10), &mut runner);
        for r in &good {
            a.append(&mut kv, r).unwrap();
        }
        for r in &other {
            b.append(&mut kv, r).unwrap();
        }
        let key = format!("{}b:0", keys::LOG);
        let valid = kv.get(&key).unwrap();
        // (A value starting with `{` reads as schema-1 lines: tests/journal.rs.
        // A change to the last unit's padding bits alone reads as it was.)
        let mut all: Vec<String> = damaged(&mut rng, &valid)
            .into_iter()
            .filter(|d| !d.starts_with('{') && decode_chunk(d).is_err())
            .collect();
        let bad = all.swap_remove(rng.below(all.len() as u64) as usize);
        kv.set(&key, &bad).unwrap();
        let mut loaded = load(&mut kv);
        // The samples reuse ids at other times, as only damaged storage
        // does: settled, the first of each stays.
        loaded.journal.settle();
        let expected = centralise::core::journal::Journal::from_records(good.clone());
        assert_eq!(
            loaded.journal.records(),
            expected.records(),
            "round {round}"
        );
        let kept = format!("{}0", keys::QUARANTINE);
        assert_eq!(
            loaded.problems,
            [LoadProblem::Unreadable {
                key: key.clone(),
                kept_as: kept.clone()
            }]
        );
        assert_eq!(kv.get(&kept).as_deref(), Some(bad.as_str()), "kept intact");
        assert_eq!(kv.get(&key), None);
    }
}

/// Session `a-b`'s first set, then session `a`'s: their ids share a prefix
/// and the same derived form, and both must read back (the decoder once
/// reused the first id for the second, losing it on every load).
#[test]
fn ids_of_sessions_whose_names_share_a_prefix_stay_apart() {
    let set = |session: &str| {
        Record::SetCompleted(SetCompleted {
            id: format!("{session}-s1").as_str().into(),
            session: session.into(),
            at: 1_790_000_000_000,
            started_at: 1_789_999_990_000,
            exercise_id: "e".into(),
            exercise_name: "E".into(),
            kind: Kind::Hold,
            set: 1,
            of: 1,
            dose: Dose::Seconds { seconds: 10 },
            stopped_early: false,
        })
    };
    let written = vec![set("a-b"), set("a"), set("a-b-c"), set("a-b")];
    assert_eq!(decode_chunk(&encode_chunk(&written)), Ok(written));
}

fn part() -> impl Strategy<Value = Part> {
    prop_oneof![
        any::<u32>().prop_map(Part::Set),
        any::<u32>().prop_map(Part::CheckIn),
        any::<u32>().prop_map(Part::Stop),
        Just(Part::End),
        (any::<u32>(), any::<u32>()).prop_map(|(check_in, hold)| Part::Ack { check_in, hold }),
    ]
}

proptest! {
    #![proptest_config(support::config(2_000))]

    /// A record id a session derives reads back as the same part of the
    /// same session, whatever the session's name.
    #[test]
    fn a_derived_id_reads_back_as_its_part(session in support::text(), part in part()) {
        let id = part.of(&session);
        let expected = (!session.is_empty()).then_some(part);
        prop_assert_eq!(Part::parse(&id, &session), expected);
    }
}

#[test]
fn only_ids_written_as_a_session_writes_them_are_parts() {
    for id in [
        "a-s",
        "a-s01",
        "a-s-1",
        "a-c",
        "a-c+1",
        "a-stop",
        "a-endx",
        "a-ack1",
        "a-ack1-",
        "a-s99999999999",
        "a-x1",
        "as1",
        "b-s1",
        "a-S1",
    ] {
        assert_eq!(Part::parse(id, "a"), None, "{id}");
    }
    assert_eq!(Part::parse("a-b-s1", "a"), None, "a-b's set is not a's");
    assert_eq!(Part::parse("a-b-s1", "a-b"), Some(Part::Set(1)));
    assert_eq!(Part::parse("a-s0", "a"), Some(Part::Set(0)));
    assert_eq!(Part::parse("a-stop3", "a"), Some(Part::Stop(3)));
    assert_eq!(
        Part::parse("a-ack2-1", "a"),
        Some(Part::Ack {
            check_in: 2,
            hold: 1
        })
    );
}
