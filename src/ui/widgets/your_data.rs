//! The patient's data: back up, restore, export the sets as CSV or the
//! journal as FHIR, delete all; and the weekly reminder to back up.

use crate::platform::clock;
use crate::platform::modules::{self, Export};
use crate::ui::format;
use crate::ui::state::AppState;
use crate::ui::widgets::RestoreButton;
use leptos::prelude::*;

/// Backup, restore and delete, for the settings page.
#[component]
pub fn YourData() -> impl IntoView {
    let state = expect_context::<AppState>();
    let confirm_delete = RwSignal::new(false);
    let export_failed = RwSignal::new(None::<String>);
    let export = move |what: Export| {
        let unsaved = state.model.with_untracked(|m| m.backup_extras().1);
        leptos::task::spawn_local(async move {
            export_failed.set(modules::export(what, &unsaved).await.err());
        });
    };
    let last = move || match state
        .model
        .with(|m| *m.backups())
        .days_since(clock::now().wall)
    {
        None => "Last backup: never.".to_string(),
        Some(0) => "Last backup: today.".to_string(),
        Some(1) => "Last backup: 1 day ago.".to_string(),
        Some(n) => format!("Last backup: {n} days ago."),
    };
    view! {
        <p class="last-backup">{last}</p>
        <p>
            "A backup is one file with everything you recorded. Keep it somewhere safe, or use it to move to a new phone: restoring adds what is missing and never doubles anything."
        </p>
        <button class="primary" on:click=move |_| state.back_up()>"Back up now"</button>
        <RestoreButton />
        <p>
            "For a spreadsheet or your physiotherapist's records: one row per set, with where your symptoms reached after it."
        </p>
        <button on:click=move |_| export(Export::Csv)>"Export sets as CSV"</button>
        <p>
            "For your physiotherapist's health records system, in FHIR, the standard format for health records: your pain scores, where your symptoms reached, your heel raises and your activity scores."
        </p>
        <button on:click=move |_| export(Export::Fhir)>"Export as FHIR"</button>
        {move || export_failed.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        <Show
            when=move || confirm_delete.get()
            fallback=move || {
                view! {
                    <button class="danger" on:click=move |_| confirm_delete.set(true)>
                        "Delete all data…"
                    </button>
                }
            }
        >
            <div class="question" role="group" aria-labelledby="delete-question">
                <p id="delete-question">
                    "Delete every session, set, check-in and setting from this device? This cannot be undone. Back up first if you may want them later."
                </p>
                <button class="danger" on:click=move |_| state.delete_all()>
                    "Delete all data now"
                </button>
                <button on:click=move |_| confirm_delete.set(false)>"Cancel"</button>
            </div>
        </Show>
    }
}

/// Once a week, while there is no backup from the last seven days.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = expect_context::<AppState>();
    let due = move || state.model.with(|m| m.backup_due(clock::now().wall));
    view! {
        <Show when=due>
            <section class="card reminder" aria-labelledby="backup-reminder">
                <h2 id="backup-reminder">"Back up your journal"</h2>
                <p>
                    {move || {
                        let sets = state.journal(|j| j.sets_count());
                        format!(
                            "{} recorded only on this phone. A backup file keeps them if the phone is lost or the browser's data is cleared.",
                            format::count(sets, "set is", "sets are"),
                        )
                    }}
                </p>
                <button class="primary" on:click=move |_| state.back_up()>"Back up now"</button>
                <button on:click=move |_| state.remind_later()>"Not now"</button>
            </section>
        </Show>
    }
}
