//! History: how much of each day's plan was done, then every completed
//! set with its check-in and stage, newest first. In the on-demand module:
//! it reads what is stored when it opens (with the records the app still
//! holds in memory, `unsaved`) and again when another tab stores records,
//! and changes nothing.

use crate::core::app::Model;
use crate::core::journal::keys;
use crate::core::plan::wall_time;
use crate::core::symptoms::Side;
use crate::platform::{clock, driver};
use crate::ui::format;
use leptos::prelude::*;

/// Rows shown at first, and added by each "Show older sets".
const PAGE: usize = 50;

/// Days of the plan shown.
const PLAN_DAYS: u32 = 14;

/// A session's sets all start within this long of it (an unfinished
/// session is closed after six hours).
const SESSION_SPAN_MS: u64 = 24 * 60 * 60 * 1000;

/// `unsaved`: the app's records not yet stored, as a chunk.
#[component]
pub fn HistoryPage(unsaved: Option<String>) -> impl IntoView {
    let model = match driver::snapshot(unsaved.as_deref()) {
        Ok(model) => RwSignal::new_local(model),
        Err(e) => {
            return view! {
                <h1 tabindex="-1">"History"</h1>
                <p role="alert">{e}</p>
            }
            .into_any();
        }
    };
    // Another tab's session: read again (its records are stored; this
    // tab's unsaved ones stay in memory as they were).
    let listener = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().is_none_or(|k| k.starts_with(keys::LOG))
            && let Ok(again) = driver::snapshot(unsaved.as_deref())
        {
            model.set(again);
        }
    });
    on_cleanup(move || listener.remove());
    // Years of sets are tens of thousands of rows: show a page at a time.
    let shown = RwSignal::new(PAGE);
    let total = Memo::new(move |_| model.with(|m| m.journal().sets_count()));
    let rows = move || {
        let shown = shown.get();
        model.with(|m| {
            let rows = m.journal().newest_sets(shown, 0);
            let oldest = rows.last().map_or(0, |r| r.set.started_at);
            let stages = m.session_stages(oldest.saturating_sub(SESSION_SPAN_MS));
            rows.into_iter()
                .map(|row| {
                    let stage = stages
                        .get(&*row.set.session)
                        .map(|n| view! { <span class="tag">{format!(" · stage {n}")}</span> });
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
                                {stage}
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
        <PlanByDay model />
        <Show
            when=move || total.get() != 0
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
    .into_any()
}

/// Sessions done against sessions planned, for each of the last two weeks'
/// days: no streaks, and doing more than planned does not make up a day.
#[component]
fn PlanByDay(model: RwSignal<Model, LocalStorage>) -> impl IntoView {
    move || {
        let now = clock::now().wall;
        let days = model.with(|m| m.adherence(now, &clock::utc_offset_at, PLAN_DAYS));
        (!days.is_empty()).then(|| {
            let items = days
                .into_iter()
                .map(|d| {
                    let noon = wall_time(d.day, 12 * 60, &clock::utc_offset_at);
                    let words = match (d.planned, d.stopped) {
                        (0, true) => "stopped by a safety rule".to_string(),
                        (0, false) => "nothing planned".to_string(),
                        (planned, stopped) => format!(
                            "{} of {planned} done{}",
                            d.done,
                            if stopped {
                                ", one exercise stopped by a safety rule"
                            } else {
                                ""
                            }
                        ),
                    };
                    view! {
                        <li>
                            <span class="day">{format::day(noon)}</span>
                            " "
                            <span>{words}</span>
                            <progress
                                aria-hidden="true"
                                max=d.planned.max(1).to_string()
                                value=d.done.to_string()
                            ></progress>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card plan-by-day" aria-labelledby="plan-by-day">
                    <h2 id="plan-by-day">"Your plan, day by day"</h2>
                    <ol class="adherence">{items}</ol>
                </section>
            }
        })
    }
}
