//! Centralise: a home-exercise coach for sciatica from an S1 / L5-S1 nerve
//! root problem.
//!
//! `core` decides everything and never touches the browser, so it compiles
//! and is tested natively. `platform` (browser adapters) and `ui` (Leptos)
//! exist only on wasm32: a browser call that sneaks into the core fails to
//! compile on the host.

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
