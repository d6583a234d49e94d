//! The app as one sans-IO model (after quinn-proto and str0m): everything
//! the app decides, from what is stored at start-up to what a tap does,
//! decided here and tested natively. The shell feeds it [`Input`]s with the
//! time, drains [`Output`]s with [`Model::poll_output`] and performs them,
//! reporting each store's result back ([`Input::Written`]).
//!
//! Records are stored one at a time through the [`Appender`]: the next is
//! offered only once the last write's result is in, so storage keeps the
//! journal's order and a failed write (storage full) keeps the record, and
//! every one after it, in memory until there is room. Nothing recorded is
//! dropped.

mod io;
mod notice;

pub use io::{Input, Output, Page, Request};
pub use notice::Notice;

use crate::core::bundled::bundled_packs;
use crate::core::export::backup::{self, Backup, BackupLog};
use crate::core::export::calendar;
use crate::core::gate::{self, StartGate, StoppedToday};
use crate::core::journal::{
    self, Acknowledged, Appender, CheckInRecord, Correction, Journal, KeyValue, LoadProblem,
    Loaded, Psfs, Record, STORAGE_UNITS, StageAccepted, StoreError, WarningCheck,
    YEAR_OF_RECORDS_UNITS, keys,
};
use crate::core::library::{Library, RefusedPack};
use crate::core::pack::{Pack, Routine};
use crate::core::plan::{self, DayPlan};
use crate::core::progression::{self, Offer, Step};
use crate::core::psfs;
use crate::core::red_flags::{self, Tier};
use crate::core::safety::{self, ContactPrompt, ReviewReason};
use crate::core::self_check::SelfCheck;
use crate::core::session::{Cue, Effect, Event, Phase, Session, StartWith, Tone, Vibration};
use crate::core::settings::Settings;
use crate::core::symptoms::{Answers, both_legs_new};
use crate::core::time::{self, Now};
use std::collections::{HashMap, VecDeque};

/// The model of the whole app. Built by [`Model::load`].
#[derive(Debug)]
pub struct Model {
    journal: Journal,
    session: Option<Session>,
    settings: Settings,
    library: Library,
    bundled: Vec<Pack>,
    /// The pack Home shows: the settings' choice, else the first.
    pack: Option<Pack>,
    backups: BackupLog,
    appender: Appender,
    /// Records not yet stored, oldest first; the first may be in flight.
    unsaved: VecDeque<Record>,
    in_flight: Option<InFlight>,
    /// False when storage belongs to a newer version: nothing is written.
    writable: bool,
    /// Keys holding a value the app could not read that storage had no
    /// room to move aside: never written or removed, so never lost.
    kept_in_place: Vec<String>,
    notices: Vec<Notice>,
    /// A routine waiting for the warning-signs check (or its advice).
    pending_start: Option<String>,
    /// The emergency advice is showing.
    emergency: bool,
    /// What the last "Log symptoms" asks of the patient, until read.
    logged: Option<Logged>,
    /// Something was not saved or could not be read, and no backup has
    /// been made since: a backup is offered beside the notices.
    offer_backup: bool,
    /// This page's own name (the writer it started with): the ids of the
    /// records it makes are `{page}-{n}`. Not the writer it appends to,
    /// which it may have taken over from a page that made ids of its own.
    page: String,
    next_id: u64,
    utc_offset_ms: i64,
    /// The monotonic time of the previous tick, to find the repetitions
    /// counted and countdowns begun since.
    last_tick: u64,
    outputs: VecDeque<Output>,
}

/// A record being stored: the writes the appender made for it, still
/// waiting for their results, and the appender as it will be once they
/// succeed.
#[derive(Debug)]
struct InFlight {
    waiting: Vec<String>,
    appender: Appender,
    /// How many of the oldest unsaved records these writes store.
    records: usize,
}

/// The pack in use's progression, as Home shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageView {
    /// The stage in force, since when and why.
    pub step: Step,
    /// The pack's highest stage (1 when it has no `[[stages]]`).
    pub top: u32,
    pub offer: Option<Offer>,
}

/// What a check-in logged on its own asks of the patient.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Logged {
    /// Symptoms newly in both legs: the warning-signs questions now.
    pub warning_signs: bool,
    /// A leg feels weaker: contact the GP or physiotherapist today.
    pub urgent: bool,
}

/// A patient's note as kept: trimmed, and none when blank.
fn tidy_note(note: Option<String>) -> Option<String> {
    note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty())
}

/// The title of stage 1 in a `StageAccepted` record.
const STARTING_DOSES: &str = "The pack's starting doses";

/// How far ahead the calendar export reaches: four weeks.
const CALENDAR_DAYS: u32 = 28;

/// What a restore did.
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    /// Records new to this phone, queued to be stored.
    pub added: usize,
    /// Records of the file that were here already.
    pub already: usize,
    /// Packs installed from the file.
    pub packs: usize,
    /// The file's packs that would replace one on this phone, for the
    /// patient to confirm one by one ([`Input::InstallPack`]).
    pub offered: Vec<Pack>,
    /// The file's packs that failed the checks of a pack file.
    pub refused: Vec<RefusedPack>,
    /// New records dated after now (a phone with a wrong clock): restored,
    /// but they count for no safety rule until their time comes.
    pub future: usize,
    /// Values the file kept aside that were not kept here, to leave room
    /// for a year of records (the file still holds them).
    pub not_kept_aside: usize,
    /// The file's emergency number, when it is not a phone number and was
    /// not used.
    pub odd_number: Option<String>,
    /// The file's settings, when they differ from these and the patient
    /// should choose ([`Input::SaveSettings`] takes them).
    pub settings: Option<Settings>,
}

