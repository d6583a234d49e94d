//! Parts of the app loaded on demand: separate wasm modules (today the
//! packs pages, `src/packs_ui.rs`), fetched by boot.js `centraliseLoad` and
//! kept for offline use by the service worker with the rest of the build.

use js_sys::{Function, Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlElement;

const PACKS_UI: &str = "packs-ui";

thread_local! {
    /// The packs module once loaded, and the element it shows a page in.
    static PACKS: RefCell<(Option<JsValue>, Option<HtmlElement>)> = const { RefCell::new((None, None)) };
}

/// Shows the packs module's `page` in `root`, loading the module the first
/// time; `done` says whether it could. Nothing is shown if `root` left the
/// page while the module loaded.
pub fn show_packs(
    root: HtmlElement,
    page: &'static str,
    link: Option<String>,
    done: impl FnOnce(bool) + 'static,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let Some(module) = packs_module().await else {
            done(false);
            return;
        };
        if !root.is_connected() {
            return;
        }
        let link = link.map_or(JsValue::UNDEFINED, JsValue::from);
        let shown = call(&module, "mount", &[root.clone().into(), page.into(), link]);
        if shown {
            PACKS.with(|p| p.borrow_mut().1 = Some(root));
        }
        done(shown);
    });
}

/// Takes the page out of `root`, if the module still shows one there.
pub fn hide_packs(root: &HtmlElement) {
    let module = PACKS.with(|p| {
        let mut p = p.borrow_mut();
        if p.1.as_ref() == Some(root) {
            p.1 = None;
            p.0.clone()
        } else {
            None
        }
    });
    if let Some(module) = module {
        call(&module, "unmount", &[]);
    }
}

async fn packs_module() -> Option<JsValue> {
    if let Some(m) = PACKS.with(|p| p.borrow().0.clone()) {
        return Some(m);
    }
    let window = web_sys::window()?;
    let load: Function = Reflect::get(&window, &"centraliseLoad".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = load
        .call1(&window, &PACKS_UI.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let module = JsFuture::from(promise).await.ok()?;
    PACKS.with(|p| p.borrow_mut().0 = Some(module.clone()));
    Some(module)
}

fn call(module: &JsValue, name: &str, args: &[JsValue]) -> bool {
    let Some(f) = Reflect::get(module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return false;
    };
    let args: js_sys::Array = args.iter().collect();
    f.apply(&JsValue::NULL, &args).is_ok()
}
