//! The pure core: packs, sessions, symptoms and the journal. Time is always
//! an argument; nothing here reads a clock or touches storage.

pub mod app;
pub mod bundled;
pub mod export;
pub mod gate;
pub mod journal;
pub mod library;
pub mod link;
pub mod pack;
pub mod plan;
pub mod progress;
pub mod progression;
pub mod psfs;
pub mod qr;
pub mod red_flags;
pub mod safety;
pub mod self_check;
pub mod session;
pub mod settings;
pub mod symptoms;
pub mod time;
