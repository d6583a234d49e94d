//! The pack editor's model: a pack being written, held as the TOML values
//! a pack file would hold, each field as the therapist typed it. A number
//! typed wrongly ("1o") is kept as text, so the pack's own parser flags it
//! on its field (`Problem::path`), with the same rules and messages as
//! `centralise lint`: the draft is checked by printing it and parsing it.
//!
//! Every change is an [`Op`] on a field path (`routines[0].items[1].sets`,
//! the paths problems name); applying one gives back its inverse, so undo
//! and the property tests need nothing else. Which value a field's text
//! becomes, and what a new exercise or step starts as, comes from the
//! format's description (`schema`), not from a second list of fields.

use super::schema::{self, Field, TABLES, Table, Ty};
use super::{Pack, Problem};
use toml::{Table as Doc, Value};

/// A pack being written.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    doc: Doc,
}

/// One change to a draft. `path` names a field or a list entry as
/// problems do; `list` names a list (`exercises`, `exercises[0].steps`).
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Puts a value at `path`, or leaves the field out (`None`).
    Put {
        path: String,
        value: Option<Value>,
    },
    Insert {
        list: String,
        at: usize,
        value: Value,
    },
    Remove {
        list: String,
        at: usize,
    },
    Move {
        list: String,
        from: usize,
        to: usize,
    },
}

/// Why an op could not apply: a path the draft does not have (a stale
/// page). The draft is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoSuchField(pub String);

/// One step of a path: a key, then maybe an index into the list there.
fn segments(path: &str) -> Option<Vec<(&str, Option<usize>)>> {
    path.split('.')
        .map(|seg| match seg.split_once('[') {
            Some((key, rest)) => {
                let index = rest.strip_suffix(']')?.parse().ok()?;
                Some((key, Some(index)))
            }
            None => Some((seg, None)),
        })
        .collect()
}

impl Draft {
    /// A new pack: format 2, version 1.0.0, English, nothing else yet.
    pub fn empty() -> Draft {
        let mut doc = Doc::new();
        doc.insert("format".into(), Value::Integer(2));
        doc.insert("version".into(), Value::String("1.0.0".into()));
        doc.insert("language".into(), Value::String("en".into()));
        Draft { doc }
    }

    /// A pack to change, as `pack::print` writes it.
    pub fn from_pack(pack: &Pack) -> Draft {
        Draft::from_text(&super::print(pack)).unwrap_or_else(|_| Draft::empty())
    }

    /// A draft kept as text (see [`Draft::text`]).
    pub fn from_text(text: &str) -> Result<Draft, String> {
        text.parse::<Doc>()
            .map(|doc| Draft { doc })
            .map_err(|e| e.message().to_string())
    }

    /// The draft as TOML: what is kept between visits, and what is checked.
    pub fn text(&self) -> String {
        toml::to_string(&self.doc).unwrap_or_default()
    }

    /// The pack and its warnings, or every problem, as `centralise lint`
    /// finds them.
    pub fn check(&self) -> Result<(Pack, Vec<Problem>), Vec<Problem>> {
        super::parse(&self.text())
    }

    /// The value at `path`, if the draft has one.
    pub fn get(&self, path: &str) -> Option<&Value> {
        let mut table = &self.doc;
        let segs = segments(path)?;
        let (last, parents) = segs.split_last()?;
        for (key, index) in parents {
            table = match (table.get(*key)?, index) {
                (Value::Table(t), None) => t,
                (Value::Array(a), Some(i)) => a.get(*i)?.as_table()?,
                _ => return None,
            };
        }
        let value = table.get(last.0)?;
        match last.1 {
            Some(i) => value.as_array()?.get(i),
            None => Some(value),
        }
    }

