//! A problem found in a pack, with where it is.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One mistake or doubt in a pack. `line` and `col` are 1-based; `path`
/// names the field (`routines[0].items[1].sets`), empty for the pack as a
/// whole or when the text is not TOML.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub line: usize,
    pub col: usize,
    pub path: String,
    pub message: String,
    /// Byte offset in the text, for `path::locate`.
    #[serde(skip)]
    pub(super) offset: usize,
    /// About something absent (a dose, an empty text): a consequence when
    /// the structural check left a field out there.
    #[serde(skip)]
    pub(super) absent: bool,
}

impl Problem {
    /// A problem at a byte offset of the pack's text; `finish` gives it its
    /// line, column and path. Values quoted in `message` are shown safely:
    /// hidden characters escaped, the whole kept short.
    pub(super) fn at(severity: Severity, offset: usize, message: impl Into<String>) -> Self {
        Self {
            severity,
            line: 0,
            col: 0,
            path: String::new(),
            message: visible(message.into(), MAX_MESSAGE_CHARS),
            offset,
            absent: false,
        }
    }

    pub(super) fn error(offset: usize, message: impl Into<String>) -> Self {
        Self::at(Severity::Error, offset, message)
    }

    pub(super) fn from_toml(err: &toml::de::Error) -> Self {
        let offset = err.span().map_or(0, |s| s.start);
        // toml's message can span several lines (with a source excerpt);
        // the first line is the sentence a therapist needs.
        let message = err.message().lines().next().unwrap_or("invalid TOML");
        Self::error(offset, suggest(message.trim()))
    }

    /// `file:line:col: error: message`, the form editors and CI understand.
    pub fn render(&self, file: &str) -> String {
        format!("{file}:{self}")
    }

    /// `routines[0].items[1].sets: error: message`, for a pack that came
    /// without a file (a link, a form).
    pub fn render_path(&self) -> String {
        let path = if self.path.is_empty() {
            "pack"
        } else {
            &self.path
        };
        format!("{path}: {}: {}", self.severity.as_str(), self.message)
    }
}

/// At most this many problems are listed; a last one says how many more
/// there are ("and 2345 more problems"), at the first of them.
pub const MAX_PROBLEMS: usize = 100;

/// Problems that quote a value quote at most this much of it.
const MAX_QUOTED_CHARS: usize = 60;
const MAX_MESSAGE_CHARS: usize = 600;

/// Puts problems in the order of the text, keeps the first `MAX_PROBLEMS`
/// (and one that counts the rest), and gives each its line, column and
/// path: the text is read once, whatever the number of problems.
pub(super) fn finish(
    text: &str,
    mut problems: Vec<Problem>,
    fields: &[(usize, String)],
) -> Vec<Problem> {
    problems.sort_by_key(|p| p.offset);
    let rest = problems.split_off(problems.len().min(MAX_PROBLEMS));
    super::path::locate(fields, &mut problems);
    if let Some(first) = rest.first() {
        let errors = rest.iter().any(|p| p.severity == Severity::Error);
        let severity = if errors {
            Severity::Error
        } else {
            Severity::Warning
        };
        let n = rest.len();
        let s = if n == 1 { "" } else { "s" };
        problems.push(Problem::at(
            severity,
            first.offset,
            format!("and {n} more problem{s}"),
        ));
    }
    line_cols(text, &mut problems);
    problems
}

/// A problem about the whole text, before it is read.
pub(super) fn too_large(bytes: usize) -> Problem {
    let mut p = Problem::error(
        0,
        format!(
            "the pack is {bytes} bytes; a pack may be at most {} bytes (256 KB)",
            super::MAX_BYTES
        ),
    );
    (p.line, p.col) = (1, 1);
    p
}

/// A value to quote in a message: at most `MAX_QUOTED_CHARS` characters
/// (`visible` then escapes what it holds).
pub(super) fn shown(value: &str) -> String {
    match value.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((end, _)) => format!("{}...", &value[..end]),
        None => value.to_owned(),
    }
}

