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

/// What the symptoms feel like where they reach furthest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SymptomType {
    Pain,
    PinsAndNeedles,
    Numbness,
}

impl SymptomType {
    pub const ALL: [SymptomType; 3] = [
        SymptomType::Pain,
        SymptomType::PinsAndNeedles,
        SymptomType::Numbness,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SymptomType::Pain => "Pain",
            SymptomType::PinsAndNeedles => "Pins and needles",
            SymptomType::Numbness => "Numbness",
        }
    }

    /// A sign that the nerve itself is more irritated, not only painful.
    pub fn is_neurological(self) -> bool {
        matches!(self, SymptomType::PinsAndNeedles | SymptomType::Numbness)
    }
}

/// Where in the foot, when the symptoms reach it (outer foot, sole and heel
/// are typical of S1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FootArea {
    OuterFoot,
    Sole,
    Heel,
}

impl FootArea {
    pub const ALL: [FootArea; 3] = [FootArea::OuterFoot, FootArea::Sole, FootArea::Heel];

    pub fn label(self) -> &'static str {
        match self {
            FootArea::OuterFoot => "Outer foot",
            FootArea::Sole => "Sole",
            FootArea::Heel => "Heel",
        }
    }
}

/// The patient's own McKenzie (MDT) word for what a set did, after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MdtAfter {
    NoEffect,
    Better,
    Worse,
    NoBetter,
    NoWorse,
    Centralised,
    Peripheralised,
}

impl MdtAfter {
    pub const ALL: [MdtAfter; 7] = [
        MdtAfter::NoEffect,
        MdtAfter::Better,
        MdtAfter::Worse,
        MdtAfter::NoBetter,
        MdtAfter::NoWorse,
        MdtAfter::Centralised,
        MdtAfter::Peripheralised,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MdtAfter::NoEffect => "No effect",
            MdtAfter::Better => "Better",
            MdtAfter::Worse => "Worse",
            MdtAfter::NoBetter => "No better",
            MdtAfter::NoWorse => "No worse",
            MdtAfter::Centralised => "Centralised",
            MdtAfter::Peripheralised => "Peripheralised",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            MdtAfter::NoEffect => "no-effect",
            MdtAfter::Better => "better",
            MdtAfter::Worse => "worse",
            MdtAfter::NoBetter => "no-better",
            MdtAfter::NoWorse => "no-worse",
            MdtAfter::Centralised => "centralised",
            MdtAfter::Peripheralised => "peripheralised",
        }
    }

    pub fn from_key(key: &str) -> Option<MdtAfter> {
        MdtAfter::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// Highest score on the 0-10 numeric pain rating scale.
pub const MAX_PAIN: u8 = 10;

/// A change in leg pain this large (points on 0-10) is clinically
/// meaningful: the minimal important difference.
pub const PAIN_CHANGE: u8 = 2;

/// What the patient answered in one check-in. Fields added after the first
/// version default, so older check-ins still read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    pub left: Level,
    pub right: Level,
    /// What the symptoms are like at the furthest point, per leg.
    #[serde(default)]
    pub left_type: Option<SymptomType>,
    #[serde(default)]
    pub right_type: Option<SymptomType>,
    /// Where in the foot, when a leg's symptoms reach it (optional).
    #[serde(default)]
    pub left_foot: Option<FootArea>,
    #[serde(default)]
    pub right_foot: Option<FootArea>,
    /// 0-10, the worse leg.
    pub leg_pain: u8,
    /// 0-10.
    pub back_pain: u8,
    /// The leg feels weaker than before.
    #[serde(default)]
    pub weaker: bool,
    /// The patient's own word for what the set did (optional).
    #[serde(default)]
    pub mdt: Option<MdtAfter>,
}

impl Answers {
    /// Answers with only the furthest points and the scores.
    pub fn new(left: Level, right: Level, leg_pain: u8, back_pain: u8) -> Self {
        Self {
            left,
            right,
            left_type: None,
            right_type: None,
            left_foot: None,
            right_foot: None,
            leg_pain,
            back_pain,
            weaker: false,
            mdt: None,
        }
    }

    pub fn level(&self, side: Side) -> Level {
        match side {
            Side::Left => self.left,
            Side::Right => self.right,
        }
    }

    pub fn symptom_type(&self, side: Side) -> Option<SymptomType> {
        match side {
            Side::Left => self.left_type,
            Side::Right => self.right_type,
        }
    }

    /// Symptoms anywhere down a leg (not just in the low back).
    pub fn has_leg_symptoms(&self) -> bool {
        Side::BOTH.iter().any(|&s| self.level(s) > Level::LowBack)
    }

    /// Symptoms down both legs.
    pub fn both_legs(&self) -> bool {
        Side::BOTH.iter().all(|&s| self.level(s) > Level::LowBack)
    }
}

/// Symptoms now reach down both legs where they did not before (or at the
/// first check-in): that raises the warning-signs question for both legs.
pub fn both_legs_new(before: Option<&Answers>, after: &Answers) -> bool {
    after.both_legs() && !before.is_some_and(Answers::both_legs)
}

impl Answers {
    /// Scores above the scale are clamped (the form cannot produce them,
    /// but stored or imported data might), and a leg without symptoms has
    /// no symptom type.
    pub fn clamped(self) -> Self {
        let typed = |level: Level, t: Option<SymptomType>| t.filter(|_| level != Level::None);
        let in_foot = |level: Level, f: Option<FootArea>| f.filter(|_| level == Level::AnkleFoot);
        Self {
            left_foot: in_foot(self.left, self.left_foot),
            right_foot: in_foot(self.right, self.right_foot),
            leg_pain: self.leg_pain.min(MAX_PAIN),
            back_pain: self.back_pain.min(MAX_PAIN),
            left_type: typed(self.left, self.left_type),
            right_type: typed(self.right, self.right_type),
            ..self
        }
    }
}

