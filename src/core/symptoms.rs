//! The check-in: how far down each leg the symptoms reach and how bad they
//! are, and what a change between two check-ins means. One definition, used
//! by the UI, the history and the tests.

use serde::{Deserialize, Serialize};

/// The furthest point symptoms reach in one leg, from the spine outwards.
/// The order is the clinical one: a greater level is further down the leg.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    None,
    LowBack,
    Buttock,
    Thigh,
    BelowKnee,
    AnkleFoot,
}

impl Level {
    pub const ALL: [Level; 6] = [
        Level::None,
        Level::LowBack,
        Level::Buttock,
        Level::Thigh,
        Level::BelowKnee,
        Level::AnkleFoot,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Level::None => "None",
            Level::LowBack => "Low back",
            Level::Buttock => "Buttock",
            Level::Thigh => "Thigh (above knee)",
            Level::BelowKnee => "Below knee / calf",
            Level::AnkleFoot => "Ankle / foot",
        }
    }

    /// A stable key for forms and storage.
    pub fn key(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::LowBack => "low-back",
            Level::Buttock => "buttock",
            Level::Thigh => "thigh",
            Level::BelowKnee => "below-knee",
            Level::AnkleFoot => "ankle-foot",
        }
    }

    pub fn from_key(key: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.key() == key)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub const BOTH: [Side; 2] = [Side::Left, Side::Right];

    pub fn label(self) -> &'static str {
        match self {
            Side::Left => "Left",
            Side::Right => "Right",
        }
    }
}

/// Highest score on the 0-10 numeric pain rating scale.
pub const MAX_PAIN: u8 = 10;

/// What the patient answered in one check-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    pub left: Level,
    pub right: Level,
    /// 0-10, the worse leg.
    pub leg_pain: u8,
    /// 0-10.
    pub back_pain: u8,
}

impl Answers {
    pub fn level(&self, side: Side) -> Level {
        match side {
            Side::Left => self.left,
            Side::Right => self.right,
        }
    }

    /// Scores above the scale are clamped: the form cannot produce them, but
    /// stored or imported data might.
    pub fn clamped(self) -> Self {
        Self {
            leg_pain: self.leg_pain.min(MAX_PAIN),
            back_pain: self.back_pain.min(MAX_PAIN),
            ..self
        }
    }
}

/// How the leg symptoms moved between two check-ins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// At least one leg moved up towards the back and none moved down.
    Centralised,
    /// Neither leg moved.
    Unchanged,
    /// A leg moved further down, including symptoms appearing where there
    /// were none.
    Peripheralised,
}

impl Change {
    pub fn label(self) -> &'static str {
        match self {
            Change::Centralised => "Centralised",
            Change::Unchanged => "No change",
            Change::Peripheralised => "Peripheralised",
        }
    }

    /// What the app tells the patient, in plain words.
    pub fn message(self) -> &'static str {
        match self {
            Change::Centralised => {
                "Your leg symptoms moved up towards your back (centralised). \
                 That is usually a good sign, even if your back aches a bit more for a while."
            }
            Change::Unchanged => "Your leg symptoms stayed where they were.",
            Change::Peripheralised => {
                "Your leg symptoms moved further down your leg (peripheralised). \
                 If they are still further down your leg after you stop, don't do this \
                 exercise again today. Tell your physiotherapist."
            }
        }
    }
}

/// Compares a check-in with the one before it, leg by leg. Moving down
/// either leg outweighs moving up the other: the warning sign wins.
pub fn compare(before: &Answers, after: &Answers) -> Change {
    let moved = Side::BOTH.map(|s| after.level(s).cmp(&before.level(s)));
    if moved.contains(&std::cmp::Ordering::Greater) {
        Change::Peripheralised
    } else if moved.contains(&std::cmp::Ordering::Less) {
        Change::Centralised
    } else {
        Change::Unchanged
    }
}
