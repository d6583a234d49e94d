//! The one reactive handle on the app model, created in `App` and shared by
//! context. Pages read the model and send it inputs; everything the model
//! asks for is performed (by `platform::driver`) before the screen moves on.

use crate::core::app::{Input, Model, Output, Page};
use crate::core::gate::StartGate;
use crate::core::journal::Journal;
use crate::core::pack::Pack;
use crate::core::red_flags::Tier;
use crate::core::session::{Event, Session};
use crate::core::settings::Settings;
use crate::platform::{clock, cues, driver, modules};
use crate::ui::route::Route;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AppState {
    pub model: RwSignal<Model>,
    /// A share link the app was opened with, for the Packs page to read.
    pub pack_link: RwSignal<Option<String>>,
    /// The monotonic clock as of the last tick, for countdowns.
    pub now: RwSignal<u64>,
    pub route: RwSignal<Route>,
    /// A new version of the app is installed and waits for a reload.
    pub update_ready: RwSignal<bool>,
}

impl AppState {
    /// Loads everything stored and performs what loading asked for.
    pub fn load() -> AppState {
        let now = clock::now();
        let writer = clock::random_id();
        let state = AppState {
            model: RwSignal::new(driver::load(now, &writer)),
            pack_link: RwSignal::new(None),
            now: RwSignal::new(now.mono),
            route: RwSignal::new(Route::current()),
            update_ready: RwSignal::new(false),
        };
        state.drain();
        driver::claim_writer(&writer, move |appender| {
            state.input(Input::TakeOver(appender));
        });
        state
    }

    /// Sends an input to the model at the current time, performs what it
    /// asks, then lets the pages see the result once.
    pub fn input(&self, input: Input) {
        let now = clock::now();
        self.model.update_untracked(|m| m.handle(input, now));
        self.drain();
        self.now.set(now.mono);
    }

    /// Performs the model's outputs in order, feeding each answer back.
    fn drain(&self) {
        let now = clock::now();
        while let Some(output) = self
            .model
            .try_update_untracked(Model::poll_output)
            .flatten()
        {
            match output {
                Output::Show(page) => Self::show(page),
                output => {
                    if let Some(answer) = driver::perform(output) {
                        self.model.update_untracked(|m| m.handle(answer, now));
                    }
                }
            }
        }
        self.model.notify();
    }

    fn show(page: Page) {
        match page {
            Page::Home => Route::Home.go(),
            Page::Session => Route::Session.go(),
            Page::WarningSigns => Route::WarningSigns.go(),
        }
    }

    // ---- what pages read (tracked unless named untracked) ----

    pub fn journal<T>(&self, f: impl FnOnce(&Journal) -> T) -> T {
        self.model.with(|m| f(m.journal()))
    }

    pub fn journal_untracked<T>(&self, f: impl FnOnce(&Journal) -> T) -> T {
        self.model.with_untracked(|m| f(m.journal()))
    }

    pub fn session<T>(&self, f: impl FnOnce(Option<&Session>) -> T) -> T {
        self.model.with(|m| f(m.session()))
    }

    pub fn session_untracked<T>(&self, f: impl FnOnce(Option<&Session>) -> T) -> T {
        self.model.with_untracked(|m| f(m.session()))
    }

    pub fn settings<T>(&self, f: impl FnOnce(&Settings) -> T) -> T {
        self.model.with(|m| f(m.settings()))
    }

    pub fn settings_untracked(&self) -> Settings {
        self.model.with_untracked(|m| m.settings().clone())
    }

    pub fn pack<T>(&self, f: impl FnOnce(Option<&Pack>) -> T) -> T {
        self.model.with(|m| f(m.pack()))
    }

    pub fn pack_untracked(&self) -> Option<Pack> {
        self.model.with_untracked(|m| m.pack().cloned())
    }

    /// Whether a session may start now.
    pub fn start_gate(&self) -> StartGate {
        let now = clock::now().wall;
        self.model.with(|m| m.start_gate(now))
    }

