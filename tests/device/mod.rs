//! One device and its pages, for driving the app model as the browser
//! does: every output performed on an in-memory store, results fed back.
#![allow(dead_code)]

use centralise::core::app::{Input, Model, Output, Page};
use centralise::core::journal::{KeyValue, MemoryKv};
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