    /// The field's text, as an input shows it ("" when left out).
    pub fn text_at(&self, path: &str) -> String {
        match self.get(path) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Integer(n)) => n.to_string(),
            Some(Value::Boolean(b)) => b.to_string(),
            _ => String::new(),
        }
    }

    /// The length of the list at `list` (0 when there is none).
    pub fn len(&self, list: &str) -> usize {
        self.get(list).and_then(Value::as_array).map_or(0, Vec::len)
    }

    /// The ids of the entries of a list of tables (`exercises`), in order.
    pub fn ids(&self, list: &str) -> Vec<String> {
        (0..self.len(list))
            .map(|i| self.text_at(&format!("{list}[{i}].id")))
            .collect()
    }

    /// Applies `op`; gives the op that undoes it.
    pub fn apply(&mut self, op: Op) -> Result<Op, NoSuchField> {
        let missing = |path: &str| NoSuchField(path.to_string());
        match op {
            Op::Put { path, value } => {
                // A field of a table left out (a routine's schedule) begins
                // the table; undoing that leaves it out again.
                let table = path.rsplit_once('.').map(|(t, _)| t.to_string());
                let begin =
                    table.filter(|t| value.is_some() && !t.ends_with(']') && self.get(t).is_none());
                if let Some(t) = &begin {
                    self.put(t, Some(Value::Table(Doc::new())))
                        .ok_or_else(|| missing(&path))?;
                }
                match (self.put(&path, value), begin) {
                    (Some(_), Some(t)) => Ok(Op::Put {
                        path: t,
                        value: None,
                    }),
                    (Some(old), None) => Ok(Op::Put { path, value: old }),
                    (None, begun) => {
                        if let Some(t) = begun {
                            self.put(&t, None);
                        }
                        Err(missing(&path))
                    }
                }
            }
            Op::Insert { list, at, value } => {
                // A list left out is begun; undoing its first entry leaves
                // it out again.
                let begun = self.get(&list).is_none();
                if begun && at > 0 {
                    return Err(missing(&list));
                }
                if begun {
                    self.put(&list, Some(Value::Array(Vec::new())))
                        .ok_or_else(|| missing(&list))?;
                }
                let entries = self.list_mut(&list).ok_or_else(|| missing(&list))?;
                if at > entries.len() {
                    return Err(missing(&list));
                }
                entries.insert(at, value);
                Ok(match begun {
                    true => Op::Put {
                        path: list,
                        value: None,
                    },
                    false => Op::Remove { list, at },
                })
            }
            Op::Remove { list, at } => {
                let entries = self.list_mut(&list).ok_or_else(|| missing(&list))?;
                if at >= entries.len() {
                    return Err(missing(&list));
                }
                let value = entries.remove(at);
                Ok(Op::Insert { list, at, value })
            }
            Op::Move { list, from, to } => {
                let entries = self.list_mut(&list).ok_or_else(|| missing(&list))?;
                if from >= entries.len() || to >= entries.len() {
                    return Err(missing(&list));
                }
                let value = entries.remove(from);
                entries.insert(to, value);
                Ok(Op::Move {
                    list,
                    from: to,
                    to: from,
                })
            }
        }
    }

    /// The table that holds the last segment of `path`, and that segment.
    fn parent_mut(&mut self, path: &str) -> Option<(&mut Doc, (String, Option<usize>))> {
        let segs = segments(path)?;
        let (last, parents) = segs.split_last()?;
        let mut table = &mut self.doc;
        for (key, index) in parents {
            table = match (table.get_mut(*key)?, index) {
                (Value::Table(t), None) => t,
                (Value::Array(a), Some(i)) => a.get_mut(*i)?.as_table_mut()?,
                _ => return None,
            };
        }
        Some((table, (last.0.to_string(), last.1)))
    }

    /// Puts `value` at `path`: the value it replaces (`None` when the field
    /// was left out), or `None` when there is no such place.
    fn put(&mut self, path: &str, value: Option<Value>) -> Option<Option<Value>> {
        let (table, (key, index)) = self.parent_mut(path)?;
        match (index, value) {
            (None, Some(v)) => Some(table.insert(key, v)),
            (None, None) => Some(table.remove(&key)),
            // A list entry is replaced, never left out (that is Remove).
            (Some(i), Some(v)) => {
                let slot = table.get_mut(&key)?.as_array_mut()?.get_mut(i)?;
                Some(Some(std::mem::replace(slot, v)))
            }
            (Some(_), None) => None,
        }
    }

    /// The list at `list`, if there is one.
    fn list_mut(&mut self, list: &str) -> Option<&mut Vec<Value>> {
        let (table, (key, index)) = self.parent_mut(list)?;
        if index.is_some() {
            return None;
        }
        table.get_mut(&key)?.as_array_mut()
    }

    /// The op that sets the field at `path` to what was typed: a number
    /// field's digits become a number, anything else there stays text for
    /// the parser to flag; blank leaves the field out.
    pub fn set_text(&self, path: &str, text: &str) -> Op {
        let value = field_at(path).map_or_else(
            || Some(Value::String(text.to_string())),
            |field| typed(field, text),
        );
        Op::Put {
            path: path.to_string(),
            value,
        }
    }

    /// The op that adds a new entry at the end of `list` (an exercise, a
    /// step, a routine item), as the format would have it begin.
    pub fn add(&self, list: &str) -> Op {
        let at = self.len(list);
        Op::Insert {
            list: list.to_string(),
            at,
            value: self.blank(list, at),
        }
    }

    /// The op that copies entry `at` of `list` just after it; an exercise's
    /// or routine's copy gets a new id.
    pub fn duplicate(&self, list: &str, at: usize) -> Option<Op> {
        let mut value = self.get(&format!("{list}[{at}]"))?.clone();
        if let Some(t) = value.as_table_mut()
            && let Some(Value::String(id)) = t.get("id")
        {
            let id = self.free_id(list, &format!("{id}-copy"));
            t.insert("id".into(), Value::String(id));
        }
        Some(Op::Insert {
            list: list.to_string(),
            at: at + 1,
            value,
        })
    }

    /// `base`, or `base-2`, `base-3`... whichever no entry of `list` has.
    fn free_id(&self, list: &str, base: &str) -> String {
        let ids = self.ids(list);
        std::iter::once(base.to_string())
            .chain((2..).map(|n| format!("{base}-{n}")))
            .find(|id| !ids.contains(id))
            .unwrap_or_default()
    }

    /// What a new entry of `list` starts as: a new id where the entries
    /// have ids, the first exercise (and routine) where they name one, the
    /// lowest usual value of a required number (one set, week 2), and the
    /// lists it needs; a text list's entry is an empty line.
    fn blank(&self, list: &str, at: usize) -> Value {
        let Some(field) = field_at(list) else {
            return Value::String(String::new());
        };
        let Some(table) = field.table() else {
            return Value::String(String::new());
        };
        let mut entry = Doc::new();
        for f in table.fields {
            let value = match (f.key(), f.ty) {
                ("id", _) => {
                    let noun = list.rsplit('.').next().unwrap_or(list);
                    let noun = noun.trim_end_matches('s');
                    Some(Value::String(
                        self.free_id(list, &format!("{noun}-{}", at + 1)),
                    ))
                }
                ("exercise", Ty::Ref(_)) => {
                    self.ids("exercises").first().cloned().map(Value::String)
                }
                ("routine", Ty::Ref(_)) => self.ids("routines").first().cloned().map(Value::String),
                // A number the format requires starts at the lowest usual
                // value: one set, week 2.
                (_, Ty::Integer) if f.need == schema::Need::Required => {
                    f.limits.map(|l| Value::Integer(i64::from(l.usual.0)))
                }
                (_, Ty::Tables { .. }) if f.need == schema::Need::Required => {
                    Some(Value::Array(Vec::new()))
                }
                _ => None,
            };
            if let Some(v) = value {
                entry.insert(f.key().to_string(), v);
            }
        }
        Value::Table(entry)
    }
}

