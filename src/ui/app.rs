//! The app shell: header, notices, the current page, and the session clock.

use crate::core::app::{Input, Model, Notice, Request};
use crate::core::link;
use crate::platform::{clock, notify};
use crate::ui::extras::{DATA_EVENT, PACKS_EVENT, RECORD_EVENT};
use crate::ui::format;
use crate::ui::pages::{
    Extra, Home, LogSymptoms, SelfCheckPage, SessionPage, Settings, Setup, WarningSigns,
};
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::widgets::EmergencyDialog;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

/// Reads the link the app was opened with and starts listening to the
/// page: addresses, visibility, other tabs, boot.js and the on-demand
/// module. Called in the task that reads storage (`super::start`), before
/// the first screen is drawn in the next one, so that nothing another tab
/// stores or a new address says in between is missed. The app lives as
/// long as the page: nothing is ever removed.
pub fn listen(state: AppState) {
    let _ = take_pack_link(state);

    // A tap on a link to a page shows the page in the tap's own task, so
    // the frame right after the tap shows it: the address changes with the
    // tap, but its hashchange comes in a task of its own, after that frame,
    // and then finds the page shown.
    let shown_early = StoredValue::new(None::<&'static str>);
    let _ = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(route) = page_link(&ev) {
            shown_early.set_value(Some(route.href()));
            state.route.set(route);
            focus_heading();
        }
    });
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        panic_if_asked();
        let early = shown_early.try_update_value(Option::take).flatten();
        if early.is_some_and(|href| current_hash() == href) {
            return;
        }
        if !take_pack_link(state) {
            state.route.set(Route::current());
        }
        focus_heading();
    });
    // A hidden or frozen tab gets no timer callbacks; catch up the moment
    // it is shown again.
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            state.on_visible();
        }
    });
    let _ = window_event_listener(leptos::ev::storage, move |e| {
        state.on_storage(e.key(), e.new_value());
    });
    // boot.js says so when a new version has installed in the background.
    let _ = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("centralise:update-ready"),
        move |_| state.update_ready.set(true),
    );
    if document()
        .document_element()
        .and_then(|e| e.get_attribute("data-update"))
        .as_deref()
        == Some("ready")
    {
        state.update_ready.set(true);
    }
    // The on-demand module changed stored values: read them again.
    let _ = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new(PACKS_EVENT),
        move |_| state.reload_stored(),
    );
    let _ = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new(DATA_EVENT),
        move |_| state.reload_restored(),
    );
    // What the patient recorded in the on-demand module, for the app to
    // record.
    let _ = window_event_listener(
        leptos::ev::Custom::<web_sys::CustomEvent>::new(RECORD_EVENT),
        move |e| {
            if let Some(request) = e.detail().as_string().as_deref().and_then(Request::decode) {
                state.input(request.into());
            }
        },
    );
}

