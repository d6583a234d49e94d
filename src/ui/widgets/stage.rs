//! Where the pack in use stands in its progression (DOMAIN.md "Progression
//! is by response"): the stage in force and why, and the next stage when
//! the core offers it, for the patient to accept or put off.

use crate::core::app::Input;
use crate::core::progression::{self, LATER, Why};
use crate::platform::clock;
use crate::ui::format;
use crate::ui::state::AppState;
use leptos::prelude::*;

#[component]
pub fn Stage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let view_of = move || {
        state.now.track();
        let now = clock::now().wall;
        state.model.with(|m| {
            let view = m.stage(now, &clock::utc_offset_at)?;
            let title = m
                .pack()
                .and_then(|p| progression::stage(p, view.step.stage))
                .map(|s| s.title.clone());
            (view.top > 1).then_some((view, title))
        })
    };
    move || {
        view_of().map(|(view, title)| {
            let n = view.step.stage;
            let why = match view.step.why {
                Why::Start => "Your pack's starting doses.".to_string(),
                Why::Accepted => match title {
                    Some(title) => format!("Since {}: {title}.", format::day(view.step.at)),
                    None => format!(
                        "Your pack's starting doses, since {}.",
                        format::day(view.step.at)
                    ),
                },
                Why::SteppedBack { exercise, change } => format!(
                    "Back to stage {n} since {}: {exercise} was {} at stage {}. Stage {} is offered again after 7 days without that.",
                    format::day(view.step.at),
                    change.label().to_ascii_lowercase(),
                    n + 1,
                    n + 1
                ),
            };
            let offer = view.offer.map(|o| {
                let next = o.stage;
                let changes = o
                    .changes
                    .into_iter()
                    .map(|c| view! { <li>{c}</li> })
                    .collect_view();
                view! {
                    <div class="offer" role="group" aria-labelledby="offer-title">
                        <h3 id="offer-title">{format!("Stage {next} from this week")}</h3>
                        <p>{o.title}</p>
                        <ul>{changes}</ul>
                        <p class="hint">
                            "No set moved your symptoms down your leg or made them worse in the last 7 days. Move up when you feel ready; if a set does, the app steps back a stage."
                        </p>
                        <button
                            class="primary"
                            on:click=move |_| state.accept_stage(next)
                        >
                            {format!("Move up to stage {next}")}
                        </button>
                        <button on:click=move |_| state.acknowledge(LATER)>"Ask me next week"</button>
                    </div>
                }
            });
            view! {
                <section class="card stage" aria-labelledby="stage-title">
                    <h2 id="stage-title">{format!("Stage {n} of {}", view.top)}</h2>
                    <p class="why">{why}</p>
                    {offer}
                    {(n > 1).then(|| view! {
                        <button on:click=move |_| state.input(Input::StageDown)>
                            {format!("Go back to stage {}", n - 1)}
                        </button>
                    })}
                </section>
            }
        })
    }
}
