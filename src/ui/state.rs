//! App-wide state, created once in `App` and shared by context. Every
//! change the core asks for is written to storage before the screen moves
//! on.

use crate::core::journal::{self, Appender, Journal, KeyValue, LoadProblem, Record, StoreError};
use crate::core::pack::{Pack, bundled_packs};
use crate::core::session::{Effect, Event, Session};
use crate::platform::clock;
use crate::platform::storage::LocalStorage;
use crate::ui::route::Route;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AppState {
    pub pack: StoredValue<Option<Pack>>,
    pub journal: RwSignal<Journal>,
    pub session: RwSignal<Option<Session>>,
    /// The monotonic clock as of the last tick, for countdowns.
    pub now: RwSignal<u64>,
    pub route: RwSignal<Route>,
    /// Problems to show at the top of every page (saving, loading).
    pub notices: RwSignal<Vec<String>>,
    appender: StoredValue<Appender>,
    /// Records not yet stored (storage full or failing): kept in memory and
    /// written first at the next chance.
    unsaved: StoredValue<Vec<Record>>,
    writable: StoredValue<bool>,
}

impl AppState {
    /// Loads the journal and any interrupted session from storage.
    pub fn load() -> AppState {
        let mut notices = Vec::new();
        let mut loaded = journal::Loaded {
            writable: true,
            ..Default::default()
        };
        let mut session = None;
        match LocalStorage::open() {
            Ok(mut kv) => {
                loaded = journal::load(&mut kv);
                session = loaded.session.take().and_then(|raw| {
                    match serde_json::from_str::<Session>(&raw) {
                        Ok(s) => s.restored(),
                        Err(_) => {
                            let p = journal::quarantine(&mut kv, journal::keys::SESSION);
                            loaded.problems.extend(p);
                            None
                        }
                    }
                });
            }
            Err(e) => notices.push(storage_message(&e)),
        }
        notices.extend(loaded.problems.iter().map(problem_message));
        AppState {
            pack: StoredValue::new(bundled_packs().into_iter().next()),
            journal: RwSignal::new(loaded.journal),
            session: RwSignal::new(session),
            now: RwSignal::new(clock::now().mono),
            route: RwSignal::new(Route::current()),
            notices: RwSignal::new(notices),
            appender: StoredValue::new(Appender::new(clock::random_id())),
            unsaved: StoredValue::new(Vec::new()),
            writable: StoredValue::new(loaded.writable),
        }
    }

    /// Starts a routine of the pack. An interrupted session is finished
    /// first, keeping its sets.
    pub fn start(&self, routine_id: &str) {
        self.send(Event::End);
        self.session.set(None);
        let now = clock::now();
        let started = self.pack.with_value(|p| {
            let pack = p.as_ref()?;
            let routine = pack.routine(routine_id)?;
            Some(Session::start(clock::random_id(), pack, routine, now))
        });
        if let Some((session, fx)) = started {
            self.perform(&session, fx);
            self.session.set(Some(session));
            self.now.set(now.mono);
            Route::Session.go();
        }
    }

    /// Sends an event to the session in progress, if any.
    pub fn send(&self, event: Event) {
        let now = clock::now();
        let Some(session) = self.session.get_untracked() else {
            return;
        };
        let (session, fx) = session.step(event, now);
        if !fx.is_empty() {
            self.perform(&session, fx);
        }
        self.now.set(now.mono);
        self.session.set(Some(session));
    }

    /// Called by the timer: re-renders the countdown, and lets the core end
    /// the phase only when a deadline has passed.
    pub fn tick(&self) {
        let now = clock::now().mono;
        let due = self.session.with_untracked(|s| {
            s.as_ref()
                .and_then(Session::next_deadline)
                .is_some_and(|d| now >= d)
        });
        if due {
            self.send(Event::Tick);
        } else {
            self.now.set(now);
        }
    }

    /// The finished session's summary was read: back to the start.
    pub fn close_summary(&self) {
        self.session.set(None);
        Route::Home.go();
    }

    fn perform(&self, session: &Session, effects: Vec<Effect>) {
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
                    let json = serde_json::to_string(session).unwrap_or_default();
                    if let Some(kv) = kv.as_mut().filter(|_| self.writable.get_value())
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
            }
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
                break;
            }
            written += 1;
        }
        unsaved.drain(..written);
        self.unsaved.set_value(unsaved);
        self.appender.set_value(appender);
    }

    fn notify(&self, message: String) {
        self.notices.update(|n| {
            if !n.contains(&message) {
                n.push(message);
            }
        });
    }
}

fn storage_message(e: &StoreError) -> String {
    match e {
        StoreError::Full => "This device's storage for the app is full. What you record now is \
            kept while this page stays open, but it is not saved yet."
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
            "A saved session could not be read. It has been kept aside ({kept_as}) and nothing \
             else is affected."
        ),
        LoadProblem::UnreadableRecords { count, .. } => format!(
            "{count} saved record{} could not be read. {} kept as stored; everything else \
             loaded.",
            if *count == 1 { "" } else { "s" },
            if *count == 1 { "It is" } else { "They are" }
        ),
    }
}
