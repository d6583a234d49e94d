//! The parts of the app that are large and rarely used, built into a wasm
//! module of their own (`src/extras.rs`, the `extras` binary) that the app
//! loads only when one is needed, so none of it is on the first screen:
//! the Packs and "Check a pack" pages (with the TOML parser and printer,
//! share links and QR codes), History with its charts, the report for the
//! physiotherapist, a patient's backup opened read-only, making a backup
//! file and restoring one.
//!
//! The module shares nothing in memory with the app. It reads and writes
//! the same stored values and tells the app with an event, after which the
//! app reads them again; what the patient records here (activity scores, a
//! correction) it asks the app to record ([`RECORD_EVENT`]).

use crate::core::app::Request;

mod about;
mod activities;
mod check;
mod data;
mod editor;
mod history;
mod library;
mod packs;
mod progress;
mod report;

pub use about::AboutPage;
pub use activities::ActivitiesPage;
pub use check::CheckPackPage;
pub use data::{RestoreFromFile, add_to_calendar, back_up, export_csv, export_fhir};
pub use editor::WritePackPage;
use editor::begin as begin_draft;
pub use history::HistoryPage;
pub use library::PacksPage;
pub use packs::Packs;
pub use report::{PatientBackupPage, ReportPage};

/// The library or the pack in use changed: the app reads both again.
pub const PACKS_EVENT: &str = "centralise:packs-changed";
/// A restore added records, settings or packs: the app reads its data
/// again.
pub const DATA_EVENT: &str = "centralise:data-restored";

/// Carries a [`Request`] (JSON, in `detail`) for the app to record.
pub const RECORD_EVENT: &str = "centralise:record";

/// Asks the app to record something: it does at once (the event is
/// handled before this returns), stored as its own records are.
fn ask_app(request: &Request) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&request.encode().into());
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(RECORD_EVENT, &init) {
        let _ = leptos::prelude::window().dispatch_event(&event);
    }
}

fn tell_app(event: &str) {
    if let Ok(event) = web_sys::Event::new(event) {
        let _ = leptos::prelude::window().dispatch_event(&event);
    }
}
