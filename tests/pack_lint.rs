//! The clinical warnings of the pack linter, each at and around its
//! threshold, and the routine item's `side`.

use centralise::core::bundled::bundled_packs;
use centralise::core::pack::{self, Pack, RoutineItem, Severity, Sides};

const HEAD: &str = r#"format = 2
id = "t"
version = "1.0"
title = "T"
author = "A"
language = "en"
licence = "CC-BY-4.0"
sources = ["A book."]
"#;

const SAFE: &str = "Symptoms spread further down your leg, or you notice new numbness or weakness.";

/// An exercise table: `id`, its category and kind, and its `stop_if`.
fn exercise(id: &str, category: &str, kind: &str, stop_if: &str) -> String {
    format!(
        "\n[[exercises]]\nid = \"{id}\"\nname = \"{id}\"\ncategory = \"{category}\"\nkind = \"{kind}\"\nsteps = [\"One.\", \"Two.\", \"Three.\"]\nstarting_position = \"Lying down.\"\nfeel = \"A stretch.\"\nstop_if = \"{stop_if}\"\n"
    )
}

/// A routine with an optional schedule (the table's lines) and items
/// (each its lines after `exercise = ...`).
fn routine(id: &str, schedule: Option<&str>, items: &[(&str, &str)]) -> String {
    let mut text = format!("\n[[routines]]\nid = \"{id}\"\ntitle = \"{id}\"\n");
    if let Some(s) = schedule {
        text += &format!("\n[routines.schedule]\n{s}\n");
    }
    for (exercise, dose) in items {
        text += &format!("\n[[routines.items]]\nexercise = \"{exercise}\"\n{dose}\n");
    }
    text
}

/// A pack of press-ups (directional preference) and bird dogs (core) with
/// the given routines and stages.
fn pack_with(routines: &str) -> String {
    format!(
        "{HEAD}{}{}{routines}",
        exercise("press-up", "directional-preference", "repeated", SAFE),
        exercise("bird-dog", "core-stabilisation", "hold", SAFE),
    )
}

/// The warnings of a valid pack, as `line:col: warning: message`.
fn warnings(text: &str) -> Vec<String> {
    match pack::parse(text) {
        Ok((_, w)) => {
            assert!(w.iter().all(|p| p.severity == Severity::Warning));
            w.iter().map(|p| p.to_string()).collect()
        }
        Err(e) => panic!("{e:?}\n{text}"),
    }
}

fn line_of(text: &str, needle: &str, nth: usize) -> usize {
    let at = text.match_indices(needle).nth(nth).unwrap().0;
    text[..at].matches('\n').count() + 1
}

const EVERY_2_3: &str = "every_hours = 2\nevery_hours_max = 3";

