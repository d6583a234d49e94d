//! Every completed set with the check-in after it as CSV (RFC 4180), for a
//! spreadsheet or the therapist's records: one row per set, oldest first,
//! the columns in [`COLUMNS`] (documented in the README).
//!
//! Text from the patient or a pack (a note, an exercise's name) is data,
//! never a formula: a cell that begins with `=`, `+`, `-`, `@`, a tab or a
//! carriage return is written with a `'` before it, as spreadsheets
//! recommend, so opening the file runs nothing.

use crate::core::journal::{Journal, Record};
use crate::core::symptoms::Side;
use crate::core::time;
use std::collections::HashMap;

/// The header row.
pub const COLUMNS: [&str; 16] = [
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
    let mut out = String::new();
    row(&mut out, COLUMNS.iter().map(|c| c.to_string()));
    for r in journal.sets_newest_first().into_iter().rev() {
        let set = r.set;
        let local = i64::try_from(set.at).unwrap_or(i64::MAX) + offset_at(set.at);
        let (y, m, d) = time::civil(local.div_euclid(DAY));
        let minutes = local.rem_euclid(DAY) / 60_000;
        let answers = r.check_in.map(|c| c.answers);
        let level = |side| answers.map(|a| a.level(side).label().to_string());
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        row(
            &mut out,
            [
                format!("{y:04}-{m:02}-{d:02}"),
                format!("{:02}:{:02}", minutes / 60, minutes % 60),
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
                level(Side::Left).unwrap_or_default(),
                level(Side::Right).unwrap_or_default(),
                answers.map(|a| a.leg_pain.to_string()).unwrap_or_default(),
                answers.map(|a| a.back_pain.to_string()).unwrap_or_default(),
                r.change.map(|c| c.label().to_string()).unwrap_or_default(),
                yes_no(r.stopped),
                r.check_in.and_then(|c| c.note.clone()).unwrap_or_default(),
            ],
        );
    }
    out
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
