//! App-wide state, created once in `App` and shared by context. Every
//! change the core asks for is written to storage before the screen moves
//! on; cues and the wake lock follow the session.

mod keeping;
mod packs;
mod tabs;

use crate::core::bundled::bundled_packs;
use crate::core::export::backup::BackupLog;
use crate::core::gate::{self, StartGate};
use crate::core::journal::{
    self, Acknowledged, Appender, Journal, KeyValue, LoadProblem, Record, StoreError, WarningCheck,
};
use crate::core::library::Library;
use crate::core::pack::Pack;
use crate::core::red_flags::{self, Tier};
use crate::core::self_check::SelfCheck;
use crate::core::session::{Cue, Effect, Event, Phase, Session, StartWith, Tone, Vibration};
use crate::core::settings::Settings;
use crate::platform::storage::LocalStorage;
use crate::platform::{clock, cues};
use crate::ui::route::Route;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AppState {
    /// The active pack: Home shows its routines.
    pub pack: RwSignal<Option<Pack>>,
    /// The packs the patient installed, beside the built-in ones.
    pub library: RwSignal<Library>,
    /// A share link the app was opened with, for the Packs page to read.
    pub pack_link: RwSignal<Option<String>>,
    pub journal: RwSignal<Journal>,
    pub session: RwSignal<Option<Session>>,
    /// The monotonic clock as of the last tick, for countdowns.
    pub now: RwSignal<u64>,
    pub route: RwSignal<Route>,
    /// Problems to show at the top of every page (saving, loading).
    pub notices: RwSignal<Vec<String>>,
    pub settings: RwSignal<Settings>,
    /// The emergency advice is showing.
    pub emergency: RwSignal<bool>,
    /// A routine to start once this week's warning-signs check is answered.
    pub pending_start: RwSignal<Option<String>>,
    /// Something was not saved or could not be read: a backup is offered
    /// beside the notices.
    pub offer_backup: RwSignal<bool>,
    /// A new version of the app is installed and waits for a reload.
    pub update_ready: RwSignal<bool>,
    pub backups: RwSignal<BackupLog>,
    /// The monotonic time of the previous tick, to find the repetitions
    /// counted and countdowns begun since.
    last_tick: StoredValue<u64>,
    appender: StoredValue<Appender>,
    /// Records not yet stored (storage full or failing): kept in memory and
    /// written first at the next chance.
    unsaved: StoredValue<Vec<Record>>,
    writable: StoredValue<bool>,
}

/// What was read from storage at start-up.
struct Stored {
    loaded: journal::Loaded,
    session: Option<Session>,
    settings: Settings,
    library: Library,
    backups: BackupLog,
    notices: Vec<String>,
}

fn read_storage() -> Stored {
    let mut stored = Stored {
        loaded: journal::Loaded {
            writable: true,
            ..Default::default()
        },
        session: None,
        settings: Settings::default(),
        library: Library::default(),
        backups: BackupLog::default(),
        notices: Vec::new(),
    };
    let mut kv = match LocalStorage::open() {
        Ok(kv) => kv,
        Err(e) => {
            stored.notices.push(storage_message(&e));
            return stored;
        }
    };
    let loaded = &mut stored.loaded;
    // The storage benchmark reads this measure: first read to journal in memory.
    let performance = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &performance {
        let _ = p.mark("centralise:load-start");
    }
    *loaded = journal::load(&mut kv);
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark("centralise:load", "centralise:load-start");
    }
    // Values that cannot be read are moved aside, never overwritten.
    if let Some(raw) = loaded.session.take() {
        stored.session = serde_json::from_str::<Session>(&raw).ok();
        if stored.session.is_none() {
            let p = journal::quarantine(&mut kv, journal::keys::SESSION);
            loaded.problems.push(p);
        }
    }
    if let Some(raw) = kv.get(journal::keys::SETTINGS) {
        match Settings::decode(&raw) {
            Ok(s) => stored.settings = s,
            Err(_) => {
                let p = journal::quarantine(&mut kv, journal::keys::SETTINGS);
                loaded.problems.push(p);
            }
        }
    }
    if let Some(raw) = kv.get(journal::keys::PACKS) {
        match Library::decode(&raw) {
            Ok(l) => stored.library = l,
            Err(_) => {
                let p = journal::quarantine(&mut kv, journal::keys::PACKS);
                loaded.problems.push(p);
            }
        }
    }
    stored.backups = kv
        .get(journal::keys::BACKUP)
        .and_then(|b| serde_json::from_str(&b).ok())
        .unwrap_or_default();
    stored
        .notices
        .extend(stored.loaded.problems.iter().map(problem_message));
    stored
}

