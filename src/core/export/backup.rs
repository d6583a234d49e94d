//! The backup file: everything the app keeps, as one JSON document that a
//! person can read, and that restores into any later version.
//!
//! ```json
//! {"format": "centralise-backup", "version": 2, "created_at": 1795000000000,
//!  "settings": {...}, "records": [{"type": "set-completed", ...}, ...],
//!  "packs": [{"pack": {...}, "installed_at": ..., "updated_at": ...}],
//!  "unreadable": {"centralise:quarantine:0": "..."}}
//! ```
//! Version 2 added `packs`, the installed packs (`library::Installed`);
//! version-1 files (without them) restore as before.
//! `records` are the journal's records in the same JSON as the schema-1
//! store (see `journal::Record`), oldest first; `unreadable` holds stored
//! values the app could not read, exactly as found, so that nothing is lost
//! on the way to a new phone. The file the crash screen exports
//! (`"format": "centralise-storage"`, the raw stored values under `items`)
//! restores too.

use crate::core::journal::{self, Journal, KeyValue, LoadProblem, MemoryKv, Record, keys};
use crate::core::library::{Installed, Library};
use crate::core::settings::Settings;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{HashMap, HashSet};

pub const FORMAT: &str = "centralise-backup";
pub const VERSION: u32 = 2;
/// The largest backup file read: three years of heavy use make about
/// 26 MB; anything much larger was not made by the app.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;
/// The crash screen's export: every stored value, raw.
pub const STORAGE_FORMAT: &str = "centralise-storage";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    /// When it was made, ms since the Unix epoch.
    pub created_at: u64,
    pub settings: Settings,
    pub records: Vec<Record>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<Installed>,
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    pub unreadable: HashMap<String, String>,
}

impl Backup {
    pub fn new(
        journal: &Journal,
        settings: &Settings,
        unreadable: HashMap<String, String>,
        now: u64,
    ) -> Self {
        Backup {
            format: FORMAT.into(),
            version: VERSION,
            created_at: now,
            settings: settings.clone(),
            records: journal.records().to_vec(),
            packs: Vec::new(),
            unreadable,
        }
    }

    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The records not yet in `journal`, each once, oldest first.
    pub fn new_records(&self, journal: &Journal) -> Vec<Record> {
        let mut seen = HashSet::new();
        self.records
            .iter()
            .filter(|r| !journal.contains(r.id()) && seen.insert(r.id()))
            .cloned()
            .collect()
    }
}

/// The backup of everything stored in `kv`, with the app's `settings` and
/// the records it could not store yet (`unsaved`, one chunk as the app
/// encodes it).
pub fn of_storage(kv: &mut dyn KeyValue, settings: &str, unsaved: &str, now: u64) -> Backup {
    let loaded = journal::load(kv);
    let mut journal = loaded.journal;
    let mut extra = Vec::new();
    // What cannot be decoded was made by the app a moment ago: never fails.
    let _ = journal::codec::decode_chunk_into(unsaved, &mut extra);
    journal.merge(extra);
    let settings = Settings::decode(settings).unwrap_or_default();
    let unreadable = unreadable_values(kv, &loaded.problems);
    let mut file = Backup::new(&journal, &settings, unreadable, now);
    file.packs = kv
        .get(keys::PACKS)
        .and_then(|l| Library::decode(&l).ok())
        .unwrap_or_default()
        .packs;
    file
}

/// Stored values the app could not read, to put in a backup: quarantined
/// values and log chunks with unreadable parts.
pub fn unreadable_values(kv: &dyn KeyValue, problems: &[LoadProblem]) -> HashMap<String, String> {
    let mut keys: Vec<String> = kv
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(keys::QUARANTINE))
        .collect();
    keys.extend(problems.iter().filter_map(|p| match p {
        LoadProblem::Unreadable { kept_as, .. } => Some(kept_as.clone()),
        LoadProblem::UnreadableRecords { key, .. } => Some(key.clone()),
        LoadProblem::NewerSchema(_) => None,
    }));
    keys.into_iter()
        .filter_map(|k| Some((k.clone(), kv.get(&k)?)))
        .collect()
}

