//! About Centralise: what the app is and is not, its version and build
//! date, its licence and the licence of every crate it is compiled from
//! (`docs/licences.txt`, kept current by `tests/licences.rs`).

use leptos::prelude::*;

const LICENCE: &str = include_str!("../../../LICENSE");
const CRATES: &str = include_str!("../../../docs/licences.txt");

#[component]
pub fn AboutPage() -> impl IntoView {
    let crates = CRATES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| view! { <li>{l.to_string()}</li> })
        .collect_view();
    let count = CRATES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .count();
    view! {
        <h1 tabindex="-1">"About Centralise"</h1>
        <section class="card" aria-labelledby="about-what">
            <h2 id="about-what">"What it is"</h2>
            <p>
                "Centralise coaches people with sciatica from an S1 (L5-S1) nerve root problem through the home exercises their physiotherapist gave them: it times each set, asks after every set how far down the leg the symptoms reach, and stops an exercise that sends them further down."
            </p>
            <p>
                <strong>"It does not diagnose"</strong>
                ", and it does not replace your physiotherapist or doctor. If you are worried, contact a health professional. If you have a warning sign, get emergency help."
            </p>
            <p>
                "Everything you record stays on this phone: no account, no server. It leaves only when you export it."
            </p>
        </section>
        <section class="card" aria-labelledby="about-version">
            <h2 id="about-version">"Version"</h2>
            <p>
                {format!(
                    "Version {}, built on {}.",
                    env!("CARGO_PKG_VERSION"),
                    env!("CENTRALISE_BUILD_DATE"),
                )}
            </p>
        </section>
        <section class="card" aria-labelledby="about-licence">
            <h2 id="about-licence">"Licence"</h2>
            <p>
                "Centralise is free software under the MIT licence: any clinic may host it, adapt it and share it, keeping the notice."
            </p>
            <details>
                <summary>"The MIT licence"</summary>
                <pre class="licence">{LICENCE}</pre>
            </details>
            <details>
                <summary>{format!("The {count} crates it is built from, and their licences")}</summary>
                <ul class="crates">{crates}</ul>
            </details>
        </section>
    }
}
