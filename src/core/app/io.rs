//! What goes into the app model and what comes out of it: the patient's
//! actions and the world's answers in, the shell's work out, as data.

use crate::core::journal::{Appender, Correction, Psfs, PsfsItem, Record, StoreError, codec};
use crate::core::pack::Pack;
use crate::core::session::{Event, Tone, Vibration};
use crate::core::settings::Settings;
use crate::core::symptoms::Answers;

/// Something the patient did, or something that happened to the page.
#[derive(Clone, Debug)]
pub enum Input {
    /// "Start" on a routine of the active pack.
    Start { routine: String },
    /// An action in the session in progress.
    Session(Event),
    /// The clock moved (the shell's one timer, or the page shown again).
    Tick,
    /// The page is visible again: timers may have been frozen, and another
    /// tab may have freed room.
    Visible { utc_offset_ms: i64 },
    /// The warning-signs questions were saved: the ids of the signs
    /// answered "yes".
    WarningCheck { yes: Vec<String> },
    /// The patient has read a prompt (`Acknowledged::what`).
    Acknowledge { what: String },
    /// The patient accepted the stage offered of the pack in use
    /// (`progression::Offer::stage`).
    AcceptStage { stage: u32 },
    /// "Go back to stage N": the stage below the one in force, by choice.
    StageDown,
    /// The plan's calendar file was handed over (shared or downloaded).
    AddedToCalendar,
    /// A heel-raise self-check was saved (its id and time are the model's).
    SelfCheck {
        left: u32,
        right: u32,
        toe_walk_left: bool,
        toe_walk_right: bool,
    },
    /// "Log symptoms": a check-in on its own, outside any session.
    LogSymptoms {
        answers: Answers,
        note: Option<String>,
    },
    /// A check-in corrected from History; `answers: None` marks it as a
    /// mistake. The original stays.
    Correct {
        check_in: String,
        answers: Option<Answers>,
        note: Option<String>,
    },
    /// The Patient-Specific Functional Scale answered.
    Psfs { items: Vec<PsfsItem> },
    /// Settings changed on the Settings page or at the first run.
    SaveSettings(Settings),
    /// "Test cues".
    TestCues,
    /// The finished session's summary was read.
    CloseSummary,
    /// The emergency advice was read and closed.
    CloseEmergency,
    /// What a logged check-in asked was read.
    CloseLogged,
    /// A notice was dismissed.
    Dismiss(usize),
    /// The backup file was handed over (shared or downloaded).
    BackedUp,
    /// Making the backup failed.
    BackupFailed(String),
    /// "Not now" on the weekly backup reminder.
    RemindLater,
    /// "Delete all data", confirmed.
    DeleteAll,
    /// Another tab changed a key (`None`: it cleared storage).
    StorageChanged {
        key: Option<String>,
        value: Option<String>,
    },
    /// What the on-demand module stored (packs, settings, restored
    /// records), read again by the shell from storage.
    Stored {
        records: Vec<Record>,
        settings: Option<String>,
        library: Option<String>,
    },
    /// The result of performing [`Output::Store`] for `key`.
    Written {
        key: String,
        result: Result<(), StoreError>,
    },
    /// The writer of a page that is gone, free to continue (Web Locks).
    TakeOver(Appender),
    /// [`Output::ScreenOn`] could not be honoured: this browser has no
    /// wake lock.
    NoWakeLock,
    /// Home shows this pack from now on.
    UsePack { id: String },
    /// Install (or update) a checked pack and use it.
    InstallPack(Box<Pack>),
    /// Remove an installed pack; Home falls back to the first.
    RemovePack { id: String },
}

/// What the on-demand module asks the app to record. The module shares no
/// memory with the app, so a request travels as text in a page event
/// (`ui::extras::RECORD_EVENT`); the app's model records it like any other
/// input, with its own id and time, in the app's own chunk.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    Psfs {
        items: Vec<PsfsItem>,
    },
    Correct {
        check_in: String,
        answers: Option<Answers>,
        note: Option<String>,
    },
}

impl Request {
    /// As a chunk of one record (`journal::codec`), whose id and time the
    /// app replaces: the app reads it with the reader it has for storage,
    /// so the first screen carries no second one.
    pub fn encode(&self) -> String {
        let record = match self.clone() {
            Request::Psfs { items } => Record::Psfs(Psfs {
                id: String::new(),
                at: 0,
                items,
            }),
            Request::Correct {
                check_in,
                answers,
                note,
            } => Record::Correction(Correction {
                id: String::new(),
                at: 0,
                corrects: check_in.into(),
                answers,
                note,
            }),
        };
        codec::encode_chunk(&[record])
    }

    /// The request a chunk carries; `None` for anything else.
    pub fn decode(chunk: &str) -> Option<Request> {
        let records = codec::decode_chunk(chunk).ok()?;
        match <[Record; 1]>::try_from(records).ok()? {
            [Record::Psfs(p)] => Some(Request::Psfs { items: p.items }),
            [Record::Correction(c)] => Some(Request::Correct {
                check_in: c.corrects.to_string(),
                answers: c.answers,
                note: c.note,
            }),
            _ => None,
        }
    }
}

impl From<Request> for Input {
    fn from(request: Request) -> Input {
        match request {
            Request::Psfs { items } => Input::Psfs { items },
            Request::Correct {
                check_in,
                answers,
                note,
            } => Input::Correct {
                check_in,
                answers,
                note,
            },
        }
    }
}

/// Which page the model asks the shell to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Session,
    WarningSigns,
}

/// Work for the shell, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// Store `value` under `key`, then report with [`Input::Written`].
    Store {
        key: String,
        value: String,
    },
    Remove {
        key: String,
    },
    /// Remove every key starting with this prefix, then reload the page:
    /// nothing in memory may be written back.
    DeleteAllAndReload {
        prefix: &'static str,
    },
    /// Start the page again from storage (another tab deleted everything).
    Reload,
    Say {
        text: String,
        language: String,
    },
    Vibrate(Vibration),
    /// Tones at monotonic times, replacing any scheduled before.
    Tones(Vec<(u64, Tone)>),
    CancelTones,
    /// Stop speaking now.
    Hush,
    /// Keep the screen on (a session runs) or let it sleep.
    ScreenOn(bool),
    Show(Page),
}
