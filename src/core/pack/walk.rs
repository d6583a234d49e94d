//! The structural check: the parsed TOML document against the schema,
//! before anything is deserialised, so that every problem of a pack is
//! found in one run, as a compiler reports them. Unknown fields, values of
//! the wrong type, missing fields, texts too long or with hidden
//! characters, lists too long and versions that are not numbers are all
//! reported; the first does not hide the rest.
//!
//! What cannot be read is left out of the document (a missing text gets an
//! empty one), so that `validate` can still judge the rest. Its problems
//! about something absent in a table that had a structural problem are
//! dropped: they are consequences (a dose "missing" because its field is
//! misspelt). When a field the rest of the pack depends on cannot be read
//! (an id, a kind, a number, a misspelt table), `validate` does not run at
//! all: its problems would be guesses.

use super::model::Version;
use super::problem::{Problem, closest, reorders, shown};
use super::schema::{Field, Need, TABLES, Table, Ty};
use super::{FORMATS, MAX_PROBLEMS};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What the check found.
pub(super) struct Walked {
    pub problems: Vec<Problem>,
    /// Whether the document, with what could not be read left out, can be
    /// deserialised and validated.
    pub readable: bool,
    /// Where each `[table]` and `[[table]]` starts, sorted, and whether it
    /// had a structural problem.
    sections: Vec<(usize, bool)>,
}

impl Walked {
    /// Whether `offset` is in a table with a structural problem.
    pub fn tainted(&self, offset: usize) -> bool {
        let before = self.sections.partition_point(|(start, _)| *start <= offset);
        before.checked_sub(1).is_some_and(|i| self.sections[i].1)
    }
}

struct Walk<'t> {
    text: &'t str,
    /// The pack's format when it can be read: it says which fields are
    /// required.
    format: Option<u32>,
    problems: Vec<Problem>,
    readable: bool,
    /// Where each header table starts.
    sections: Vec<usize>,
    /// The sections with a structural problem.
    tainted: HashSet<usize>,
    /// The known word each unknown word likely misspells, by where it
    /// was found (see `guess`).
    guesses: HashMap<&'static str, HashMap<String, Option<&'static str>>>,
    /// How many words `guesses` holds.
    guessed: usize,
}

/// Checks `doc` (the pack's text parsed as TOML) against the schema,
/// leaving out what cannot be read. Err: the format is one this app does
/// not read, whose fields cannot be judged by these rules.
pub(super) fn check(text: &str, doc: &mut Spanned<DeTable>) -> Result<Walked, Problem> {
    let format = doc.get_ref().get("format");
    let format = format.and_then(|f| u32::deserialize(f.clone().into_deserializer()).ok());
    if let Some(f) = format.filter(|f| !FORMATS.contains(f)) {
        let at = doc.get_ref().get("format").map_or(0, |v| v.span().start);
        let newest = FORMATS[FORMATS.len() - 1];
        return Err(Problem::error(
            at,
            format!("pack format {f} is not supported; this app reads formats 1 to {newest}"),
        ));
    }
    let mut walk = Walk {
        text,
        format,
        problems: Vec::new(),
        readable: true,
        sections: Vec::new(),
        tainted: HashSet::new(),
        guesses: HashMap::new(),
        guessed: 0,
    };
    walk.table(&TABLES[0], doc.get_mut(), 0, 0);
    walk.sections.sort_unstable();
    let sections = (walk.sections.iter())
        .map(|s| (*s, walk.tainted.contains(s)))
        .collect();
    Ok(Walked {
        problems: walk.problems,
        readable: walk.readable,
        sections,
    })
}