/// What a set did, comparing the check-in after it with the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// A leg's symptoms reach further down it: to the buttock or beyond,
    /// from higher up or from nowhere in the leg.
    Peripheralised,
    /// Nothing moved down, but leg pain rose by 2 or more.
    Worse,
    /// No leg symptoms left where there were some.
    Abolished,
    /// At least one leg's symptoms moved up towards the back, none down.
    Centralised,
    /// Nothing moved, and leg pain fell by 2 or more.
    Better,
    /// Anything else.
    Unchanged,
    /// Nothing moved down, but numbness or pins and needles are new in a
    /// leg (where it had none, or only pain at the same level), or the leg
    /// is newly weaker.
    NewNerveSign,
}

impl Change {
    /// Every class, in the order the rules try them, new nerve sign last
    /// (the journal's codec gives each its own stored number).
    pub const ALL: [Change; 7] = [
        Change::Peripheralised,
        Change::Worse,
        Change::Abolished,
        Change::Centralised,
        Change::Better,
        Change::Unchanged,
        Change::NewNerveSign,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Change::Peripheralised => "Peripheralised",
            Change::Worse => "Worse",
            Change::Abolished => "Abolished",
            Change::Centralised => "Centralised",
            Change::Better => "Better",
            Change::Unchanged => "No change",
            Change::NewNerveSign => "New nerve sign",
        }
    }

    /// What the app tells the patient, in plain words.
    pub fn message(self) -> &'static str {
        match self {
            Change::Peripheralised => {
                "Your leg symptoms moved further down your leg (peripheralised). \
                 They are still further down your leg after the set, so don't do this \
                 exercise again today. Tell your physiotherapist."
            }
            Change::Worse => {
                "Your leg pain is worse after this set. Don't do this exercise again today. \
                 Tell your physiotherapist."
            }
            Change::NewNerveSign => {
                "You have new numbness, pins and needles or weakness in your leg after this \
                 set. Don't do this exercise again today. Tell your physiotherapist."
            }
            Change::Abolished => {
                "Your leg symptoms have gone for now. That is a good sign, even if your back \
                 aches a bit more for a while."
            }
            Change::Centralised => {
                "Your leg symptoms moved up towards your back (centralised). \
                 That is usually a good sign, even if your back aches a bit more for a while."
            }
            Change::Better => "Your leg pain is less than before this set.",
            Change::Unchanged => "Your leg symptoms stayed where they were.",
        }
    }

    /// Peripheralised, worse or a new nerve sign: that exercise stops for
    /// the rest of the day.
    pub fn stops_exercise(self) -> bool {
        matches!(
            self,
            Change::Peripheralised | Change::Worse | Change::NewNerveSign
        )
    }

    /// The safer of the computed class and the patient's own word: if they
    /// say worse or peripheralised while the numbers look milder, their
    /// word counts.
    pub fn with_patient_word(self, word: Option<MdtAfter>) -> Change {
        match word {
            Some(MdtAfter::Peripheralised) if self != Change::NewNerveSign => {
                Change::Peripheralised
            }
            Some(MdtAfter::Worse) if !self.stops_exercise() => Change::Worse,
            _ => self,
        }
    }
}

/// How far a leg's symptoms reach *in the leg*: symptoms in the low back
/// are back pain, so they count as none here (DOMAIN.md: "low back is not
/// the leg").
fn in_leg(level: Level) -> Level {
    level.max(Level::LowBack)
}

/// Whether a leg's symptoms reach further down it after than before.
pub fn moved_down(before: &Answers, after: &Answers, side: Side) -> bool {
    in_leg(after.level(side)) > in_leg(before.level(side))
}

/// Numbness or pins and needles new in this leg: in a leg that had no
/// symptoms, or at the same level where there was only pain. A type that
/// changed along with the level is not compared (foot numbness retreating
/// to calf pins and needles is centralising).
fn new_nerve_sign_in(before: &Answers, after: &Answers, side: Side) -> bool {
    let (was, now) = (in_leg(before.level(side)), in_leg(after.level(side)));
    let neuro = |a: &Answers| {
        a.symptom_type(side)
            .is_some_and(SymptomType::is_neurological)
    };
    now > Level::LowBack
        && neuro(after)
        && (was == Level::LowBack || (was == now && !neuro(before)))
}

/// Compares a check-in with the one before the set, leg by leg, then
/// combines: the first rule that matches wins (see [`Change`]).
pub fn compare(before: &Answers, after: &Answers) -> Change {
    use std::cmp::Ordering::{Greater, Less};
    let moved = Side::BOTH.map(|s| in_leg(after.level(s)).cmp(&in_leg(before.level(s))));
    let new_nerve_sign = Side::BOTH
        .iter()
        .any(|&s| new_nerve_sign_in(before, after, s))
        || (after.weaker && !before.weaker);
    let still = !moved.contains(&Greater) && !moved.contains(&Less);
    let pain_rose = after.leg_pain >= before.leg_pain.saturating_add(PAIN_CHANGE);
    let pain_fell = after.leg_pain.saturating_add(PAIN_CHANGE) <= before.leg_pain;
    if moved.contains(&Greater) {
        Change::Peripheralised
    } else if new_nerve_sign {
        Change::NewNerveSign
    } else if still && pain_rose {
        Change::Worse
    } else if before.has_leg_symptoms() && !after.has_leg_symptoms() {
        Change::Abolished
    } else if moved.contains(&Less) {
        Change::Centralised
    } else if still && pain_fell {
        Change::Better
    } else {
        Change::Unchanged
    }
}
