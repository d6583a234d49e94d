//! The journal in a key-value store: appends, loading, problems kept aside,
//! and the stored data of every schema version.
// proptest is a native dev-dependency: these tests never build for wasm.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use centralise::core::journal::sample::{self, Rng};
use centralise::core::journal::{
    Appender, CHUNK_RECORDS, KeyValue, LoadProblem, Loading, MemoryKv, Record, SCHEMA_VERSION,
    SessionStarted, StoreError, keys, load, writers,
};
use centralise::core::journal::{CheckInRecord, Journal, SetRow};
use centralise::core::pack::Dose;
use centralise::core::session::{Phase, Resume, Session};
use centralise::core::symptoms::{Answers, compare};
use centralise::core::symptoms::{Change, Level};
use centralise::core::time::Now;
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

fn started(n: u64) -> Record {
    Record::SessionStarted(SessionStarted {
        id: format!("id{n}").into(),
        at: 1_790_000_000_000 + n,
        pack_id: "p".into(),
        pack_version: "1".into(),
        routine_id: "r".into(),
        routine_title: "R".into(),
    })
}

#[test]
fn appends_go_to_small_chunks_and_load_back_in_order() {
    let mut kv = MemoryKv::default();
    let mut w = Appender::new("w1");
    for n in 0..(CHUNK_RECORDS as u64 * 2 + 3) {
        w.append(&mut kv, &started(n)).unwrap();
    }
    assert_eq!(kv.get(keys::SCHEMA), Some(SCHEMA_VERSION.to_string()));
    let chunks: Vec<_> = kv
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(keys::LOG))
        .collect();
    assert_eq!(chunks.len(), 3);
    let loaded = load(&mut kv);
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.journal.len(), CHUNK_RECORDS * 2 + 3);
    let ats: Vec<u64> = loaded.journal.records().iter().map(|r| r.at()).collect();
    assert!(ats.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn two_writers_never_overwrite_each_other() {
    let mut kv = MemoryKv::default();
    let (mut a, mut b) = (Appender::new("a"), Appender::new("b"));
    for n in 0..10 {
        a.append(&mut kv, &started(n)).unwrap();
        b.append(&mut kv, &started(100 + n)).unwrap();
    }
    assert_eq!(load(&mut kv).journal.len(), 20);
}

#[test]
fn a_full_store_refuses_the_write_and_keeps_everything_stored() {
    let mut kv = MemoryKv {
        quota: Some(600),
        ..MemoryKv::default()
    };
    let mut w = Appender::new("w");
    let mut written = 0;
    let err = loop {
        match w.append(&mut kv, &started(written)) {
            Ok(()) => written += 1,
            Err(e) => break e,
        }
    };
    assert_eq!(err, StoreError::Full);
    assert!(written > 0);
    assert_eq!(load(&mut kv).journal.len() as u64, written);
    // once there is room again, the same record goes in
    kv.quota = None;
    w.append(&mut kv, &started(written)).unwrap();
    assert_eq!(load(&mut kv).journal.len() as u64, written + 1);
}

#[test]
fn unreadable_schema_1_lines_are_reported_and_left_in_place() {
    let mut kv = MemoryKv::default();
    let key = format!("{}w:0", keys::LOG);
    let line = serde_json::to_string(&started(1)).unwrap();
    let damaged = format!("{line}\n{{\"type\":\"set-compl\n");
    kv.set(&key, &damaged).unwrap();
    let loaded = load(&mut kv);
    assert_eq!(loaded.journal.len(), 1);
    assert_eq!(
        loaded.problems,
        [LoadProblem::UnreadableRecords {
            key: key.clone(),
            count: 1
        }]
    );
    assert_eq!(kv.get(&key).unwrap(), damaged, "never rewritten");
}

#[test]
fn a_new_page_takes_over_a_writer_and_continues_its_chunk() {
    let mut kv = MemoryKv::default();
    let mut first = Appender::new("w");
    for n in 0..5 {
        first.append(&mut kv, &started(n)).unwrap();
    }
    let mut second = Appender::resume(&kv, "w").unwrap();
    for n in 5..(CHUNK_RECORDS as u64 + 7) {
        second.append(&mut kv, &started(n)).unwrap();
    }
    let chunks = kv
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(keys::LOG))
        .count();
    assert_eq!(
        chunks, 2,
        "the first chunk was filled before a second began"
    );
    assert_eq!(load(&mut kv).journal.len(), CHUNK_RECORDS + 7);
    assert_eq!(writers(&kv), ["w"]);
}

