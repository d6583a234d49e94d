//! The CSV of sets read back by a real CSV parser (the `csv` crate): one
//! row per set, oldest first, every cell equal to the journal's value, and
//! no cell a spreadsheet would run as a formula, whatever the notes say.
// csv and proptest are native dev-dependencies.
#![cfg(not(target_arch = "wasm32"))]

use centralise::core::export::csv::{COLUMNS, sets};
use centralise::core::journal::{CheckInRecord, Correction, Journal, Record};
use centralise::core::symptoms::{Answers, Level};
use proptest::prelude::*;
use std::collections::HashMap;

mod records;
use records::{D0, MIN, bundled, session, session_id};

/// A session at `at` with `notes.len()` sets, each followed by a check-in
/// with that note.
fn with_notes(at: u64, notes: &[Option<String>]) -> Vec<Record> {
    let pack = bundled("core-stabilisation");
    let mut out = session(&pack, "core", at, notes.len() as u32);
    let id = session_id(at);
    for (i, note) in notes.iter().enumerate() {
        let n = i as u64 + 1;
        out.push(Record::CheckIn(CheckInRecord {
            id: format!("{id}-c{n}").into(),
            session: id.clone(),
            at: at + n * MIN + 30_000,
            after_set: Some(format!("{id}-s{n}").into()),
            answers: Answers::new(Level::Thigh, Level::None, 4 + n as u8 % 5, 3),
            note: note.clone(),
        }));
    }
    out
}

/// Reads `text` as a spreadsheet would; a guarded cell loses its `'`.
fn read(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.expect("valid CSV")
                .iter()
                .map(|cell| {
                    let formula = |c: char| ['=', '+', '-', '@', '\t', '\r'].contains(&c);
                    match cell.strip_prefix('\'') {
                        Some(rest) if rest.starts_with(formula) => rest.to_string(),
                        _ => {
                            assert!(!cell.starts_with(formula), "a formula: {cell:?}");
                            cell.to_string()
                        }
                    }
                })
                .collect()
        })
        .collect()
}

fn utc(_: u64) -> i64 {
    0
}

#[test]
fn one_row_per_set_oldest_first_with_its_check_in() {
    let mut records = with_notes(
        D0 + 9 * 60 * MIN,
        &[None, Some("felt, \"fine\"\nthen ok".into())],
    );
    records.extend(with_notes(
        D0 + 86_400_000 + 18 * 60 * MIN,
        &[Some("=HYPERLINK(\"x\")".into())],
    ));
    let journal = Journal::from_records(records);
    let first = session_id(D0 + 9 * 60 * MIN);
    let stages = HashMap::from([(&*first, 2)]);
    let text = sets(&journal, &stages, &utc);
    assert!(text.ends_with("\r\n"));
    let rows = read(&text);
    assert_eq!(rows[0], COLUMNS);
    assert_eq!(rows.len(), 4);
    assert_eq!(
        &rows[1][..8],
        [
            "2026-12-03",
            "09:01",
            "R",
            "E",
            "1",
            "2",
            "10 repetitions",
            "2"
        ]
    );
    assert_eq!(
        &rows[1][8..15],
        ["no", "Thigh (above knee)", "None", "5", "3", "", "no"]
    );
    assert_eq!(rows[2][15], "felt, \"fine\"\nthen ok");
    assert_eq!(&rows[3][..2], ["2026-12-04", "18:01"]);
    assert_eq!(rows[3][7], "", "no stage");
    assert_eq!(rows[3][15], "=HYPERLINK(\"x\")");
    // The file itself starts that cell with the guard.
    assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""));
    // Local dates and times: two hours east, 23:00 UTC is the next day.
    let east = sets(&journal, &HashMap::new(), &|_| 2 * 60 * MIN as i64);
    let rows = read(&east);
    assert_eq!(&rows[3][..2], ["2026-12-04", "20:01"]);
}

#[test]
fn logged_check_ins_have_rows_and_corrections_are_written_corrected_and_marked() {
    let mut records = with_notes(D0 + 9 * 60 * MIN, &[Some("first".into())]);
    let set_check_in = format!("{}-c1", session_id(D0 + 9 * 60 * MIN));
    records.push(Record::CheckIn(CheckInRecord {
        id: "log".into(),
        session: "log".into(),
        at: D0 + 12 * 60 * MIN,
        after_set: None,
        answers: Answers::new(Level::Buttock, Level::None, 7, 2),
        note: Some("flare-up".into()),
    }));
    records.push(Record::Correction(Correction {
        id: "fix".into(),
        at: D0 + 13 * 60 * MIN,
        corrects: set_check_in.into(),
        answers: Some(Answers::new(Level::Buttock, Level::None, 1, 1)),
        note: Some("corrected note".into()),
    }));
    records.push(Record::Correction(Correction {
        id: "drop".into(),
        at: D0 + 14 * 60 * MIN,
        corrects: "log".into(),
        answers: None,
        note: None,
    }));
    let rows = read(&sets(
        &Journal::from_records(records),
        &HashMap::new(),
        &utc,
    ));
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[1][9..13], ["Buttock", "None", "1", "1"]);
    assert_eq!(&rows[1][15..], ["corrected note", "corrected"]);
    // The logged check-in: its own row, the set's columns empty, and as a
    // mistake its values are empty too.
    assert_eq!(&rows[2][..3], ["2026-12-03", "12:00", ""]);
    assert_eq!(&rows[2][9..], ["", "", "", "", "", "", "", "mistake"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_note_reads_back_as_written_and_never_as_a_formula(
        // (A note that itself starts with the guard reads back without it.)
        notes in proptest::collection::vec(
            proptest::option::of(any::<String>().prop_filter("a guard", |s| !s.starts_with('\''))),
            1..6,
        )
    ) {
        let journal = Journal::from_records(with_notes(D0, &notes));
        let rows = read(&sets(&journal, &HashMap::new(), &utc));
        prop_assert_eq!(rows.len(), notes.len() + 1);
        for (row, note) in rows[1..].iter().zip(&notes) {
            prop_assert_eq!(row.len(), COLUMNS.len());
            let written = note.clone().unwrap_or_default();
            prop_assert_eq!(&row[15], &written);
        }
    }
}