#[test]
fn directional_preference_over_15_repetitions_a_session_every_few_hours_is_a_warning() {
    let reps = |sets: u32, count: u32| format!("sets = {sets}\nrepetitions = {count}");
    // 15 is allowed, 16 is not; sets times repetitions.
    for (sets, count, warned) in [
        (1, 10, false),
        (1, 15, false),
        (3, 5, false),
        (1, 16, true),
        (2, 8, true),
        (3, 10, true),
    ] {
        let text = pack_with(&routine(
            "r",
            Some(EVERY_2_3),
            &[("press-up", &reps(sets, count))],
        ));
        let w = warnings(&text);
        assert_eq!(w.len(), usize::from(warned), "{sets} x {count}: {w:?}");
        if warned {
            let total = sets * count;
            let line = line_of(&text, "sets = ", 0);
            assert_eq!(
                w[0],
                format!(
                    "{line}:8: warning: `press-up` comes to {total} repetitions a session, every 2-3 hours while awake: a directional-preference exercise done this often is usually one set of about 10 (at most 15 a session)"
                )
            );
        }
    }
    // Summed over the routine's items of that exercise: at the item that
    // takes it over 15.
    let split = pack_with(&routine(
        "r",
        Some(EVERY_2_3),
        &[
            ("press-up", &reps(1, 10)),
            ("bird-dog", "sets = 1\nhold_seconds = 8"),
            ("press-up", &reps(1, 5)),
        ],
    ));
    assert!(warnings(&split).is_empty(), "15 in two items");
    let split = split.replace("repetitions = 5", "repetitions = 6");
    let w = warnings(&split);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with(&format!(
            "{}:8: warning: `press-up` comes to 16 repetitions",
            line_of(&split, "sets = ", 2)
        )),
        "{w:?}"
    );
    // "Every few hours": 4 or more sessions a day, or at most 4 hours apart.
    for (schedule, warned) in [
        ("times_a_day = 3", false),
        ("times_a_day = 4", true),
        ("every_hours = 4", true),
        ("every_hours = 5", false),
        ("every_hours = 4\nevery_hours_max = 6", true),
    ] {
        let text = pack_with(&routine("r", Some(schedule), &[("press-up", &reps(2, 10))]));
        assert_eq!(warnings(&text).len(), usize::from(warned), "{schedule}");
    }
    // Not scheduled, or not directional preference: no warning.
    let unscheduled = pack_with(&routine("r", None, &[("press-up", &reps(3, 10))]));
    assert!(warnings(&unscheduled).is_empty());
    let core = format!(
        "{HEAD}{}{}",
        exercise("press-up", "core-stabilisation", "repeated", SAFE),
        routine("r", Some(EVERY_2_3), &[("press-up", &reps(3, 10))])
    );
    assert!(warnings(&core).is_empty());
}

#[test]
fn a_stage_taking_a_directional_preference_exercise_over_15_repetitions_is_a_warning() {
    let base = pack_with(&routine(
        "r",
        Some(EVERY_2_3),
        &[("press-up", "sets = 1\nrepetitions = 10")],
    ));
    let stage = |week: u32, change: &str| {
        format!(
            "\n[[stages]]\nfrom_week = {week}\ntitle = \"Week {week}\"\n\n[[stages.changes]]\nroutine = \"r\"\nexercise = \"press-up\"\n{change}\n"
        )
    };
    // 15 from week 3 is fine; 16 is not, at the change.
    assert!(warnings(&(base.clone() + &stage(3, "repetitions = 15"))).is_empty());
    let text = base.clone() + &stage(3, "repetitions = 16");
    let w = warnings(&text);
    let line = line_of(&text, "repetitions = 16", 0);
    assert_eq!(
        w,
        [format!(
            "{line}:15: warning: from week 3, `press-up` in routine `r` comes to 16 repetitions a session, every 2-3 hours while awake: a directional-preference exercise done this often is usually one set of about 10 (at most 15 a session)"
        )]
    );
    // Stages build on the ones before: 8 repetitions, then 2 sets of them.
    let text = base.clone() + &stage(3, "repetitions = 8") + &stage(5, "sets = 2");
    let w = warnings(&text);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with(&format!(
            "{}:8: warning: from week 5, `press-up` in routine `r` comes to 16",
            line_of(&text, "sets = 2", 0)
        )),
        "{w:?}"
    );
    // A change of rest alone says nothing about repetitions.
    assert!(warnings(&(base + &stage(3, "rest_seconds = 30"))).is_empty());
}

