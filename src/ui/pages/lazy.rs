//! The Packs and "Check a pack" pages: a placeholder that the packs module
//! (loaded on demand, see `platform::modules`) fills.

use crate::platform::modules;
use crate::ui::state::AppState;
use leptos::html::Div;
use leptos::prelude::*;

/// `page` is "packs" or "check".
#[component]
pub fn PacksModule(page: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    let root = NodeRef::<Div>::new();
    // None while loading; Some(false) if it could not load.
    let loaded = RwSignal::new(None::<bool>);
    Effect::new(move |shown: Option<()>| {
        if shown.is_some() {
            return;
        }
        let Some(el) = root.get() else { return };
        let link = state.pack_link.get_untracked();
        state.pack_link.set(None);
        modules::show_packs(el.into(), page, link, move |ok| loaded.set(Some(ok)));
    });
    on_cleanup(move || {
        if let Some(el) = root.get_untracked() {
            modules::hide_packs(&el.into());
        }
    });
    view! {
        {move || match loaded.get() {
            None => Some(view! { <p role="status">"Opening the packs…"</p> }.into_any()),
            Some(true) => None,
            Some(false) => Some(view! {
                <h1 tabindex="-1">"Exercise packs"</h1>
                <p role="alert">
                    "This page could not be loaded. Reload the app (once online, if this is its first use) and try again."
                </p>
            }.into_any()),
        }}
        <div node_ref=root></div>
    }
}