impl AppState {
    /// Loads the journal, the settings and any interrupted session.
    pub fn load() -> AppState {
        let stored = read_storage();
        let now = clock::now();
        let state = AppState {
            pack: RwSignal::new(
                stored
                    .library
                    .active(&bundled_packs(), stored.settings.active_pack.as_deref()),
            ),
            library: RwSignal::new(stored.library),
            pack_link: RwSignal::new(None),
            journal: RwSignal::new(stored.loaded.journal),
            session: RwSignal::new(None),
            now: RwSignal::new(now.mono),
            route: RwSignal::new(Route::current()),
            offer_backup: RwSignal::new(
                stored
                    .loaded
                    .problems
                    .iter()
                    .any(|p| !matches!(p, LoadProblem::NewerSchema(_))),
            ),
            update_ready: RwSignal::new(false),
            backups: RwSignal::new(stored.backups),
            notices: RwSignal::new(stored.notices),
            settings: RwSignal::new(stored.settings),
            emergency: RwSignal::new(false),
            pending_start: RwSignal::new(None),
            last_tick: StoredValue::new(now.mono),
            appender: StoredValue::new(Appender::new(clock::random_id())),
            unsaved: StoredValue::new(Vec::new()),
            writable: StoredValue::new(stored.loaded.writable),
        };
        state.claim_writer();
        crate::platform::storage::ask_to_persist();
        if let Some(session) = stored.session {
            // A session idle for over six hours is closed here, sets kept.
            let (session, fx) = session.restore(now);
            state.perform(session.as_ref(), fx);
            state.session.set(session);
        }
        state
    }

    /// Starts a routine of the pack. An interrupted session is finished
    /// first, keeping its sets. Called from the tap on Start, which is what
    /// lets the browser play sound.
    pub fn start(&self, routine_id: &str) {
        cues::unlock_audio();
        if self.start_gate() != StartGate::Open {
            // The check (or the advice its last answers need) comes first.
            self.pending_start.set(Some(routine_id.to_string()));
            Route::WarningSigns.go();
            return;
        }
        self.pending_start.set(None);
        self.send(Event::End);
        self.session.set(None);
        let now = clock::now();
        let stopped = self.stopped_today();
        let stopped: Vec<&str> = stopped.iter().map(String::as_str).collect();
        let previous = self.journal.with_untracked(|j| {
            j.last_check_in()
                .filter(|c| c.at <= now.wall)
                .map(|c| c.answers)
        });
        let started = self.pack.with_untracked(|p| {
            let pack = p.as_ref()?;
            let routine = pack.routine(routine_id)?;
            let with = StartWith {
                stopped: &stopped,
                previous: previous.as_ref(),
                affected: self.settings.with_untracked(|s| s.affected_leg),
            };
            Session::start(clock::random_id(), pack, routine, with, now)
        });
        if let Some((session, fx)) = started {
            self.perform(Some(&session), fx);
            self.session.set(Some(session));
            self.now.set(now.mono);
            self.follow_session();
            if !cues::wake_lock_supported() {
                self.notify(
                    "This browser cannot keep the screen on during a session. If the screen \
                     goes dark, the timer keeps counting: tap to wake it."
                        .into(),
                );
            }
            Route::Session.go();
        } else {
            self.notify(
                "Every exercise in this routine is stopped for today by a safety rule. \
                 Rest, and tell your physiotherapist."
                    .into(),
            );
        }
    }

    /// Whether a session may start now (the weekly warning-signs check and
    /// what its last answers allow).
    pub fn start_gate(&self) -> StartGate {
        let week = clock::start_of_week();
        let now = clock::now().wall;
        self.journal.with(|j| gate::start_gate(j, week, now))
    }

    /// Records the warning-signs check and tells the session. An emergency
    /// answer ends any session and shows the emergency advice; a routine
    /// waiting for the check starts only if the answers allow it.
    pub fn warning_check(&self, yes: Vec<String>) -> Option<Tier> {
        let now = clock::now();
        let outcome = red_flags::assess(yes.iter().map(String::as_str));
        let record = Record::WarningCheck(WarningCheck {
            id: clock::random_id(),
            at: now.wall,
            yes,
            outcome,
        });
        self.perform(None, vec![Effect::Write(record)]);
        self.send(Event::WarningAnswer(outcome));
        if outcome == Some(Tier::Emergency) {
            self.pending_start.set(None);
            self.emergency.set(true);
        } else if let Some(routine) = self.pending_start.get_untracked()
            && self.start_gate() == StartGate::Open
        {
            self.start(&routine);
        }
        outcome
    }

