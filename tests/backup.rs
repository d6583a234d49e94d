//! The backup file: lossless, merges without duplicates, and refuses what
//! it cannot read with a location.
// proptest is a native dev-dependency: these tests never build for wasm.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use centralise::core::export::backup::{self, Backup};
use centralise::core::journal::sample;
use centralise::core::journal::{Appender, Journal, KeyValue, MemoryKv, keys, load};
use centralise::core::settings::Settings;
use proptest::option;
use proptest::prelude::*;
use std::collections::HashMap;

fn settings() -> impl Strategy<Value = Settings> {
    (any::<bool>(), support::text()).prop_map(|(voice, emergency_number)| Settings {
        voice,
        emergency_number,
        setup_done: true,
        ..Settings::default()
    })
}

proptest! {
    #![proptest_config(support::config(300))]

    #[test]
    fn a_backup_round_trips_exactly(
        records in support::records(0..200),
        settings in settings(),
        unreadable in option::weighted(0.3, support::text()),
        now in support::number(),
    ) {
        let journal = Journal::from_records(records);
        let unreadable: HashMap<String, String> = unreadable
            .map(|v| (format!("{}0", keys::QUARANTINE), v))
            .into_iter()
            .collect();
        let made = Backup::new(&journal, &settings, unreadable, now);
        let read = backup::parse(&made.to_json(), "b.json").unwrap();
        prop_assert_eq!(&read, &made);
        let restored = Journal::from_records(read.records);
        prop_assert_eq!(restored.records(), journal.records());
    }
}

#[test]
fn restoring_merges_by_record_id_without_duplicates() {
    let mut phone = MemoryKv::default();
    sample::heavy_use(&mut phone, 1, 1_790_000_000_000, 3, 2, 2).unwrap();
    let mut other = MemoryKv::default();
    sample::heavy_use(&mut other, 2, 1_790_000_000_000, 2, 2, 2).unwrap();
    let mine = load(&mut phone).journal;
    let theirs = load(&mut other).journal;
    // A backup of both: everything of the other phone and part of mine.
    let both = Journal::from_records(
        theirs
            .records()
            .iter()
            .chain(&mine.records()[..10])
            .cloned(),
    );
    let file = Backup::new(&both, &Settings::default(), HashMap::new(), 0);
    let new = file.new_records(&mine);
    assert_eq!(new.len(), theirs.len());
    let mut w = Appender::new("restore");
    for r in &new {
        w.append(&mut phone, r).unwrap();
    }
    let merged = load(&mut phone).journal;
    assert_eq!(merged.len(), mine.len() + theirs.len());
    // Restoring the same file again adds nothing.
    assert!(file.new_records(&merged).is_empty());
}

#[test]
fn the_crash_screen_export_restores_with_what_it_could_not_read() {
    let mut kv = MemoryKv::default();
    sample::heavy_use(&mut kv, 3, 1_790_000_000_000, 2, 2, 2).unwrap();
    kv.set(
        keys::SETTINGS,
        r#"{"setup_done":true,"emergency_number":"112"}"#,
    )
    .unwrap();
    kv.set(&format!("{}zz:0", keys::LOG), "2broken").unwrap();
    let expected = load(&mut kv.clone()).journal;
    let dump = serde_json::json!({
        "format": "centralise-storage", "version": 1,
        "exported_at": "2026-11-26T09:00:00.000Z", "items": kv.map,
    });
    let read = backup::parse(&dump.to_string(), "dump.json").unwrap();
    assert_eq!(read.records, expected.records());
    assert_eq!(read.settings.emergency_number, "112");
    assert_eq!(read.unreadable.values().collect::<Vec<_>>(), ["2broken"]);
}

#[test]
fn what_is_not_a_backup_is_refused_with_a_location() {
    let cases = [
        (
            "{\"format\": \"centralise-backup\",\n  \"version\": 1,\n  \"records\": [",
            "b.json:3:14: EOF while parsing a list",
        ),
        ("[1, 2]", "b.json:1:1: this is not a Centralise backup file"),
        (
            "{\"format\": \"photos\", \"version\": 1}",
            "b.json:1:1: this is not a Centralise backup file",
        ),
        (
            "{\"format\": \"centralise-backup\", \"version\": 9}",
            "b.json:1:1: this backup was made by a newer version of Centralise; update the app, then restore it",
        ),
        (
            "{\"format\": \"centralise-storage\", \"version\": 2}",
            "b.json:1:1: this backup was made by a newer version of Centralise; update the app, then restore it",
        ),
        (
            "{\"format\": \"centralise-backup\", \"version\": 0}",
            "b.json:1:1: this backup's format version 0 does not exist; the file is damaged",
        ),
        (
            "{\"format\": \"centralise-storage\", \"version\": 1, \"items\": {\"centralise:schema\": \"3\"}}",
            "b.json:1:1: this backup was made by a newer version of Centralise; update the app, then restore it",
        ),
        (
            "{\"format\": \"centralise-backup\", \"version\": 1, \"created_at\": 0,\n\"settings\": {}, \"records\": [{\"type\": \"nonsense\"}]}",
            "b.json:2:47: unknown variant `nonsense`, expected one of `session-started`, `set-completed`, `check-in`, `session-ended`, `safety-stop`, `warning-check`, `acknowledged`, `self-check`, `stage-accepted`, `correction`, `psfs`",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(backup::parse(text, "b.json").unwrap_err(), message);
    }
}

#[test]
fn the_backup_reminder_comes_once_a_week_without_a_recent_backup() {
    use centralise::core::export::backup::BackupLog;
    const DAY: u64 = 86_400_000;
    let now = 100 * DAY;
    let never = BackupLog::default();
    assert!(!never.remind(now, false), "nothing to lose yet");
    assert!(never.remind(now, true));
    let reminded = BackupLog {
        last: None,
        reminded: Some(now - 6 * DAY),
    };
    assert!(!reminded.remind(now, true));
    assert!(reminded.remind(now + DAY, true));
    let backed_up = BackupLog {
        last: Some(now - 3 * DAY),
        reminded: None,
    };
    assert!(!backed_up.remind(now, true));
    assert_eq!(backed_up.days_since(now), Some(3));
    assert!(backed_up.remind(now + 4 * DAY, true));
    assert_eq!(never.days_since(now), None);
}
