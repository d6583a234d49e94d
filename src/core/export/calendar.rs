//! The plan as an iCalendar file (RFC 5545), so the phone's own calendar
//! reminds the patient with no server: one event per slot for the coming
//! weeks, each with an alarm.
//!
//! Times are floating local times (no `VTIMEZONE`): the app has no
//! time-zone database, and a home programme follows the patient's day
//! wherever they are, so 07:30 stays 07:30 across a daylight-saving change
//! or a trip. Each event's `UID` is made of the pack, the routine and the
//! slot's local date and time, so importing a new export replaces the
//! events of the old one instead of adding them twice.

use crate::core::journal::Journal;
use crate::core::pack::Pack;
use crate::core::plan::{WakingHours, day_plan};
use crate::core::progression::routine_at;
use crate::core::time;

/// How long an event lasts in the calendar, in minutes.
const EVENT_MINUTES: u64 = 15;

/// The calendar of `pack`'s scheduled routines for `days` local days from
/// `first_day` (days since 1970-01-01), made at `now` (UTC ms), each event
/// saying what to do at progression stage `stage`.
pub fn calendar(
    pack: &Pack,
    stage: u32,
    waking: WakingHours,
    first_day: i64,
    days: u32,
    now: u64,
    offset_at: &impl Fn(u64) -> i64,
) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold(text, &mut out);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Centralise//Home exercise plan//EN");
    line("CALSCALE:GREGORIAN");
    let journal = Journal::default();
    for day in first_day..first_day + i64::from(days) {
        let plan = day_plan(pack, &journal, waking, day, 0, offset_at, &|_| false);
        for slot in &plan.slots {
            let Some(routine) = routine_at(pack, &slot.routine, stage) else {
                continue;
            };
            let local = slot.at as i64 + offset_at(slot.at);
            let start = local_stamp(local);
            let end = local_stamp(local + (EVENT_MINUTES * 60_000) as i64);
            line("BEGIN:VEVENT");
            line(&format!(
                "UID:{}-{}-{start}@centralise",
                uid_part(&pack.id),
                uid_part(&routine.id)
            ));
            line(&format!("DTSTAMP:{}Z", local_stamp(now as i64)));
            line(&format!("DTSTART:{start}"));
            line(&format!("DTEND:{end}"));
            line(&format!("SUMMARY:{}", escape(&routine.title)));
            let items: Vec<String> = routine.items.iter().map(|i| i.in_words(pack)).collect();
            line(&format!(
                "DESCRIPTION:{}",
                escape(&format!(
                    "{}.\nFrom {}’s pack “{}”{}.",
                    items.join(".\n"),
                    pack.author,
                    pack.title,
                    match stage {
                        1 => String::new(),
                        n => format!(", stage {n}"),
                    }
                ))
            ));
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line("TRIGGER:PT0M");
            line(&format!("DESCRIPTION:{}", escape(&routine.title)));
            line("END:VALARM");
            line("END:VEVENT");
        }
    }
    line("END:VCALENDAR");
    out
}

/// `YYYYMMDDTHHMMSS` of a time counted from 1970-01-01 00:00 (a local
/// time, or UTC when given a UTC time).
fn local_stamp(ms: i64) -> String {
    let day = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000) / 1000;
    let (y, m, d) = time::civil(day);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}",
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60
    )
}

/// Ids are checked by the pack's rules; anything else is left out of a UID.
fn uid_part(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// TEXT values: backslash, semicolon, comma and newline escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `text` as a content line: CRLF, folded so no line is over 75
/// octets (a continuation starts with a space), never inside a character.
fn fold(text: &str, out: &mut String) {
    let mut width = 0;
    for c in text.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}
