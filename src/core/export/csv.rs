//! Every completed set with the check-in after it as CSV (RFC 4180), for a
//! spreadsheet or the therapist's records: one row per set, and one per
//! check-in logged on its own (Home's "Log symptoms", with the set's
//! columns empty), oldest first, the columns in [`COLUMNS`] (documented in
//! the README). A corrected check-in is written as corrected, and marked.
//!
//! Text from the patient or a pack (a note, an exercise's name) is data,
//! never a formula: a cell that begins with `=`, `+`, `-`, `@`, a tab or a
//! carriage return is written with a `'` before it, as spreadsheets
//! recommend, so opening the file runs nothing.

use crate::core::journal::{Corrected, Journal, Record};
use crate::core::symptoms::Side;
use crate::core::time;
use std::collections::HashMap;

/// The header row.
pub const COLUMNS: [&str; 17] = [
    "date",
    "time",
    "routine",
    "exercise",
    "set",
    "of",
    "dose",
    "stage",
    "stopped_early",
    "left_leg",
    "right_leg",
    "leg_pain",
    "back_pain",
    "change",
    "stopped_for_the_day",
    "note",
    "corrected",
];

const DAY: i64 = 24 * 60 * 60 * 1000;

/// The CSV of `journal`'s sets; `stages` gives the progression stage of
/// each session that has one (`progression::session_stages`), and
/// `offset_at` the patient's UTC offset at an instant, for local dates and
/// times.
pub fn sets(
    journal: &Journal,
    stages: &HashMap<&str, u32>,
    offset_at: &impl Fn(u64) -> i64,
) -> String {
    let routines: HashMap<&str, &str> = journal
        .records()
        .iter()
        .filter_map(|r| match r {
            Record::SessionStarted(s) => Some((&*s.id, &*s.routine_title)),
            _ => None,
        })
        .collect();
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let mut rows: Vec<(u64, Vec<String>)> = Vec::new();
    for r in journal.sets_newest_first().into_iter().rev() {
        let set = r.set;
        let after = r.after();
        let mut cells = vec![
            routines
                .get(&*set.session)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            set.exercise_name.to_string(),
            set.set.to_string(),
            set.of.to_string(),
            set.dose.describe(set.kind),
            stages
                .get(&*set.session)
                .map(u32::to_string)
                .unwrap_or_default(),
            yes_no(set.stopped_early),
        ];
        let [left, right, leg, back, note, mark] = check_in_cells(after.as_ref());
        cells.extend([left, right, leg, back]);
        cells.push(r.change.map(|c| c.label().to_string()).unwrap_or_default());
        cells.extend([yes_no(r.stopped), note, mark]);
        rows.push((set.at, cells));
    }
    for log in journal.symptom_logs() {
        let [left, right, leg, back, note, mark] = check_in_cells(Some(&log));
        let mut cells = vec![String::new(); 7];
        cells.extend([
            left,
            right,
            leg,
            back,
            String::new(),
            String::new(),
            note,
            mark,
        ]);
        rows.push((log.check_in.at, cells));
    }
    // Both lists are oldest first; a stable sort keeps that within a time.
    rows.sort_by_key(|(at, _)| *at);
    let mut out = String::new();
    row(&mut out, COLUMNS.iter().map(|c| c.to_string()));
    for (at, cells) in rows {
        let local = i64::try_from(at).unwrap_or(i64::MAX) + offset_at(at);
        let (y, m, d) = time::civil(local.div_euclid(DAY));
        let minutes = local.rem_euclid(DAY) / 60_000;
        let when = [
            format!("{y:04}-{m:02}-{d:02}"),
            format!("{:02}:{:02}", minutes / 60, minutes % 60),
        ];
        row(&mut out, when.into_iter().chain(cells));
    }
    out
}

/// A check-in's columns as it stands: where each leg's symptoms reach,
/// the two pains, the note and whether it was corrected (or marked as a
/// mistake, its values then left empty).
fn check_in_cells(c: Option<&Corrected>) -> [String; 6] {
    let answers = c.and_then(Corrected::answers);
    let level = |side| answers.map(|a| a.level(side).label().to_string());
    let mark = match c {
        Some(c) if c.is_mistake() => "mistake",
        Some(c) if c.correction.is_some() => "corrected",
        _ => "",
    };
    [
        level(Side::Left).unwrap_or_default(),
        level(Side::Right).unwrap_or_default(),
        answers.map(|a| a.leg_pain.to_string()).unwrap_or_default(),
        answers.map(|a| a.back_pain.to_string()).unwrap_or_default(),
        c.and_then(Corrected::note).unwrap_or_default().to_string(),
        mark.to_string(),
    ]
}

fn row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, text) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(&text, out);
    }
    out.push_str("\r\n");
}

/// One field: guarded if it could be read as a formula, quoted (quotes
/// doubled) if it holds a comma, a quote or a line break.
fn cell(text: &str, out: &mut String) {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quoted = formula || text.contains([',', '"', '\r', '\n']);
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quoted {
        out.push('"');
    }
}