#[test]
fn taking_over_never_rewrites_a_chunk_it_cannot_read() {
    let mut kv = MemoryKv::default();
    Appender::new("w").append(&mut kv, &started(1)).unwrap();
    let key = format!("{}w:0", keys::LOG);
    let damaged = format!("{}x", kv.get(&key).unwrap());
    kv.set(&key, &damaged).unwrap();
    let mut again = Appender::resume(&kv, "w").unwrap();
    again.append(&mut kv, &started(2)).unwrap();
    assert_eq!(kv.get(&key).unwrap(), damaged);
    assert!(kv.get(&format!("{}w:1", keys::LOG)).is_some());
}

#[test]
fn a_writer_whose_last_chunk_is_numbered_u32_max_is_not_taken_over() {
    // Its next chunk would be number 0: the first chunk, overwritten.
    let mut kv = MemoryKv::default();
    Appender::new("w").append(&mut kv, &started(1)).unwrap();
    let first = format!("{}w:0", keys::LOG);
    let last = format!("{}w:{}", keys::LOG, u32::MAX);
    kv.set(&last, "2damaged").unwrap();
    assert!(Appender::resume(&kv, "w").is_none());
    // A readable last chunk with room is continued in place.
    let chunk = kv.get(&first).unwrap();
    kv.set(&last, &chunk).unwrap();
    let mut resumed = Appender::resume(&kv, "w").unwrap();
    resumed.append(&mut kv, &started(2)).unwrap();
    assert_eq!(kv.get(&first).unwrap(), chunk, "chunk 0 untouched");
    assert_eq!(load(&mut kv).journal.len(), 2);
}

#[test]
fn schema_1_data_is_read_in_place_and_new_records_join_it() {
    let mut kv = fixture(1);
    let before: Vec<_> = kv.map.clone().into_iter().collect();
    let old = load(&mut kv).journal;
    Appender::new("new").append(&mut kv, &started(99)).unwrap();
    assert_eq!(kv.get(keys::SCHEMA), Some(SCHEMA_VERSION.to_string()));
    for (k, v) in before.iter().filter(|(k, _)| k.starts_with(keys::LOG)) {
        assert_eq!(kv.get(k).as_ref(), Some(v), "{k} untouched");
    }
    let loaded = load(&mut kv);
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.journal.len(), old.len() + 1);
    assert!(
        old.records()
            .iter()
            .all(|r| loaded.journal.records().contains(r))
    );
}

#[test]
fn data_from_a_newer_version_is_not_read_or_added_to() {
    let mut kv = MemoryKv::default();
    kv.set(keys::SCHEMA, "7").unwrap();
    kv.set(&format!("{}x:0", keys::LOG), "future\n").unwrap();
    let loaded = load(&mut kv);
    assert!(!loaded.writable);
    assert_eq!(loaded.problems, [LoadProblem::NewerSchema("7".into())]);
}

#[test]
fn a_damaged_schema_value_is_kept_aside_and_the_rest_loads() {
    let mut kv = fixture(2);
    kv.set(keys::SCHEMA, "2x").unwrap();
    let loaded = load(&mut kv);
    assert!(loaded.writable);
    let kept = format!("{}0", keys::QUARANTINE);
    assert_eq!(
        loaded.problems,
        [LoadProblem::Unreadable {
            key: keys::SCHEMA.into(),
            kept_as: kept.clone()
        }]
    );
    assert_eq!(kv.get(&kept).as_deref(), Some("2x"));
    assert_eq!(loaded.journal.sets_newest_first().len(), 3);
}

