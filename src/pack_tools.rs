//! The `pack-tools` binary: `tools::handle` behind a message channel.
//! Built for wasm32 (Trunk, `data-type="worker"`) it is the app's pack
//! worker; built natively it answers one JSON request per line of stdin,
//! which is how the protocol can be tried without a browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let request = e.data().as_string().unwrap_or_default();
            let response = centralise::tools::handle(&request);
            let _ = reply.post_message(&JsValue::from_str(&response));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages that arrive while the wasm is loading have no handler and
    // are lost: the page waits for this before sending any.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::BufRead;
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        println!("{}", centralise::tools::handle(&line));
    }
}
