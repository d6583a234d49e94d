//! Hostile backups and storage exports (`tests/fixtures/hostile/backups/`,
//! each file's first line says what it tries), restored onto a phone that
//! already has data, as the restore screen does. Each either is refused
//! with a message or restores; either way nothing on the phone is lost or
//! changed, nothing panics, the phone keeps room for a year of records,
//! and no safety rule is defeated.

mod device;

use centralise::core::app::Restored;
use centralise::core::gate::StartGate;
use centralise::core::journal::{KeyValue, Record, STORAGE_UNITS, YEAR_OF_RECORDS_UNITS, keys};
use centralise::core::safety::ReviewReason;
use centralise::core::time::Now;
use device::{DAY, Device, Tab, first_run, restore_checked};
use std::collections::BTreeMap;

/// The fixtures' "now": 26 November 2026, 09:00 UTC (as the browser tests).
const NOW: Now = Now {
    mono: 5_000,
    wall: 1_795_683_600_000,
};

/// A phone in use: set up, and last week's warning-signs check, so this
/// week's is due.
fn phone() -> (Device, Tab) {
    let mut device = Device::new();
    let last_week = Now {
        mono: NOW.mono,
        wall: NOW.wall - 8 * DAY,
    };
    let mut tab = device.open(last_week, "old-tab");
    first_run(&mut device, &mut tab);
    let tab = device.open(NOW, "phone");
    (device, tab)
}

/// What a restore left behind, for the checks of one fixture.
struct After {
    restored: Restored,
    device: Device,
    tab: Tab,
}

impl After {
    fn quarantined(&self) -> Vec<String> {
        let kv = &self.device.kv;
        kv.keys()
            .into_iter()
            .filter(|k| k.starts_with(keys::QUARANTINE))
            .filter_map(|k| kv.get(&k))
            .collect()
    }

    fn has_record(&self, id: &str) -> bool {
        self.tab.model.journal().contains(id)
    }
}

