//! How the journal lives in a key-value store.
//!
//! Layout (schema 2), all keys prefixed `centralise:`:
//! - `schema`: the schema version, written before the first record.
//! - `log:{writer}:{chunk}`: records. A writer is one tab at a time (a new
//!   page takes over a writer whose page is gone, see [`Appender::resume`]),
//!   so two tabs never write the same key, and a chunk holds at most
//!   [`CHUNK_RECORDS`] records, so an append rewrites one small value, never
//!   the history. Schema-2 chunks use the compact encoding of
//!   [`super::codec`]; chunks written by schema 1 (JSON lines) are read as
//!   they are and never rewritten, which is the whole migration from 1 to 2.
//! - `session`: the session in progress, replaced at every transition (JSON).
//! - `settings`: the patient's settings (JSON).
//! - `backup`: when the last backup was made (JSON).
//! - `quarantine:{n}`: values that could not be read, moved aside intact.

use super::codec::{self, MARKER};
use super::records::{Journal, Record};
use std::collections::HashMap;

pub const SCHEMA_VERSION: u32 = 2;

/// Records per chunk: small enough that appending (which rewrites the
/// chunk) stays cheap and a damaged value holds little, large enough that
/// keys and the per-chunk string table add little.
pub const CHUNK_RECORDS: usize = 128;

pub mod keys {
    pub const PREFIX: &str = "centralise:";
    pub const SCHEMA: &str = "centralise:schema";
    pub const LOG: &str = "centralise:log:";
    pub const SESSION: &str = "centralise:session";
    pub const SETTINGS: &str = "centralise:settings";
    pub const BACKUP: &str = "centralise:backup";
    /// The packs the patient installed (`core::library::Library`, JSON).
    pub const PACKS: &str = "centralise:packs";
    /// Packs being written in the editor (`core::pack::draft::Kept`, JSON).
    pub const DRAFTS: &str = "centralise:drafts";
    pub const QUARANTINE: &str = "centralise:quarantine:";
}

/// What a browser gives a site's local storage, at least, in UTF-16 code
/// units (the unit browsers count).
pub const STORAGE_UNITS: usize = 5_000_000;

/// Room a year of heavy use takes (`scripts/bench`: three years fit in
/// about 805,000 code units), which values the app only keeps for the
/// patient's sake (unreadable values, raw storage from a backup) must
/// leave free for the patient's own records.
pub const YEAR_OF_RECORDS_UNITS: usize = 300_000;

/// A stored value's size as browsers count it.
pub fn units(key: &str, value: &str) -> usize {
    key.encode_utf16().count() + value.encode_utf16().count()
}

/// What everything in `kv` takes.
pub fn used_units(kv: &dyn KeyValue) -> usize {
    kv.keys()
        .iter()
        .filter_map(|k| Some(units(k, &kv.get(k)?)))
        .sum()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage quota is used up.
    Full,
    /// Storage is missing, disabled or failed for another reason.
    Unavailable(String),
}

/// The little the journal needs from a store. The browser adapter wraps
/// localStorage; [`MemoryKv`] serves the tests and reads a raw copy of
/// storage being restored. The journal takes it as `dyn KeyValue`, so the
/// app carries one copy of the code for both.
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
    pub map: HashMap<String, String>,
    pub quota: Option<usize>,
}

impl MemoryKv {
    fn used_without(&self, key: &str) -> usize {
        self.map
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| units(k, v))
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
    /// A stored value could not be read; it was moved to `kept_as` (or left
    /// where it was, `kept_as == key`, when storage had no room to move it).
    Unreadable { key: String, kept_as: String },
    /// Some lines of a schema-1 chunk could not be read; the chunk is left
    /// as it is (an old tab may still be appending to it).
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

/// Why a chunk did not read whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChunkError {
    /// Nothing could be trusted: a schema-2 chunk that fails its checksum
    /// or its layout, or a value of no known shape. Nothing was added.
    Unreadable,
    /// This many lines of a schema-1 chunk could not be read; the others
    /// were added.
    Lines(usize),
}

/// Appends the records of one chunk value, schema 1 (JSON lines) or 2.
pub fn decode_chunk_into(text: &str, out: &mut Vec<Record>) -> Result<(), ChunkError> {
    if !text.starts_with('{') {
        return codec::decode_chunk_into(text, out).map_err(|_| ChunkError::Unreadable);
    }
    let mut bad = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match serde_json::from_str::<Record>(line) {
            Ok(r) => out.push(r),
            Err(_) => bad += 1,
        }
    }
    match bad {
        0 => Ok(()),
        n => Err(ChunkError::Lines(n)),
    }
}

