//! Buttons that open the system file chooser. The file input itself stays
//! hidden: its own look cannot be styled to the app's touch targets.

use crate::platform::files;
use leptos::html::Input;
use leptos::prelude::*;

/// Hands the chosen file on unread (nothing when the chooser was
/// cancelled), for a part that reads it elsewhere.
#[component]
pub fn FileChooser(
    label: &'static str,
    /// The input's `accept`: file types offered first.
    accept: &'static str,
    on_chosen: Callback<web_sys::File>,
) -> impl IntoView {
    let chooser = NodeRef::<Input>::new();
    let chosen = move |_| {
        let Some(input) = chooser.get() else { return };
        let file = files::chosen(&input);
        // The same file can be chosen again after a fix.
        input.set_value("");
        if let Some(file) = file {
            on_chosen.run(file);
        }
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

/// `on_read` gets `Ok((name, text))` of the chosen file, or `Err` when it
/// could not be read; nothing when the chooser was cancelled.
#[component]
pub fn FileButton(
    label: &'static str,
    /// The input's `accept`: file types offered first.
    accept: &'static str,
    /// Larger files are refused before they are read.
    max_bytes: usize,
    on_read: Callback<Result<(String, String), String>>,
) -> impl IntoView {
    let on_chosen = Callback::new(move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            on_read.run(files::read(&file, max_bytes).await);
        });
    });
    view! { <FileChooser label accept on_chosen /> }
}
