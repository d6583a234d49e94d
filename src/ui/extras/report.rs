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
    // Years of records take a fifth of a second to read and sum up: read
    // after the tap's paint, a few chunks at a time (`driver::snapshot`),
    // as History does. Meanwhile the report's frame, its heading and a
    // status stand where the report will be.
    let shown = RwSignal::new(None::<Result<String, String>>);
    leptos::task::spawn_local(async move {
        let read = match driver::snapshot(unsaved.as_deref()).await {
            Ok(model) => {
                // Summing years up is a task of its own: a tap meanwhile
                // is answered between the two.
                clock::next_task().await;
                Ok(report::body(
                    &model,
                    clock::now().wall,
                    &clock::utc_offset_at,
                ))
            }
            Err(e) => Err(e),
        };
        // The report's own heading (or the error's) takes the place of the
        // one shown while reading: the focus, if it was there, goes with it.
        let focused = document()
            .active_element()
            .is_some_and(|e| e.matches("main h1").unwrap_or(false));
        // A page left meanwhile shows nothing.
        if shown.try_set(Some(read)).is_none() && focused {
            crate::ui::focus_heading();
        }
    });
    view! {
        <div class="report-actions no-print">
            <Show when=move || matches!(shown.get(), Some(Ok(_)))>
                <button class="primary" on:click=move |_| print()>"Print or save as PDF"</button>
            </Show>
            <a class="button" href="#/history">"Back to History"</a>
        </div>
        {move || match shown.get() {
            Some(Ok(body)) => view! { <div class="report" inner_html=body></div> }.into_any(),
            Some(Err(e)) => view! {
                <h1 tabindex="-1">"Report for my physiotherapist"</h1>
                <p role="alert">{e}</p>
            }
            .into_any(),
            None => view! {
                <div class="report">
                    <header>
                        <h1 tabindex="-1">{report::TITLE}</h1>
                        <p role="status">"Reading your records…"</p>
                    </header>
                </div>
            }
            .into_any(),
        }}
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