/// Reads the whole journal. Never writes, except to move an unreadable
/// value aside so that it cannot be overwritten later. The journal is not
/// settled yet ([`Journal::from_stored`]): the app's first screen does not
/// wait for that.
pub fn load(kv: &mut dyn KeyValue) -> Loaded {
    let mut loading = Loading::begin(kv);
    loading.step(kv, usize::MAX);
    loading.finish(kv)
}

/// A [`load`] done a few chunks at a time, for a page that reads what is
/// stored while the patient may be tapping (History): the browser gets the
/// page back between steps. A chunk another tab writes meanwhile may be
/// missed; that tab's storage event tells the page to read again.
#[derive(Debug)]
pub struct Loading {
    loaded: Loaded,
    /// The chunks' keys, in the order their records are read.
    chunks: Vec<String>,
    next: usize,
    records: Vec<Record>,
}

impl Loading {
    /// Checks the schema and lists the chunks; reads none of them yet.
    pub fn begin(kv: &mut dyn KeyValue) -> Loading {
        let mut loading = Loading {
            loaded: Loaded {
                writable: true,
                ..Loaded::default()
            },
            chunks: Vec::new(),
            next: 0,
            records: Vec::new(),
        };
        if let Some(v) = kv.get(keys::SCHEMA) {
            match v.trim().parse::<u32>() {
                Ok(n) if n <= SCHEMA_VERSION => {}
                Ok(_) => {
                    loading.loaded.problems.push(LoadProblem::NewerSchema(v));
                    loading.loaded.writable = false;
                    return loading;
                }
                // Not a version at all: damaged. Every chunk says what it is,
                // so the rest can still be read; the value is kept aside.
                Err(_) => loading.loaded.problems.push(quarantine(kv, keys::SCHEMA)),
            }
        }
        let logs: Vec<String> = kv
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(keys::LOG))
            .collect();
        // Each writer's chunks in number order, so that the records arrive
        // nearly in time order and need next to no sorting. Sorted as
        // (writer's number, chunk) pairs: the same sort as the journal's, so
        // the app carries one sort's code, not two.
        let mut writers: HashMap<&str, u64> = HashMap::new();
        let mut order: Vec<(u64, usize)> = logs
            .iter()
            .enumerate()
            .map(|(i, key)| {
                let (writer, n) = key[keys::LOG.len()..].rsplit_once(':').unwrap_or((key, ""));
                let next = writers.len() as u64;
                let w = *writers.entry(writer).or_insert(next);
                ((w << 32) | u64::from(n.parse().unwrap_or(u32::MAX)), i)
            })
            .collect();
        order.sort_unstable();
        loading.chunks = order.into_iter().map(|(_, i)| logs[i].clone()).collect();
        loading
    }

    /// Reads up to `chunks` more chunks: whether any are left.
    pub fn step(&mut self, kv: &mut dyn KeyValue, chunks: usize) -> bool {
        let end = self.next.saturating_add(chunks).min(self.chunks.len());
        let texts: Vec<(String, &String)> = self.chunks[self.next..end]
            .iter()
            .filter_map(|key| Some((kv.get(key)?, key)))
            .collect();
        // Years of records are about a hundred thousand small allocations.
        // Taking the memory they will need in one step first spares the
        // allocator growing the heap (in wasm, a call out of the module)
        // hundreds of times, and sizing the list spares copying it as it
        // grows.
        let chars: usize = texts.iter().map(|(t, _)| t.len() / 3).sum();
        drop(Vec::<u8>::with_capacity(chars * 24));
        self.records.reserve(chars / 6);
        for (text, key) in texts {
            match decode_chunk_into(&text, &mut self.records) {
                Ok(()) => {}
                Err(ChunkError::Unreadable) => self.loaded.problems.push(quarantine(kv, key)),
                Err(ChunkError::Lines(count)) => {
                    self.loaded.problems.push(LoadProblem::UnreadableRecords {
                        key: key.clone(),
                        count,
                    });
                }
            }
        }
        self.next = end;
        end < self.chunks.len()
    }

    /// The journal of the chunks read, and the stored session.
    pub fn finish(mut self, kv: &mut dyn KeyValue) -> Loaded {
        self.loaded.journal = Journal::from_stored(self.records);
        if self.loaded.writable {
            self.loaded.session = kv.get(keys::SESSION);
        }
        self.loaded
    }
}

