//! How the journal lives in a key-value store.
//!
//! Layout (schema 1), all keys prefixed `centralise:`:
//! - `schema`: the schema version, written before the first record.
//! - `log:{writer}:{chunk}`: records as JSON lines. Each page load is its
//!   own writer, so two tabs never write the same key, and a chunk holds at
//!   most [`CHUNK_RECORDS`] records, so an append rewrites one small value,
//!   never the history.
//! - `session`: the session in progress, replaced at every transition.
//! - `settings`: the patient's settings (JSON).
//! - `quarantine:{n}`: values that could not be read, moved aside intact.

use super::records::{Journal, Record};
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

/// Records per chunk: small enough that appending (which rewrites the
/// chunk) stays cheap, large enough that keys add little overhead.
pub const CHUNK_RECORDS: usize = 32;

pub mod keys {
    pub const SCHEMA: &str = "centralise:schema";
    pub const LOG: &str = "centralise:log:";
    pub const SESSION: &str = "centralise:session";
    pub const SETTINGS: &str = "centralise:settings";
    pub const QUARANTINE: &str = "centralise:quarantine:";
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage quota is used up.
    Full,
    /// Storage is missing, disabled or failed for another reason.
    Unavailable(String),
}

/// The little the journal needs from a store. The browser adapter wraps
/// localStorage; [`MemoryKv`] serves the tests.
pub trait KeyValue {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
}

/// An in-memory store, optionally with a quota in UTF-16 code units (the
/// unit browsers count).
#[derive(Clone, Debug, Default)]
pub struct MemoryKv {
    pub map: BTreeMap<String, String>,
    pub quota: Option<usize>,
}

impl MemoryKv {
    fn used_without(&self, key: &str) -> usize {
        self.map
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum()
    }
}

impl KeyValue for MemoryKv {
    fn get(&self, key: &str) -> Option<String> {
        self.map.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(quota) = self.quota {
            let size = key.encode_utf16().count() + value.encode_utf16().count();
            if self.used_without(key) + size > quota {
                return Err(StoreError::Full);
            }
        }
        self.map.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        self.map.remove(key);
    }

    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}

/// Something found while loading that the patient should hear about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadProblem {
    /// The data was written by a newer version of the app; it is left
    /// untouched and nothing is written beside it.
    NewerSchema(String),
    /// A stored value could not be read; it was moved to `kept_as`.
    Unreadable { key: String, kept_as: String },
    /// Some lines of a log chunk could not be read; the chunk is left as it
    /// is (its writer may still be appending to it).
    UnreadableRecords { key: String, count: usize },
}

/// What `load` found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub journal: Journal,
    /// The stored session in progress, as its raw JSON, for the session
    /// module to decode.
    pub session: Option<String>,
    pub problems: Vec<LoadProblem>,
    /// False when the data belongs to a newer version: the app must not add
    /// to it.
    pub writable: bool,
}

/// Reads the whole journal. Never writes, except to move an unreadable
/// value aside so that it cannot be overwritten later.
pub fn load(kv: &mut impl KeyValue) -> Loaded {
    let mut loaded = Loaded {
        writable: true,
        ..Loaded::default()
    };
    if let Some(v) = kv.get(keys::SCHEMA)
        && v.trim() != SCHEMA_VERSION.to_string()
    {
        loaded.problems.push(LoadProblem::NewerSchema(v));
        loaded.writable = false;
        return loaded;
    }
    let mut records = Vec::new();
    for key in kv.keys().into_iter().filter(|k| k.starts_with(keys::LOG)) {
        let Some(text) = kv.get(&key) else { continue };
        let mut bad = 0;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            match serde_json::from_str::<Record>(line) {
                Ok(r) => records.push(r),
                Err(_) => bad += 1,
            }
        }
        if bad > 0 {
            let problem = LoadProblem::UnreadableRecords { key, count: bad };
            loaded.problems.push(problem);
        }
    }
    loaded.journal = Journal::from_records(records);
    loaded.session = kv.get(keys::SESSION);
    loaded
}

/// Moves a value the app could not read to a quarantine key of its own.
pub fn quarantine(kv: &mut impl KeyValue, key: &str) -> Option<LoadProblem> {
    let value = kv.get(key)?;
    let taken: Vec<String> = kv.keys();
    let n = (0..)
        .find(|n| !taken.contains(&format!("{}{n}", keys::QUARANTINE)))
        .unwrap_or(0);
    let kept_as = format!("{}{n}", keys::QUARANTINE);
    kv.set(&kept_as, &value).ok()?;
    kv.remove(key);
    Some(LoadProblem::Unreadable {
        key: key.to_owned(),
        kept_as,
    })
}

/// Appends records for one writer (one page load).
#[derive(Clone, Debug)]
pub struct Appender {
    writer: String,
    chunk: u32,
    lines: usize,
    text: String,
    schema_written: bool,
}

impl Appender {
    /// `writer` must be unique to this page load (random), so that no two
    /// tabs ever append to the same chunk.
    pub fn new(writer: impl Into<String>) -> Self {
        Self {
            writer: writer.into(),
            chunk: 0,
            lines: 0,
            text: String::new(),
            schema_written: false,
        }
    }

    /// Writes one record now. On error nothing changes here, so the caller
    /// can keep the record and try again.
    pub fn append(&mut self, kv: &mut impl KeyValue, record: &Record) -> Result<(), StoreError> {
        if !self.schema_written {
            kv.set(keys::SCHEMA, &SCHEMA_VERSION.to_string())?;
            self.schema_written = true;
        }
        let line =
            serde_json::to_string(record).map_err(|e| StoreError::Unavailable(e.to_string()))?;
        let full = self.lines >= CHUNK_RECORDS;
        let mut next = if full {
            String::new()
        } else {
            self.text.clone()
        };
        next.push_str(&line);
        next.push('\n');
        let chunk = self.chunk + u32::from(full);
        let key = format!("{}{}:{chunk}", keys::LOG, self.writer);
        kv.set(&key, &next)?;
        self.chunk = chunk;
        self.lines = if full { 1 } else { self.lines + 1 };
        self.text = next;
        Ok(())
    }
}