    /// The patient has read a prompt: to contact their therapist (`what`
    /// empty) or to book a review ([`Acknowledged::REVIEW`]).
    pub fn acknowledge(&self, what: &str) {
        let record = Record::Acknowledged(Acknowledged {
            id: clock::random_id(),
            at: clock::now().wall,
            what: what.to_string(),
        });
        self.perform(None, vec![Effect::Write(record)]);
    }

    /// Records a heel-raise self-check.
    pub fn record_self_check(&self, left: u32, right: u32, toe_left: bool, toe_right: bool) {
        let record = Record::SelfCheck(SelfCheck {
            id: clock::random_id(),
            at: clock::now().wall,
            left,
            right,
            toe_walk_left: toe_left,
            toe_walk_right: toe_right,
        });
        self.perform(None, vec![Effect::Write(record)]);
    }

    /// Ids of the exercises stopped for the rest of today by a safety rule.
    pub fn stopped_today(&self) -> Vec<String> {
        let today = clock::start_of_today();
        let now = clock::now().wall;
        self.pack.with(|p| {
            self.journal
                .with(|j| gate::stopped_today(j, p.as_ref(), today, now).exercises)
        })
    }

    /// Sends an event to the session in progress, if any.
    pub fn send(&self, event: Event) {
        if matches!(event, Event::Continue) {
            cues::unlock_audio();
        }
        let now = clock::now();
        let Some(before) = self.session.get_untracked() else {
            return;
        };
        let was = (before.phase.clone(), before.is_paused());
        let (session, fx) = before.step(event, now);
        if !fx.is_empty() {
            self.perform(Some(&session), fx);
        }
        let changed = was != (session.phase.clone(), session.is_paused());
        self.now.set(now.mono);
        self.last_tick.set_value(now.mono);
        self.session.set(Some(session));
        if changed {
            self.follow_session();
        }
    }

    /// Called by the timer: re-renders the countdown, counts repetitions
    /// aloud, and lets the core end a phase once its deadline has passed.
    pub fn tick(&self) {
        let now = clock::now();
        let from = self.last_tick.get_value();
        let (due, count, countdown) = self.session.with_untracked(|s| match s {
            Some(s) => (
                s.next_deadline().is_some_and(|d| now.mono >= d) || s.is_stale(now),
                s.count_between(from, now.mono),
                s.countdown_between(from, now.mono),
            ),
            None => (false, None, false),
        });
        let settings = self.settings.get_untracked();
        if let Some(n) = count.filter(|_| settings.voice) {
            cues::say(&n.to_string(), &self.language());
        }
        if countdown && settings.vibration {
            cues::vibrate(Vibration::Countdown);
        }
        if due {
            self.send(Event::Tick);
        } else {
            self.last_tick.set_value(now.mono);
            self.now.set(now.mono);
        }
    }

    /// The page became visible again: the browser dropped the wake lock
    /// while it was hidden, and timers may have been frozen.
    pub fn on_visible(&self) {
        self.retry_unsaved();
        cues::forget_wake_lock_if_released();
        self.tick();
        self.follow_session();
    }

    /// The finished session's summary was read: back to the start.
    pub fn close_summary(&self) {
        self.session.set(None);
        self.follow_session();
        Route::Home.go();
    }

    /// Keeps the screen on and the tones scheduled while a session runs.
    fn follow_session(&self) {
        let sounds = self.settings.get_untracked().sounds;
        let now = clock::now().mono;
        self.session.with_untracked(|s| {
            let running = s.as_ref().is_some_and(|s| {
                !matches!(s.phase, Phase::Finished { .. } | Phase::Interrupted { .. })
            });
            if running {
                cues::keep_screen_on();
            } else {
                cues::let_screen_sleep();
            }
            match s.as_ref().filter(|s| sounds && !s.is_paused()) {
                Some(s) => cues::schedule_tones(&s.tones(), now),
                None => cues::cancel_tones(),
            }
            if s.as_ref().is_some_and(Session::is_paused) {
                cues::hush();
                cues::vibrate(Vibration::None);
            }
        });
    }

    fn language(&self) -> String {
        self.session
            .with_untracked(|s| s.as_ref().map(|s| s.language.clone()))
            .unwrap_or_default()
    }

    fn give(&self, cue: &Cue) {
        let settings = self.settings.get_untracked();
        if settings.voice {
            cues::say(&cue.say, &self.language());
        }
        if settings.vibration && cue.vibrate != Vibration::None {
            cues::vibrate(cue.vibrate);
        }
    }

