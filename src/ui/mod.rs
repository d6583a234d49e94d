//! The Leptos UI (wasm32 only): renders core state and sends the person's
//! intent back as events. Decisions live in `core`.

mod app;
pub mod extras;
mod format;
mod pages;
mod route;
mod state;
mod widgets;

use crate::core::app::Model;
pub(crate) use app::focus_heading;
use app::{App, listen};
use leptos::prelude::*;
use state::AppState;

/// Starts the app in three tasks: the module's start, reading storage, and
/// drawing the first screen; then, in a fourth, what can wait for that.
/// Each is short enough on its own that a tap landing meanwhile is answered
/// soon (in one task, the three held a slow phone's page for a quarter of a
/// second). The static shell stays on screen until the first screen is
/// drawn; `centralise:started` then tells boot.js.
pub fn start() {
    // The listeners started with storage (`listen`) may spawn tasks before
    // mounting would set up the executor: a task spawned without it panics.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    wasm_bindgen_futures::spawn_local(async {
        crate::platform::clock::next_task().await;
        let state = AppState::load();
        listen(state);
        crate::platform::clock::next_task().await;
        leptos::mount::mount_to_body(move || view! { <App state /> });
        if let Ok(started) = web_sys::Event::new("centralise:started") {
            let _ = window().dispatch_event(&started);
        }
        crate::platform::clock::next_task().await;
        if state.model.try_update_untracked(Model::prepare_for_records) == Some(true) {
            state.model.notify();
        }
    });
}
