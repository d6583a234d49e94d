//! The plan as an iCalendar file, read back by a real parser (the
//! `icalendar` crate): one event per slot for four weeks, each with one
//! alarm, floating local times, and the same UIDs in two exports.
// icalendar is a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

use centralise::core::bundled::bundled_packs;
use centralise::core::export::calendar::calendar;
use centralise::core::pack::Pack;
use centralise::core::plan::{WakingHours, local_day};
use icalendar::parser::{read_calendar, unfold};

/// Thursday 3 December 2026, 00:00 UTC.
const D0: u64 = 1_796_256_000_000;
const HOUR: u64 = 3_600_000;

fn pack(id: &str) -> Pack {
    bundled_packs().into_iter().find(|p| p.id == id).unwrap()
}

fn london(at: u64) -> i64 {
    // Summer time from 28 March 2027 01:00 UTC.
    if at >= 1_806_195_600_000 {
        HOUR as i64
    } else {
        0
    }
}

fn export(pack: &Pack, now: u64) -> String {
    let day = local_day(now, &london);
    calendar(pack, 1, WakingHours::default(), day, 28, now, &london)
}

#[test]
fn four_weeks_of_slots_each_an_event_with_one_alarm_read_back_by_a_parser() {
    let pack = pack("extension-progression");
    let text = export(&pack, D0 + 9 * HOUR);
    assert!(text.lines().all(|l| l.len() <= 75), "folded at 75 octets");
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let unfolded = unfold(&text);
    let parsed = read_calendar(&unfolded).expect("a valid iCalendar file");
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    // Six a day (every 2-3 hours while awake), 28 days.
    assert_eq!(events.len(), 6 * 28);
    for event in &events {
        let alarms = event
            .components
            .iter()
            .filter(|c| c.name == "VALARM")
            .count();
        assert_eq!(alarms, 1);
        let start = event.find_prop("DTSTART").unwrap().val.to_string();
        assert!(!start.ends_with('Z'), "floating local time: {start}");
        assert_eq!(
            event.find_prop("SUMMARY").unwrap().val.to_string(),
            "Extension routine"
        );
    }
    let first = events[0].find_prop("DTSTART").unwrap().val.to_string();
    assert_eq!(first, "20261203T073000");
}

#[test]
fn two_exports_give_the_same_uids_so_importing_again_replaces() {
    let pack = pack("core-stabilisation");
    let uids = |text: &str| -> Vec<String> {
        let unfolded = unfold(text);
        let parsed = read_calendar(&unfolded).unwrap();
        parsed
            .components
            .iter()
            .filter_map(|c| c.find_prop("UID").map(|p| p.val.to_string()))
            .collect()
    };
    let first = uids(&export(&pack, D0 + 9 * HOUR));
    let again = uids(&export(&pack, D0 + 11 * HOUR));
    assert_eq!(first.len(), 28, "the core routine, once a day");
    assert_eq!(first, again);
    let unique: std::collections::HashSet<_> = first.iter().collect();
    assert_eq!(unique.len(), first.len());
}

#[test]
fn across_the_clocks_going_forward_each_event_keeps_its_local_time() {
    let pack = pack("core-stabilisation");
    // From 20 March 2027: the change falls inside the four weeks.
    let text = export(&pack, 1_805_529_600_000 + 9 * HOUR);
    let unfolded = unfold(&text);
    let parsed = read_calendar(&unfolded).unwrap();
    let starts: Vec<String> = parsed
        .components
        .iter()
        .filter_map(|c| c.find_prop("DTSTART").map(|p| p.val.to_string()))
        .collect();
    assert_eq!(starts.len(), 28);
    assert!(starts.iter().all(|s| s.ends_with("T073000")), "{starts:?}");
}

#[test]
fn each_event_says_what_to_do_at_the_stage_in_force() {
    let mut pack = pack("core-stabilisation");
    // The fuller routine, which the pack's stage changes, scheduled too.
    let schedule = pack.routine("core").unwrap().schedule.clone();
    let full = pack
        .routines
        .iter_mut()
        .find(|r| r.id == "full-core")
        .unwrap();
    full.schedule = schedule;
    let day = local_day(D0, &london);
    let description = |stage: u32| {
        let text = calendar(&pack, stage, WakingHours::default(), day, 1, D0, &london);
        let unfolded = unfold(&text);
        let parsed = read_calendar(&unfolded).unwrap();
        let event = parsed
            .components
            .iter()
            .find(|c| {
                c.name == "VEVENT"
                    && c.properties
                        .iter()
                        .any(|p| p.name == "SUMMARY" && p.val == "Fuller core routine")
            })
            .unwrap();
        event
            .properties
            .iter()
            .find(|p| p.name == "DESCRIPTION")
            .unwrap()
            .val
            .to_string()
    };
    let first = description(1);
    assert!(
        first.contains("Side plank on your knees, 3 sets of hold 5 seconds"),
        "{first}"
    );
    assert!(!first.contains("stage"), "{first}");
    let second = description(2);
    assert!(
        second.contains("Side plank on your knees, 3 sets of hold 10 seconds"),
        "{second}"
    );
    assert!(second.contains("stage 2"), "{second}");
}