#[test]
fn the_same_exercise_in_two_scheduled_routines_is_a_warning() {
    let once = "sets = 1\nrepetitions = 10";
    let hold = "sets = 2\nhold_seconds = 8";
    let text = pack_with(
        &(routine("a", Some(EVERY_2_3), &[("press-up", once)])
            + &routine(
                "b",
                Some("times_a_day = 1"),
                &[("bird-dog", hold), ("press-up", once), ("press-up", once)],
            )),
    );
    let line = line_of(&text, "exercise = \"press-up\"", 1);
    assert_eq!(
        warnings(&text),
        [format!(
            "{line}:12: warning: `press-up` is also in routine `a`, which is scheduled too: the patient would do it twice over; keep it in one scheduled routine"
        )]
    );
    // One of them unscheduled (a routine the therapist swaps in): fine.
    let swapped = pack_with(
        &(routine("a", Some(EVERY_2_3), &[("press-up", once)])
            + &routine("b", None, &[("press-up", once)])),
    );
    assert!(warnings(&swapped).is_empty());
    // On days that never meet: fine; on a shared day: a warning.
    let days = |a: &str, b: &str| {
        pack_with(
            &(routine(
                "a",
                Some(&format!("times_a_day = 1\ndays = [{a}]")),
                &[("bird-dog", hold)],
            ) + &routine(
                "b",
                Some(&format!("times_a_day = 1\ndays = [{b}]")),
                &[("bird-dog", hold)],
            )),
        )
    };
    assert!(warnings(&days("\"monday\"", "\"tuesday\", \"friday\"")).is_empty());
    assert_eq!(
        warnings(&days("\"monday\", \"friday\"", "\"friday\"")).len(),
        1
    );
}

#[test]
fn a_stop_if_without_new_numbness_or_weakness_is_a_warning() {
    let message = "warning: `stop_if` names neither new numbness nor weakness: add them beside spreading symptoms, e.g. \"..., or you notice new numbness or weakness\"";
    for (stop_if, warned) in [
        ("Pain spreads further down your leg.", true),
        // Numbness as a spreading symptom is not a new nerve sign.
        (
            "Pain, tingling or numbness spreads further down your leg.",
            true,
        ),
        ("It hurts.", true),
        (
            "Pain spreads down your leg, or you notice new numbness.",
            false,
        ),
        (
            "Pain spreads down your leg, or your foot feels Weak.",
            false,
        ),
        ("Symptoms spread down your leg, or NEW NUMBNESS.", false),
        (SAFE, false),
    ] {
        let text = format!(
            "{HEAD}{}{}",
            exercise("bird-dog", "core-stabilisation", "hold", stop_if),
            routine("r", None, &[("bird-dog", "sets = 1\nhold_seconds = 8")])
        );
        let w = warnings(&text);
        if warned {
            let line = line_of(&text, "stop_if", 0);
            assert_eq!(w, [format!("{line}:11: {message}")], "{stop_if}");
        } else {
            assert!(w.is_empty(), "{stop_if}: {w:?}");
        }
    }
}

#[test]
fn the_bundled_programmes_have_no_clinical_warnings() {
    for file in [
        "core-stabilisation",
        "extension-progression",
        "nerve-mobility",
    ] {
        let text = std::fs::read_to_string(format!("exercises/{file}.toml")).unwrap();
        assert_eq!(warnings(&text), Vec::<String>::new(), "{file}");
    }
}

fn item_of(text: &str) -> RoutineItem {
    pack::parse(text).unwrap().0.routines[0].items[0].clone()
}

