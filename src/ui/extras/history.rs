//! History: how much of each day's plan was done, then every completed
//! set with its check-in and stage, newest first. In the on-demand module:
//! it reads what is stored when it opens (with the records the app still
//! holds in memory, `unsaved`) and again when another tab stores records,
//! and changes nothing.

use super::ask_app;
use super::progress::Charts;
use crate::core::app::{Model, Request};
use crate::core::journal::{Corrected, keys};
use crate::core::plan::wall_time;
use crate::core::symptoms::{Answers, Side};
use crate::platform::{clock, driver};
use crate::ui::format;
use crate::ui::widgets::CheckInForm;
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
    // Reading years of records takes tens of milliseconds: the heading is
    // drawn first and the records are read after it, a few chunks at a
    // time (`driver::snapshot`), so the tap that opened History paints at
    // once and a tap meanwhile is answered. (Waiting for the paint itself,
    // with a resize observer, left a page in the background of a test
    // waiting for ever.)
    let unsaved = StoredValue::new(unsaved);
    let shown = RwSignal::new_local(None::<Result<RwSignal<Model, LocalStorage>, String>>);
    // Reads what is stored, and shows it when done (a read under way when
    // the page is left finds the page gone and stops showing).
    let read = move || {
        leptos::task::spawn_local(async move {
            let u = unsaved.try_get_value().flatten();
            let again = driver::snapshot(u.as_deref()).await;
            match (shown.try_get_untracked().flatten(), again) {
                (Some(Ok(model)), Ok(again)) => {
                    model.try_set(again);
                }
                (_, again) => {
                    shown.try_set(Some(again.map(RwSignal::new_local)));
                }
            }
        });
    };
    read();
    // Another tab's session: read again (its records are stored; this
    // tab's unsaved ones stay in memory as they were).
    let listener = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().is_none_or(|k| k.starts_with(keys::LOG))
            && matches!(shown.get_untracked(), Some(Ok(_)))
        {
            read();
        }
    });
    on_cleanup(move || listener.remove());
    view! {
        <h1 tabindex="-1">"History"</h1>
        <p class="history-links">
            <a class="button" href="#/report">"Report for my physiotherapist"</a>
        </p>
        {move || match shown.get() {
            None => view! { <p role="status">"Reading your records…"</p> }.into_any(),
            Some(Ok(model)) => view! { <HistoryBody model correctable=true /> }.into_any(),
            Some(Err(e)) => view! { <p role="alert">{e}</p> }.into_any(),
        }}
    }
}