#[component]
pub fn App(state: AppState) -> impl IntoView {
    provide_context(state);
    remove_boot_fallback();
    run_clock(state);
    remind_when_due(state);

    let in_set =
        move || state.route.get() == Route::Session && state.model.with(Model::session_running);
    // Never switch versions in the middle of a session.
    let in_session = move || state.model.with(Model::session_open);
    let needs_setup = Memo::new(move |_| !state.settings(|s| s.setup_done));
    let page = move || match state.route.get() {
        // The first run comes first; only the warning signs are reachable.
        // A therapist's link may be the very first thing a patient opens:
        // the pack is offered first, then the setup. A therapist's own
        // pages (checking a pack, reading a patient's backup) need none.
        r if !matches!(
            r,
            Route::WarningSigns
                | Route::Packs
                | Route::CheckPack
                | Route::WritePack
                | Route::PatientBackup
                | Route::About
        ) && needs_setup.get() =>
        {
            view! { <Setup /> }.into_any()
        }
        Route::Home => view! { <Home /> }.into_any(),
        Route::Session => view! { <SessionPage /> }.into_any(),
        Route::History => view! { <Extra part="history" /> }.into_any(),
        Route::WarningSigns => view! { <WarningSigns /> }.into_any(),
        Route::Settings => view! { <Settings /> }.into_any(),
        Route::SelfCheck => view! { <SelfCheckPage /> }.into_any(),
        Route::Packs => view! { <Extra part="packs" /> }.into_any(),
        Route::CheckPack => view! { <Extra part="check" /> }.into_any(),
        Route::WritePack => view! { <Extra part="write" /> }.into_any(),
        Route::LogSymptoms => view! { <LogSymptoms /> }.into_any(),
        Route::Activities => view! { <Extra part="activities" /> }.into_any(),
        Route::Report => view! { <Extra part="report" /> }.into_any(),
        Route::PatientBackup => view! { <Extra part="patient" /> }.into_any(),
        Route::About => view! { <Extra part="about" /> }.into_any(),
    };
    let notices = move || {
        state
            .model
            .with(|m| m.notices().iter().map(Notice::message).collect::<Vec<_>>())
            .into_iter()
            .enumerate()
            .map(|(i, message)| {
                let dismiss = move |_| state.input(Input::Dismiss(i));
                view! {
                    <div class="notice">
                        <p>{message}</p>
                        <button on:click=dismiss>"Dismiss"</button>
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <header class="top">
            <a class="brand" href=Route::Home.href()>"Centralise"</a>
            // Beside the name, on every page and during a set.
            <a
                class="warning-link"
                href=Route::WarningSigns.href()
                aria-current=current(state, Route::WarningSigns)
            >
                "Warning signs"
            </a>
            <nav aria-label="Main">
                <Show when=move || !in_set()>
                    <a href=Route::Home.href() aria-current=current(state, Route::Home)>"Home"</a>
                    <a href=Route::History.href() aria-current=current(state, Route::History)>
                        "History"
                    </a>
                    <a href=Route::Packs.href() aria-current=current(state, Route::Packs)>
                        "Packs"
                    </a>
                    <a href=Route::Settings.href() aria-current=current(state, Route::Settings)>
                        "Settings"
                    </a>
                </Show>
            </nav>
        </header>
        <div class="notices" role="alert">
            {notices}
            <Show when=move || state.model.with(Model::offers_backup)>
                <div class="notice">
                    <p>"A backup keeps a copy of everything, including what could not be saved or read."</p>
                    <button on:click=move |_| state.back_up()>"Back up now"</button>
                </div>
            </Show>
        </div>
        <Show when=move || state.update_ready.get() && !in_session()>
            <div class="notice update" role="status">
                <p>"A new version of Centralise is ready."</p>
                <button on:click=move |_| apply_update()>"Reload to update"</button>
            </div>
        </Show>
        <main id="main">{page}</main>
        <Show when=move || state.model.with(Model::emergency)>
            <EmergencyDialog />
        </Show>
        <footer class="bottom">
            <p>
                "This app does not diagnose. If you are worried, contact a health professional."
            </p>
        </footer>
    }
}

/// A share link (`#pack=...`) opens the Packs page, which asks before
/// installing. The address bar gets the page's own address, so that a
/// reload or Back does not offer the pack again. Whether it was one.
fn take_pack_link(state: AppState) -> bool {
    let location = window().location();
    let href = location.href().unwrap_or_default();
    if !link::is_pack_link(&href) {
        return false;
    }
    state.pack_link.set(Some(href));
    state.route.set(Route::Packs);
    let _ = window().history().and_then(|h| {
        h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(Route::Packs.href()))
    });
    true
}

/// `aria-current="page"` on the link to the page shown.
fn current(state: AppState, route: Route) -> impl Fn() -> Option<&'static str> + Send + Sync {
    move || (state.route.get() == route).then_some("page")
}

/// One timer, set for the next moment anything on screen changes: the next
/// whole second of a countdown (which is also when repetitions are counted
/// and phases end), or, with no session counting down, the next time a
/// slot of today's plan comes due, is due or is overdue, or the day ends.
fn run_clock(state: AppState) {
    // setTimeout's longest delay; a longer one fires at once.
    const LONGEST: u64 = i32::MAX as u64;
    let timer = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |_| {
        let mono = state.now.get();
        let now = clock::now();
        let wake = match state.session(|s| s.and_then(|s| s.next_wake(mono))) {
            Some(at) => Some(at.saturating_sub(now.mono)),
            None => state
                .model
                .with_untracked(|m| m.today_changes_at(now.wall, &clock::utc_offset_at))
                .map(|at| at.saturating_sub(now.wall)),
        };
        // Replacing the handle cancels the previous timer.
        timer.set_value(
            wake.map(|delay| Timeout::new(delay.min(LONGEST) as u32, move || state.tick())),
        );
    });
}

/// A notification when a session of today's plan is due and the app is
/// open but not in view (the patient turned reminders on), once per slot.
fn remind_when_due(state: AppState) {
    let reminded = StoredValue::new_local(None::<u64>);
    Effect::new(move |_| {
        state.now.track();
        let now = clock::now().wall;
        let due = state
            .model
            .with_untracked(|m| m.reminder(now, &clock::utc_offset_at));
        let Some((at, title)) = due else {
            return;
        };
        if !document().hidden() || reminded.get_value() == Some(at) {
            return;
        }
        reminded.set_value(Some(at));
        let body = format!("Due at {}. Open Centralise to start.", format::time(at));
        let _ = notify::show(&format!("Time for: {title}"), &body, &format!("slot-{at}"));
    });
}

/// The page a click goes to, when it is a plain click on a link to one of
/// the app's pages other than the one shown (the browser then changes the
/// address, and nothing else handles the click).
fn page_link(ev: &web_sys::MouseEvent) -> Option<Route> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let target: web_sys::Element = wasm_bindgen::JsCast::dyn_into(ev.target()?).ok()?;
    let link = target.closest("a[href]").ok()??;
    if link.has_attribute("target") || link.has_attribute("download") {
        return None;
    }
    let href = link.get_attribute("href")?;
    let route = Route::from_hash(&href);
    (route.href() == href && current_hash() != href).then_some(route)
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// After a page change, put keyboard and screen-reader focus on its title,
/// once the reactive system has rendered the new page.
pub(crate) fn focus_heading() {
    leptos::task::spawn_local(async {
        leptos::task::tick().await;
        let heading = document()
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|h| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h).ok());
        if let Some(h) = heading {
            let _ = h.focus();
        }
    });
}

/// Asks the waiting service worker to take over; boot.js reloads the page
/// when it has.
fn apply_update() {
    let apply = js_sys::Reflect::get(&window(), &"centraliseApplyUpdate".into())
        .ok()
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
    match apply {
        Some(f) => {
            let _ = f.call0(&window());
        }
        None => {
            let _ = window().location().reload();
        }
    }
}

/// `#selftest-panic` makes the app panic on purpose, so that the end-to-end
/// tests can check the crash screen (shown by boot.js, outside the wasm) in
/// the release build. Nothing links there; any other address is untouched.
fn panic_if_asked() {
    if window().location().hash().unwrap_or_default() == "#selftest-panic" {
        panic!("self-test: a deliberate panic (#selftest-panic)");
    }
}

/// The static "Loading…" text in index.html stays if the app never starts.
fn remove_boot_fallback() {
    if let Some(el) = document().get_element_by_id("boot-fallback") {
        el.remove();
    }
}
