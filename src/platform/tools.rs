//! The pack tools worker (`src/pack_tools.rs`, see `crate::tools`), started
//! the first time a page needs it and kept for the page's life. It answers
//! in the order it was asked, so replies are matched to callbacks by order.

use crate::tools::{Request, Response};
use std::cell::RefCell;
use std::collections::VecDeque;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{MessageEvent, Worker};

/// Trunk's loader for the worker build (`index.html`), next to the page.
const LOADER: &str = "pack-tools_loader.js";

type Reply = Box<dyn FnOnce(Response)>;

struct Tools {
    worker: Worker,
    ready: bool,
    /// Requests sent before the worker said it was ready.
    queued: Vec<String>,
    waiting: VecDeque<Reply>,
}

thread_local! {
    static TOOLS: RefCell<Option<Tools>> = const { RefCell::new(None) };
}

/// Sends `request` to the worker; `then` gets the reply (a `Failed`
/// response when the worker cannot start, e.g. its files are missing).
pub fn ask(request: &Request, then: impl FnOnce(Response) + 'static) {
    let text = serde_json::to_string(request).unwrap_or_default();
    let mut then: Option<Reply> = Some(Box::new(then));
    TOOLS.with(|t| {
        let mut t = t.borrow_mut();
        if t.is_none() {
            *t = start();
        }
        let (Some(tools), Some(reply)) = (t.as_mut(), then.take()) else {
            return;
        };
        tools.waiting.push_back(reply);
        if tools.ready {
            let _ = tools.worker.post_message(&JsValue::from_str(&text));
        } else {
            tools.queued.push(text);
        }
    });
    if let Some(then) = then {
        then(failed());
    }
}

fn failed() -> Response {
    Response::Failed {
        message: "the pack tools could not be loaded; reload the page and try again".into(),
    }
}

fn start() -> Option<Tools> {
    let worker = Worker::new(LOADER).ok()?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|e: MessageEvent| {
        let text = e.data().as_string().unwrap_or_default();
        if text == "ready" {
            TOOLS.with(|t| {
                if let Some(tools) = t.borrow_mut().as_mut() {
                    tools.ready = true;
                    for q in tools.queued.drain(..) {
                        let _ = tools.worker.post_message(&JsValue::from_str(&q));
                    }
                }
            });
            return;
        }
        let response = serde_json::from_str(&text).unwrap_or_else(|e| Response::Failed {
            message: format!("unreadable reply from the pack tools: {e}"),
        });
        reply(response);
    });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|_| {
        // Every caller waiting gets an answer; the next request tries again.
        let waiting = TOOLS.with(|t| t.borrow_mut().take().map(|t| t.waiting));
        for then in waiting.into_iter().flatten() {
            then(failed());
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The worker lives as long as the page: so do its handlers.
    on_message.forget();
    on_error.forget();
    Some(Tools {
        worker,
        ready: false,
        queued: Vec::new(),
        waiting: VecDeque::new(),
    })
}

fn reply(response: Response) {
    // Taken out before the call: the callback may ask again.
    let then = TOOLS.with(|t| t.borrow_mut().as_mut().and_then(|t| t.waiting.pop_front()));
    if let Some(then) = then {
        then(response);
    }
}
