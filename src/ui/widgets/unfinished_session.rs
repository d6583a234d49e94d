//! The way back into a session: resume or finish one the page lost, or
//! return to one still running.

use crate::core::session::{Event, Phase};
use crate::ui::route::Route;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// Offers to resume or finish a session that the page lost, or to return to
/// one still running.
#[component]
pub fn UnfinishedSession() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = move || {
        state.session(|s| {
            let s = s?;
            let done = format!(
                "{}: {} of {} sets done.",
                s.routine_title,
                s.sets_done,
                s.plan.len()
            );
            match s.phase {
                Phase::Finished { .. } => None,
                Phase::Interrupted { .. } => Some((true, done)),
                _ => Some((false, done)),
            }
        })
    };
    move || {
        status().map(|(interrupted, done)| {
            if interrupted {
                view! {
                    <section class="card resume" aria-labelledby="resume-title">
                        <h2 id="resume-title">"You have an unfinished session"</h2>
                        <p>{done} " It continues at the start of the set you were on."</p>
                        <div class="actions">
                            <button
                                class="primary"
                                on:click=move |_| {
                                    state.send(Event::Continue);
                                    Route::Session.go();
                                }
                            >
                                "Resume session"
                            </button>
                            <button on:click=move |_| {
                                state.send(Event::End);
                                Route::Session.go();
                            }>"Finish it here"</button>
                        </div>
                    </section>
                }
                .into_any()
            } else {
                view! {
                    <section class="card resume" aria-labelledby="resume-title">
                        <h2 id="resume-title">"Session in progress"</h2>
                        <p>{done}</p>
                        <a class="button primary" href=Route::Session.href()>
                            "Back to your session"
                        </a>
                    </section>
                }
                .into_any()
            }
        })
    }
}
