//! The patient's journal: every session, set and check-in, as records with
//! stable ids, and how they are kept in a key-value store (localStorage in
//! the browser, a map in tests).

pub mod codec;
mod id;
mod records;
pub mod sample;
mod store;
mod stored;

pub use id::Part;
pub use records::{
    Acknowledged, CheckInRecord, Corrected, Correction, Journal, Outcome, Psfs, PsfsItem, Record,
    SafetyStop, SessionEnded, SessionStarted, SetCompleted, SetRow, StageAccepted, Text,
    WarningCheck,
};
pub use store::{
    Appender, CHUNK_RECORDS, ChunkError, KeyValue, LoadProblem, Loaded, Loading, MemoryKv,
    SCHEMA_VERSION, STORAGE_UNITS, StoreError, YEAR_OF_RECORDS_UNITS, decode_chunk_into, keys,
    load, quarantine, units, used_units, writers,
};
pub(crate) use stored::need;
