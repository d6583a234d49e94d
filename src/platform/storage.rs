//! localStorage as the core's `KeyValue`.

use crate::core::journal::{KeyValue, StoreError};
use wasm_bindgen::JsCast;

pub struct LocalStorage(web_sys::Storage);

impl LocalStorage {
    /// Storage can be missing or blocked (private modes, settings): that is
    /// an error to show, not a crash.
    pub fn open() -> Result<Self, StoreError> {
        web_sys::window()
            .ok_or_else(|| StoreError::Unavailable("no window".into()))?
            .local_storage()
            .map_err(|e| StoreError::Unavailable(describe(&e)))?
            .map(Self)
            .ok_or_else(|| StoreError::Unavailable("local storage is switched off".into()))
    }
}

fn describe(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown storage error".into())
}

impl KeyValue for LocalStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set_item(key, value).map_err(|e| {
            let name = e
                .dyn_ref::<web_sys::DomException>()
                .map(|d| d.name())
                .unwrap_or_default();
            if name == "QuotaExceededError" {
                StoreError::Full
            } else {
                StoreError::Unavailable(describe(&e))
            }
        })
    }

    fn remove(&mut self, key: &str) {
        // Removing cannot meaningfully fail; if it does, the key stays and
        // nothing is lost.
        let _ = self.0.remove_item(key);
    }

    fn keys(&self) -> Vec<String> {
        let n = self.0.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect()
    }
}

/// Asks the browser not to clear the app's storage under pressure. The
/// answer changes nothing here: the backup reminder covers a refusal.
pub fn ask_to_persist() {
    let storage = web_sys::window().map(|w| w.navigator().storage());
    if let Some(Ok(asked)) = storage.map(|s| s.persist()) {
        // Nothing to do with the answer; just let the promise settle.
        drop(wasm_bindgen_futures::JsFuture::from(asked));
    }
}