/// Writes kept to be performed by the shell, over what storage holds now.
#[derive(Default)]
struct Staged<'a> {
    reads: Option<&'a dyn KeyValue>,
    writes: Vec<(String, String)>,
}

impl<'a> Staged<'a> {
    fn reading(stored: &'a dyn KeyValue) -> Self {
        Staged {
            reads: Some(stored),
            writes: Vec::new(),
        }
    }
}

impl KeyValue for Staged<'_> {
    fn get(&self, key: &str) -> Option<String> {
        let written = self.writes.iter().rev().find(|(k, _)| k == key);
        written
            .map(|(_, v)| v.clone())
            .or_else(|| self.reads?.get(key))
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.writes.push((key.into(), value.into()));
        Ok(())
    }
    fn remove(&mut self, _: &str) {}
    fn keys(&self) -> Vec<String> {
        let mut keys = self.reads.map(|r| r.keys()).unwrap_or_default();
        keys.extend(self.writes.iter().map(|(k, _)| k.clone()));
        keys
    }
}

impl Model {
    /// Reads and checks everything stored. A value that cannot be read is
    /// moved aside and becomes a notice; nothing panics. `writer` names
    /// this page's chunks (random, from the shell). What the stored session
    /// needs (closing it after six hours) is in the outputs.
    pub fn load(kv: &mut dyn KeyValue, now: Now, utc_offset_ms: i64, writer: &str) -> Model {
        let loaded = journal::load(kv);
        Self::load_with(kv, loaded, now, utc_offset_ms, writer, true)
    }

    /// What the first screen does not need, for the app to do once that is
    /// drawn (otherwise the first record saved does it): the journal
    /// settled and its index of ids made. Whether the records changed, which
    /// only storage damaged or edited by hand makes happen.
    pub fn prepare_for_records(&mut self) -> bool {
        self.journal.settle()
    }

    /// As [`Model::load`], for a part of the app that only changes what is
    /// stored (packs, restore) while the app's page runs the session: the
    /// stored session is left to that page.
    pub fn load_for_changes(
        kv: &mut dyn KeyValue,
        now: Now,
        utc_offset_ms: i64,
        writer: &str,
    ) -> Model {
        let loaded = journal::load(kv);
        Self::load_with(kv, loaded, now, utc_offset_ms, writer, false)
    }

    /// As [`Model::load_for_changes`] without the records, for a change
    /// that no record bears on (the pack in use, installing or removing a
    /// pack, the settings): reading years of records only to leave them
    /// as they were held a tap on "Use this pack" for a tenth of a second.
    /// Storage of a newer version is still left alone (not writable).
    pub fn load_for_choices(
        kv: &mut dyn KeyValue,
        now: Now,
        utc_offset_ms: i64,
        writer: &str,
    ) -> Model {
        let loaded = journal::Loading::begin(kv).finish(kv);
        Self::load_with(kv, loaded, now, utc_offset_ms, writer, false)
    }

    /// The installed packs and the id of the pack Home shows, as stored,
    /// as [`Model::load`] reads them (a value it cannot read counts as
    /// none), but without the journal: every on-demand page reads them
    /// when it opens, and years of records took a tenth of a second.
    /// Reads only.
    pub fn stored_packs(kv: &dyn KeyValue) -> (Library, Option<String>) {
        let library = kv
            .get(keys::PACKS)
            .and_then(|raw| Library::decode(&raw).ok())
            .unwrap_or_default();
        let settings = kv
            .get(keys::SETTINGS)
            .and_then(|raw| Settings::decode(&raw).ok())
            .unwrap_or_default();
        let active = library
            .active(&bundled_packs(), settings.active_pack.as_deref())
            .map(|p| p.id);
        (library, active)
    }

    /// As [`Model::load_for_changes`], for a page that only shows what is
    /// stored, with the journal read a few chunks at a time
    /// ([`journal::Loading`]).
    pub fn for_changes_from(
        kv: &mut dyn KeyValue,
        loaded: Loaded,
        now: Now,
        utc_offset_ms: i64,
        writer: &str,
    ) -> Model {
        Self::load_with(kv, loaded, now, utc_offset_ms, writer, false)
    }

