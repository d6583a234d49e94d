//! A button that opens the system file chooser and hands the chosen
//! file's name and text on. The file input itself stays hidden: its own
//! look cannot be styled to the app's touch targets.

use crate::platform::files;
use leptos::html::Input;
use leptos::prelude::*;

/// `on_read` gets `Ok((name, text))`, or `Err` when the file could not be
/// read; nothing when the chooser was cancelled.
#[component]
pub fn FileButton(
    label: &'static str,
    /// The input's `accept`: file types offered first.
    accept: &'static str,
    /// Larger files are refused before they are read.
    max_bytes: usize,
    on_read: Callback<Result<(String, String), String>>,
) -> impl IntoView {
    let chooser = NodeRef::<Input>::new();
    let chosen = move |_| {
        let Some(input) = chooser.get() else { return };
        leptos::task::spawn_local(async move {
            let read = files::read_chosen(&input, max_bytes).await;
            // The same file can be chosen again after a fix.
            input.set_value("");
            if let Some(read) = read {
                on_read.run(read);
            }
        });
    };
    view! {
        <button on:click=move |_| {
            if let Some(input) = chooser.get() {
                input.click();
            }
        }>{label}</button>
        <input
            type="file"
            accept=accept
            class="visually-hidden"
            tabindex="-1"
            aria-hidden="true"
            node_ref=chooser
            on:change=chosen
        />
    }
}
