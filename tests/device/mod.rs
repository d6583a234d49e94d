//! One device and its pages, for driving the app model as the browser
//! does: every output performed on an in-memory store, results fed back.
#![allow(dead_code)]

use centralise::core::app::{Input, Model, Output, Page, Restored};
use centralise::core::export::backup;
use centralise::core::journal::{
    KeyValue, MemoryKv, STORAGE_UNITS, YEAR_OF_RECORDS_UNITS, keys, used_units,
};
use centralise::core::session::{Event, Phase};
use centralise::core::settings::{AffectedLeg, Settings};
use centralise::core::time::Now;

/// Monday 7 December 2026, 09:00 UTC.
pub const T0: Now = Now {
    mono: 5_000,
    wall: 1_796_634_000_000,
};
pub const MIN: u64 = 60_000;
pub const DAY: u64 = 24 * 60 * MIN;

/// One tab of the app: the model and the shell's side of each output.
pub struct Tab {
    pub model: Model,
    pub now: Now,
    pub said: Vec<String>,
    pub shown: Vec<Page>,
    pub screen_on: bool,
    pub reloaded: bool,
}

pub struct Device {
    pub kv: MemoryKv,
}

impl Device {
    pub fn new() -> Device {
        Device {
            kv: MemoryKv::default(),
        }
    }

    pub fn open(&mut self, now: Now, writer: &str) -> Tab {
        let model = Model::load(&mut self.kv, now, 0, writer);
        let mut page = Tab {
            model,
            now,
            said: vec![],
            shown: vec![],
            screen_on: false,
            reloaded: false,
        };
        page.drain(&mut self.kv);
        page
    }
}

impl Tab {
    pub fn drain(&mut self, kv: &mut MemoryKv) {
        while let Some(output) = self.model.poll_output() {
            match output {
                Output::Store { key, value } => {
                    let result = kv.set(&key, &value);
                    self.model.handle(Input::Written { key, result }, self.now);
                }
                Output::Remove { key } => kv.remove(&key),
                Output::DeleteAllAndReload { prefix } => {
                    for k in kv.keys() {
                        if k.starts_with(prefix) {
                            kv.remove(&k);
                        }
                    }
                    self.reloaded = true;
                }
                Output::Reload => self.reloaded = true,
                Output::Say { text, .. } => self.said.push(text),
                Output::Show(page) => self.shown.push(page),
                Output::ScreenOn(on) => self.screen_on = on,
                Output::Vibrate(_) | Output::Tones(_) | Output::CancelTones | Output::Hush => {}
            }
        }
    }

    pub fn input(&mut self, device: &mut Device, input: Input) {
        self.model.handle(input, self.now);
        self.drain(&mut device.kv);
    }

    pub fn start(&mut self, device: &mut Device, routine: &str) {
        self.input(
            device,
            Input::Start {
                routine: routine.into(),
            },
        );
    }

    pub fn session(&mut self, device: &mut Device, event: Event) {
        self.input(device, Input::Session(event));
    }

    /// Moves the clock on, ticking each second like a visible page.
    pub fn wait(&mut self, device: &mut Device, ms: u64) {
        let end = self.now.mono + ms;
        while self.now.mono < end {
            self.now = self.now.plus(1_000.min(end - self.now.mono));
            self.input(device, Input::Tick);
        }
    }

    pub fn phase(&self) -> Option<Phase> {
        self.model.session().map(|s| s.phase.clone())
    }

    pub fn records(&self) -> usize {
        self.model.journal().len()
    }
}

pub fn first_run(device: &mut Device, page: &mut Tab) {
    let settings = Settings {
        affected_leg: Some(AffectedLeg::Left),
        setup_done: true,
        emergency_number: "999".into(),
        ..Settings::default()
    };
    page.input(device, Input::SaveSettings(settings));
    page.input(device, Input::WarningCheck { yes: vec![] });
}

/// A device past its first run, with its page.
pub fn set_up() -> (Device, Tab) {
    let mut device = Device::new();
    let mut page = device.open(T0, "tab1");
    first_run(&mut device, &mut page);
    (device, page)
}

/// Restores the backup file `text` (called `name`) through `tab`, as the
/// restore screen does, then checks what must hold whatever the file:
/// a reload reads every record and stored value there was, unchanged;
/// room for a year of records is left; nothing outside the app's keys is
/// written; every gate can still be asked. The outcome, and the tab of
/// the reload.
pub fn restore_checked(
    device: &mut Device,
    tab: &mut Tab,
    name: &str,
    text: &str,
) -> (Result<Restored, String>, Tab) {
    let before = device.kv.clone();
    let records_before = tab.model.journal().records().to_vec();
    let now = tab.now;
    let restored = backup::parse(text, name).and_then(|file| tab.model.restore(file, &before, now));
    tab.drain(&mut device.kv);
    if let Err(message) = &restored {
        assert!(!message.is_empty());
    }
    let reloaded = device.open(now, "after");
    for record in &records_before {
        assert!(
            reloaded.model.journal().records().contains(record),
            "{name}: {record:?} lost or changed"
        );
    }
    for (key, value) in &before.map {
        if !key.starts_with(keys::LOG) {
            assert_eq!(
                device.kv.get(key).as_ref(),
                Some(value),
                "{name}: {key} changed"
            );
        }
    }
    assert!(
        used_units(&device.kv) + YEAR_OF_RECORDS_UNITS <= STORAGE_UNITS,
        "{name}: no room left for a year of records"
    );
    for key in device.kv.keys() {
        assert!(key.starts_with(keys::PREFIX), "{name}: wrote {key}");
    }
    let _ = reloaded.model.start_gate(now.wall);
    let _ = reloaded.model.stopped_today(now.wall);
    let _ = reloaded.model.contact_prompt(now.wall);
    let _ = reloaded.model.review_prompt(now.wall);
    (restored, reloaded)
}
