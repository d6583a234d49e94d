//! The S1 strength self-check: the method, the counts per side, whether
//! toe-walking works, the trend, and an alert only on DOMAIN.md's rules.
//! A self-check, not a diagnosis: no pass mark is shown.

use crate::core::self_check::{STOP_IF, alerts, history};
use crate::core::symptoms::Side;
use crate::ui::format;
use crate::ui::state::AppState;
use crate::ui::widgets::Choices;
use leptos::prelude::*;

#[component]
pub fn SelfCheckPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let counts = [RwSignal::new(None::<u32>), RwSignal::new(None::<u32>)];
    let toe_walk = [RwSignal::new(None::<bool>), RwSignal::new(None::<bool>)];
    let problem = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (
            counts[0].get_untracked(),
            counts[1].get_untracked(),
            toe_walk[0].get_untracked(),
            toe_walk[1].get_untracked(),
        ) {
            (Some(l), Some(r), Some(tl), Some(tr)) => {
                problem.set(false);
                state.record_self_check(l, r, tl, tr);
            }
            _ => problem.set(true),
        }
    };
    let fields = Side::BOTH
        .into_iter()
        .enumerate()
        .map(|(i, side)| {
            let id = format!("raises-{}", side.label().to_ascii_lowercase());
            let label_for = id.clone();
            let count = counts[i];
            view! {
                <div class="field">
                    <label for=label_for>{side.label()} ": heel raises"</label>
                    <input
                        id=id
                        type="number"
                        inputmode="numeric"
                        min="0"
                        max="200"
                        prop:value=move || count.get().map(|c| c.to_string()).unwrap_or_default()
                        on:input=move |ev| count.set(event_target_value(&ev).parse().ok())
                    />
                </div>
                <Choices
                    name=format!("toe-walk-{}", side.label().to_ascii_lowercase())
                    legend=format!("Can you walk on your toes on the {} side?", side.label().to_ascii_lowercase())
                    options=vec![(true, "Yes"), (false, "No")]
                    choice=toe_walk[i]
                />
            }
        })
        .collect_view();
    let results = move || {
        state.journal(|j| {
            let tests = history(j);
            let affected = state.settings(|s| s.affected_leg);
            let alerts = alerts(&tests, affected)
                .into_iter()
                .map(|a| {
                    let class = if a.is_urgent() { "flag urgent" } else { "flag" };
                    view! { <p class=class>{a.message()}</p> }
                })
                .collect_view();
            let rows = tests
                .iter()
                .rev()
                .map(|t| {
                    let toes = |ok: bool| if ok { "yes" } else { "no" };
                    view! {
                        <li>
                            <time>{format::date_time(t.at)}</time>
                            {format!(
                                ": left {}, right {}. Toe-walking: left {}, right {}.",
                                t.left,
                                t.right,
                                toes(t.toe_walk_left),
                                toes(t.toe_walk_right),
                            )}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div role="status">{alerts}</div>
                <ol class="history" aria-label="Your self-checks, newest first">{rows}</ol>
            }
        })
    };
    view! {
        <h1 tabindex="-1">"Strength self-check"</h1>
        <p class="safety-note">
            "A self-check for your physiotherapist, not a diagnosis. There is no pass mark: the app compares you only with your own first tests."
        </p>
        <section class="card" aria-labelledby="method-title">
            <h2 id="method-title">"How to do it"</h2>
            <ol class="steps">
                <li>"Stand barefoot on one leg, knee straight, fingertips on a wall for balance only."</li>
                <li>"Rise onto your toes as high as you can, then lower, at a steady pace."</li>
                <li>"Count until you can no longer rise as high or keep the pace. Then the other side."</li>
                <li>"Then try walking on your toes for a few steps."</li>
            </ol>
            <p class="safety-note">{STOP_IF}</p>
        </section>
        <form class="check-in card" on:submit=submit novalidate>
            {fields}
            <p class="form-error" role="alert">
                {move || problem.get().then_some("Fill in both counts and both toe-walking answers.")}
            </p>
            <button type="submit" class="primary">"Save self-check"</button>
        </form>
        {results}
    }
}