impl Walk<'_> {
    /// A problem that does not stop the value being read.
    fn problem(&mut self, offset: usize, message: String) {
        self.problems.push(Problem::error(offset, message));
    }

    /// A problem in the section starting at `section`: its other problems
    /// may be consequences.
    fn structural(&mut self, section: usize, offset: usize, message: String) {
        self.problem(offset, message);
        self.tainted.insert(section);
    }

    /// The known word `word` likely misspells, of those in `known` (the
    /// fields of a table, or the words a field takes, named by `place`).
    /// Worked out for at most `MAX_PROBLEMS` words, each once: a pack with
    /// more unknown words than problems listed is not misspelt, and
    /// comparing thousands of them with every known word takes time; a
    /// word repeated thousands of times gets the same answer each time.
    fn guess(
        &mut self,
        place: &'static str,
        word: &str,
        known: impl Iterator<Item = &'static str>,
    ) -> Option<&'static str> {
        if let Some(guess) = self.guesses.get(place).and_then(|g| g.get(word)) {
            return *guess;
        }
        if self.guessed >= MAX_PROBLEMS {
            return None;
        }
        self.guessed += 1;
        let guess = closest(word, known);
        let place = self.guesses.entry(place).or_default();
        place.insert(word.to_owned(), guess);
        guess
    }

    fn required(&self, field: &Field) -> bool {
        match field.need {
            Need::Required => true,
            Need::FromFormat2 => self.format.is_some_and(|f| f >= 2),
            Need::Optional => false,
        }
    }

    /// A table starting at `at`, written in the section starting at
    /// `section`.
    fn table(&mut self, schema: &'static Table, table: &mut DeTable, at: usize, section: usize) {
        // Sections are where header tables start; an inline or dotted
        // table belongs to the section it is written in.
        let section = if at == 0 || self.text.as_bytes().get(at) == Some(&b'[') {
            self.sections.push(at);
            at
        } else {
            section
        };
        let mut meant = Vec::new();
        let mut unknown: Vec<_> = table
            .iter()
            .filter(|(k, _)| schema.field(k.get_ref()).is_none())
            .map(|(k, v)| (k.span().start, k.get_ref().to_string(), holds_tables(v)))
            .collect();
        unknown.sort_unstable_by_key(|(offset, ..)| *offset);
        for (offset, key, hides) in unknown {
            table.remove(key.as_str());
            let guess = self.guess(schema.header, &key, schema.fields.iter().map(|f| f.key()));
            meant.extend(guess);
            let message = unknown_field(schema, &key, guess);
            self.structural(section, offset, message);
            // A misspelt table hides all it holds.
            self.readable &= !hides;
        }
        for field in schema.fields {
            if table.contains_key(field.key()) || field.ty.is_list() || !self.required(field) {
                continue;
            }
            // "Did you mean `name`?" already said it.
            if !meant.contains(&field.key()) {
                let message = format!("missing field `{}`", field.key());
                self.structural(section, at, message);
            }
            self.unreadable(field, table, at);
        }
        let mut dropped = Vec::new();
        for (key, value) in table.iter_mut() {
            let Some(field) = schema.field(key.get_ref()) else {
                continue;
            };
            if !self.value(field, value, section) {
                dropped.push(field);
            }
        }
        for field in dropped {
            table.remove(field.key());
            self.unreadable(field, table, at);
        }
    }

    /// `field` is missing or could not be read: a required text becomes
    /// empty (nothing else depends on it); without any other required
    /// field the pack cannot be validated.
    fn unreadable(&mut self, field: &'static Field, table: &mut DeTable, at: usize) {
        if !self.required(field) || field.ty.is_list() {
            return;
        }
        if let Ty::Text { .. } = field.ty {
            let key = Spanned::new(at..at, Cow::Borrowed(field.key()));
            let empty = Spanned::new(at..at, DeValue::String(Cow::Borrowed("")));
            table.insert(key, empty);
        } else {
            self.readable = false;
        }
    }

    /// Checks the value of `field`, written in the section starting at
    /// `section`; false when it cannot be read (and is to be left out).
    fn value(
        &mut self,
        field: &'static Field,
        value: &mut Spanned<DeValue>,
        section: usize,
    ) -> bool {
        let (at, name) = (value.span().start, field.key());
        match field.ty {
            Ty::Integer => self.serde::<u32>(value, section),
            Ty::Bool => self.serde::<bool>(value, section),
            Ty::Id | Ty::Ref(_) => self.string(value, section).is_some(),
            Ty::Version => match self.string(value, section) {
                Some(v) if Version::parse(v).is_none() => {
                    self.problem(at, not_a_version(v));
                    true
                }
                read => read.is_some(),
            },
            Ty::Text { max, lines } => match self.string(value, section) {
                Some(text) => {
                    self.text(name, text, max, lines, at);
                    true
                }
                None => false,
            },
            Ty::Word(words) => self.word(words, value, section),
            Ty::TextList { max, chars } => {
                self.list(field, max, value, section, |walk, item, section| {
                    let at = item.span().start;
                    match walk.string(item, section) {
                        Some(text) => {
                            walk.text(name, text, chars, false, at);
                            true
                        }
                        None => false,
                    }
                })
            }
            Ty::WordList(words) => {
                self.list(field, words.len(), value, section, |walk, item, section| {
                    walk.word(words, item, section)
                })
            }
            Ty::Table => {
                let Some(schema) = field.table() else {
                    return true;
                };
                match value.get_mut() {
                    DeValue::Table(t) => {
                        self.table(schema, t, at, section);
                        true
                    }
                    other => {
                        let message =
                            format!("invalid type: {}, expected a table", other.type_str());
                        self.structural(section, at, message);
                        false
                    }
                }
            }
            Ty::Tables { max } => {
                let Some(schema) = field.table() else {
                    return true;
                };
                self.list(field, max, value, section, |walk, item, section| {
                    let at = item.span().start;
                    match item.get_mut() {
                        DeValue::Table(t) => {
                            walk.table(schema, t, at, section);
                            true
                        }
                        other => {
                            let message = format!(
                                "invalid type: {}, expected a table (`{}`)",
                                other.type_str(),
                                field.name
                            );
                            walk.structural(section, at, message);
                            // It cannot be left out of the list, so the
                            // list cannot be read as tables.
                            walk.readable = false;
                            true
                        }
                    }
                })
            }
        }
    }

    /// Whether `value` reads as a `T`, reporting serde's words if not.
    fn serde<'de, T: Deserialize<'de>>(
        &mut self,
        value: &Spanned<DeValue<'de>>,
        section: usize,
    ) -> bool {
        match T::deserialize(value.clone().into_deserializer()) {
            Ok(_) => true,
            Err(e) => {
                let at = e.span().map_or(value.span().start, |s| s.start);
                let message = e.message().lines().next().unwrap_or_default().to_owned();
                self.structural(section, at, message);
                false
            }
        }
    }

    fn string<'v>(&mut self, value: &'v Spanned<DeValue>, section: usize) -> Option<&'v str> {
        let text = value.get_ref().as_str();
        if text.is_none() {
            self.serde::<String>(value, section);
        }
        text
    }

    fn word(
        &mut self,
        words: &'static [&'static str],
        value: &Spanned<DeValue>,
        section: usize,
    ) -> bool {
        let Some(word) = self.string(value, section) else {
            return false;
        };
        if words.contains(&word) {
            return true;
        }
        let message = match self.guess(words[0], word, words.iter().copied()) {
            Some(known) => format!("unknown value `{}`: did you mean `{known}`?", shown(word)),
            None => {
                let known: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
                format!(
                    "unknown variant `{}`, expected one of {}",
                    shown(word),
                    known.join(", ")
                )
            }
        };
        self.structural(section, value.span().start, message);
        false
    }

    /// A list of at most `max` entries, each checked by `entry`; unreadable
    /// when an entry is.
    fn list(
        &mut self,
        field: &Field,
        max: usize,
        value: &mut Spanned<DeValue>,
        section: usize,
        mut entry: impl FnMut(&mut Self, &mut Spanned<DeValue>, usize) -> bool,
    ) -> bool {
        let at = value.span().start;
        let DeValue::Array(items) = value.get_mut() else {
            let message = format!(
                "invalid type: {}, expected a list (`{}`)",
                value.get_ref().type_str(),
                field.name
            );
            self.structural(section, at, message);
            return false;
        };
        if let Some(extra) = items.get(max) {
            let n = items.len();
            let message = format!("too many `{}`: at most {max} (here {n})", field.name);
            self.problem(extra.span().start, message);
        }
        let mut read = true;
        for item in items.iter_mut() {
            read &= entry(self, item, section);
        }
        read
    }

    /// A text's length and characters.
    fn text(&mut self, name: &str, text: &str, max: usize, lines: bool, at: usize) {
        let n = text.chars().count();
        if n > max {
            self.problem(
                at,
                format!("`{name}` is {n} characters long; at most {max}"),
            );
        }
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let allowed = match c {
                '\n' | '\t' => lines,
                '\r' => lines && chars.peek() == Some(&'\n'),
                c => !c.is_control() && !reorders(c),
            };
            if !allowed {
                let code = c as u32;
                let message = if reorders(c) {
                    format!(
                        "`{name}` holds U+{code:04X}, an invisible control that changes the order text is shown in: remove it"
                    )
                } else if c == '\n' || c == '\r' {
                    format!("`{name}` must be one line: remove the line break (U+{code:04X})")
                } else {
                    format!("`{name}` holds the control character U+{code:04X}: remove it")
                };
                self.problem(at, message);
                return;
            }
        }
    }
}

