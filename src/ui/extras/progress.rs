//! History's charts: a range to choose, then each chart (drawn by the
//! core, `export::charts`) with its table of the same numbers one tap
//! away. Shared by History and a patient's backup opened read-only.

use crate::core::app::Model;
use crate::core::export::charts;
use crate::core::progress::{Range, progress};
use crate::platform::clock;
use leptos::prelude::*;

#[component]
pub fn Charts(model: Signal<Model, LocalStorage>) -> impl IntoView {
    let range = RwSignal::new(Range::ThreeMonths);
    // Drawn in the next task: History's rows come on screen first, and the
    // page answers taps in between.
    let ready = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        clock::next_task().await;
        ready.set(true);
    });
    let drawn = move || {
        if !ready.get() {
            return view! { <p role="status">"Drawing your charts…"</p> }.into_any();
        }
        let range = range.get();
        let now = clock::now().wall;
        let list = model.with(|m| {
            let days = m.adherence(now, &clock::utc_offset_at, range.days().unwrap_or(u32::MAX));
            charts::charts(&progress(
                m.journal(),
                range,
                now,
                &clock::utc_offset_at,
                &days,
            ))
        });
        list.into_iter()
            .map(|c| {
                let caption = format!("chart-{}", c.id);
                let body = match c.empty {
                    Some(why) => view! { <p class="empty">{why}</p> }.into_any(),
                    None => view! {
                        <div class="chart-box" inner_html=c.svg></div>
                        <details class="chart-table">
                            <summary>"Show the numbers"</summary>
                            <div class="table-scroll" inner_html=c.table></div>
                        </details>
                    }
                    .into_any(),
                };
                view! {
                    <figure class="chart" data-chart=c.id>
                        <figcaption id=caption>{c.title}</figcaption>
                        {body}
                    </figure>
                }
            })
            .collect_view()
            .into_any()
    };
    let choices = Range::ALL
        .into_iter()
        .map(|r| {
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name="chart-range"
                        prop:checked=move || range.get() == r
                        on:change=move |_| range.set(r)
                    />
                    {r.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="card progress" aria-labelledby="progress-title">
            <h2 id="progress-title">"Your progress"</h2>
            <fieldset class="choices range">
                <legend>"Show"</legend>
                {choices}
            </fieldset>
            {drawn}
        </section>
    }
}