    /// "Test cues": one of each, so the patient can check them before lying
    /// down.
    pub fn test_cues(&self) {
        cues::unlock_audio();
        let settings = self.settings.get_untracked();
        let lang = self
            .pack
            .with_untracked(|p| p.as_ref().map(|p| p.language.clone()))
            .unwrap_or_default();
        if settings.voice {
            cues::say("This is how Centralise talks you through each set.", &lang);
        }
        if settings.vibration {
            cues::vibrate(Vibration::Done);
        }
        if settings.sounds {
            let now = clock::now().mono;
            let tones = [(now, Tone::Tick), (now + 1_000, Tone::End)];
            cues::schedule_tones(&tones, now);
        }
    }

    pub fn save_settings(&self, settings: Settings) {
        let text = settings.encode();
        self.settings.set(settings);
        let saved = LocalStorage::open().and_then(|mut kv| kv.set(journal::keys::SETTINGS, &text));
        if let Err(e) = saved {
            self.notify(storage_message(&e));
        }
        self.follow_session();
    }

    fn perform(&self, session: Option<&Session>, effects: Vec<Effect>) {
        let mut kv = match LocalStorage::open() {
            Ok(kv) => Some(kv),
            Err(e) => {
                self.notify(storage_message(&e));
                None
            }
        };
        for effect in effects {
            match effect {
                Effect::Write(record) => {
                    self.journal.update(|j| {
                        j.insert(record.clone());
                    });
                    self.unsaved.update_value(|u| u.push(record));
                    if let Some(kv) = kv.as_mut() {
                        self.flush(kv);
                    }
                }
                Effect::SaveProgress => {
                    let json = session.and_then(|s| serde_json::to_string(s).ok());
                    if let (Some(kv), Some(json)) = (kv.as_mut(), json)
                        && self.writable.get_value()
                        && let Err(e) = kv.set(journal::keys::SESSION, &json)
                    {
                        self.notify(storage_message(&e));
                    }
                }
                Effect::ClearProgress => {
                    if let Some(kv) = kv.as_mut() {
                        kv.remove(journal::keys::SESSION);
                    }
                }
                Effect::Cue(cue) => self.give(&cue),
            }
        }
    }

    /// Tries again to store records kept in memory (storage was full or
    /// failing): at every new record, and whenever the page or another tab
    /// may have freed room.
    fn retry_unsaved(&self) {
        if self.unsaved.with_value(Vec::is_empty) {
            return;
        }
        if let Ok(mut kv) = LocalStorage::open() {
            self.flush(&mut kv);
        }
    }

    /// Writes every unsaved record, oldest first, stopping at the first
    /// failure so that order is kept and nothing is dropped.
    fn flush(&self, kv: &mut LocalStorage) {
        if !self.writable.get_value() {
            return;
        }
        let mut unsaved = self.unsaved.get_value();
        let mut appender = self.appender.get_value();
        let mut written = 0;
        for record in &unsaved {
            if let Err(e) = appender.append(kv, record) {
                self.notify(storage_message(&e));
                self.offer_backup.set(true);
                break;
            }
            written += 1;
        }
        unsaved.drain(..written);
        let caught_up = written > 0 && unsaved.is_empty();
        self.unsaved.set_value(unsaved);
        self.appender.set_value(appender);
        let full = storage_message(&StoreError::Full);
        if caught_up && self.notices.with_untracked(|n| n.contains(&full)) {
            self.notices.update(|n| n.retain(|m| *m != full));
            self.notify("There is room again: everything you recorded is saved.".into());
        }
    }

    fn notify(&self, message: String) {
        self.notices.update(|n| {
            if !n.contains(&message) {
                n.push(message);
            }
        });
    }
}

pub(crate) fn storage_message(e: &StoreError) -> String {
    match e {
        StoreError::Full => "This device's storage for the app is full. What you record now is \
            kept while this page stays open and saved as soon as there is room: back up now to \
            keep a copy of everything."
            .into(),
        StoreError::Unavailable(why) => format!(
            "The app cannot save to this browser's storage ({why}). What you record now is kept \
             while this page stays open."
        ),
    }
}

fn problem_message(p: &LoadProblem) -> String {
    match p {
        LoadProblem::NewerSchema(v) => format!(
            "Your data was saved by a newer version of Centralise (format {v}). It is left \
             untouched; this version will not change it. Reload to get the newer version."
        ),
        LoadProblem::Unreadable { kept_as, .. } => format!(
            "Some saved data could not be read. It has been kept aside as it was ({kept_as}) \
             and goes into your backup; everything else loaded."
        ),
        LoadProblem::UnreadableRecords { count, .. } => format!(
            "{count} saved record{} could not be read. {} kept as stored; everything else \
             loaded.",
            if *count == 1 { "" } else { "s" },
            if *count == 1 { "It is" } else { "They are" }
        ),
    }
}