#[test]
fn duplicate_records_merge_by_id() {
    let mut kv = MemoryKv::default();
    Appender::new("a").append(&mut kv, &started(1)).unwrap();
    Appender::new("b").append(&mut kv, &started(1)).unwrap();
    assert_eq!(load(&mut kv).journal.len(), 1);
}

#[test]
fn copies_stored_by_two_writers_load_once_even_among_records_of_the_same_time() {
    // Three records at one moment; writer b holds copies of two of them, in
    // another order, so the copies are not next to their originals.
    let at = |n: u64| match started(n) {
        Record::SessionStarted(mut s) => {
            s.at = 1_790_000_000_000;
            Record::SessionStarted(s)
        }
        other => other,
    };
    let mut kv = MemoryKv::default();
    let (mut a, mut b) = (Appender::new("a"), Appender::new("b"));
    for n in [1, 2, 3] {
        a.append(&mut kv, &at(n)).unwrap();
    }
    for n in [3, 1] {
        b.append(&mut kv, &at(n)).unwrap();
    }
    b.append(&mut kv, &started(4)).unwrap();
    let mut journal = load(&mut kv).journal;
    // Records of one time come in their writers' order, whichever is read first.
    let mut ids: Vec<&str> = journal.records().iter().map(Record::id).collect();
    assert_eq!(ids.pop(), Some("id4"));
    ids.sort_unstable();
    assert_eq!(ids, ["id1", "id2", "id3"]);
    // The index made later knows them all: a copy is still refused.
    assert!(journal.contains("id3"));
    assert!(!journal.insert(at(2)));
    assert_eq!(journal.merge(vec![started(4), started(5)]), 1);
    assert_eq!(journal.len(), 5);
}

#[test]
fn an_id_stored_at_two_times_keeps_its_first_record_once_settled() {
    // Only damaged or hand-edited storage holds this: "id1" at two times.
    let later = match started(1) {
        Record::SessionStarted(mut s) => {
            s.at += 500;
            Record::SessionStarted(s)
        }
        other => other,
    };
    let mut kv = MemoryKv::default();
    let mut a = Appender::new("a");
    for r in [started(1), started(2), later] {
        a.append(&mut kv, &r).unwrap();
    }
    let mut journal = load(&mut kv).journal;
    assert_eq!(journal.len(), 3);
    assert!(journal.settle());
    assert_eq!(journal, Journal::from_records([started(1), started(2)]));
    assert!(!journal.settle());
    // Any change settles it first.
    let mut changed = load(&mut kv).journal;
    assert_eq!(changed.merge(vec![started(3)]), 1);
    assert_eq!(changed.len(), 3);
}