/// Values a backup kept aside go under quarantine keys here too, unless an
/// identical one is already kept there, as long as they fit in `room`
/// code units: how many did not (the backup file itself still holds them).
pub fn keep_aside<'a>(
    kv: &mut dyn KeyValue,
    values: impl Iterator<Item = &'a String>,
    mut room: usize,
) -> usize {
    let mut not_kept = 0;
    let mut kept: Vec<(String, String)> = kv
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(keys::QUARANTINE))
        .filter_map(|k| Some((kv.get(&k)?, k)))
        .collect();
    for value in values {
        if kept.iter().any(|(v, _)| v == value) {
            continue;
        }
        let key = (0..)
            .map(|n| format!("{}{n}", keys::QUARANTINE))
            .find(|k| kept.iter().all(|(_, taken)| taken != k))
            .unwrap_or_default();
        let size = journal::units(&key, value);
        if size <= room && kv.set(&key, value).is_ok() {
            room -= size;
            kept.push((value.clone(), key));
        } else {
            not_kept += 1;
        }
    }
    not_kept
}

/// When the patient last backed up, and was last reminded to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupLog {
    pub last: Option<u64>,
    pub reminded: Option<u64>,
}

const DAY: u64 = 24 * 60 * 60 * 1000;
const WEEK: u64 = 7 * DAY;

impl BackupLog {
    /// Whole days since the last backup, `None` if there has been none.
    pub fn days_since(&self, now: u64) -> Option<u64> {
        self.last.map(|t| now.saturating_sub(t) / DAY)
    }

    /// Remind once a week while there is something to lose and no backup
    /// from the last week.
    pub fn remind(&self, now: u64, has_sets: bool) -> bool {
        let recent = |t: Option<u64>| t.is_some_and(|t| now.saturating_sub(t) < WEEK);
        has_sets && !recent(self.last) && !recent(self.reminded)
    }
}

#[derive(Deserialize)]
struct Envelope {
    format: String,
    version: u32,
}

#[derive(Deserialize)]
struct StorageDump {
    items: HashMap<String, String>,
}

/// Reads a backup file. Errors read `name:line:col: message`.
pub fn parse(text: &str, name: &str) -> Result<Backup, String> {
    let mut reading = Reading::start(text, name)?;
    while !reading.step(usize::MAX)? {}
    Ok(reading.finish())
}

/// What a backup file holds but its records, which [`Reading`] reads one
/// by one: `records` is only checked to be JSON here.
#[derive(Deserialize)]
struct Head<'a> {
    format: String,
    version: u32,
    created_at: u64,
    settings: Settings,
    #[serde(borrow)]
    records: &'a RawValue,
    #[serde(default)]
    packs: Vec<Installed>,
    #[serde(default)]
    unreadable: HashMap<String, String>,
}

/// A backup file being read a part at a time, so that a page reading
/// years of records can hand itself back to the browser between parts.
pub struct Reading<'a> {
    text: &'a str,
    name: &'a str,
    file: Backup,
    /// Where the next record starts in `text`; `None` once all are read.
    next: Option<usize>,
}

