//! Formatting for the screen: words and numbers, no decisions.

use crate::core::pack::{Kind, RoutineItem, seconds_in_words};
use crate::core::symptoms::{Answers, Side};

/// "1:05" for 65 s left. Rounds up, so "0:01" shows until the very end.
pub fn countdown(ms: u64) -> String {
    let s = ms.div_ceil(1000);
    format!("{}:{:02}", s / 60, s % 60)
}

/// What a screen reader hears about the time left, at sensible moments
/// only: each half minute, and ten seconds before the end.
pub fn spoken_remaining(seconds: u64) -> Option<String> {
    let words = |s: u64| {
        format!(
            "{} left",
            seconds_in_words(u32::try_from(s).unwrap_or(u32::MAX))
        )
    };
    (seconds == 10 || (seconds > 0 && seconds.is_multiple_of(30))).then(|| words(seconds))
}

/// Local date and time of a wall-clock timestamp, e.g. "26 Nov 2026, 14:05".
pub fn date_time(wall_ms: u64) -> String {
    let t = Local::at(wall_ms);
    format!("{} {} {}, {}", t.day, t.month(), t.year, t.clock())
}

/// Local day of a wall-clock timestamp, e.g. "Tue 1 Dec".
pub fn day(wall_ms: u64) -> String {
    let t = Local::at(wall_ms);
    format!("{} {} {}", t.weekday(), t.day, t.month())
}

/// Local time of day of a wall-clock timestamp, e.g. "14:05".
pub fn time(wall_ms: u64) -> String {
    Local::at(wall_ms).clock()
}

/// A moment in the phone's time zone, spelt as British English spells it
/// (what `toLocaleString("en-GB")` gives). Built from the date's parts
/// rather than with `Intl`: the first `Intl` call loads the locale's data,
/// which held up the first screen by tens of milliseconds.
struct Local {
    year: u32,
    month: u32,
    day: u32,
    weekday: u32,
    hour: u32,
    minute: u32,
}

impl Local {
    fn at(wall_ms: u64) -> Local {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(wall_ms as f64));
        Local {
            year: date.get_full_year(),
            month: date.get_month(),
            day: date.get_date(),
            weekday: date.get_day(),
            hour: date.get_hours(),
            minute: date.get_minutes(),
        }
    }

    fn month(&self) -> &'static str {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
        ];
        MONTHS.get(self.month as usize).copied().unwrap_or("")
    }

    fn weekday(&self) -> &'static str {
        const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
        DAYS.get(self.weekday as usize).copied().unwrap_or("")
    }

    fn clock(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// "1 set", "3 sets".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "Left leg: thigh (above knee)", for one side.
pub fn leg(answers: &Answers, side: Side) -> String {
    let level = answers.level(side).label();
    format!("{} leg: {}", side.label(), level.to_ascii_lowercase())
}

/// "Leg pain 4/10, back pain 3/10".
pub fn pain(answers: &Answers) -> String {
    format!(
        "Leg pain {}/10, back pain {}/10",
        answers.leg_pain, answers.back_pain
    )
}

/// "3 sets of 10 repetitions, 30 seconds rest between sets".
pub fn dose_line(item: &RoutineItem, kind: Kind) -> String {
    let sets = if item.sets == 1 {
        "1 set".to_string()
    } else {
        format!("{} sets", item.sets)
    };
    let rest = if item.rest_seconds > 0 && item.sets > 1 {
        format!(
            ", {} rest between sets",
            seconds_in_words(item.rest_seconds)
        )
    } else {
        String::new()
    };
    format!("{sets}: {}{rest}", item.dose.describe(kind))
}

/// "every 2-3 hours" as the start of a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