    fn load_with(
        kv: &mut dyn KeyValue,
        mut loaded: Loaded,
        now: Now,
        utc_offset_ms: i64,
        writer: &str,
        with_session: bool,
    ) -> Model {
        let mut session = None;
        if let Some(raw) = loaded.session.take().filter(|_| with_session) {
            match serde_json::from_str::<Session>(&raw) {
                Ok(s) if s.fits() => session = Some(s),
                _ => loaded.problems.push(journal::quarantine(kv, keys::SESSION)),
            }
        }
        let mut settings = Settings::default();
        if let Some(raw) = kv.get(keys::SETTINGS) {
            match Settings::decode(&raw) {
                Ok(s) => settings = s,
                Err(_) => loaded
                    .problems
                    .push(journal::quarantine(kv, keys::SETTINGS)),
            }
        }
        let mut library = Library::default();
        if let Some(raw) = kv.get(keys::PACKS) {
            match Library::decode(&raw) {
                Ok(l) => library = l,
                Err(_) => loaded.problems.push(journal::quarantine(kv, keys::PACKS)),
            }
        }
        let mut backups = BackupLog::default();
        if let Some(raw) = kv.get(keys::BACKUP) {
            match serde_json::from_str(&raw) {
                Ok(b) => backups = b,
                Err(_) => loaded.problems.push(journal::quarantine(kv, keys::BACKUP)),
            }
        }
        let kept_in_place = loaded
            .problems
            .iter()
            .filter_map(|p| match p {
                LoadProblem::Unreadable { key, kept_as } if key == kept_as => Some(key.clone()),
                _ => None,
            })
            .collect();
        let bundled = bundled_packs();
        let pack = library.active(&bundled, settings.active_pack.as_deref());
        let mut model = Model {
            journal: loaded.journal,
            session: None,
            settings,
            library,
            bundled,
            pack,
            backups,
            appender: Appender::new(writer),
            unsaved: VecDeque::new(),
            in_flight: None,
            writable: loaded.writable,
            kept_in_place,
            notices: Vec::new(),
            pending_start: None,
            emergency: false,
            logged: None,
            offer_backup: false,
            page: writer.to_string(),
            next_id: 0,
            utc_offset_ms,
            last_tick: now.mono,
            outputs: VecDeque::new(),
        };
        for problem in loaded.problems {
            let notice = match problem {
                LoadProblem::Unreadable { key, kept_as } if key == keys::SESSION => {
                    Notice::SessionUnreadable { kept_as }
                }
                p => Notice::Load(p),
            };
            model.notify(notice);
        }
        if let Some(stored) = session {
            // A session idle for over six hours is closed here, sets kept.
            let (restored, fx) = stored.restore(now);
            model.session = restored;
            model.perform(fx);
        }
        model
    }

    /// The next piece of work for the shell, if any.
    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    /// Takes one input at `now`.
    pub fn handle(&mut self, input: Input, now: Now) {
        match input {
            Input::Start { routine } => self.start(&routine, now),
            Input::Session(event) => self.send(event, now),
            Input::Tick => self.tick(now),
            Input::Visible { utc_offset_ms } => {
                self.utc_offset_ms = utc_offset_ms;
                self.flush();
                self.tick(now);
                self.follow_session(now);
            }
            Input::WarningCheck { yes } => self.warning_check(yes, now),
            Input::Acknowledge { what } => {
                let id = self.new_id();
                self.write(Record::Acknowledged(Acknowledged {
                    id,
                    at: now.wall,
                    what,
                }));
            }
            Input::AcceptStage { stage } => self.accept_stage(stage, now),
            Input::StageDown => self.stage_down(now),
            Input::AddedToCalendar => {
                let calendar = self.calendar_key(now.wall);
                let settings = Settings {
                    calendar,
                    ..self.settings.clone()
                };
                self.save_settings(settings, now);
            }
            Input::SelfCheck {
                left,
                right,
                toe_walk_left,
                toe_walk_right,
            } => {
                let id = self.new_id();
                self.write(Record::SelfCheck(SelfCheck {
                    id,
                    at: now.wall,
                    left,
                    right,
                    toe_walk_left,
                    toe_walk_right,
                }));
            }
            Input::LogSymptoms { answers, note } => self.log_symptoms(answers, note, now),
            Input::Correct {
                check_in,
                answers,
                note,
            } => self.correct(check_in, answers, note, now),
            Input::Psfs { items } => {
                let id = self.new_id();
                self.write(Record::Psfs(Psfs {
                    id,
                    at: now.wall,
                    items: psfs::tidy(items),
                }));
            }
            Input::SaveSettings(settings) => self.save_settings(settings, now),
            Input::TestCues => self.test_cues(now),
            Input::CloseSummary => {
                self.session = None;
                self.follow_session(now);
                self.outputs.push_back(Output::Show(Page::Home));
            }
            Input::CloseEmergency => self.emergency = false,
            Input::CloseLogged => self.logged = None,
            Input::Dismiss(i) => {
                if i < self.notices.len() {
                    self.notices.remove(i);
                }
            }
            Input::BackedUp => {
                self.offer_backup = false;
                self.backups.last = Some(now.wall);
                self.store_backups();
            }
            Input::BackupFailed(why) => self.notify(Notice::BackupFailed(why)),
            Input::RemindLater => {
                self.backups.reminded = Some(now.wall);
                self.store_backups();
            }
            Input::DeleteAll => {
                // The schema goes first: other tabs take its removal as
                // "everything was deleted" and stop writing at once.
                self.outputs.push_back(Output::Remove {
                    key: keys::SCHEMA.into(),
                });
                self.outputs.push_back(Output::DeleteAllAndReload {
                    prefix: keys::PREFIX,
                });
            }
            Input::StorageChanged { key, value } => self.storage_changed(key, value),
            Input::Stored {
                records,
                settings,
                library,
            } => {
                self.journal.merge(records);
                self.read_packs(settings, library);
            }
            Input::Written { key, result } => self.written(&key, result),
            Input::TakeOver(appender) => {
                if self.appender.is_fresh() && self.in_flight.is_none() {
                    self.appender = appender;
                }
            }
            Input::NoWakeLock => self.notify(Notice::NoWakeLock),
            Input::UsePack { id } => self.use_pack(id),
            Input::InstallPack(pack) => {
                let id = pack.id.clone();
                self.library.install(*pack, now.wall);
                self.store(keys::PACKS, self.library.encode());
                self.use_pack(id);
            }
            Input::RemovePack { id } => {
                self.library.remove(&id);
                self.store(keys::PACKS, self.library.encode());
                self.refresh_pack();
            }
        }
    }