/// The version after `version`: its last number one more ("1.2.0" gives
/// "1.2.1"); `None` for what is not a version.
pub fn next_version(version: &str) -> Option<String> {
    super::Version::parse(version)?;
    let (head, last) = version.rsplit_once('.').unwrap_or(("", version));
    let next = last.parse::<u32>().ok()?.checked_add(1)?;
    Some(match head {
        "" => next.to_string(),
        head => format!("{head}.{next}"),
    })
}

impl Draft {
    /// Saving over `here` (the pack of the same id on this phone): the op
    /// that makes the draft's version the next after it, unless the
    /// draft's is newer already. A saved edit is always a new version, so
    /// the patient's phone takes it as an update.
    pub fn new_version_over(&self, here: &Pack) -> Option<Op> {
        let mine = self.text_at("version");
        let newer = super::compare_versions(&mine, &here.version)
            .is_some_and(|o| o == std::cmp::Ordering::Greater);
        (!newer)
            .then(|| next_version(&here.version))
            .flatten()
            .map(|v| Op::Put {
                path: "version".into(),
                value: Some(Value::String(v)),
            })
    }
}

/// The format's description of the field at `path` (indexes ignored):
/// `exercises[0].steps` is the `steps` field of `[[exercises]]`.
pub fn field_at(path: &str) -> Option<&'static Field> {
    let segs = segments(path)?;
    let mut table: &Table = TABLES.first()?;
    let mut field = None;
    for (n, (key, _)) in segs.iter().enumerate() {
        let f = table.field(key)?;
        if n + 1 < segs.len() {
            table = f.table()?;
        }
        field = Some(f);
    }
    field
}