/// Moves a value the app could not read to a quarantine key of its own.
/// When storage is too full to copy it, it stays where it is: it is never
/// dropped.
pub fn quarantine(kv: &mut dyn KeyValue, key: &str) -> LoadProblem {
    let unmoved = LoadProblem::Unreadable {
        key: key.to_owned(),
        kept_as: key.to_owned(),
    };
    let Some(value) = kv.get(key) else {
        return unmoved;
    };
    let kept_as = (0..)
        .map(|n| format!("{}{n}", keys::QUARANTINE))
        .find(|k| kv.get(k).is_none())
        .unwrap_or_default();
    if kv.set(&kept_as, &value).is_err() {
        return unmoved;
    }
    kv.remove(key);
    LoadProblem::Unreadable {
        key: key.to_owned(),
        kept_as,
    }
}

/// The writers whose last chunk is schema 2, for a new page to take over
/// one whose page is gone instead of starting a new chunk every time.
pub fn writers(kv: &dyn KeyValue) -> Vec<String> {
    last_chunks(kv)
        .into_iter()
        .filter(|(w, n)| {
            kv.get(&chunk_key(w, *n))
                .is_some_and(|t| t.starts_with(MARKER))
        })
        .map(|(w, _)| w)
        .collect()
}

fn chunk_key(writer: &str, chunk: u32) -> String {
    format!("{}{writer}:{chunk}", keys::LOG)
}

/// Each writer's highest chunk number.
fn last_chunks(kv: &dyn KeyValue) -> HashMap<String, u32> {
    let mut last = HashMap::new();
    for key in kv.keys() {
        let Some((writer, n)) = key.strip_prefix(keys::LOG).and_then(|k| k.rsplit_once(':')) else {
            continue;
        };
        if let Ok(n) = n.parse::<u32>() {
            let max = last.entry(writer.to_owned()).or_insert(n);
            *max = n.max(*max);
        }
    }
    last
}

/// Appends records for one writer.
#[derive(Clone, Debug)]
pub struct Appender {
    writer: String,
    chunk: u32,
    /// The records of the current chunk, re-encoded at each append.
    records: Vec<Record>,
    schema_written: bool,
}

impl Appender {
    /// A new writer: `writer` must be unique (random), so that no two tabs
    /// ever append to the same chunk.
    pub fn new(writer: impl Into<String>) -> Self {
        Self {
            writer: writer.into(),
            chunk: 0,
            records: Vec::new(),
            schema_written: false,
        }
    }

    /// Takes over a writer whose page is gone (the caller makes sure no
    /// live page writes to it): continues its last chunk if that is readable
    /// and has room, else starts the next one. Never rewrites what it could
    /// not read: `None` when the writer has no next chunk number (a chunk
    /// numbered `u32::MAX`, which only damage or a hostile copy makes).
    pub fn resume(kv: &dyn KeyValue, writer: &str) -> Option<Self> {
        let mut appender = Self::new(writer);
        if let Some(&n) = last_chunks(kv).get(writer) {
            let text = kv.get(&chunk_key(writer, n)).unwrap_or_default();
            match codec::decode_chunk(&text) {
                Ok(records) if records.len() < CHUNK_RECORDS => {
                    appender.chunk = n;
                    appender.records = records;
                }
                _ => appender.chunk = n.checked_add(1)?,
            }
        }
        Some(appender)
    }

    pub fn writer(&self) -> &str {
        &self.writer
    }

    /// Nothing written yet by this page.
    pub fn is_fresh(&self) -> bool {
        !self.schema_written
    }

    /// Writes one record now. On error nothing changes here, so the caller
    /// can keep the record and try again.
    pub fn append(&mut self, kv: &mut dyn KeyValue, record: &Record) -> Result<(), StoreError> {
        self.append_some(kv, std::slice::from_ref(record))
            .map(|_| ())
    }

    /// Writes the first of `records` that fit in the current chunk (or the
    /// next, when it is full) with one store, and says how many: a restore
    /// of years of records rewrites each chunk once, not once per record.
    /// On error nothing changes here.
    pub fn append_some(
        &mut self,
        kv: &mut dyn KeyValue,
        records: &[Record],
    ) -> Result<usize, StoreError> {
        if records.is_empty() {
            return Ok(0);
        }
        if !self.schema_written {
            kv.set(keys::SCHEMA, &SCHEMA_VERSION.to_string())?;
            self.schema_written = true;
        }
        let full = self.records.len() >= CHUNK_RECORDS;
        let chunk = self.chunk.checked_add(u32::from(full)).ok_or_else(|| {
            StoreError::Unavailable("this page has written all the chunks it can".into())
        })?;
        let mut next = if full {
            Vec::new()
        } else {
            self.records.clone()
        };
        let taken = records.len().min(CHUNK_RECORDS - next.len());
        next.extend_from_slice(&records[..taken]);
        kv.set(&chunk_key(&self.writer, chunk), &codec::encode_chunk(&next))?;
        self.chunk = chunk;
        self.records = next;
        Ok(taken)
    }
}