/// The message for an unknown field `key` of `table` that likely means
/// `guess`.
fn unknown_field(table: &Table, key: &str, guess: Option<&str>) -> String {
    let key = shown(key);
    match guess {
        Some(known) => format!("unknown field `{key}`: did you mean `{known}`?"),
        None => {
            let known: Vec<String> = (table.fields.iter())
                .map(|f| format!("`{}`", f.key()))
                .collect();
            let known = known.join(", ");
            format!("unknown field `{key}`, expected one of {known}")
        }
    }
}

/// Why `v` is not a version.
fn not_a_version(v: &str) -> String {
    let parts: Vec<&str> = v.split('.').collect();
    let numbers = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let v = shown(v);
    if numbers && parts.len() > 4 {
        format!("version `{v}` has more than 4 numbers")
    } else if numbers {
        format!("version `{v}`: each number may be at most 4294967295")
    } else {
        format!(
            "version `{v}` should be numbers joined by dots, e.g. `1.2.0`, so a newer version can be recognised"
        )
    }
}

/// Whether a value is or holds tables (a misspelt `[[exercise]]`).
fn holds_tables(value: &Spanned<DeValue>) -> bool {
    match value.get_ref() {
        DeValue::Table(_) => true,
        DeValue::Array(items) => items.iter().any(|i| i.get_ref().is_table()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::{Category, Kind, Weekday};
    use super::super::raw::{
        RawChange, RawExercise, RawItem, RawPack, RawRoutine, RawSchedule, RawStage, SideWord,
    };
    use super::*;
    use toml::de::ValueDeserializer;

    /// serde's words for what `T` accepts, from its error on `value`:
    /// "unknown field `zzz`, expected one of `a`, `b`" (or "expected `a`
    /// or `b`") gives [a, b].
    fn expected<'de, T: Deserialize<'de>>(value: &'de str) -> Vec<String> {
        let Err(e) = T::deserialize(ValueDeserializer::parse(value).unwrap()) else {
            panic!("{value} was read");
        };
        let message = e.message().to_string();
        let (_, list) = message.split_once("expected ").expect(&message);
        let list = list.trim_start_matches("one of ").replace(" or ", ", ");
        list.split(", ")
            .map(|w| w.trim_matches('`').to_string())
            .collect()
    }

    /// The schema this check follows and the structs serde fills must
    /// agree, or a pack would pass one and fail the other.
    #[test]
    fn the_schema_has_exactly_the_fields_and_words_serde_reads() {
        let unknown = "{ zzz = 1 }";
        let serde_fields = [
            expected::<RawPack>(unknown),
            expected::<RawExercise>(unknown),
            expected::<RawRoutine>(unknown),
            expected::<RawSchedule>(unknown),
            expected::<RawItem>(unknown),
            expected::<RawStage>(unknown),
            expected::<RawChange>(unknown),
        ];
        assert_eq!(serde_fields.len(), TABLES.len());
        for (table, serde) in TABLES.iter().zip(serde_fields) {
            let keys: Vec<&str> = table.fields.iter().map(|f| f.key()).collect();
            assert_eq!(keys, serde, "{}", table.header);
            for f in table.fields {
                let nested = matches!(f.ty, Ty::Table | Ty::Tables { .. });
                assert_eq!(f.table().is_some(), nested, "{}", f.name);
            }
        }
        let words = |ty: Ty| match ty {
            Ty::Word(w) | Ty::WordList(w) => w,
            _ => panic!("not words"),
        };
        let field = |table: usize, key: &str| TABLES[table].field(key).unwrap().ty;
        assert_eq!(words(field(1, "category")), expected::<Category>("'zzz'"));
        assert_eq!(words(field(1, "kind")), expected::<Kind>("'zzz'"));
        assert_eq!(words(field(4, "side")), expected::<SideWord>("'zzz'"));
        assert_eq!(words(field(3, "days")), expected::<Weekday>("'zzz'"));
    }
}
