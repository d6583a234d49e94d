//! Notifications for the reminder of a session due while the app is open
//! in the background. Permission is asked only from the patient's own tap
//! on the reminders switch, never at start.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

/// Whether this browser can show notifications at all.
pub fn supported() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &JsValue::from_str("Notification")).unwrap_or(false)
    })
}

/// Whether the patient already allowed notifications for the app.
pub fn allowed() -> bool {
    supported() && Notification::permission() == NotificationPermission::Granted
}

/// Asks the browser for permission (it may ask the patient): whether
/// notifications are allowed now.
pub async fn ask() -> bool {
    if !supported() {
        return false;
    }
    if let Ok(promise) = Notification::request_permission() {
        let _ = JsFuture::from(promise).await;
    }
    allowed()
}

/// Shows a notification; one with the same `tag` replaces it.
pub fn show(title: &str, body: &str, tag: &str) -> Result<(), JsValue> {
    if !allowed() {
        return Err(JsValue::from_str("notifications are not allowed"));
    }
    let options = NotificationOptions::new();
    options.set_body(body);
    options.set_tag(tag);
    Notification::new_with_options(title, &options).map(|_| ())
}
