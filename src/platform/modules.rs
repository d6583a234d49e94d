//! The on-demand module (`src/extras.rs`: packs pages, backup, restore),
//! fetched by boot.js `centraliseLoad` the first time it is needed and kept
//! for offline use by the service worker with the rest of the build.

use js_sys::{Array, Function, Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlElement;

const EXTRAS: &str = "extras";

thread_local! {
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// The elements the module shows a part in, with the part's id.
    static SHOWN: RefCell<Vec<(HtmlElement, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// Shows the module's `part` in `root`, with the `data` it needs from the
/// app (a text, or the file to restore), loading the module the first
/// time; `done` says whether it could. Nothing is shown if `root` left the
/// page while the module loaded.
pub fn show(
    root: HtmlElement,
    part: &'static str,
    data: Option<JsValue>,
    done: impl FnOnce(bool) + 'static,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(module) = module().await else {
            done(false);
            return;
        };
        if !root.is_connected() {
            return;
        }
        // Leptos may reuse the element for the same page shown again.
        hide(&root);
        let data = data.unwrap_or(JsValue::UNDEFINED);
        match call(&module, "mount", &[root.clone().into(), part.into(), data]) {
            Ok(id) => {
                SHOWN.with(|s| s.borrow_mut().push((root, id)));
                done(true);
            }
            Err(_) => done(false),
        }
    });
}

/// Takes away what the module shows in `root`, if anything.
pub fn hide(root: &HtmlElement) {
    let id = SHOWN.with(|s| {
        let mut s = s.borrow_mut();
        let at = s.iter().position(|(r, _)| r == root)?;
        Some(s.remove(at).1)
    });
    let module = MODULE.with(|m| m.borrow().clone());
    if let (Some(id), Some(module)) = (id, module) {
        let _ = call(&module, "unmount", &[id]);
    }
}

/// Makes the backup file (`ui::extras::back_up`): whether the patient
/// went through with it, or why it failed.
pub async fn back_up(settings: &str, unsaved: &str) -> Result<bool, String> {
    hand_over("back_up", &[settings.into(), unsaved.into()]).await
}

/// Makes the calendar file of the plan (`ui::extras::add_to_calendar`):
/// whether the patient went through with it, or why it failed.
pub async fn add_to_calendar() -> Result<bool, String> {
    hand_over("add_to_calendar", &[]).await
}

/// A file of the journal the patient can export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// Every set as CSV (`ui::extras::export_csv`).
    Csv,
    /// The journal as a FHIR bundle (`ui::extras::export_fhir`).
    Fhir,
}

/// Makes an export, with the app's records not stored yet: whether the
/// patient went through with it, or why it failed.
pub async fn export(what: Export, unsaved: &str) -> Result<bool, String> {
    let name = match what {
        Export::Csv => "export_csv",
        Export::Fhir => "export_fhir",
    };
    hand_over(name, &[unsaved.into()]).await
}

/// Calls a function of the on-demand module that makes a file and hands
/// it over.
async fn hand_over(name: &str, args: &[JsValue]) -> Result<bool, String> {
    let failed = |_| "this part of the app could not be loaded; reload and try again".to_string();
    let module = module().await.map_err(failed)?;
    let promise: Promise = call(&module, name, args)
        .and_then(|p| p.dyn_into().map_err(|_| JsValue::NULL))
        .map_err(failed)?;
    match JsFuture::from(promise).await {
        Ok(done) => Ok(done.is_truthy()),
        Err(e) => Err(e
            .as_string()
            .unwrap_or_else(|| "the file could not be made".into())),
    }
}

async fn module() -> Result<JsValue, JsValue> {
    if let Some(m) = MODULE.with(|m| m.borrow().clone()) {
        return Ok(m);
    }
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let load: Function = Reflect::get(&window, &"centraliseLoad".into())?.dyn_into()?;
    let promise: Promise = load.call1(&window, &EXTRAS.into())?.dyn_into()?;
    let module = JsFuture::from(promise).await?;
    MODULE.with(|m| *m.borrow_mut() = Some(module.clone()));
    Ok(module)
}

fn call(module: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(module, &name.into())?.dyn_into()?;
    let args: Array = args.iter().collect();
    f.apply(&JsValue::NULL, &args)
}
