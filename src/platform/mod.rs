//! Browser adapters (wasm32 only): the only place that calls web APIs.
//! Each returns a `Result` or an `Option` and never panics, because storage
//! can be disabled and APIs can be missing.

pub mod clock;
pub mod cues;
pub mod driver;
pub mod files;
pub mod locale;
pub mod locks;
pub mod modules;
pub mod notify;
pub mod storage;