/// The value a field's typed text stands for (see [`Draft::set_text`]).
fn typed(field: &Field, text: &str) -> Option<Value> {
    if text.trim().is_empty() && !matches!(field.ty, Ty::TextList { .. }) {
        return None;
    }
    Some(match field.ty {
        Ty::Integer => text
            .trim()
            .parse::<i64>()
            .map_or_else(|_| Value::String(text.to_string()), Value::Integer),
        Ty::Bool => match text.trim() {
            "true" => Value::Boolean(true),
            "false" => Value::Boolean(false),
            _ => Value::String(text.to_string()),
        },
        _ => Value::String(text.to_string()),
    })
}

/// A draft kept on this device: saved as it is typed, under its own
/// storage key (`keys::DRAFTS`), never mixed into the journal.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Kept {
    /// Random, given when the draft began.
    pub id: String,
    /// Last changed, ms since the Unix epoch.
    pub updated: u64,
    /// The draft as TOML ([`Draft::text`]).
    pub text: String,
}

impl Kept {
    /// What the list of drafts calls it: its title, or its id, or "Untitled".
    pub fn name(&self) -> String {
        let draft = Draft::from_text(&self.text).ok();
        let field = |key: &str| {
            draft
                .as_ref()
                .map(|d| d.text_at(key))
                .filter(|t| !t.trim().is_empty())
        };
        field("title")
            .or_else(|| field("id"))
            .unwrap_or_else(|| "Untitled pack".to_string())
    }
}

/// Every kept draft, newest first, as stored (JSON). What cannot be read
/// is no drafts, and is never written over: see [`decode_drafts`].
pub fn encode_drafts(drafts: &[Kept]) -> String {
    serde_json::to_string(drafts).unwrap_or_else(|_| "[]".into())
}

/// The kept drafts, or why the stored value cannot be read.
pub fn decode_drafts(stored: Option<&str>) -> Result<Vec<Kept>, String> {
    match stored {
        None => Ok(Vec::new()),
        Some(text) => serde_json::from_str(text).map_err(|e| e.to_string()),
    }
}