    /// Ids of the exercises stopped for the rest of today by a safety rule.
    pub fn stopped_today(&self) -> Vec<String> {
        let now = clock::now().wall;
        self.model.with(|m| m.stopped_today(now).exercises)
    }

    // ---- what pages send ----

    /// Starts a routine. Called from the tap on Start, which is what lets
    /// the browser play sound.
    pub fn start(&self, routine_id: &str) {
        cues::unlock_audio();
        self.input(Input::Start {
            routine: routine_id.to_string(),
        });
    }

    /// Sends an event to the session in progress, if any.
    pub fn send(&self, event: Event) {
        if matches!(event, Event::Continue) {
            cues::unlock_audio();
        }
        self.input(Input::Session(event));
    }

    /// Called by the timer.
    pub fn tick(&self) {
        self.input(Input::Tick);
    }

    /// The page became visible again: the browser dropped the wake lock
    /// while it was hidden, and timers may have been frozen.
    pub fn on_visible(&self) {
        cues::forget_wake_lock_if_released();
        self.input(Input::Visible {
            utc_offset_ms: clock::utc_offset_ms(),
        });
    }

    /// Records the warning-signs check; the outcome, for the form to say.
    pub fn warning_check(&self, yes: Vec<String>) -> Option<Tier> {
        let outcome = crate::core::red_flags::assess(yes.iter().map(String::as_str));
        self.input(Input::WarningCheck { yes });
        outcome
    }

    /// The patient has read a prompt (`Acknowledged::what`).
    /// Moves up to the stage offered.
    pub fn accept_stage(&self, stage: u32) {
        self.input(Input::AcceptStage { stage });
    }

    pub fn acknowledge(&self, what: &str) {
        self.input(Input::Acknowledge {
            what: what.to_string(),
        });
    }

    pub fn record_self_check(&self, left: u32, right: u32, toe_left: bool, toe_right: bool) {
        self.input(Input::SelfCheck {
            left,
            right,
            toe_walk_left: toe_left,
            toe_walk_right: toe_right,
        });
    }

    pub fn save_settings(&self, settings: Settings) {
        self.input(Input::SaveSettings(settings));
    }

    /// "Test cues": one of each, so the patient can check them before lying
    /// down.
    pub fn test_cues(&self) {
        cues::unlock_audio();
        self.input(Input::TestCues);
    }

    pub fn close_summary(&self) {
        self.input(Input::CloseSummary);
    }

    /// Makes the backup file and hands it to the share sheet or the
    /// downloads (in the on-demand module). Records not yet saved (storage
    /// full) are in it too.
    pub fn back_up(&self) {
        let (settings, unsaved) = self.model.with_untracked(Model::backup_extras);
        let state = *self;
        leptos::task::spawn_local(async move {
            match modules::back_up(&settings, &unsaved).await {
                Ok(true) => state.input(Input::BackedUp),
                Ok(false) => {}
                Err(e) => state.input(Input::BackupFailed(e)),
            }
        });
    }

    /// "Not now" on the weekly reminder.
    pub fn remind_later(&self) {
        self.input(Input::RemindLater);
    }

    /// Removes everything the app stored on this device, then starts afresh.
    pub fn delete_all(&self) {
        self.input(Input::DeleteAll);
    }

    /// Another tab changed storage.
    pub fn on_storage(&self, key: Option<String>, value: Option<String>) {
        self.input(Input::StorageChanged { key, value });
    }

    /// The on-demand module stored packs or settings.
    pub fn reload_stored(&self) {
        if let Some(input) = driver::read_stored_choices() {
            self.input(input);
        }
    }

    /// As [`AppState::reload_stored`] after a restore, which may have
    /// added years of records: reading them and taking them in are each a
    /// task of their own, so the page keeps answering taps.
    pub fn reload_restored(&self) {
        let state = *self;
        leptos::task::spawn_local(async move {
            clock::next_task().await;
            if let Some(input) = driver::read_stored() {
                clock::next_task().await;
                state.input(input);
            }
        });
    }
}