#[test]
fn side_both_is_per_side_and_side_affected_is_the_affected_leg_only() {
    let with = |line: &str| {
        pack_with(&routine(
            "r",
            None,
            &[("bird-dog", &format!("sets = 2\nhold_seconds = 8\n{line}"))],
        ))
    };
    let one = item_of(&with(""));
    let both = item_of(&with("side = \"both\""));
    let affected = item_of(&with("side = \"affected\""));
    assert_eq!(one.sides(), Sides::One);
    assert_eq!(both.sides(), Sides::Both);
    assert_eq!(affected.sides(), Sides::Affected);
    // `per_side = true` reads as `side = "both"`, in format 1 too.
    assert_eq!(item_of(&with("per_side = true")), both);
    assert_eq!(item_of(&with("per_side = false")), one);
    let format_1 = "format = 1\nid = \"t\"\nversion = \"1\"\ntitle = \"T\"\nauthor = \"A\"\nlanguage = \"en\"\n\n[[exercises]]\nid = \"bird-dog\"\nname = \"Bird dog\"\ncategory = \"core-stabilisation\"\nkind = \"hold\"\nsteps = [\"Kneel.\", \"Reach.\", \"Hold.\"]\n\n[[routines]]\nid = \"r\"\ntitle = \"R\"\n\n[[routines.items]]\nexercise = \"bird-dog\"\nsets = 2\nhold_seconds = 8\n";
    assert_eq!(item_of(&format!("{format_1}per_side = true\n")), both);
    assert_eq!(
        item_of(&format!("{format_1}side = \"affected\"\n")),
        affected
    );
    // An affected-only item is per side too: code that does not know
    // `affected_only` does both sides, never one.
    assert!(affected.per_side && affected.affected_only && !both.affected_only);
    // Both fields: an error, whatever they say.
    for (side, per_side) in [
        ("both", true),
        ("affected", true),
        ("affected", false),
        ("both", false),
    ] {
        let text = with(&format!("side = \"{side}\"\nper_side = {per_side}"));
        let e = pack::parse(&text).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            e[0].render_path(),
            "routines[0].items[0].side: error: give `side` or `per_side`, not both (`per_side = true` is the older way to write `side = \"both\"`)"
        );
    }
    // Not in stage changes.
    let stage = with("")
        + "\n[[stages]]\nfrom_week = 3\ntitle = \"W\"\n\n[[stages.changes]]\nroutine = \"r\"\nexercise = \"bird-dog\"\nsets = 3\nside = \"both\"\n";
    assert!(
        pack::parse(&stage).unwrap_err()[0]
            .message
            .starts_with("unknown field `side`")
    );
    // Printed back: `per_side = true` for both (older app versions read
    // it), `side = "affected"` for the affected leg.
    for text in [
        with(""),
        with("side = \"both\""),
        with("side = \"affected\""),
    ] {
        let (pack, _) = pack::parse(&text).unwrap();
        let printed = pack::print(&pack);
        assert_eq!(pack::parse(&printed).unwrap().0, pack, "{printed}");
    }
    let printed = pack::print(&pack::parse(&with("side = \"both\"")).unwrap().0);
    assert!(
        printed.contains("\nper_side = true") && !printed.contains("\nside = "),
        "{printed}"
    );
    let printed = pack::print(&pack::parse(&with("side = \"affected\"")).unwrap().0);
    assert!(
        printed.contains("\nside = \"affected\"") && !printed.contains("per_side"),
        "{printed}"
    );
}

/// Installed packs are stored as JSON (localStorage, backups): JSON from
/// before `affected_only` existed still reads, and a pack without an
/// affected-only item is written exactly as before.
#[test]
fn packs_stored_before_side_existed_still_read() {
    let old = r#"{"exercise":"bird-dog","sets":4,"dose":{"seconds":8},"rest_seconds":15,"per_side":true}"#;
    let item: RoutineItem = serde_json::from_str(old).unwrap();
    assert_eq!(item.sides(), Sides::Both);
    assert!(!item.affected_only);
    assert_eq!(serde_json::to_string(&item).unwrap(), old);
    for pack in bundled_packs() {
        let json = serde_json::to_string(&pack).unwrap();
        let read: Pack = serde_json::from_str(&json).unwrap();
        assert_eq!(read, pack);
        // As an older version stored it: without the new field.
        let older = json.replace(",\"affected_only\":true", "");
        let read: Pack = serde_json::from_str(&older).unwrap();
        for (a, b) in read.routines.iter().zip(&pack.routines) {
            for (x, y) in a.items.iter().zip(&b.items) {
                assert_eq!((x.per_side, x.affected_only), (y.per_side, false));
            }
        }
    }
    let nerve = bundled_packs()
        .into_iter()
        .find(|p| p.id == "nerve-mobility")
        .unwrap();
    let sliders: Vec<Sides> = nerve
        .routines
        .iter()
        .flat_map(|r| r.items.iter().map(RoutineItem::sides))
        .collect();
    assert_eq!(sliders, [Sides::Affected, Sides::Affected]);
}
