//! The Web Locks API, used to know that no live page writes to a writer's
//! chunks: each page holds the lock named after its writer for as long as
//! it lives, and the browser releases it when the page goes. Nothing ever
//! waits for a lock, so no write is delayed.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Takes the lock `name` for the rest of the page's life if it is free
/// now, and calls `then(true)`; calls `then(false)` if another page holds
/// it or the browser has no Web Locks.
pub fn hold_if_free(name: &str, then: impl FnOnce(bool) + 'static) {
    let Some(request) = locks_request() else {
        then(false);
        return;
    };
    let (locks, request) = request;
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &true.into());
    let granted = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let got = !lock.is_null();
        then(got);
        if got {
            // Never settles: the lock is kept until the page goes.
            Promise::new(&mut |_, _| {}).into()
        } else {
            JsValue::UNDEFINED
        }
    });
    if request
        .call3(&locks, &name.into(), &options, &granted)
        .is_err()
    {
        web_sys::console::warn_1(&"Web Locks request failed".into());
    }
}

fn locks_request() -> Option<(JsValue, Function)> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    if locks.is_undefined() {
        return None;
    }
    let request = Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some((locks, request))
}
