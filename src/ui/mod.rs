//! The Leptos UI (wasm32 only): renders core state and sends the person's
//! intent back as events. Decisions live in `core`.

mod app;
pub mod extras;
mod format;
mod pages;
mod route;
mod state;
mod widgets;

pub use app::App;