/// The plan day by day, the charts, the symptoms logged and every set with
/// its check-in, of `model`: this phone's, or a patient's backup opened to
/// read (`correctable` false: nothing there can be changed).
#[component]
pub fn HistoryBody(model: RwSignal<Model, LocalStorage>, correctable: bool) -> impl IntoView {
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
                    let check_in = row.after().map(|c| {
                        view! { <CheckInText c=Shown::of(&c) model after_set=true correctable /> }
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
        <PlanByDay model />
        <Charts model=model.into() />
        <Logged model correctable />
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

/// The check-ins logged on their own (Home's "Log symptoms"), newest
/// first: a page of them, and more on request.
#[component]
fn Logged(model: RwSignal<Model, LocalStorage>, correctable: bool) -> impl IntoView {
    let shown = RwSignal::new(10usize);
    move || {
        let (items, total) = model.with(|m| {
            let logs = m.journal().symptom_logs();
            let total = logs.len();
            let items = logs
                .into_iter()
                .rev()
                .take(shown.get())
                .map(|c| {
                    view! {
                        <li class="set-row logged">
                            <p class="when">
                                <time>{format::date_time(c.check_in.at)}</time>
                            </p>
                            <CheckInText c=Shown::of(&c) model after_set=false correctable />
                        </li>
                    }
                })
                .collect_view();
            (items, total)
        });
        let more = (total > shown.get()).then(|| {
            view! {
                <button on:click=move |_| shown.update(|n| *n += 10)>
                    {format!("Show older ({} more)", total - shown.get())}
                </button>
            }
        });
        (total > 0).then(|| {
            view! {
                <section class="card" aria-labelledby="logged-title">
                    <h2 id="logged-title">"Symptoms you logged"</h2>
                    <ol class="history">{items}</ol>
                    {more}
                </section>
            }
        })
    }
}

/// A check-in as History shows it, owned (the page redraws from the
/// model): what stands, and what was first entered.
#[derive(Clone)]
struct Shown {
    id: String,
    first: Answers,
    first_note: Option<String>,
    /// `None`: marked as a mistake.
    answers: Option<Answers>,
    note: Option<String>,
    corrected: bool,
}

impl Shown {
    fn of(c: &Corrected) -> Shown {
        Shown {
            id: c.check_in.id.to_string(),
            first: c.check_in.answers,
            first_note: c.check_in.note.clone(),
            answers: c.answers().copied(),
            note: c.note().map(str::to_string),
            corrected: c.correction.is_some(),
        }
    }
}

/// Asks the app to record a correction, then reads the journal again
/// (the app has stored it by then).
fn save_correction(
    model: RwSignal<Model, LocalStorage>,
    check_in: String,
    answers: Option<Answers>,
    note: Option<String>,
    editing: RwSignal<bool>,
    failed: RwSignal<Option<String>>,
) {
    ask_app(&Request::Correct {
        check_in,
        answers,
        note,
    });
    leptos::task::spawn_local(async move {
        match driver::snapshot(None).await {
            Ok(again) => {
                model.try_set(again);
                editing.try_set(false);
            }
            Err(e) => {
                failed.try_set(Some(e));
            }
        }
    });
}

/// A check-in as it stands (corrected, marked), with the way to correct
/// it or mark it as a mistake: a new record each time, the original kept.
#[component]
fn CheckInText(
    c: Shown,
    model: RwSignal<Model, LocalStorage>,
    after_set: bool,
    correctable: bool,
) -> impl IntoView {
    let editing = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let body = match c.answers {
        Some(a) => {
            let word = a
                .mdt
                .map(|m| view! { <p>"You said: " {m.label().to_ascii_lowercase()} "."</p> });
            view! {
                <p class="after">
                    {format::leg(&a, Side::Left)} ". " {format::leg(&a, Side::Right)} ". "
                    {format::pain(&a)} "."
                </p>
                {word}
                {c.note.clone().map(|n| view! { <p class="note">"Note: " {n}</p> })}
            }
            .into_any()
        }
        None => {
            view! { <p class="after mistake">"Marked as a mistake: it counts for nothing."</p> }
                .into_any()
        }
    };
    let mark = c.corrected.then(|| {
        let first = format!(
            "First entered: {}. {}. {}.",
            format::leg(&c.first, Side::Left),
            format::leg(&c.first, Side::Right),
            format::pain(&c.first)
        );
        view! {
            <p class="tag corrected">"Corrected"</p>
            <p class="hint">{first}</p>
        }
    });
    let id = c.id.clone();
    let on_save = Callback::new(move |(answers, note): (Answers, Option<String>)| {
        save_correction(model, id.clone(), Some(answers), note, editing, failed);
    });
    let id = c.id.clone();
    let note = c.note.clone();
    let mistake = move |_| save_correction(model, id.clone(), None, note.clone(), editing, failed);
    let initial = c.answers.unwrap_or(c.first);
    let start_note = if c.corrected {
        c.note.clone()
    } else {
        c.first_note.clone()
    };
    let is_mistake = c.answers.is_none();
    view! {
        {body}
        {mark}
        <Show
            when=move || editing.get()
            fallback=move || {
                correctable
                    .then(|| {
                        view! {
                            <button class="quiet" on:click=move |_| editing.set(true)>
                                "Correct this check-in"
                            </button>
                        }
                    })
            }
        >
            <div class="correction">
                <CheckInForm
                    initial=Some(initial)
                    after_set
                    on_save
                    correcting=start_note.clone()
                />
                {(!is_mistake).then(|| view! {
                    <button on:click=mistake.clone()>"Mark as a mistake"</button>
                })}
                <button class="quiet" on:click=move |_| editing.set(false)>"Cancel"</button>
            </div>
        </Show>
        {move || failed.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
    }
}
