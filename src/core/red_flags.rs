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
        sign: "Trouble starting or stopping peeing, not feeling the need to pee or poo, not \
               being able to feel it when you pee or poo, not being able to stop a poo, or \
               leaking.",
        question: "Do you have trouble starting or stopping peeing, or not feel the need to pee \
                   or poo? Can you not feel it when you pee or poo, or not stop a poo? Do you \
                   leak?",
    },
    RedFlag {
        id: "both-legs",
        tier: Tier::Emergency,
        sign: "Sciatica in both legs that is new or getting worse, or weakness or numbness in \
               both legs that is severe or getting worse.",
        question: "Do you have sciatica in both legs that is new or getting worse, or weakness \
                   or numbness in both legs that is severe or getting worse?",
    },
    RedFlag {
        id: "sexual-function",
        tier: Tier::Emergency,
        sign: "New problems getting an erection or ejaculating, or less feeling in your \
               genitals during sex.",
        question: "Do you have new problems getting an erection or ejaculating, or less feeling \
                   in your genitals during sex?",
    },
    RedFlag {
        id: "weaker-foot",
        tier: Tier::Urgent,
        sign: "Your foot or leg is getting weaker: the foot slaps or catches when you walk, or \
               you can no longer rise onto your toes or walk on your toes on that side.",
        question: "Is your foot or leg getting weaker: does the foot slap or catch when you \
                   walk, or can you no longer rise onto your toes or walk on your toes on that \
                   side?",
    },
    RedFlag {
        id: "spreading-numbness",
        tier: Tier::Urgent,
        sign: "Numbness that is spreading in your leg or foot.",
        question: "Is numbness spreading in your leg or foot?",
    },
];

/// The urgent tier's advice: shown and spoken after an urgent answer, a
/// "weaker" answer at a check-in, or a heel-raise self-check that could not
/// rise onto the toes or toe-walk on the affected side.
pub const URGENT_ADVICE: &str = "This needs checking today. Contact your GP, an urgent care \
    line or your physiotherapist today, before you carry on with your exercises.";

/// Said after the emergency tier's call to action.
pub const DONT_WAIT: &str = "Don't wait for your physiotherapy appointment, even at night.";

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
    let call = match number.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("Call {n} now, or go to the emergency department."),
        None => "Call your local emergency number, for example 112 or 999, or go to the \
                 emergency department."
            .into(),
    };
    format!("{call} {DONT_WAIT}")
}

/// Whether `number` can be a phone number to call: digits, with spaces,
/// hyphens and a leading `+` between them, and nothing else (the advice
/// says "Call {number} now", so words or hidden characters must not get
/// in from a file).
pub fn is_phone_number(number: &str) -> bool {
    let n = number.trim();
    let digits = n.chars().filter(char::is_ascii_digit).count();
    let allowed = n
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
    (2..=15).contains(&digits) && n.len() <= 24 && allowed
}

/// The emergency numbers the first run offers, most common first.
pub const EMERGENCY_NUMBERS: [&str; 4] = ["112", "999", "911", "000"];

/// The emergency number of a country or region (ISO 3166 code, as in the
/// browser's language tag "en-GB"), when it is one of
/// [`EMERGENCY_NUMBERS`]; `None` when unknown, so the patient chooses.
pub fn emergency_number_for(region: &str) -> Option<&'static str> {
    const NINE_NINE_NINE: &[&str] = &["GB", "IE", "HK", "MO", "MY", "BW", "GH", "KE", "MU"];
    const NINE_ONE_ONE: &[&str] = &[
        "US", "CA", "MX", "PR", "GU", "VI", "AS", "MP", "PH", "AR", "CR", "PA", "SV", "UY", "PY",
        "DO", "JO",
    ];
    const TRIPLE_ZERO: &[&str] = &["AU"];
    const ONE_ONE_TWO: &[&str] = &[
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IT",
        "LV", "LI", "LT", "LU", "MT", "NL", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "CH",
        "IN", "TR", "UA", "RS", "AL", "BA", "ME", "MK", "MD", "GE", "AM", "ZA",
    ];
    let region = region.trim().to_ascii_uppercase();
    let is = |list: &[&str]| list.contains(&region.as_str());
    if is(NINE_NINE_NINE) {
        Some("999")
    } else if is(NINE_ONE_ONE) {
        Some("911")
    } else if is(TRIPLE_ZERO) {
        Some("000")
    } else if is(ONE_ONE_TWO) {
        Some("112")
    } else {
        None
    }
}

/// The region of a language tag ("en-GB" -> "GB", "de-Latn-AT" -> "AT"):
/// the first two-letter subtag after the language.
pub fn region_of(language_tag: &str) -> Option<&str> {
    language_tag
        .split(['-', '_'])
        .skip(1)
        .find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
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
    fn only_phone_numbers_are_emergency_numbers() {
        for n in ["999", "112", " 000 ", "+44 20 7946 0000", "0800-123-456"] {
            assert!(super::is_phone_number(n), "{n}");
        }
        for n in [
            "",
            "1",
            "nobody",
            "99 9x",
            "1+1",
            "\u{202e}999",
            "9\u{0}9",
            &"9".repeat(16),
        ] {
            assert!(!super::is_phone_number(n), "{n:?}");
        }
    }

    #[test]
    fn the_advice_uses_the_patients_number_once_set() {
        assert!(call_advice(None).contains("112 or 999"));
        assert!(call_advice(Some("  ")).contains("112 or 999"));
        assert!(call_advice(Some("911")).starts_with("Call 911 now"));
        assert!(call_advice(Some("911")).ends_with("even at night."));
    }

    #[test]
    fn the_emergency_number_is_chosen_from_the_language_region_where_known() {
        let number = |tag: &str| region_of(tag).and_then(emergency_number_for);
        assert_eq!(number("en-GB"), Some("999"));
        assert_eq!(number("en-us"), Some("911"));
        assert_eq!(number("en-AU"), Some("000"));
        assert_eq!(number("de-DE"), Some("112"));
        assert_eq!(number("sr-Latn-RS"), Some("112"));
        assert_eq!(number("en-NZ"), None, "111 is not among the choices");
        assert_eq!(number("en"), None, "no region");
        assert_eq!(number("es-419"), None, "a region that is not a country");
        for n in [
            number("en-GB"),
            number("en-US"),
            number("en-AU"),
            number("fr-FR"),
        ] {
            assert!(EMERGENCY_NUMBERS.contains(&n.unwrap()));
        }
    }

    #[test]
    fn the_wording_follows_the_cauda_equina_card() {
        let text = |id: &str| {
            let f = RED_FLAGS.iter().find(|f| f.id == id).unwrap();
            format!("{} {}", f.sign, f.question)
        };
        assert!(text("bladder-bowel").contains("feel it when you pee or poo"));
        assert!(text("bladder-bowel").contains("stop a poo"));
        assert!(text("sexual-function").contains("erection or ejaculating"));
        assert!(text("sexual-function").contains("genitals during sex"));
        assert!(text("both-legs").contains("new or getting worse"));
        assert!(text("spreading-numbness").contains("in your leg or foot"));
        assert!(call_advice(None).contains("even at night"));
        assert!(!URGENT_ADVICE.contains("straight away"));
    }
}
