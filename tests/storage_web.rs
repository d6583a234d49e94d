//! The storage adapters against the real browser (headless Chromium, via
//! wasm-bindgen-test): localStorage and Web Locks. Native builds compile
//! this file to nothing.
#![cfg(target_arch = "wasm32")]

use centralise::core::journal::{
    Appender, KeyValue, Record, SCHEMA_VERSION, SessionStarted, StoreError, keys, load,
};
use centralise::platform::locks;
use centralise::platform::storage::LocalStorage;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh() -> LocalStorage {
    let mut kv = LocalStorage::open().expect("localStorage is available");
    for k in kv.keys() {
        kv.remove(&k);
    }
    kv
}

fn started(n: u64) -> Record {
    Record::SessionStarted(SessionStarted {
        id: format!("web{n}").into(),
        at: 1_790_000_000_000 + n,
        pack_id: "p".into(),
        pack_version: "1".into(),
        routine_id: "r".into(),
        routine_title: "R".into(),
    })
}

#[wasm_bindgen_test]
fn values_round_trip_and_keys_are_listed() {
    let mut kv = fresh();
    kv.set("centralise:a", "1 é ✓").unwrap();
    kv.set("centralise:b", "").unwrap();
    assert_eq!(kv.get("centralise:a").as_deref(), Some("1 é ✓"));
    assert_eq!(kv.get("centralise:b").as_deref(), Some(""));
    assert_eq!(kv.get("centralise:missing"), None);
    let mut keys = kv.keys();
    keys.sort();
    assert_eq!(keys, ["centralise:a", "centralise:b"]);
    kv.remove("centralise:a");
    assert_eq!(kv.get("centralise:a"), None);
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_as_full_and_loses_nothing() {
    let mut kv = fresh();
    kv.set("centralise:keep", "kept").unwrap();
    // More than any browser's localStorage quota (about 5 M characters).
    let huge = "x".repeat(12_000_000);
    assert_eq!(kv.set("centralise:huge", &huge), Err(StoreError::Full));
    assert_eq!(kv.get("centralise:huge"), None);
    assert_eq!(kv.get("centralise:keep").as_deref(), Some("kept"));
}

#[wasm_bindgen_test]
fn the_journal_is_appended_and_read_back_from_local_storage() {
    let mut kv = fresh();
    let mut a = Appender::new("tab-a");
    let mut b = Appender::new("tab-b");
    for n in 0..40 {
        a.append(&mut kv, &started(n)).unwrap();
        b.append(&mut kv, &started(1000 + n)).unwrap();
    }
    assert_eq!(kv.get(keys::SCHEMA), Some(SCHEMA_VERSION.to_string()));
    // A new page load reads everything both tabs wrote.
    let mut reopened = LocalStorage::open().unwrap();
    let loaded = load(&mut reopened);
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.journal.len(), 80);
}

/// Whether `locks::hold_if_free` got the lock.
async fn try_lock(name: &str) -> bool {
    let name = name.to_string();
    let answer = js_sys::Promise::new(&mut |resolve, _| {
        locks::hold_if_free(&name, move |got| {
            let _ = resolve.call1(&JsValue::NULL, &got.into());
        });
    });
    wasm_bindgen_futures::JsFuture::from(answer)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .expect("the lock request answers")
}

#[wasm_bindgen_test]
async fn a_writer_lock_is_held_for_the_page_and_refused_to_anyone_else() {
    assert!(try_lock("centralise:writer:test-a").await);
    assert!(!try_lock("centralise:writer:test-a").await, "still held");
    assert!(try_lock("centralise:writer:test-b").await);
}