    /// A patient's backup file opened to read, not to keep: a model of its
    /// own in memory, as a new phone would restore it, with the file's
    /// settings and packs. Nothing is stored anywhere; the therapist's own
    /// data (on their phone, or none in the CLI) is never touched.
    pub fn open_backup(
        text: &str,
        name: &str,
        now: Now,
        utc_offset_ms: i64,
    ) -> Result<Model, String> {
        let file = backup::parse(text, name)?;
        let mut empty = journal::MemoryKv::default();
        let mut model = Model::load(&mut empty, now, utc_offset_ms, "reader");
        let restored = model.restore(file, &empty, now)?;
        for pack in restored.offered {
            model.handle(Input::InstallPack(Box::new(pack)), now);
        }
        model.outputs.clear();
        Ok(model)
    }

    /// Restores a backup file: records merge by id (nothing twice) and are
    /// stored like any other, values the backup carried aside stay aside
    /// while there is room (`stored` is read to find their keys and the
    /// room), its packs are checked as pack files and those new here
    /// installed (the rest are offered or refused), and the backup's
    /// settings are taken on a phone that was never set up. What it did,
    /// or why it could not.
    pub fn restore(
        &mut self,
        mut file: Backup,
        stored: &dyn KeyValue,
        now: Now,
    ) -> Result<Restored, String> {
        if !self.writable {
            return Err(
                "the data on this phone was saved by a newer version of Centralise; \
                        update the app, then restore"
                    .into(),
            );
        }
        let odd_number = Some(file.settings.emergency_number.clone())
            .filter(|n| !n.trim().is_empty() && !red_flags::is_phone_number(n));
        if odd_number.is_some() {
            file.settings.emergency_number.clear();
        }
        let total = file.records.len();
        let new = self.journal.merge_new(std::mem::take(&mut file.records));
        let future = new.iter().filter(|r| r.at() > now.wall).count();
        let packs = self.library.merge(&self.bundled, &file.packs, now.wall);
        if packs.installed > 0 {
            self.store(keys::PACKS, self.library.encode());
            self.refresh_pack();
        }
        let mut settings = None;
        if !self.settings.setup_done {
            // A new phone: the backup's settings are simply the patient's.
            self.handle(Input::SaveSettings(file.settings), now);
        } else if file.settings != self.settings && file.settings != Settings::default() {
            settings = Some(file.settings);
        }
        let added = new.len();
        self.unsaved.extend(new);
        self.flush();
        // What the file kept aside is kept here only in the room the
        // patient's records leave, with a year of records to come.
        let queued: usize = self
            .outputs
            .iter()
            .map(|o| match o {
                Output::Store { key, value } => journal::units(key, value),
                _ => 0,
            })
            .sum();
        let room = STORAGE_UNITS
            .saturating_sub(journal::used_units(stored) + queued + YEAR_OF_RECORDS_UNITS);
        let mut aside = Staged::reading(stored);
        let not_kept_aside = backup::keep_aside(&mut aside, file.unreadable.values(), room);
        self.outputs.extend(
            aside
                .writes
                .into_iter()
                .map(|(key, value)| Output::Store { key, value }),
        );
        Ok(Restored {
            added,
            already: total - added,
            packs: packs.installed,
            offered: packs.offered,
            refused: packs.refused,
            future,
            not_kept_aside,
            odd_number,
            settings,
        })
    }

    // ---- what the pages read ----

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn bundled(&self) -> &[Pack] {
        &self.bundled
    }

    pub fn pack(&self) -> Option<&Pack> {
        self.pack.as_ref()
    }

    pub fn backups(&self) -> &BackupLog {
        &self.backups
    }

    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Something was not saved or could not be read since the last
    /// backup: offer one.
    pub fn offers_backup(&self) -> bool {
        self.offer_backup
    }

    pub fn pending_start(&self) -> Option<&str> {
        self.pending_start.as_deref()
    }

    /// What the last "Log symptoms" still asks of the patient.
    pub fn logged(&self) -> Option<Logged> {
        self.logged
    }

    /// Whether to ask the weekly PSFS now (see `core::psfs`): once there
    /// is a set, so the first Home stays about the first session.
    pub fn psfs_due(&self, now: u64) -> bool {
        let exercised =
            (self.journal.records().iter()).any(|r| matches!(r, Record::SetCompleted(_)));
        exercised && psfs::due(&self.journal, now)
    }

    pub fn emergency(&self) -> bool {
        self.emergency
    }

