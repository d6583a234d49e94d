//! The `packs-ui` binary: the Packs and "Check a pack" pages
//! (`ui::packs`) as a wasm module of their own, which the app loads (see
//! boot.js `centraliseLoad`) only when one of them opens. Trunk builds it
//! with the `packs-ui` feature (index.html); it exists only for wasm32.

use centralise::ui::packs::{CheckPackPage, Packs, PacksPage};
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The page shown now; dropping it unmounts it.
    static SHOWN: RefCell<Option<Box<dyn std::any::Any>>> = const { RefCell::new(None) };
}

/// Everything happens in `mount`; the module starts nothing by itself.
fn main() {}

/// Shows `page` ("packs" or "check") inside `root`; `link` is a share
/// link to offer for installing.
#[wasm_bindgen]
pub fn mount(root: web_sys::HtmlElement, page: String, link: Option<String>) {
    unmount();
    let handle = mount_to(root.clone(), move || {
        provide_context(Packs::load());
        if page == "check" {
            view! { <CheckPackPage /> }.into_any()
        } else {
            view! { <PacksPage link=link.clone() /> }.into_any()
        }
    });
    SHOWN.with(|s| *s.borrow_mut() = Some(Box::new(handle)));
    // The app focuses a page's heading when it opens; this page arrived later.
    if let Ok(Some(h1)) = root.query_selector("h1")
        && let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = h1.focus();
    }
}

/// Takes the page away (the app moved to another page).
#[wasm_bindgen]
pub fn unmount() {
    SHOWN.with(|s| s.borrow_mut().take());
}