impl<'a> Reading<'a> {
    /// Checks what the file is and reads all of it but its records.
    pub fn start(text: &'a str, name: &'a str) -> Result<Reading<'a>, String> {
        // A backup of this app's versions reads as a head at once; only
        // what does not is read again to say what it is.
        match serde_json::from_str::<Head>(text) {
            Ok(head) if head.format == FORMAT && matches!(head.version, 1 | VERSION) => {
                Self::records_of(text, name, head)
            }
            _ => Self::start_other(text, name),
        }
    }

    fn records_of(text: &'a str, name: &'a str, head: Head) -> Result<Reading<'a>, String> {
        let records = head.records.get();
        let start = records.as_ptr() as usize - text.as_ptr() as usize;
        if !records.starts_with('[') {
            return Err(located_at(
                name,
                text,
                start,
                "invalid type, expected a list of records",
            ));
        }
        Ok(Reading {
            text,
            name,
            file: Backup {
                format: head.format,
                version: head.version,
                created_at: head.created_at,
                settings: head.settings,
                records: Vec::new(),
                packs: head.packs,
                unreadable: head.unreadable,
            },
            next: Some(start + 1),
        })
    }

    /// A file that is not a backup of a known version as it should be: a
    /// storage export, a newer or damaged file, or no backup at all.
    fn start_other(text: &'a str, name: &'a str) -> Result<Reading<'a>, String> {
        let at = |e: serde_json::Error| located(name, text, 0, &e);
        let not_backup = || format!("{name}:1:1: this is not a Centralise backup file");
        let envelope: Envelope = serde_json::from_str(text).map_err(|e| {
            if e.is_syntax() || e.is_eof() {
                at(e)
            } else {
                not_backup()
            }
        })?;
        let newer = || {
            format!(
                "{name}:1:1: this backup was made by a newer version of Centralise; update the \
                 app, then restore it"
            )
        };
        let done = |file| Reading {
            text,
            name,
            file,
            next: None,
        };
        match (envelope.format.as_str(), envelope.version) {
            (FORMAT, 1 | VERSION) => {
                let head: Head = serde_json::from_str(text).map_err(at)?;
                Self::records_of(text, name, head)
            }
            (STORAGE_FORMAT, 1) => {
                let dump: StorageDump = serde_json::from_str(text).map_err(at)?;
                Ok(done(from_storage(dump.items).ok_or_else(newer)?))
            }
            (FORMAT, v) if v > VERSION => Err(newer()),
            (STORAGE_FORMAT, v) if v > 1 => Err(newer()),
            (FORMAT | STORAGE_FORMAT, v) => Err(format!(
                "{name}:1:1: this backup's format version {v} does not exist; the file is damaged"
            )),
            _ => Err(not_backup()),
        }
    }

    /// Reads up to `most` more records: whether all are read.
    pub fn step(&mut self, most: usize) -> Result<bool, String> {
        let Some(mut at) = self.next else {
            return Ok(true);
        };
        let text = self.text;
        let skip_blank = |at: usize| {
            at + text[at..]
                .bytes()
                .take_while(u8::is_ascii_whitespace)
                .count()
        };
        at = skip_blank(at);
        if text[at..].starts_with(']') && self.file.records.is_empty() {
            self.next = None;
            return Ok(true);
        }
        for _ in 0..most {
            let mut stream = serde_json::Deserializer::from_str(&text[at..]).into_iter::<Record>();
            match stream.next() {
                Some(Ok(record)) => self.file.records.push(record),
                Some(Err(e)) => return Err(located(self.name, text, at, &e)),
                None => return Err(located_at(self.name, text, at, "the file ends early")),
            }
            at = skip_blank(at + stream.byte_offset());
            match text.as_bytes().get(at) {
                Some(b',') => at = skip_blank(at + 1),
                Some(b']') => {
                    self.next = None;
                    return Ok(true);
                }
                _ => return Err(located_at(self.name, text, at, "expected `,` or `]`")),
            }
        }
        self.next = Some(at);
        Ok(false)
    }

    /// How many records are read so far.
    pub fn records_read(&self) -> usize {
        self.file.records.len()
    }

    pub fn finish(self) -> Backup {
        self.file
    }
}

/// `name:line:col: message` for an error serde_json found in the part of
/// `text` from byte `from` on.
fn located(name: &str, text: &str, from: usize, e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or_default();
    let (line, col) = line_col(text, from);
    let (line, col) = if e.line() <= 1 {
        (line, col + e.column().saturating_sub(1))
    } else {
        (line + e.line() - 1, e.column())
    };
    format!("{name}:{line}:{col}: {message}")
}

fn located_at(name: &str, text: &str, at: usize, message: &str) -> String {
    let (line, col) = line_col(text, at);
    format!("{name}:{line}:{col}: {message}")
}

/// 1-based line and column (in characters) of byte `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..at.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// A raw copy of storage, read the way the app reads its own; `None` when
/// a newer version of the app wrote it (this one cannot read its records).
fn from_storage(items: HashMap<String, String>) -> Option<Backup> {
    let mut kv = MemoryKv {
        map: items
            .into_iter()
            .filter(|(k, _)| k.starts_with(keys::PREFIX))
            .collect(),
        quota: None,
    };
    let loaded = journal::load(&mut kv);
    if loaded
        .problems
        .iter()
        .any(|p| matches!(p, LoadProblem::NewerSchema(_)))
    {
        return None;
    }
    let settings = kv
        .get(keys::SETTINGS)
        .and_then(|s| Settings::decode(&s).ok());
    let mut unreadable = unreadable_values(&kv, &loaded.problems);
    if settings.is_none()
        && let Some(raw) = kv.get(keys::SETTINGS)
    {
        unreadable.insert(keys::SETTINGS.into(), raw);
    }
    let library = kv.get(keys::PACKS).map(|l| Library::decode(&l));
    if let Some(Err(_)) = library
        && let Some(raw) = kv.get(keys::PACKS)
    {
        unreadable.insert(keys::PACKS.into(), raw);
    }
    let mut backup = Backup::new(
        &loaded.journal,
        &settings.unwrap_or_default(),
        unreadable,
        0,
    );
    backup.packs = library.and_then(Result::ok).unwrap_or_default().packs;
    Some(backup)
}
