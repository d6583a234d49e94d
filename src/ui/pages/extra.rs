//! A place that the on-demand module (`platform::modules`) fills: the
//! Packs, "Check a pack" and History pages, and "Restore from a backup
//! file".

use crate::platform::modules;
use crate::ui::state::AppState;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// `part` is "packs", "check", "history", "report", "patient" (whole
/// pages) or "restore"; `file`, for "restore", is a backup file already
/// chosen, as [`crate::ui::widgets::RestoreButton`] hands it on.
#[component]
pub fn Extra(part: &'static str, #[prop(optional)] file: Option<web_sys::File>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let file = StoredValue::new_local(file);
    let root = NodeRef::<Div>::new();
    // None while loading; Some(false) if it could not load.
    let loaded = RwSignal::new(None::<bool>);
    // The element the part went into, to take it out again.
    let shown_in = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |shown: Option<()>| {
        if shown.is_some() {
            return;
        }
        let Some(el) = root.get() else { return };
        // What the part needs from the app.
        let data = match part {
            "packs" => state.pack_link.get_untracked().map(JsValue::from),
            "history" | "report" | "activities" => Some(JsValue::from(
                state.model.with_untracked(|m| m.backup_extras().1),
            )),
            "restore" => file
                .try_update_value(Option::take)
                .flatten()
                .map(JsValue::from),
            _ => None,
        };
        if part == "packs" && data.is_some() {
            state.pack_link.set(None);
        }
        let el: web_sys::HtmlElement = el.into();
        shown_in.set_value(Some(el.clone()));
        modules::show(el, part, data, move |ok| loaded.set(Some(ok)));
    });
    on_cleanup(move || {
        if let Some(el) = shown_in.get_value() {
            modules::hide(&el);
        }
    });
    view! {
        {move || match loaded.get() {
            None => Some(view! { <p role="status">"Opening…"</p> }.into_any()),
            Some(false) => Some(view! {
                {(part != "restore").then(|| view! { <h1 tabindex="-1">"Not available"</h1> })}
                <p role="alert">
                    "This part of the app could not be loaded. Reload the app (once online, if this is its first use) and try again."
                </p>
            }.into_any()),
            _ => None,
        }}
        <div node_ref=root></div>
    }
}
