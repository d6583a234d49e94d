//! The warning signs that need emergency or same-day care (DOMAIN.md's two
//! tiers), as one list: the Warning signs page shows each sign, the check
//! asks each question, and `assess` decides what the answers mean.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// Contact the GP, an urgent care line or the physiotherapist today.
    Urgent,
    /// Call the emergency number or go to the emergency department now.
    Emergency,
}

pub struct RedFlag {
    /// Stable, stored with each check.
    pub id: &'static str,
    pub tier: Tier,
    /// The sign, as the list on the Warning signs page says it.
    pub sign: &'static str,
    /// The yes/no question of the check.
    pub question: &'static str,
}

pub const RED_FLAGS: &[RedFlag] = &[
    RedFlag {
        id: "saddle-numbness",
        tier: Tier::Emergency,
        sign: "Numbness or tingling between your legs, around your bottom or genitals, or when \
               you wipe.",
        question: "Do you have numbness or tingling between your legs, around your bottom or \
                   genitals, or when you wipe?",
    },
    RedFlag {
        id: "bladder-bowel",
        tier: Tier::Emergency,
        sign: "Trouble starting or stopping peeing, not feeling the need to pee or poo, or \
               leaking.",
        question: "Do you have trouble starting or stopping peeing, not feel the need to pee or \
                   poo, or leak?",
    },
    RedFlag {
        id: "both-legs",
        tier: Tier::Emergency,
        sign: "Sciatica in both legs, or weakness or numbness in both legs that is severe or \
               getting worse.",
        question: "Do you have sciatica in both legs, or weakness or numbness in both legs that \
                   is severe or getting worse?",
    },
    RedFlag {
        id: "sexual-function",
        tier: Tier::Emergency,
        sign: "A new change in your sexual function.",
        question: "Have you noticed a new change in your sexual function?",
    },
    RedFlag {
        id: "weaker-foot",
        tier: Tier::Urgent,
        sign: "Your foot or leg is getting weaker: the foot slaps or catches when you walk, or \
               you can no longer rise onto your toes on that side.",
        question: "Is your foot or leg getting weaker: does the foot slap or catch when you \
                   walk, or can you no longer rise onto your toes on that side?",
    },
    RedFlag {
        id: "spreading-numbness",
        tier: Tier::Urgent,
        sign: "Numbness that is spreading.",
        question: "Is numbness spreading?",
    },
];

/// The signs of one tier, in order.
pub fn of_tier(tier: Tier) -> impl Iterator<Item = &'static RedFlag> {
    RED_FLAGS.iter().filter(move |f| f.tier == tier)
}

/// The most serious tier among the signs answered "yes" (by id), if any.
/// Unknown ids (from a later version) count as emergency: never milder.
pub fn assess<'a>(yes: impl IntoIterator<Item = &'a str>) -> Option<Tier> {
    yes.into_iter()
        .map(|id| {
            RED_FLAGS
                .iter()
                .find(|f| f.id == id)
                .map_or(Tier::Emergency, |f| f.tier)
        })
        .max()
}

/// What to do, for the emergency advice: the number the patient set, or
/// the general advice until they set one.
pub fn call_advice(number: Option<&str>) -> String {
    match number.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("Call {n} now, or go to the emergency department."),
        None => "Call your local emergency number, for example 112 or 999, or go to the \
                 emergency department."
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_yes_decides_and_no_yes_means_nothing() {
        assert_eq!(assess([]), None);
        assert_eq!(assess(["weaker-foot"]), Some(Tier::Urgent));
        assert_eq!(
            assess(["weaker-foot", "bladder-bowel"]),
            Some(Tier::Emergency)
        );
        assert_eq!(assess(["from-a-later-version"]), Some(Tier::Emergency));
    }

    #[test]
    fn both_tiers_are_listed_and_ids_are_unique() {
        assert_eq!(of_tier(Tier::Emergency).count(), 4);
        assert_eq!(of_tier(Tier::Urgent).count(), 2);
        let mut ids: Vec<_> = RED_FLAGS.iter().map(|f| f.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), RED_FLAGS.len());
        assert!(RED_FLAGS.iter().all(|f| f.question.ends_with('?')));
    }

    #[test]
    fn the_advice_uses_the_patients_number_once_set() {
        assert!(call_advice(None).contains("112 or 999"));
        assert!(call_advice(Some("  ")).contains("112 or 999"));
        assert!(call_advice(Some("911")).starts_with("Call 911 now"));
    }
}
