//! Where a problem is as a field path, e.g. `routines[1].items[2].sets`,
//! for packs that reach the patient without a file to point into (links,
//! forms). Indexes count from 0, as in most tools.

use super::problem::{Problem, visible};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Where each key, table header and array element of a pack starts, with
/// its path, in the order of the text: read before the structural check
/// leaves out what it cannot read (an unknown field has a path too).
pub(super) fn fields(doc: &DeTable) -> Vec<(usize, String)> {
    let mut starts = Vec::new();
    flatten_table(doc, "", &mut starts);
    starts.sort_by_key(|(start, _)| *start);
    starts
}

/// Fills in each problem's path from its offset: the last key, table
/// header or array element that starts at or before it. (A table in an
/// array of tables spans only its `[[header]]` line, so containment cannot
/// be used.) A pack with a syntax error has no `fields`; its problems keep
/// only their line and column.
pub(super) fn locate(fields: &[(usize, String)], problems: &mut [Problem]) {
    for p in problems {
        let before = fields.partition_point(|(start, _)| *start <= p.offset);
        if let Some(i) = before.checked_sub(1) {
            // A key can be any text: keep the path one short line.
            p.path = visible(fields[i].1.clone(), 200);
        }
    }
}

fn flatten_table(table: &DeTable, prefix: &str, out: &mut Vec<(usize, String)>) {
    for (key, value) in table.iter() {
        let path = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        out.push((key.span().start, path.clone()));
        flatten_value(value, &path, out);
    }
}

fn flatten_value(value: &Spanned<DeValue>, path: &str, out: &mut Vec<(usize, String)>) {
    match value.get_ref() {
        DeValue::Table(t) => flatten_table(t, path, out),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let path = format!("{path}[{i}]");
                out.push((item.span().start, path.clone()));
                flatten_value(item, &path, out);
            }
        }
        _ => {}
    }
}