/// The stored data of schema version `v`, as the browser held it.
fn fixture(v: u32) -> MemoryKv {
    let path = format!("tests/fixtures/v{v}/local-storage.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let map: std::collections::HashMap<String, String> = serde_json::from_str(&text).unwrap();
    MemoryKv { map, quota: None }
}

#[test]
fn every_schema_version_has_a_fixture_that_loads() {
    for v in 1..=SCHEMA_VERSION {
        let mut kv = fixture(v);
        let loaded = load(&mut kv);
        assert!(loaded.problems.is_empty(), "v{v}: {:?}", loaded.problems);
        assert!(!loaded.journal.is_empty(), "v{v}");
    }
}

/// Read a chunk at a time (as History reads, between paints), a store
/// gives what reading it at once gives: the same records, problems and
/// session, and the same value kept aside.
#[test]
fn reading_in_steps_gives_what_reading_at_once_gives() {
    let mut kv = fixture(1);
    for (k, v) in fixture(2).map {
        kv.map.entry(k).or_insert(v);
    }
    let mut w = Appender::new("w9");
    for n in 0..(CHUNK_RECORDS as u64 * 2) {
        w.append(&mut kv, &started(n)).unwrap();
    }
    kv.set("centralise:log:w8:0", "2\u{3400}\u{3401}").unwrap();
    let mut at_once = kv.clone();
    let whole = load(&mut at_once);
    assert_eq!(whole.problems.len(), 1, "{:?}", whole.problems);
    let mut stepped = kv.clone();
    let mut loading = Loading::begin(&mut stepped);
    let mut steps = 1;
    while loading.step(&mut stepped, 1) {
        steps += 1;
    }
    let parts = loading.finish(&mut stepped);
    assert!(steps >= 4, "{steps} steps");
    assert_eq!(parts.journal.records(), whole.journal.records());
    assert_eq!(parts.problems, whole.problems);
    assert_eq!(parts.session, whole.session);
    assert_eq!(stepped.map, at_once.map);
}

#[test]
fn the_schema_1_fixture_reads_as_written() {
    let mut kv = fixture(1);
    let loaded = load(&mut kv);
    let rows = loaded.journal.sets_newest_first();
    assert_eq!(rows.len(), 4);
    let first = rows.last().unwrap();
    assert_eq!(&*first.set.exercise_name, "Tummy bracing");
    assert_eq!((first.set.set, first.set.of), (1, 3));
    assert_eq!(first.set.dose, Dose::Seconds { seconds: 10 });
    assert_eq!(first.check_in.unwrap().answers.left, Level::Thigh);
    assert_eq!(first.change, Some(Change::Centralised));
    assert!(rows.iter().all(|r| r.check_in.is_some()));
    // The session was left in the middle of its fifth set.
    let session: Session = serde_json::from_str(&loaded.session.unwrap()).unwrap();
    // Restored an hour after it was last touched.
    let now = Now::new(0, session.last_wall + 3_600_000);
    let session = session.restore(now).0.unwrap();
    assert_eq!(
        session.phase,
        Phase::Interrupted {
            resume: Resume::Set(4)
        }
    );
    assert_eq!(session.sets_done, 4);
}

#[test]
fn the_schema_2_fixture_reads_as_written() {
    let mut kv = fixture(2);
    let loaded = load(&mut kv);
    let rows = loaded.journal.sets_newest_first();
    assert_eq!(rows.len(), 3);
    let first = rows.last().unwrap();
    assert_eq!(&*first.set.exercise_name, "Tummy bracing");
    assert_eq!(first.check_in.unwrap().answers.left, Level::Thigh);
    assert_eq!(first.change, Some(Change::Centralised));
    let second = &rows[1];
    assert_eq!(
        second.check_in.unwrap().note.as_deref(),
        Some("Easier than yesterday")
    );
    assert_eq!(rows[0].check_in.unwrap().answers.left, Level::Buttock);
    let checks = loaded.journal.records().iter();
    assert_eq!(
        checks
            .filter(|r| matches!(r, Record::WarningCheck(_)))
            .count(),
        1
    );
    let session: Session = serde_json::from_str(&loaded.session.unwrap()).unwrap();
    let now = Now::new(0, session.last_wall + 3_600_000);
    let session = session.restore(now).0.unwrap();
    assert_eq!(session.sets_done, 3);
}

/// The history's rows as they were first computed, index everything then
/// list: the oracle for `Journal::newest_sets`, which reads less.
fn reference_rows(j: &Journal) -> Vec<SetRow<'_>> {
    let mut after: HashMap<&str, (&CheckInRecord, Option<Change>)> = HashMap::new();
    let mut previous: HashMap<&str, &Answers> = HashMap::new();
    let stopped: HashSet<&str> = j
        .records()
        .iter()
        .filter_map(|r| match r {
            Record::SafetyStop(s) => Some(&*s.check_in),
            _ => None,
        })
        .collect();
    for r in j.records() {
        if let Record::CheckIn(c) = r {
            let change = previous
                .insert(&c.session, &c.answers)
                .map(|p| compare(p, &c.answers).with_patient_word(c.answers.mdt));
            if let Some(set) = &c.after_set {
                after.insert(set, (c, change));
            }
        }
    }
    let mut rows: Vec<SetRow<'_>> = j
        .records()
        .iter()
        .filter_map(|r| match r {
            Record::SetCompleted(set) => {
                let found = after.get(&*set.id);
                Some(SetRow {
                    set,
                    check_in: found.map(|(c, _)| *c),
                    correction: None,
                    change: found.and_then(|(_, ch)| *ch),
                    stopped: found.is_some_and(|(c, _)| stopped.contains(&*c.id)),
                })
            }
            _ => None,
        })
        .collect();
    rows.reverse();
    rows
}

