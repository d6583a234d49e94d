//! The `extras` binary: the large, rarely used parts of the app
//! (`ui::extras`) as a wasm module of their own, which the app loads (see
//! boot.js `centraliseLoad` and `platform::modules`) only when one is
//! needed. Trunk builds it with the `extras` feature (index.html); it
//! exists only for wasm32.

use centralise::ui::extras::{
    self, AboutPage, ActivitiesPage, CheckPackPage, HistoryPage, Packs, PacksPage,
    PatientBackupPage, ReportPage, RestoreFromFile, WritePackPage,
};
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The parts shown now, by id; dropping one unmounts it.
    static SHOWN: RefCell<Vec<(u32, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
    static NEXT: RefCell<u32> = const { RefCell::new(0) };
}

/// Everything happens when the app calls; the module starts nothing.
fn main() {}

/// Shows `part` ("packs", "check", "write", "history", "report",
/// "activities", "patient", "about" or "restore") inside `root`; `data` is what the part needs from the app:
/// for "packs" a share link to offer for installing, for "history",
/// "report" and "activities" the records the app holds that are not
/// stored yet (a chunk), for "restore" the backup file chosen (a `File`,
/// read here: handing its text over would copy megabytes twice more).
/// Returns the id to unmount it with.
#[wasm_bindgen]
pub fn mount(root: web_sys::HtmlElement, part: String, data: JsValue) -> u32 {
    add_styles();
    let file = data.dyn_ref::<web_sys::File>().cloned();
    let data = data.as_string();
    let handle = mount_to(root.clone(), move || {
        provide_context(Packs::load());
        match part.as_str() {
            "check" => view! { <CheckPackPage /> }.into_any(),
            "restore" => view! { <RestoreFromFile file=file.clone() /> }.into_any(),
            "history" => view! { <HistoryPage unsaved=data.clone() /> }.into_any(),
            "report" => view! { <ReportPage unsaved=data.clone() /> }.into_any(),
            "patient" => view! { <PatientBackupPage /> }.into_any(),
            "write" => view! { <WritePackPage /> }.into_any(),
            "about" => view! { <AboutPage /> }.into_any(),
            "activities" => view! { <ActivitiesPage unsaved=data.clone() /> }.into_any(),
            _ => view! { <PacksPage link=data.clone() /> }.into_any(),
        }
    });
    // The app focuses a page's heading when it opens; this one came later.
    if let Ok(Some(h1)) = root.query_selector("h1")
        && let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = h1.focus();
    }
    let id = NEXT.with(|n| {
        *n.borrow_mut() += 1;
        *n.borrow()
    });
    SHOWN.with(|s| s.borrow_mut().push((id, Box::new(handle))));
    id
}

/// The styles of the charts and the report (style/report.css, copied
/// into the build as it is): only this module's parts use them, so the
/// first screen does not load them. Linked once, relative to the page, as
/// the app's own files are.
fn add_styles() {
    const ID: &str = "centralise-report-css";
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(ID).is_some() {
        return;
    }
    if let (Ok(link), Some(head)) = (document.create_element("link"), document.head()) {
        let _ = link.set_attribute("id", ID);
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", "report.css");
        let _ = head.append_child(&link);
    }
}

/// Takes a part away (the app moved on).
#[wasm_bindgen]
pub fn unmount(id: u32) {
    SHOWN.with(|s| s.borrow_mut().retain(|(shown, _)| *shown != id));
}

/// Makes and hands over the calendar file of the plan (see
/// `platform::driver::add_to_calendar`): whether the patient went through
/// with it.
#[wasm_bindgen]
pub async fn add_to_calendar() -> Result<bool, JsValue> {
    extras::add_to_calendar()
        .await
        .map_err(|e| JsValue::from_str(&e))
}

/// Makes and hands over the backup file (see `ui::extras::back_up`):
/// resolves to whether the patient went through with it.
#[wasm_bindgen]
pub async fn back_up(settings: String, unsaved: String) -> Result<bool, JsValue> {
    extras::back_up(&settings, &unsaved)
        .await
        .map_err(|e| JsValue::from_str(&e))
}

/// Makes and hands over the CSV of every set (see
/// `platform::driver::export_csv`), with the app's records not stored yet
/// (`unsaved`, a chunk): whether the patient went through with it.
#[wasm_bindgen]
pub async fn export_csv(unsaved: String) -> Result<bool, JsValue> {
    to_js(extras::export_csv(&unsaved).await)
}

/// Makes and hands over the FHIR bundle of the journal (see
/// `platform::driver::export_fhir`), as [`export_csv`] does the CSV.
#[wasm_bindgen]
pub async fn export_fhir(unsaved: String) -> Result<bool, JsValue> {
    to_js(extras::export_fhir(&unsaved).await)
}

/// An export's outcome for the app: its error as a JavaScript string.
fn to_js(outcome: Result<bool, String>) -> Result<bool, JsValue> {
    outcome.map_err(|e| JsValue::from_str(&e))
}
