//! The app shell: header, notices, the current page, and the session clock.

use crate::core::session::Phase;
use crate::ui::pages::{History, Home, SessionPage, Settings, WarningSigns};
use crate::ui::route::Route;
use crate::ui::state::AppState;
use gloo_timers::callback::Interval;
use leptos::prelude::*;

/// How often the countdown re-renders. Phases end at deadlines, not after a
/// number of ticks, so this only sets how fresh the display is.
const TICK_MS: u32 = 250;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);
    remove_boot_fallback();

    let hash = window_event_listener(leptos::ev::hashchange, move |_| {
        state.route.set(Route::current());
        focus_heading();
    });
    // A hidden or frozen tab gets no timer callbacks; catch up the moment
    // it is shown again.
    let visible = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            state.on_visible();
        }
    });
    on_cleanup(move || {
        hash.remove();
        visible.remove();
    });
    run_clock_while_timed(state);

    let in_set = move || {
        state.route.get() == Route::Session
            && state.session.with(|s| {
                s.as_ref().is_some_and(|s| {
                    !matches!(s.phase, Phase::Finished { .. } | Phase::Interrupted { .. })
                })
            })
    };
    let page = move || match state.route.get() {
        Route::Home => view! { <Home /> }.into_any(),
        Route::Session => view! { <SessionPage /> }.into_any(),
        Route::History => view! { <History /> }.into_any(),
        Route::WarningSigns => view! { <WarningSigns /> }.into_any(),
        Route::Settings => view! { <Settings /> }.into_any(),
    };
    let notices = move || {
        state
            .notices
            .get()
            .into_iter()
            .map(|n| view! { <p>{n}</p> })
            .collect_view()
    };

    view! {
        <header class="top">
            <a class="brand" href=Route::Home.href()>"Centralise"</a>
            <nav aria-label="Main">
                <Show when=move || !in_set()>
                    <a href=Route::Home.href() aria-current=current(state, Route::Home)>"Home"</a>
                    <a href=Route::History.href() aria-current=current(state, Route::History)>
                        "History"
                    </a>
                    <a href=Route::Settings.href() aria-current=current(state, Route::Settings)>
                        "Settings"
                    </a>
                </Show>
                <a
                    class="warning-link"
                    href=Route::WarningSigns.href()
                    aria-current=current(state, Route::WarningSigns)
                >
                    "Warning signs"
                </a>
            </nav>
        </header>
        <div class="notices" role="alert">
            {notices}
        </div>
        <main id="main">{page}</main>
        <footer class="bottom">
            <p>
                "This app does not diagnose. If you are worried, contact a health professional."
            </p>
        </footer>
    }
}

/// `aria-current="page"` on the link to the page shown.
fn current(state: AppState, route: Route) -> impl Fn() -> Option<&'static str> + Send + Sync {
    move || (state.route.get() == route).then_some("page")
}

/// Runs a repeating timer only while a phase is counting down.
fn run_clock_while_timed(state: AppState) {
    let timed = Memo::new(move |_| {
        state
            .session
            .with(|s| s.as_ref().is_some_and(|s| s.next_deadline().is_some()))
    });
    let interval = StoredValue::new_local(None::<Interval>);
    Effect::new(move |_| {
        let running = interval.with_value(Option::is_some);
        if timed.get() && !running {
            interval.set_value(Some(Interval::new(TICK_MS, move || state.tick())));
        } else if !timed.get() && running {
            interval.set_value(None);
        }
    });
}

/// After a page change, put keyboard and screen-reader focus on its title,
/// once the reactive system has rendered the new page.
fn focus_heading() {
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

/// The static "Loading…" text in index.html stays if the app never starts.
fn remove_boot_fallback() {
    if let Some(el) = document().get_element_by_id("boot-fallback") {
        el.remove();
    }
}
