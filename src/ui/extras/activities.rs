//! "Your activities": the Patient-Specific Functional Scale. Up to three
//! everyday activities the back or leg makes hard, in the patient's own
//! words, each scored 0 (unable) to 10 (as before the problem); asked
//! weekly, with last week's activities filled in and "Same as last week"
//! one tap per activity. In the on-demand module; the app records the
//! scores.

use super::ask_app;
use crate::core::app::Request;
use crate::core::journal::{Psfs, PsfsItem};
use crate::core::psfs::{self, MAX_ACTIVITY_CHARS};
use crate::platform::{clock, driver};
use crate::ui::route::Route;
use leptos::prelude::*;

/// One activity being filled in: its words, its score, last week's score.
#[derive(Clone, Copy)]
struct Row {
    activity: RwSignal<String>,
    score: RwSignal<Option<u8>>,
    last: Option<u8>,
}

/// `unsaved`: the app's records not yet stored, as a chunk.
#[component]
pub fn ActivitiesPage(unsaved: Option<String>) -> impl IntoView {
    // Last week's activities, once the journal is read (in steps, so the
    // tap that opened the page paints first).
    let last = RwSignal::new(None::<Option<Psfs>>);
    leptos::task::spawn_local(async move {
        let now = clock::now().wall;
        let model = driver::snapshot(unsaved.as_deref()).await;
        last.try_set(Some(
            model
                .ok()
                .and_then(|m| psfs::latest(m.journal(), now).cloned()),
        ));
    });
    view! {
        <h1 tabindex="-1">"Your activities"</h1>
        {move || match last.get() {
            None => view! { <p role="status">"Reading your records…"</p> }.into_any(),
            Some(last) => view! { <Activities last /> }.into_any(),
        }}
    }
}

/// The form, filled in with `last` week's activities.
#[component]
fn Activities(last: Option<Psfs>) -> impl IntoView {
    let rows: Vec<Row> = (0..Psfs::MAX_ITEMS)
        .map(|i| {
            let before = last.as_ref().and_then(|p| p.items.get(i));
            Row {
                activity: RwSignal::new(before.map(|b| b.activity.clone()).unwrap_or_default()),
                score: RwSignal::new(None),
                last: before.map(|b| b.score),
            }
        })
        .collect();
    let saved = RwSignal::new(false);
    let problem = RwSignal::new(None::<&'static str>);
    let submit = {
        let rows = rows.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let named: Vec<&Row> = rows
                .iter()
                .filter(|r| !r.activity.get_untracked().trim().is_empty())
                .collect();
            if named.is_empty() {
                problem.set(Some("Name at least one activity, then score it."));
                return;
            }
            if named.iter().any(|r| r.score.get_untracked().is_none()) {
                problem.set(Some("Give each activity you named a score from 0 to 10."));
                return;
            }
            problem.set(None);
            let items = named
                .iter()
                .map(|r| PsfsItem {
                    activity: r.activity.get_untracked(),
                    score: r.score.get_untracked().unwrap_or(0),
                })
                .collect();
            ask_app(&Request::Psfs { items });
            saved.set(true);
        }
    };
    view! {
        <Show
            when=move || saved.get()
            fallback=move || {
                view! {
                    <p>
                        "Name up to three everyday activities your back or leg makes hard (for example sitting to drive, or putting on socks), and score how well you can do each today. Your physiotherapist uses the scores to see your progress."
                    </p>
                    <form class="psfs" on:submit=submit.clone() novalidate>
                        {rows
                            .iter()
                            .enumerate()
                            .map(|(i, &row)| view! { <ActivityField n=i + 1 row /> })
                            .collect_view()}
                        <p class="form-error" role="alert">{move || problem.get()}</p>
                        <button type="submit" class="primary">"Save scores"</button>
                    </form>
                }
            }
        >
            <p role="status" class="card">"Saved. Your scores are in your History. We will ask again next week."</p>
            <p>
                <a class="button" href=Route::Home.href()>"Back to Home"</a>
            </p>
        </Show>
    }
}

#[component]
fn ActivityField(n: usize, row: Row) -> impl IntoView {
    let text_id = format!("activity-{n}");
    let score_id = format!("activity-{n}-score");
    let hint_id = format!("activity-{n}-hint");
    let same = row.last.map(|last| {
        view! {
            <button
                type="button"
                on:click=move |_| row.score.set(Some(last))
                aria-pressed=move || (row.score.get() == Some(last)).to_string()
            >
                {format!("Same as last week ({last})")}
            </button>
        }
    });
    view! {
        <fieldset class="activity">
            <legend>{format!("Activity {n}")} {(n > 1).then_some(" (optional)")}</legend>
            <div class="field">
                <label for=text_id.clone()>"What you find hard"</label>
                <input
                    id=text_id
                    type="text"
                    maxlength=MAX_ACTIVITY_CHARS.to_string()
                    prop:value=move || row.activity.get()
                    on:input=move |ev| row.activity.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for=score_id.clone()>"How well you can do it now, 0 to 10"</label>
                <input
                    id=score_id
                    type="number"
                    inputmode="numeric"
                    min="0"
                    max=Psfs::MAX_SCORE.to_string()
                    aria-describedby=hint_id.clone()
                    prop:value=move || row.score.get().map(|s| s.to_string()).unwrap_or_default()
                    on:input=move |ev| {
                        row.score
                            .set(
                                event_target_value(&ev)
                                    .parse::<u8>()
                                    .ok()
                                    .map(|s| s.min(Psfs::MAX_SCORE)),
                            )
                    }
                />
                <p class="hint" id=hint_id>"0: unable to do it. 10: as well as before the problem."</p>
                {same}
            </div>
        </fieldset>
    }
}