/// The Unicode controls that reorder text as it is displayed (embeddings,
/// overrides and isolates): in a pack they could make a step or a title
/// read differently from what it says ("Trojan Source"). The marks U+200E
/// and U+200F are allowed: they only nudge neutral characters, and
/// right-to-left languages need them.
pub(super) fn reorders(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `message` on one line, safe to print to a terminal or show in a page:
/// control and reordering characters escaped (`\u{202e}`), at most `max`
/// characters. A problem is always exactly one line.
pub(super) fn visible(message: String, max: usize) -> String {
    let plain = |c: char| !c.is_control() && !reorders(c);
    let printable_ascii = message.bytes().all(|b| (b' '..=b'~').contains(&b));
    if message.len() <= max && (printable_ascii || message.chars().all(plain)) {
        return message;
    }
    let mut out = String::with_capacity(message.len().min(max));
    for (n, c) in message.chars().enumerate() {
        if n == max {
            out.push_str("...");
            break;
        }
        if plain(c) {
            out.push(c);
        } else {
            out.extend(c.escape_unicode());
        }
    }
    out
}

/// Fills in 1-based lines and columns (in characters) of problems sorted
/// by offset, in one pass over the text.
fn line_cols(text: &str, problems: &mut [Problem]) {
    let bytes = text.as_bytes();
    let (mut line, mut col, mut scanned) = (1, 1, 0);
    for p in problems {
        let offset = p.offset.min(bytes.len()).max(scanned);
        for &b in &bytes[scanned..offset] {
            if b == b'\n' {
                line += 1;
                col = 1;
            } else if b & 0xC0 != 0x80 {
                // Not a UTF-8 continuation byte: a character starts here.
                col += 1;
            }
        }
        scanned = offset;
        (p.line, p.col) = (line, col);
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.line,
            self.col,
            self.severity.as_str(),
            self.message
        )
    }
}

/// serde says "unknown field `hold_secnds`, expected one of `exercise`,
/// ..." (or "unknown variant" for a value such as a weekday): when one of
/// those is a likely misspelling's target, name it.
fn suggest(message: &str) -> String {
    let (what, rest) = if let Some(rest) = message.strip_prefix("unknown field `") {
        ("field", rest)
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        ("value", rest)
    } else {
        return message.to_owned();
    };
    let Some((field, expected)) = rest.split_once('`') else {
        return message.to_owned();
    };
    match closest(field, expected.split('`').skip(1).step_by(2)) {
        Some(known) => format!("unknown {what} `{field}`: did you mean `{known}`?"),
        None => message.to_owned(),
    }
}

/// The known word `word` is most likely a misspelling of, if any.
pub(super) fn closest<'a>(word: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    // Very long words are not misspellings (and would cost time to compare).
    if word.len() > 100 {
        return None;
    }
    let most = (word.chars().count() / 3).max(2);
    let (d, known) = known
        // Words whose lengths differ by more cannot be close enough.
        .filter(|k| k.len().abs_diff(word.len()) <= most * 4)
        .map(|k| (edit_distance(word, k), k))
        .min()?;
    (d <= most).then_some(known)
}

/// Levenshtein distance: insertions, deletions and substitutions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("hold_secnds", "hold_seconds"), 1);
        assert_eq!(edit_distance("sets", "sets"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn a_near_miss_gets_a_suggestion_and_a_stranger_the_list() {
        let list = "expected one of `exercise`, `sets`, `hold_seconds`";
        assert_eq!(
            suggest(&format!("unknown field `hold_secnds`, {list}")),
            "unknown field `hold_secnds`: did you mean `hold_seconds`?"
        );
        assert_eq!(
            suggest(&format!("unknown field `colour`, {list}")),
            format!("unknown field `colour`, {list}")
        );
        assert_eq!(suggest("invalid type"), "invalid type");
    }

    #[test]
    fn offsets_become_one_based_lines_and_columns_in_one_pass() {
        let text = "a = 1\nbé = 2\n";
        let offsets = [
            0,
            text.find('=').unwrap(),
            6,
            // 'é' is two bytes but one column.
            text.rfind('=').unwrap(),
            999,
        ];
        let mut problems: Vec<Problem> = offsets.iter().map(|&o| Problem::error(o, "x")).collect();
        line_cols(text, &mut problems);
        let found: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.col)).collect();
        assert_eq!(found, [(1, 1), (1, 3), (2, 1), (2, 4), (3, 1)]);
    }

    #[test]
    fn messages_are_one_line_with_hidden_characters_escaped() {
        let p = Problem::error(0, "id `a\nb\r\u{202E}c\u{7}` is odd");
        assert_eq!(p.message, "id `a\\u{a}b\\u{d}\\u{202e}c\\u{7}` is odd");
        let long = "x".repeat(5000);
        assert_eq!(shown(&long).chars().count(), MAX_QUOTED_CHARS + 3);
        assert!(Problem::error(0, long).message.chars().count() <= MAX_MESSAGE_CHARS + 3);
    }

    #[test]
    fn more_than_the_maximum_ends_with_a_count_of_the_rest() {
        let text = "a = 1\n".repeat(300);
        let problems = (0..250)
            .rev()
            .map(|n| Problem::at(Severity::Warning, n * 6, format!("w{n}")))
            .chain([Problem::error(299 * 6, "late")])
            .collect();
        let listed = finish(&text, problems, &[]);
        assert_eq!(listed.len(), MAX_PROBLEMS + 1);
        assert_eq!(listed[0].to_string(), "1:1: warning: w0");
        assert_eq!(listed[99].to_string(), "100:1: warning: w99");
        // The rest hold an error, so the count is one.
        assert_eq!(
            listed[100].to_string(),
            "101:1: error: and 151 more problems"
        );
        assert_eq!(
            listed[100].render_path(),
            "pack: error: and 151 more problems"
        );
    }
}