#[test]
fn the_newest_sets_are_the_whole_history_cut_by_count_or_time() {
    let mut rng = Rng::new(21);
    let mut runner = support::runner();
    for case in 0..400 {
        let mut kv = MemoryKv::default();
        sample::heavy_use(&mut kv, case, 1_790_000_000_000, 2, 3, 2).unwrap();
        let mut records: Vec<Record> = load(&mut kv).journal.records().to_vec();
        // Odd data too: random times (a clock set back), sets without
        // check-ins, check-ins naming other sets, stops.
        records.extend(support::sample(support::records(0..60), &mut runner));
        let j = Journal::from_records(records);
        let all = reference_rows(&j);
        assert_eq!(j.sets_newest_first(), all, "case {case}");
        for limit in [0, 1, 3, 50] {
            assert_eq!(
                j.newest_sets(limit, 0),
                all[..limit.min(all.len())],
                "case {case}"
            );
        }
        let since = j.records()[rng.below(j.len() as u64) as usize].at();
        let recent: Vec<_> = all.iter().filter(|r| r.set.at >= since).cloned().collect();
        assert_eq!(j.newest_sets(usize::MAX, since), recent, "case {case}");
    }
}

proptest! {
    #![proptest_config(support::config(10_000))]

    /// Any records, in any order: in time order, records of one time in
    /// the order they came, and of each id only the earliest.
    #[test]
    fn a_journal_is_its_records_stably_sorted_by_time(records in support::records(0..80)) {
        let mut reference = records.clone();
        reference.sort_by_key(Record::at); // stable
        let mut seen = HashSet::new();
        reference.retain(|r| seen.insert(r.id().to_owned()));
        let journal = Journal::from_records(records);
        prop_assert_eq!(journal.records(), &reference[..]);
    }

    /// Records read back from the JSON of schema-1 chunks and backups
    /// exactly as written, for every type and any field values.
    #[test]
    fn any_record_reads_back_from_its_json(record in support::any_record()) {
        let json = serde_json::to_string(&record).unwrap();
        prop_assert_eq!(serde_json::from_str::<Record>(&json).unwrap(), record, "{}", json);
    }
}

/// A record missing a field its type needs, of an unknown type, or with a
/// value its field does not have, is an error (and so kept aside), not a
/// guess.
#[test]
fn incomplete_or_unknown_records_are_errors() {
    let ended = r#"{"type":"session-ended","id":"e","session":"s","at":1,"outcome":"timed-out"}"#;
    assert!(serde_json::from_str::<Record>(ended).is_ok());
    let missing = ended.replace(r#","outcome":"timed-out""#, "");
    let err = serde_json::from_str::<Record>(&missing)
        .unwrap_err()
        .to_string();
    assert!(err.contains("missing field `outcome`"), "{err}");
    let wrong = ended.replace("timed-out", "urgent");
    assert!(serde_json::from_str::<Record>(&wrong).is_err());
    let unknown = ended.replace("session-ended", "session-paused");
    assert!(serde_json::from_str::<Record>(&unknown).is_err());
    let check =
        r#"{"type":"warning-check","id":"w","at":2,"yes":["both-legs"],"outcome":"emergency"}"#;
    assert!(matches!(
        serde_json::from_str::<Record>(check).unwrap(),
        Record::WarningCheck(w) if w.outcome.is_some()
    ));
    assert!(serde_json::from_str::<Record>(&check.replace("emergency", "soon")).is_err());
    let stop = r#"{"type":"safety-stop","id":"x","session":"s","at":1,"exercise_id":"e","exercise_name":"E","change":"new-nerve-sign","check_in":"c"}"#;
    assert!(serde_json::from_str::<Record>(stop).is_ok());
    assert!(serde_json::from_str::<Record>(&stop.replace("new-nerve-sign", "spread")).is_err());
}
