//! The S1 strength self-check: single-leg heel raises counted per side, and
//! whether toe-walking is possible. Day-to-day noise is about ±6 raises and
//! healthy counts vary with age, so there is no pass mark: the app compares
//! the patient with their own baseline (the mean of their first two tests)
//! and alerts only on DOMAIN.md's rules.

use crate::core::journal::{Journal, Record};
use crate::core::red_flags;
use crate::core::settings::AffectedLeg;
use crate::core::symptoms::Side;
use serde::{Deserialize, Serialize};

/// More than this many raises below baseline (twice in a row), or this much
/// more gap between sides than at baseline, is beyond day-to-day noise.
pub const NOISE: f64 = 6.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfCheck {
    pub id: String,
    pub at: u64,
    /// Heel raises counted until height or pace failed.
    pub left: u32,
    pub right: u32,
    pub toe_walk_left: bool,
    pub toe_walk_right: bool,
}

impl SelfCheck {
    pub fn raises(&self, side: Side) -> u32 {
        match side {
            Side::Left => self.left,
            Side::Right => self.right,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alert {
    /// Two tests in a row more than 6 below the baseline on this side.
    Drop(Side),
    /// The gap between sides is more than 6 larger than at baseline.
    Gap,
    /// Could not rise onto the toes on the affected side: the urgent tier
    /// at once, no second test needed.
    CannotRise(Side),
    /// Could not walk on the toes on the affected side: urgent too.
    CannotToeWalk(Side),
}

impl Alert {
    pub fn message(self) -> String {
        let advice = "Contact your physiotherapist today.";
        match self {
            Alert::Drop(side) => format!(
                "Your {} heel raises have been well below your usual number twice in a row. \
                 {advice}",
                side.label().to_ascii_lowercase()
            ),
            Alert::Gap => format!(
                "The difference between your left and right heel raises has grown. {advice}"
            ),
            Alert::CannotRise(side) => format!(
                "You could not rise onto your toes on your {} side. {}",
                side.label().to_ascii_lowercase(),
                red_flags::URGENT_ADVICE
            ),
            Alert::CannotToeWalk(side) => format!(
                "You could not walk on your toes on your {} side. {}",
                side.label().to_ascii_lowercase(),
                red_flags::URGENT_ADVICE
            ),
        }
    }

    /// The urgent tier (same-day care), not only a call to the therapist.
    pub fn is_urgent(self) -> bool {
        matches!(self, Alert::CannotRise(_) | Alert::CannotToeWalk(_))
    }
}

/// Part of the self-check's instructions, shown before the test.
pub const STOP_IF: &str = "Stop if symptoms spread down your leg.";

/// Every self-check, oldest first.
pub fn history(journal: &Journal) -> Vec<&SelfCheck> {
    journal
        .records()
        .iter()
        .filter_map(|r| match r {
            Record::SelfCheck(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// The alerts the latest tests raise.
pub fn alerts(tests: &[&SelfCheck], affected: Option<AffectedLeg>) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let Some(latest) = tests.last() else {
        return alerts;
    };
    let affected_sides: &[Side] = match affected {
        Some(AffectedLeg::Left) => &[Side::Left],
        Some(AffectedLeg::Right) => &[Side::Right],
        Some(AffectedLeg::Both) | None => &Side::BOTH,
    };
    for &side in affected_sides {
        if latest.raises(side) == 0 {
            alerts.push(Alert::CannotRise(side));
        }
        let toe_walk = match side {
            Side::Left => latest.toe_walk_left,
            Side::Right => latest.toe_walk_right,
        };
        if !toe_walk {
            alerts.push(Alert::CannotToeWalk(side));
        }
    }
    if tests.len() < 3 {
        return alerts; // the baseline is the first two tests
    }
    let baseline = |side: Side| f64::from(tests[0].raises(side) + tests[1].raises(side)) / 2.0;
    for side in Side::BOTH {
        let low = |t: &SelfCheck| f64::from(t.raises(side)) < baseline(side) - NOISE;
        let recent = &tests[2..];
        if recent.len() >= 2 && recent[recent.len() - 2..].iter().all(|t| low(t)) {
            alerts.push(Alert::Drop(side));
        }
    }
    let gap = |l: f64, r: f64| (l - r).abs();
    let baseline_gap = gap(baseline(Side::Left), baseline(Side::Right));
    if gap(f64::from(latest.left), f64::from(latest.right)) > baseline_gap + NOISE {
        alerts.push(Alert::Gap);
    }
    alerts
}
