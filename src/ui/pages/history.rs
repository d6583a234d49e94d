//! History: every completed set with its check-in, newest first.

use crate::core::symptoms::Side;
use crate::ui::format;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// Rows shown at first, and added by each "Show older sets".
const PAGE: usize = 50;

#[component]
pub fn History() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Years of sets are tens of thousands of rows: show a page at a time.
    let shown = RwSignal::new(PAGE);
    let total = Memo::new(move |_| state.journal(|j| j.sets_count()));
    let rows = move || {
        state.journal(|j| {
            j.newest_sets(shown.get(), 0)
                .into_iter()
                .map(|row| {
                    let set = row.set;
                    let dose = set.dose.describe(set.kind);
                    let check_in = row.check_in.map(|c| {
                        let a = c.answers;
                        let word = a.mdt.map(
                            |m| view! { <p>"You said: " {m.label().to_ascii_lowercase()} "."</p> },
                        );
                        let note = c
                            .note
                            .clone()
                            .map(|n| view! { <p class="note">"Note: " {n}</p> });
                        view! {
                            <p class="after">
                                {format::leg(&a, Side::Left)} ". " {format::leg(&a, Side::Right)}
                                ". " {format::pain(&a)} "."
                            </p>
                            {word}
                            {note}
                        }
                    });
                    let change = row.change.map(|c| {
                        view! {
                            <p class="badge" data-change=c.label()>
                                {c.label()}
                            </p>
                        }
                    });
                    let flags = [
                        set.stopped_early
                            .then_some("Set stopped early: symptoms spreading."),
                        row.stopped
                            .then_some("Exercise stopped for the rest of that day."),
                    ]
                    .into_iter()
                    .flatten()
                    .map(|f| view! { <p class="flag">{f}</p> })
                    .collect_view();
                    view! {
                        <li class="set-row">
                            <p class="when">
                                <time>{format::date_time(set.at)}</time>
                            </p>
                            <p class="what">
                                <strong>{set.exercise_name.clone()}</strong>
                                {format!(", set {} of {}: {}", set.set, set.of, dose)}
                            </p>
                            {check_in}
                            {change}
                            {flags}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let empty = move || total.get() == 0;
    let more = move || {
        let left = total.get().saturating_sub(shown.get());
        (left > 0).then(|| {
            view! {
                <button on:click=move |_| shown.update(|n| *n += PAGE)>
                    {format!("Show older sets ({left} more)")}
                </button>
            }
        })
    };
    view! {
        <h1 tabindex="-1">"History"</h1>
        <Show
            when=move || !empty()
            fallback=|| {
                view! {
                    <p class="empty">
                        "No sets yet. Each set you complete appears here with how your symptoms changed."
                    </p>
                }
            }
        >
            <ol class="history" aria-label="Completed sets, newest first">
                {rows}
            </ol>
            {more}
        </Show>
    }
}