enum Expect {
    /// Refused, with a message containing this.
    Refused(&'static str),
    /// Restored; then these checks.
    Restored(fn(&After)),
}

fn refused_pack(a: &After, about: &str) {
    assert_eq!(a.restored.packs, 0);
    assert!(a.restored.offered.is_empty());
    let [refused] = &a.restored.refused[..] else {
        panic!("one pack refused: {:?}", a.restored.refused);
    };
    let problems = refused.problems.join("\n");
    assert!(problems.contains(about), "{about} in {problems}");
    assert_eq!(a.restored.added, 5, "the records restore all the same");
}

fn expectations() -> BTreeMap<&'static str, Expect> {
    use Expect::{Refused, Restored};
    BTreeMap::from([
        (
            "impersonating-pack",
            Restored(|a| {
                refused_pack(a, "steps");
                // The built-in pack is still the one in use, and starts.
                let pack = a.tab.model.pack().unwrap();
                assert_eq!(
                    (pack.id.as_str(), pack.version.as_str()),
                    ("core-stabilisation", "1.1.0")
                );
                assert!(
                    a.tab
                        .model
                        .library()
                        .installed("core-stabilisation")
                        .is_none()
                );
            }),
        ),
        (
            "replacing-pack",
            Restored(|a| {
                assert_eq!(a.restored.packs, 0);
                let [offered] = &a.restored.offered[..] else {
                    panic!("one pack offered");
                };
                assert_eq!(offered.version, "9.0.0");
                assert!(
                    a.tab
                        .model
                        .library()
                        .installed("core-stabilisation")
                        .is_none()
                );
            }),
        ),
        (
            "pack-version-tilde",
            Restored(|a| refused_pack(a, "version")),
        ),
        ("pack-bidi-title", Restored(|a| refused_pack(a, "title"))),
        ("pack-huge-sets", Restored(|a| refused_pack(a, "sets"))),
        (
            "pack-dangling-exercise",
            Restored(|a| refused_pack(a, "no-such-exercise")),
        ),
        ("pack-no-routines", Restored(|a| refused_pack(a, "routine"))),
        ("pack-huge-title", Restored(|a| refused_pack(a, "title"))),
        (
            "one-good-one-bad-pack",
            Restored(|a| {
                assert_eq!(a.restored.packs, 1);
                assert_eq!(a.restored.refused.len(), 1);
                assert!(a.tab.model.library().installed("my-clinic").is_some());
                assert!(a.tab.model.library().installed("broken").is_none());
            }),
        ),
        (
            "pack-installed-in-the-future",
            Restored(|a| {
                let installed = a.tab.model.library().installed("later").unwrap();
                assert_eq!(installed.installed_at, NOW.wall);
            }),
        ),
        (
            "far-future-check-in",
            Restored(|a| {
                assert_eq!(a.restored.future, 1);
                assert_eq!(a.tab.model.contact_prompt(NOW.wall), None);
                assert_eq!(a.tab.model.review_prompt(NOW.wall), None);
            }),
        ),
        (
            "future-warning-check",
            Restored(|a| {
                assert_eq!(a.restored.future, 1);
                assert_eq!(a.tab.model.start_gate(NOW.wall), StartGate::CheckDue);
            }),
        ),
        (
            "future-acknowledgement",
            Restored(|a| assert_eq!(a.restored.future, 1)),
        ),
        (
            "future-safety-stop",
            Restored(|a| {
                assert_eq!(a.restored.future, 1);
                assert!(a.tab.model.stopped_today(NOW.wall).stops.is_empty());
            }),
        ),
        (
            "time-u64-max",
            Restored(|a| assert_eq!(a.restored.future, 1)),
        ),
        (
            "time-zero",
            Restored(|a| {
                assert_eq!(a.restored.added, 6);
                // Counted from 1970, leg pain has not eased in six weeks:
                // the rule holds, with no list of every week since.
                assert_eq!(
                    a.tab.model.review_prompt(NOW.wall),
                    Some(ReviewReason::NotImproving)
                );
            }),
        ),
        ("time-negative", Refused("time-negative.json:2:")),
        ("time-fraction", Refused("time-fraction.json:2:")),
        (
            "backup-created-in-the-future",
            Restored(|a| assert_eq!(a.restored.added, 5)),
        ),
        ("version-zero", Refused("format version 0 does not exist")),
        (
            "version-newer",
            Refused("made by a newer version of Centralise"),
        ),
        ("version-huge", Refused("not a Centralise backup")),
        ("not-json", Refused("not-json.json:2:1:")),
        ("nested-deep", Refused("nested-deep.json:2:")),
        (
            "records-not-a-list",
            Refused("records-not-a-list.json:2:242: invalid type, expected a list of records"),
        ),
        ("unknown-record-type", Refused("unknown variant `teleport`")),
        (
            "pain-out-of-range",
            Restored(|a| {
                // Kept as it came: a record is never changed, and the
                // backup of a phone holding it must restore too.
                assert_eq!(a.restored.added, 6);
                assert!(a.has_record("p-c0"));
            }),
        ),
        (
            "duplicate-ids",
            Restored(|a| {
                assert_eq!((a.restored.added, a.restored.already), (5, 1));
                let kept = a
                    .tab
                    .model
                    .journal()
                    .records()
                    .iter()
                    .find_map(|r| match r {
                        Record::CheckIn(c) if &*c.id == "hostile1-c1" => Some(c.answers.leg_pain),
                        _ => None,
                    });
                assert_eq!(kept, Some(5), "the first of the two, once");
            }),
        ),
        (
            "settings-odd-number",
            Restored(|a| {
                assert!(a.restored.odd_number.is_some());
                assert_eq!(a.tab.model.settings().emergency_number, "999");
                let offered = a
                    .restored
                    .settings
                    .as_ref()
                    .map(|s| s.emergency_number.as_str());
                assert!(matches!(offered, None | Some("")), "{offered:?}");
            }),
        ),
        ("settings-unknown-leg", Refused("unknown variant `middle`")),
        (
            "shared-prefix-sessions",
            Restored(|a| {
                assert_eq!(a.restored.added, 10);
                for id in ["a-s1", "a-b-s1", "a-c1", "a-b-c1", "a-end", "a-b-end"] {
                    assert!(a.has_record(id), "{id}");
                }
            }),
        ),
        (
            "huge-unreadable",
            Restored(|a| {
                assert!(
                    a.restored.not_kept_aside >= 1,
                    "{}",
                    a.restored.not_kept_aside
                );
                assert_eq!(a.restored.added, 5);
            }),
        ),
        (
            "unreadable-foreign-keys",
            Restored(|a| {
                assert!(a.device.kv.get("other-app:token").is_none());
                assert_eq!(a.tab.model.settings().emergency_number, "999");
                assert!(a.quarantined().iter().any(|v| v == "stolen"));
            }),
        ),
        (
            "storage-newer-schema",
            Refused("made by a newer version of Centralise"),
        ),
        (
            "storage-chunk-u32-max",
            Restored(|a| assert_eq!(a.restored.added, 5)),
        ),
        (
            "storage-damaged-values",
            Restored(|a| {
                assert_eq!(a.restored.added, 5);
                let kept = a.quarantined();
                for value in ["{nope", "[1,2"] {
                    assert!(kept.iter().any(|v| v == value), "{value} kept aside");
                }
            }),
        ),
        (
            "storage-foreign-keys",
            Restored(|a| {
                assert_eq!(a.restored.added, 5);
                assert!(a.device.kv.get("other-app:token").is_none());
            }),
        ),
    ])
}

/// Restores `text` onto a phone in use (`nearly_full`: with storage
/// nearly full), checking what must hold for any file.
fn restore(name: &str, text: &str, nearly_full: bool) -> Result<After, String> {
    let (mut device, mut tab) = phone();
    if nearly_full {
        let filler = "f".repeat(STORAGE_UNITS - YEAR_OF_RECORDS_UNITS - 400_000);
        device
            .kv
            .set("centralise:quarantine:filler", &filler)
            .unwrap();
    }
    let (restored, reloaded) = restore_checked(&mut device, &mut tab, name, text);
    restored.map(|restored| After {
        restored,
        device,
        tab: reloaded,
    })
}

#[test]
fn every_hostile_backup_is_refused_with_a_message_or_restored_safely() {
    let mut expected = expectations();
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile/backups"
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name.trim_end_matches(".json");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("{\"tries\": \""),
            "{name}: the first line says what it tries"
        );
        let expect = expected
            .remove(stem)
            .unwrap_or_else(|| panic!("{name}: no expected outcome"));
        let outcome = restore(&name, &text, stem == "huge-unreadable");
        match (expect, outcome) {
            (Expect::Refused(message), Err(e)) => {
                assert!(e.contains(message), "{name}: {e:?} should say {message:?}")
            }
            (Expect::Restored(check), Ok(after)) => check(&after),
            (Expect::Refused(message), Ok(_)) => panic!("{name} restored; expected {message:?}"),
            (Expect::Restored(_), Err(e)) => panic!("{name} refused: {e}"),
        }
    }
    assert!(expected.is_empty(), "no fixture for {:?}", expected.keys());
}