    /// A session is under way: not finished, and not waiting to be resumed.
    pub fn session_running(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| !matches!(s.phase, Phase::Finished { .. } | Phase::Interrupted { .. }))
    }

    /// A session is open (resumable or under way): the app never switches
    /// versions then.
    pub fn session_open(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| !matches!(s.phase, Phase::Finished { .. }))
    }

    /// Whether a session may start at `now`.
    pub fn start_gate(&self, now: u64) -> StartGate {
        let week = time::week_start(now, self.utc_offset_ms);
        gate::start_gate(&self.journal, week, now)
    }

    /// What a safety rule stopped today.
    pub fn stopped_today(&self, now: u64) -> StoppedToday<'_> {
        let today = time::day_start(now, self.utc_offset_ms);
        gate::stopped_today(&self.journal, self.pack.as_ref(), today, now)
    }

    /// Whether to remind the patient to back up: once a week without a
    /// recent backup, once there is a set to lose (the first run's check
    /// alone is not worth a reminder).
    pub fn backup_due(&self, now: u64) -> bool {
        self.backups.remind(now, self.journal.sets_count() > 0)
    }

    /// Today's plan of the pack in use; `offset_at` gives the patient's UTC
    /// offset at any instant (the browser's time zone).
    pub fn today(&self, now: u64, offset_at: &impl Fn(u64) -> i64) -> Option<DayPlan> {
        let pack = self.pack.as_ref()?;
        let stopped = self.stopped_today(now);
        let all_stopped = |id: &str| pack.routine(id).is_some_and(|r| stopped.covers(r));
        let day = plan::local_day(now, offset_at);
        Some(plan::day_plan(
            pack,
            &self.journal,
            self.settings.waking,
            day,
            now,
            offset_at,
            &all_stopped,
        ))
    }

    /// How much of each day's plan was done, newest first: today and the
    /// `days - 1` before it, none before the pack was begun.
    pub fn adherence(
        &self,
        now: u64,
        offset_at: &impl Fn(u64) -> i64,
        days: u32,
    ) -> Vec<plan::DayDone> {
        let Some(pack) = self.pack.as_ref() else {
            return Vec::new();
        };
        let Some(started) = self.pack_started(pack) else {
            return Vec::new();
        };
        let today = plan::local_day(now, offset_at);
        let first = plan::local_day(started, offset_at).max(today - i64::from(days) + 1);
        plan::adherence(
            pack,
            &self.journal,
            self.settings.waking,
            first..=today,
            now,
            offset_at,
        )
    }

    /// When what Home shows of the plan next changes after `now`: a slot
    /// comes due, its time, it is overdue, or the day ends.
    pub fn today_changes_at(&self, now: u64, offset_at: &impl Fn(u64) -> i64) -> Option<u64> {
        let midnight = plan::wall_time(plan::local_day(now, offset_at) + 1, 0, offset_at);
        let plan = self.today(now, offset_at)?;
        Some(
            plan.changes_after(now)
                .map_or(midnight, |t| t.min(midnight)),
        )
    }

    /// The slot to remind the patient of now, with its routine's title,
    /// when they turned reminders on.
    pub fn reminder(&self, now: u64, offset_at: &impl Fn(u64) -> i64) -> Option<(u64, String)> {
        if !self.settings.reminders {
            return None;
        }
        let plan = self.today(now, offset_at)?;
        let slot = plan.reminder(now)?;
        let title = self.pack.as_ref()?.routine(&slot.routine)?.title.clone();
        Some((slot.at, title))
    }

    /// What the calendar export depends on (the pack and its version, the
    /// stage in force, the waking hours), to tell when it is out of date.
    pub fn calendar_key(&self, now: u64) -> Option<String> {
        let pack = self.pack.as_ref()?;
        let stage = progression::in_force(&self.journal, pack, now).stage;
        let w = self.settings.waking;
        Some(format!(
            "{} {} stage {stage} {}-{}",
            pack.id, pack.version, w.from, w.to
        ))
    }

    /// The plan changed since the patient added it to their calendar.
    pub fn calendar_stale(&self, now: u64) -> bool {
        let added = self.settings.calendar.as_ref();
        added.is_some_and(|added| self.calendar_key(now).as_ref() != Some(added))
    }

    /// The plan of the pack in use for the next four weeks from today, as
    /// an iCalendar file for the phone's calendar to remind the patient.
    pub fn calendar(&self, now: u64, offset_at: &impl Fn(u64) -> i64) -> Option<String> {
        let pack = self.pack.as_ref()?;
        let today = plan::local_day(now, offset_at);
        Some(calendar::calendar(
            pack,
            progression::in_force(&self.journal, pack, now).stage,
            self.settings.waking,
            today,
            CALENDAR_DAYS,
            now,
            offset_at,
        ))
    }

    /// Where the pack in use stands in its progression at `now`: the stage
    /// in force and why, and the next stage if it is offered.
    pub fn stage(&self, now: u64, offset_at: &impl Fn(u64) -> i64) -> Option<StageView> {
        let pack = self.pack.as_ref()?;
        let started = self.pack_started(pack);
        Some(StageView {
            step: progression::in_force(&self.journal, pack, now),
            top: progression::top(pack),
            offer: progression::offer(pack, &self.journal, started, now, offset_at),
        })
    }

    /// The routines of the pack in use with the doses of the stage in
    /// force at `now`.
    pub fn routines(&self, now: u64) -> Vec<Routine> {
        let Some(pack) = self.pack.as_ref() else {
            return Vec::new();
        };
        let stage = progression::in_force(&self.journal, pack, now).stage;
        (pack.routines.iter())
            .filter_map(|r| progression::routine_at(pack, &r.id, stage))
            .collect()
    }

    /// The stage each session since `since` was done at, by session id,
    /// for the packs that have stages.
    pub fn session_stages(&self, since: u64) -> HashMap<&str, u32> {
        let staged = |id: &str| {
            let all = self.library.all(&self.bundled);
            all.iter().any(|(p, _)| p.id == id && !p.stages.is_empty())
        };
        progression::session_stages(&self.journal, since, &staged)
    }

    /// When the programme of `pack` began: when it was installed, or for a
    /// built-in pack its first session.
    fn pack_started(&self, pack: &Pack) -> Option<u64> {
        match self.library.installed(&pack.id) {
            Some(i) => Some(i.installed_at),
            None => progression::first_session(&self.journal, &pack.id),
        }
    }

    /// The prompt to contact the therapist (two bad days in a row, worse
    /// the next morning), until the patient has read it.
    pub fn contact_prompt(&self, now: u64) -> Option<ContactPrompt> {
        safety::contact_prompt(&self.journal, now, self.utc_offset_ms)
    }

    /// Whether it is time to book a review (DOMAIN.md's review rules).
    pub fn review_prompt(&self, now: u64) -> Option<ReviewReason> {
        safety::review_prompt(&self.journal, now, safety::NO_CENTRALISATION_MS)
    }

    pub fn utc_offset_ms(&self) -> i64 {
        self.utc_offset_ms
    }

    /// Records kept in memory because storage would not take them: the
    /// backup carries them.
    pub fn unsaved(&self) -> impl Iterator<Item = &Record> {
        self.unsaved.iter()
    }

    /// What the backup file needs beside storage: the settings, and the
    /// records not yet stored as one chunk.
    pub fn backup_extras(&self) -> (String, String) {
        let unsaved: Vec<Record> = self.unsaved.iter().cloned().collect();
        (
            self.settings.encode(),
            journal::codec::encode_chunk(&unsaved),
        )
    }

    // ---- the patient's actions ----

    /// Starts a routine of the active pack, unless the warning-signs check
    /// (or what its last answers ask) comes first. An interrupted session
    /// is finished first, keeping its sets.
    fn start(&mut self, routine_id: &str, now: Now) {
        if self.start_gate(now.wall) != StartGate::Open {
            self.pending_start = Some(routine_id.to_string());
            self.outputs.push_back(Output::Show(Page::WarningSigns));
            return;
        }
        self.pending_start = None;
        self.send(Event::End, now);
        self.session = None;
        let stopped = self.stopped_today(now.wall).exercises;
        let stopped: Vec<&str> = stopped.iter().map(String::as_str).collect();
        let previous = self
            .journal
            .last_check_in()
            .filter(|c| c.at <= now.wall)
            .map(|c| c.answers);
        let id = self.new_id();
        let started = self.pack.as_ref().and_then(|pack| {
            let stage = progression::in_force(&self.journal, pack, now.wall).stage;
            let routine = progression::routine_at(pack, routine_id, stage)?;
            let with = StartWith {
                stopped: &stopped,
                previous: previous.as_ref(),
                affected: self.settings.affected_leg,
            };
            Session::start(id, pack, &routine, with, now)
        });
        match started {
            Some((session, fx)) => {
                self.session = Some(session);
                self.perform(fx);
                self.last_tick = now.mono;
                self.follow_session(now);
                self.outputs.push_back(Output::Show(Page::Session));
            }
            None => self.notify(Notice::AllStopped),
        }
    }

    fn save_settings(&mut self, settings: Settings, now: Now) {
        self.store(keys::SETTINGS, settings.encode());
        self.settings = settings;
        self.refresh_pack();
        self.follow_session(now);
    }

    /// Moves the pack in use up to `stage`, when that is the stage offered.
    fn accept_stage(&mut self, stage: u32, now: Now) {
        let Some(pack) = &self.pack else {
            return;
        };
        // Only what is offered now: a stop in another tab since the offer
        // was shown withdraws it.
        let offset = self.utc_offset_ms;
        let started = self.pack_started(pack);
        let offered = progression::offer(pack, &self.journal, started, now.wall, &|_| offset);
        if offered.is_some_and(|o| o.stage == stage) {
            self.choose_stage(stage, now);
        }
    }

    /// Goes back one stage of the pack in use, by the patient's choice.
    fn stage_down(&mut self, now: Now) {
        let Some(pack) = &self.pack else {
            return;
        };
        let current = progression::in_force(&self.journal, pack, now.wall).stage;
        if current > 1 {
            self.choose_stage(current - 1, now);
        }
    }

    /// Records that the patient chose `stage` of the pack in use.
    fn choose_stage(&mut self, stage: u32, now: Now) {
        let Some(pack) = &self.pack else {
            return;
        };
        let title = progression::stage(pack, stage).map_or(STARTING_DOSES, |s| &s.title);
        let (pack_id, title) = (pack.id.as_str().into(), title.into());
        let id = self.new_id();
        self.write(Record::StageAccepted(StageAccepted {
            id,
            at: now.wall,
            pack_id,
            stage,
            title,
        }));
    }

    /// Records a check-in made on its own. What it shows is answered as a
    /// session's check-in would be: symptoms newly in both legs ask the
    /// warning-signs questions, a weaker leg says to contact a clinician
    /// today ([`Model::logged`]).
    fn log_symptoms(&mut self, answers: Answers, note: Option<String>, now: Now) {
        let answers = answers.clamped();
        let before = self.journal.last_check_in().map(|c| c.answers);
        let id = self.new_id();
        self.write(Record::CheckIn(CheckInRecord {
            id: id.as_str().into(),
            session: id.as_str().into(),
            at: now.wall,
            after_set: None,
            answers,
            note: tidy_note(note),
        }));
        self.logged = Some(Logged {
            warning_signs: both_legs_new(before.as_ref(), &answers),
            urgent: answers.weaker,
        });
    }

    /// Corrects a check-in that exists; anything else is ignored (a stale
    /// page, another phone's id).
    fn correct(
        &mut self,
        check_in: String,
        answers: Option<Answers>,
        note: Option<String>,
        now: Now,
    ) {
        let Some(original) = self.journal.check_in(&check_in) else {
            return;
        };
        let corrects = original.id.clone();
        let id = self.new_id();
        self.write(Record::Correction(Correction {
            id,
            at: now.wall,
            corrects,
            answers: answers.map(Answers::clamped),
            note: tidy_note(note),
        }));
    }

    /// Records the warning-signs check and tells the session. An emergency
    /// answer ends any session and shows the emergency advice; a routine
    /// waiting for the check starts only if the answers allow it.
    fn warning_check(&mut self, yes: Vec<String>, now: Now) {
        let outcome = red_flags::assess(yes.iter().map(String::as_str));
        if let Some(logged) = &mut self.logged {
            logged.warning_signs = false;
        }
        let id = self.new_id();
        self.write(Record::WarningCheck(WarningCheck {
            id,
            at: now.wall,
            yes,
            outcome,
        }));
        self.send(Event::WarningAnswer(outcome), now);
        if outcome == Some(Tier::Emergency) {
            self.pending_start = None;
            self.emergency = true;
        } else if let Some(routine) = self.pending_start.clone()
            && self.start_gate(now.wall) == StartGate::Open
        {
            self.start(&routine, now);
        }
    }

    /// Sends an event to the session in progress, if any.
    fn send(&mut self, event: Event, now: Now) {
        let Some(before) = self.session.take() else {
            return;
        };
        let was = (before.phase.clone(), before.is_paused());
        let (session, fx) = before.step(event, now);
        let changed = was != (session.phase.clone(), session.is_paused());
        self.session = Some(session);
        self.perform(fx);
        self.last_tick = now.mono;
        if changed {
            self.follow_session(now);
        }
    }

    /// The clock moved: count repetitions aloud, vibrate the last seconds,
    /// and let the session end a phase whose deadline has passed.
    fn tick(&mut self, now: Now) {
        let from = self.last_tick;
        let Some(s) = &self.session else {
            self.last_tick = now.mono;
            return;
        };
        let due = s.next_deadline().is_some_and(|d| now.mono >= d) || s.is_stale(now);
        let count = s.count_between(from, now.mono);
        let countdown = s.countdown_between(from, now.mono);
        if let Some(n) = count.filter(|_| self.settings.voice) {
            let language = s.language.clone();
            self.outputs.push_back(Output::Say {
                text: n.to_string(),
                language,
            });
        }
        if countdown && self.settings.vibration {
            self.outputs
                .push_back(Output::Vibrate(Vibration::Countdown));
        }
        if due {
            self.send(Event::Tick, now);
        } else {
            self.last_tick = now.mono;
        }
    }

    fn test_cues(&mut self, now: Now) {
        let language = self
            .pack
            .as_ref()
            .map(|p| p.language.clone())
            .unwrap_or_default();
        if self.settings.voice {
            self.outputs.push_back(Output::Say {
                text: "This is how Centralise talks you through each set.".into(),
                language,
            });
        }
        if self.settings.vibration {
            self.outputs.push_back(Output::Vibrate(Vibration::Done));
        }
        if self.settings.sounds {
            let tones = vec![(now.mono, Tone::Tick), (now.mono + 1_000, Tone::End)];
            self.outputs.push_back(Output::Tones(tones));
        }
    }

    /// Keeps the screen on and the tones scheduled while a session runs.
    fn follow_session(&mut self, _now: Now) {
        let running = self.session_running();
        self.outputs.push_back(Output::ScreenOn(running));
        let sounds = self.settings.sounds;
        match self.session.as_ref().filter(|s| sounds && !s.is_paused()) {
            Some(s) => self.outputs.push_back(Output::Tones(s.tones())),
            None => self.outputs.push_back(Output::CancelTones),
        }
        if self.session.as_ref().is_some_and(Session::is_paused) {
            self.outputs.push_back(Output::Hush);
            self.outputs.push_back(Output::Vibrate(Vibration::None));
        }
    }

    /// Carries out what the session asked for.
    fn perform(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Write(record) => self.write(record),
                Effect::SaveProgress => {
                    let json = self
                        .session
                        .as_ref()
                        .and_then(|s| serde_json::to_string(s).ok());
                    if let Some(json) = json {
                        self.store(keys::SESSION, json);
                    }
                }
                Effect::ClearProgress if self.may_write(keys::SESSION) => {
                    self.outputs.push_back(Output::Remove {
                        key: keys::SESSION.into(),
                    })
                }
                Effect::ClearProgress => {}
                Effect::Cue(cue) => self.give(&cue),
            }
        }
    }

    fn give(&mut self, cue: &Cue) {
        if self.settings.voice {
            let language = self
                .session
                .as_ref()
                .map(|s| s.language.clone())
                .unwrap_or_default();
            self.outputs.push_back(Output::Say {
                text: cue.say.clone(),
                language,
            });
        }
        if self.settings.vibration && cue.vibrate != Vibration::None {
            self.outputs.push_back(Output::Vibrate(cue.vibrate));
        }
    }

    // ---- storage ----

    fn new_id(&mut self) -> String {
        self.next_id += 1;
        format!("{}-{}", self.page, self.next_id)
    }

    /// Adds a record to the journal and queues it to be stored, once: a
    /// record whose id the journal has is stored or on its way already,
    /// and a second copy in storage would only be dropped at the next load.
    fn write(&mut self, record: Record) {
        if self.journal.insert(record.clone()) {
            self.unsaved.push_back(record);
            self.flush();
        }
    }

    /// Offers the oldest unsaved records to storage (as many as the
    /// current chunk takes), unless some are already on their way.
    fn flush(&mut self) {
        if !self.writable || self.in_flight.is_some() || self.unsaved.is_empty() {
            return;
        }
        let mut appender = self.appender.clone();
        let mut staged = Staged::default();
        let records = match appender.append_some(&mut staged, self.unsaved.make_contiguous()) {
            Ok(records) => records,
            Err(e) => {
                // Only a writer out of chunk numbers: the records stay in
                // memory (and in the next backup).
                self.notify(Notice::from_store_error(&e));
                return;
            }
        };
        self.in_flight = Some(InFlight {
            waiting: staged.writes.iter().map(|(k, _)| k.clone()).collect(),
            appender,
            records,
        });
        self.outputs.extend(
            staged
                .writes
                .into_iter()
                .map(|(key, value)| Output::Store { key, value }),
        );
    }

    /// Whether this model may write `key`: not under a newer version's
    /// schema, and not over a value it could not read.
    fn may_write(&self, key: &str) -> bool {
        self.writable && !self.kept_in_place.iter().any(|k| k == key)
    }

    /// Stores a value that is replaced whole (settings, session, backup
    /// log), unless the data belongs to a newer version.
    fn store(&mut self, key: &str, value: String) {
        if self.may_write(key) {
            self.outputs.push_back(Output::Store {
                key: key.into(),
                value,
            });
        }
    }

    fn store_backups(&mut self) {
        let text = serde_json::to_string(&self.backups).unwrap_or_default();
        self.store(keys::BACKUP, text);
    }

    /// The result of a store.
    fn written(&mut self, key: &str, result: Result<(), StoreError>) {
        let record_write = self
            .in_flight
            .as_ref()
            .is_some_and(|f| f.waiting.iter().any(|k| k == key));
        match result {
            Ok(()) if record_write => {
                let Some(flight) = self.in_flight.as_mut() else {
                    return;
                };
                flight.waiting.retain(|k| k != key);
                if flight.waiting.is_empty()
                    && let Some(done) = self.in_flight.take()
                {
                    self.appender = done.appender;
                    self.unsaved.drain(..done.records);
                    if self.unsaved.is_empty() && self.notices.contains(&Notice::Full) {
                        self.notices.retain(|n| *n != Notice::Full);
                        self.notify(Notice::RoomAgain);
                    }
                    self.flush();
                }
            }
            Ok(()) => {}
            Err(e) => {
                if record_write {
                    // Kept in memory, with everything after it; tried again
                    // at the next record, when the page shows again, or
                    // when another tab frees room.
                    self.in_flight = None;
                }
                self.notify(Notice::from_store_error(&e));
            }
        }
    }

    /// Another tab changed storage: take in its new records and settings.
    /// If it deleted all data, start again from what is left.
    fn storage_changed(&mut self, key: Option<String>, value: Option<String>) {
        // Another tab may have freed room.
        self.flush();
        match (key.as_deref(), value) {
            (Some(k), Some(v)) if k.starts_with(keys::LOG) => {
                // What could be read; the damage is reported by the tab that wrote it.
                let mut records = Vec::new();
                let _ = journal::decode_chunk_into(&v, &mut records);
                self.journal.merge(records);
            }
            (Some(keys::SETTINGS), Some(v)) => self.read_packs(Some(v), None),
            (Some(keys::PACKS), v) => {
                let library = v.unwrap_or_else(|| Library::default().encode());
                self.read_packs(None, Some(library));
            }
            (None, _) | (Some(keys::SCHEMA), None) => {
                // Another tab deleted all data: nothing this page still
                // holds may bring it back.
                self.writable = false;
                self.unsaved.clear();
                self.in_flight = None;
                self.outputs
                    .retain(|o| !matches!(o, Output::Store { .. } | Output::Remove { .. }));
                self.outputs.push_back(Output::Reload);
            }
            _ => {}
        }
    }

    /// Takes settings and the library as stored by another tab or the
    /// packs pages; a value that does not read is ignored (the page that
    /// wrote it reports it).
    fn read_packs(&mut self, settings: Option<String>, library: Option<String>) {
        if let Some(Ok(s)) = settings.map(|s| Settings::decode(&s)) {
            self.settings = s;
        }
        if let Some(Ok(l)) = library.map(|l| Library::decode(&l)) {
            self.library = l;
        }
        self.refresh_pack();
    }

    fn use_pack(&mut self, id: String) {
        let mut settings = self.settings.clone();
        settings.active_pack = Some(id);
        self.store(keys::SETTINGS, settings.encode());
        self.settings = settings;
        self.refresh_pack();
    }

    fn refresh_pack(&mut self) {
        self.pack = self
            .library
            .active(&self.bundled, self.settings.active_pack.as_deref());
    }

    fn notify(&mut self, notice: Notice) {
        self.offer_backup |= notice.offers_backup();
        if notice == Notice::Full {
            // Full again: "there is room again" no longer holds.
            self.notices.retain(|n| *n != Notice::RoomAgain);
        }
        if !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }
}
