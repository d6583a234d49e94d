//! "Report for my physiotherapist" (the core's `export::report`, printed
//! with the browser's print: a PDF on a phone), and "Open a patient's
//! backup": a therapist reads a backup file's history, charts and report
//! without it touching the data on this phone.

use super::history::HistoryBody;
use crate::core::app::Model;
use crate::core::export::{backup, report};
use crate::platform::{clock, driver};
use crate::ui::widgets::FileButton;
use leptos::prelude::*;

fn print() {
    let _ = window().print();
}

/// The report of the data on this phone, with the records the app holds
/// unsaved (`unsaved`, a chunk).
#[component]
pub fn ReportPage(unsaved: Option<String>) -> impl IntoView {
    // Read in one go, unlike History: the report's own heading replaces
    // whatever a reading state showed, which would lose the focus.
    match driver::snapshot_now(unsaved.as_deref()) {
        Ok(model) => view! { <Report model=model /> }.into_any(),
        Err(e) => view! {
            <h1 tabindex="-1">"Report for my physiotherapist"</h1>
            <p role="alert">{e}</p>
        }
        .into_any(),
    }
}

#[component]
fn Report(model: Model) -> impl IntoView {
    let body = report::body(&model, clock::now().wall, &clock::utc_offset_at);
    view! {
        <div class="report-actions no-print">
            <button class="primary" on:click=move |_| print()>"Print or save as PDF"</button>
            <a class="button" href="#/history">"Back to History"</a>
        </div>
        <div class="report" inner_html=body></div>
    }
}

/// A patient's backup file, opened in memory only.
#[component]
pub fn PatientBackupPage() -> impl IntoView {
    let opened = RwSignal::new(None::<(String, RwSignal<Model, LocalStorage>)>);
    let failed = RwSignal::new(None::<String>);
    let chosen = Callback::new(move |read: Result<(String, String), String>| {
        let now = clock::now();
        match read.and_then(|(name, text)| {
            Model::open_backup(&text, &name, now, clock::utc_offset_ms())
                .map(|m| (name, RwSignal::new_local(m)))
        }) {
            Ok(o) => {
                failed.set(None);
                opened.set(Some(o));
            }
            Err(e) => failed.set(Some(e)),
        }
    });
    let shown = move || {
        let (name, model) = opened.get()?;
        let body = model.with(|m| report::body(m, clock::now().wall, &clock::utc_offset_at));
        Some(view! {
            <p class="card" role="status">
                {format!("Showing {name}. Nothing from it is saved on this phone.")}
            </p>
            <div class="report-actions no-print">
                <button class="primary" on:click=move |_| print()>"Print or save as PDF"</button>
            </div>
            <div class="report" inner_html=body></div>
            <div class="no-print">
                <HistoryBody model correctable=false />
            </div>
        })
    };
    view! {
        <h1 tabindex="-1">"Open a patient's backup"</h1>
        <p>
            "For a physiotherapist: choose a backup file a patient gave you to see their history, charts and report. It is read here only: nothing on this phone changes, and closing the page forgets it."
        </p>
        <FileButton
            label="Choose a backup file"
            accept=".json,application/json"
            max_bytes=backup::MAX_BYTES
            on_read=chosen
        />
        <p class="form-error" role="alert">{move || failed.get()}</p>
        {shown}
    }
}
