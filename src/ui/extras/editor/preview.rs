//! The draft as the patient will see it: the pack's safety note as Home
//! shows it, each routine with its schedule and doses, and each
//! exercise's how-to as Home and the set show it.

use crate::core::pack::Pack;
use crate::ui::format;
use crate::ui::widgets::HowToDisclosure;
use leptos::prelude::*;

#[component]
pub fn Preview(pack: Pack) -> impl IntoView {
    let note = pack.safety_note.clone().map(|n| {
        let whose = format!("From {}’s pack: ", pack.author);
        view! { <p class="safety-note"><strong>{whose}</strong>{n}</p> }
    });
    let routines = pack
        .routines
        .iter()
        .map(|r| {
            let items = r
                .items
                .iter()
                .filter_map(|item| {
                    let e = pack.exercise(&item.exercise)?;
                    Some(view! {
                        <li class="exercise">
                            <h4>{e.name.clone()}</h4>
                            <p class="dose">{format::dose_line(item, e.kind)}</p>
                            <HowToDisclosure exercise=e.clone() />
                        </li>
                    })
                })
                .collect_view();
            view! {
                <section class="card routine">
                    <h3>{r.title.clone()}</h3>
                    {r.summary.clone().map(|s| view! { <p>{s}</p> })}
                    {r.schedule.as_ref().map(|s| view! { <p class="schedule">{format::capitalised(&s.describe())}</p> })}
                    <ol class="exercises">{items}</ol>
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{format!("Preview: {}", pack.title)}</h2>
            <p class="pack-note">{pack.title.clone()} " · " {pack.author.clone()}</p>
            {note}
            {routines}
        </section>
    }
}
