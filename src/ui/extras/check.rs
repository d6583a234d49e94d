//! "Check a pack": for therapists without Rust, the linter in the app.
//! Paste a pack or open its file and see every problem with its line, as
//! `centralise lint` prints them.

use crate::core::pack::{self, Severity};
use crate::ui::route::Route;
use crate::ui::widgets::FileButton;
use leptos::prelude::*;

#[component]
pub fn CheckPackPage() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let name = RwSignal::new("pack.toml".to_string());
    // None: not checked yet; Some(Err): the file could not be read.
    let result = RwSignal::new(None::<Result<Vec<(Severity, String)>, String>>);
    let check = move || {
        let file = name.get_untracked();
        let problems = text.with_untracked(|t| match pack::parse(t) {
            Ok((_, warnings)) => warnings,
            Err(problems) => problems,
        });
        let lines = problems
            .iter()
            .map(|p| (p.severity, p.render(&file)))
            .collect();
        result.set(Some(Ok(lines)));
    };
    let opened = Callback::new(move |read: Result<(String, String), String>| match read {
        Ok((file, content)) => {
            name.set(file);
            text.set(content);
            check();
        }
        Err(e) => result.set(Some(Err(e))),
    });
    let outcome = move || {
        result.get().map(|r| match r {
            Err(e) => view! { <p class="error" role="alert">"The pack could not be read: " {e}</p> }.into_any(),
            Ok(problems) if problems.is_empty() => view! {
                <p class="done" role="status">"No problems: this pack can be installed."</p>
            }
            .into_any(),
            Ok(problems) => {
                // Past the cap, the last line stands for the problems not listed.
                let listed = problems.len().min(pack::MAX_PROBLEMS);
                let errors = problems[..listed].iter().filter(|(s, _)| *s == Severity::Error).count();
                let more = if problems.len() > listed { " or more" } else { "" };
                let any_error = problems.iter().any(|(s, _)| *s == Severity::Error);
                let summary = if errors > 0 {
                    format!("{errors}{more} error(s): this pack cannot be installed until they are fixed.")
                } else if any_error {
                    "Errors among the problems not listed: this pack cannot be installed until they are fixed.".to_string()
                } else {
                    "Only warnings: the pack can be installed, and patients will see them.".to_string()
                };
                let items = problems
                    .into_iter()
                    .map(|(severity, line)| view! { <li class=severity.as_str()><code>{line}</code></li> })
                    .collect_view();
                view! {
                    <div role="status">
                        <p>{summary}</p>
                        <ol class="problems">{items}</ol>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <h1 tabindex="-1">"Check a pack"</h1>
        <p>
            "Paste an exercise pack (TOML) or open its file. Every problem is listed with its line and column, the same as "
            <code>"centralise lint"</code> ". The format is described in the pack README (exercises/README.md)."
        </p>
        <label for="pack-text">"Pack text"</label>
        <textarea
            id="pack-text"
            rows="14"
            spellcheck="false"
            prop:value=move || text.get()
            on:input=move |e| text.set(event_target_value(&e))
        ></textarea>
        <div class="actions">
            <button class="primary" on:click=move |_| check()>"Check"</button>
            <FileButton
                label="Open a pack file"
                accept=".toml,text/plain"
                max_bytes=pack::MAX_BYTES
                on_read=opened
            />
        </div>
        {outcome}
        <p><a href=Route::Packs.href()>"Back to packs"</a></p>
    }
}
