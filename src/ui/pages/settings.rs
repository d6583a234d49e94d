//! Settings: for now, what the app keeps and where.

use crate::core::journal::{Record, SCHEMA_VERSION};
use crate::ui::state::AppState;
use leptos::prelude::*;

#[component]
pub fn Settings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let counts = move || {
        state.journal.with(|j| {
            let count = |f: fn(&Record) -> bool| j.records().iter().filter(|r| f(r)).count();
            (
                count(|r| matches!(r, Record::SessionStarted(_))),
                count(|r| matches!(r, Record::SetCompleted(_))),
                count(|r| matches!(r, Record::CheckIn(_))),
            )
        })
    };
    let pack = state.pack.get_value();
    view! {
        <h1 tabindex="-1">"Settings"</h1>
        <section class="card" aria-labelledby="data-title">
            <h2 id="data-title">"Your data"</h2>
            <p>
                "Everything you record stays on this device, in this browser. Nothing is sent anywhere."
            </p>
            <p class="counts">
                {move || {
                    let (sessions, sets, check_ins) = counts();
                    format!(
                        "Saved so far: {sessions} sessions, {sets} sets, {check_ins} check-ins.",
                    )
                }}
            </p>
            <p>
                "Clearing this site's data in your browser settings deletes it for good."
            </p>
        </section>
        <section class="card" aria-labelledby="about-title">
            <h2 id="about-title">"About"</h2>
            <dl class="about">
                <dt>"App version"</dt>
                <dd>{env!("CARGO_PKG_VERSION")} " (data format " {SCHEMA_VERSION} ")"</dd>
                {pack
                    .map(|p| {
                        view! {
                            <dt>"Exercise pack"</dt>
                            <dd>{format!("{} {}, by {}", p.title, p.version, p.author)}</dd>
                        }
                    })}
            </dl>
            <p>
                "Centralise guides the home exercises your physiotherapist gave you. It does not diagnose. If you are worried, contact a health professional."
            </p>
        </section>
    }
}
