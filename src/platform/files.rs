//! Files in and out: a backup shared through the system share sheet where
//! the browser can share files, downloaded otherwise; a chosen file read as
//! text.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn file(name: &str, mime: &str, text: &str) -> Result<web_sys::File, JsValue> {
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let parts = Array::of1(&JsValue::from_str(text));
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &options)
}

/// Offers the file to the system share sheet (to save or send it), or
/// downloads it where files cannot be shared. Returns whether the patient
/// went through with it (a cancelled share sheet is not a backup).
pub async fn share_or_download(name: &str, mime: &str, text: &str) -> Result<bool, String> {
    let file = file(name, mime, text).map_err(|_| "the browser could not make the file")?;
    if let Some(shared) = share(&file) {
        return match JsFuture::from(shared).await {
            Ok(_) => Ok(true),
            Err(e) if error_name(&e) == "AbortError" => Ok(false),
            // Sharing refused for another reason: fall back to a download.
            Err(_) => download(&file).map(|()| true),
        };
    }
    download(&file).map(|()| true)
}

/// `navigator.share({files})`, when `navigator.canShare` says it can.
fn share(file: &web_sys::File) -> Option<Promise> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let data = Object::new();
    Reflect::set(&data, &"files".into(), &Array::of1(file)).ok()?;
    let can: Function = Reflect::get(&navigator, &"canShare".into())
        .ok()?
        .dyn_into()
        .ok()?;
    if !can.call1(&navigator, &data).ok()?.is_truthy() {
        return None;
    }
    let share: Function = Reflect::get(&navigator, &"share".into())
        .ok()?
        .dyn_into()
        .ok()?;
    share.call1(&navigator, &data).ok()?.dyn_into().ok()
}

fn error_name(e: &JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .unwrap_or_default()
}

fn download(file: &web_sys::File) -> Result<(), String> {
    let fail = |_| "the browser could not save the file".to_string();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no page")?;
    let url = web_sys::Url::create_object_url_with_blob(file).map_err(fail)?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(&file.name());
    a.click();
    // The download has its own reference to the data by now.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The first file chosen in a file input, if one was.
pub fn chosen(input: &web_sys::HtmlInputElement) -> Option<web_sys::File> {
    input.files()?.get(0)
}

/// The text of `file`, with its name.
pub async fn read(file: &web_sys::File, max_bytes: usize) -> Result<(String, String), String> {
    if file.size() > max_bytes as f64 {
        // Refused before it is read: a huge file would fill the memory first.
        return Err(format!(
            "{}: the file is {} MB; a file this app makes is at most {} MB",
            file.name(),
            (file.size() / 1_048_576.0).ceil(),
            max_bytes.div_ceil(1_048_576),
        ));
    }
    // As bytes, copied once: a JS string of megabytes would be converted
    // from UTF-16 in one long step.
    let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
        return Err(format!("{}: the file could not be read", file.name()));
    };
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{}: this is not a text file (it is not UTF-8)", file.name()))?;
    // A byte-order mark (some editors write one) is not part of the text.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok((file.name(), text))
}
