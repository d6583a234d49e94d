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
}

impl Problem {
    pub(super) fn at(
        severity: Severity,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, col) = line_col(text, offset);
        Self {
            severity,
            line,
            col,
            path: String::new(),
            message: message.into(),
            offset,
        }
    }

    pub(super) fn from_toml(text: &str, err: &toml::de::Error) -> Self {
        let offset = err.span().map_or(0, |s| s.start);
        // toml's message can span several lines (with a source excerpt);
        // the first line is the sentence a therapist needs.
        let message = err.message().lines().next().unwrap_or("invalid TOML");
        Self::at(Severity::Error, text, offset, suggest(message.trim()))
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
    let closest = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|known| (edit_distance(field, known), known))
        .min();
    match closest {
        Some((d, known)) if d <= (field.chars().count() / 3).max(2) => {
            format!("unknown {what} `{field}`: did you mean `{known}`?")
        }
        _ => message.to_owned(),
    }
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

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::{edit_distance, line_col, suggest};

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
    fn offsets_become_one_based_lines_and_columns() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, text.find('=').unwrap()), (1, 3));
        // 'é' is two bytes but one column.
        assert_eq!(line_col(text, text.rfind('=').unwrap()), (2, 4));
        assert_eq!(line_col(text, 999), (3, 1));
    }
}
