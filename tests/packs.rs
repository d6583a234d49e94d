//! Pack loading: every bundled pack is valid and listed, and broken packs
//! are rejected with the right location.

use centralise::core::bundled::bundled_packs;
use centralise::core::pack::{self, Category, Dose, Severity};

#[test]
fn every_file_in_exercises_is_valid_and_bundled_as_written() {
    let mut files: Vec<_> = std::fs::read_dir("exercises")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let parsed: Vec<_> = files
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).unwrap();
            match pack::parse(&text) {
                Ok((pack, warnings)) => {
                    assert!(warnings.is_empty(), "{}: {warnings:?}", file.display());
                    pack
                }
                Err(errors) => panic!("{}: {errors:?}", file.display()),
            }
        })
        .collect();
    assert_eq!(
        bundled_packs(),
        parsed,
        "the app carries every pack, as written"
    );
}

#[test]
fn bundled_pack_has_both_kinds_of_routine_with_steps() {
    let packs = bundled_packs();
    let pack = &packs[0];
    let categories: Vec<_> = pack.routines.iter().map(|r| r.category(pack)).collect();
    assert!(categories.contains(&Some(Category::DirectionalPreference)));
    assert!(categories.contains(&Some(Category::CoreStabilisation)));
    let press_ups = pack.routine("extension").unwrap();
    assert!(
        press_ups
            .items
            .iter()
            .any(|i| matches!(i.dose, Dose::Repetitions { count: 10, .. }))
    );
    for e in &pack.exercises {
        assert!(e.steps.len() >= 3, "{} needs plain steps", e.id);
    }
}

const GOOD: &str = r#"format = 1
id = "t"
version = "1"
title = "T"
author = "A"
language = "en"

[[exercises]]
id = "bird-dog"
name = "Bird dog"
category = "core-stabilisation"
kind = "hold"
steps = ["Kneel.", "Reach.", "Hold."]

[[routines]]
id = "r"
title = "R"

[[routines.items]]
exercise = "bird-dog"
sets = 3
hold_seconds = 8
"#;

fn errors(text: &str) -> Vec<String> {
    match pack::parse(text) {
        Ok((_, w)) => w.iter().map(|p| p.render("p.toml")).collect(),
        Err(e) => e.iter().map(|p| p.render("p.toml")).collect(),
    }
}

#[test]
fn a_good_pack_parses_with_its_dose() {
    let (pack, warnings) = pack::parse(GOOD).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(pack.routines[0].items[0].dose, Dose::Seconds { seconds: 8 });
}

#[test]
fn a_misspelt_field_is_an_error_at_its_line() {
    let text = GOOD.replace("hold_seconds = 8", "hold_secnds = 8");
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("p.toml:22:1: error:"), "{e:?}");
    assert!(
        e[0].ends_with("unknown field `hold_secnds`: did you mean `hold_seconds`?"),
        "{e:?}"
    );
}

#[test]
fn an_unknown_exercise_is_named_with_its_location() {
    let text = GOOD.replace("exercise = \"bird-dog\"", "exercise = \"bird-dgo\"");
    assert_eq!(
        errors(&text),
        ["p.toml:20:12: error: no exercise with id `bird-dgo` in this pack"]
    );
}

#[test]
fn absurd_doses_are_errors_and_unusual_ones_warnings() {
    let e = errors(&GOOD.replace("hold_seconds = 8", "hold_seconds = 3000"));
    assert_eq!(e.len(), 1);
    assert!(
        e[0].contains("error: hold_seconds = 3000 is not possible"),
        "{e:?}"
    );
    let (_, w) = pack::parse(&GOOD.replace("hold_seconds = 8", "hold_seconds = 90")).unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].severity, Severity::Warning);
    let e = errors(&GOOD.replace("sets = 3", "sets = 0"));
    assert!(e[0].contains("sets = 0 is not possible"), "{e:?}");
    let e = errors(&GOOD.replace("sets = 3", "sets = -2"));
    assert!(e[0].starts_with("p.toml:21:8: error:"), "{e:?}");
}

#[test]
fn a_dose_that_does_not_fit_the_kind_is_an_error() {
    let e = errors(&GOOD.replace("hold_seconds = 8", "repetitions = 8"));
    assert!(
        e.iter().any(|m| m.contains("not a repeated exercise")),
        "{e:?}"
    );
    assert!(e.iter().any(|m| m.contains("needs hold_seconds")), "{e:?}");
}

#[test]
fn duplicates_empty_routines_and_other_versions_are_errors() {
    let dup = GOOD.replace("[[routines]]", "[[exercises]]\nid = \"bird-dog\"\nname = \"B\"\ncategory = \"other\"\nkind = \"hold\"\nsteps = [\"x\"]\n\n[[routines]]");
    assert!(
        errors(&dup)
            .iter()
            .any(|m| m.contains("duplicate exercise id `bird-dog`"))
    );
    let empty = GOOD.split("[[routines.items]]").next().unwrap().to_string();
    assert!(
        errors(&empty)
            .iter()
            .any(|m| m.contains("routine `r` has no items"))
    );
    let v2 = GOOD.replace("format = 1", "format = 2");
    assert_eq!(
        errors(&v2),
        ["p.toml:1:10: error: pack format 2 is not supported; this app reads format 1"]
    );
    assert!(
        errors("not toml at all = = ")
            .first()
            .unwrap()
            .contains(":1:")
    );
}

#[test]
fn the_cli_lints_files_and_sets_its_exit_code() {
    let bin = env!("CARGO_BIN_EXE_centralise");
    let ok = std::process::Command::new(bin)
        .args(["lint", "exercises/s1-starter.toml"])
        .output()
        .unwrap();
    assert!(ok.status.success());
    assert!(ok.stdout.is_empty());
    let dir = std::env::temp_dir().join(format!("centralise-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, GOOD.replace("sets = 3", "sets = 0")).unwrap();
    let out = std::process::Command::new(bin)
        .arg("lint")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        format!(
            "{}:21:8: error: sets = 0 is not possible here; use 1 to 30\n",
            bad.display()
        )
    );
}

/// Every file in `tests/fixtures/packs/invalid/` ends with the problems it
/// must produce, one `# expect: line:col: severity: message` comment each
/// (after the pack, so they move no line): exactly those, in order.
#[test]
fn each_invalid_pack_fixture_gives_exactly_its_expected_problems() {
    let dir = std::path::Path::new("tests/fixtures/packs/invalid");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 30, "{} fixtures", files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let expected: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .collect();
        let found: Vec<String> = match pack::parse(&text) {
            Ok((_, warnings)) => warnings.iter().map(|p| p.to_string()).collect(),
            Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
        };
        assert!(
            expected.iter().any(|e| e.contains(": error: ")),
            "{}: an invalid pack expects an error",
            file.display()
        );
        assert!(
            pack::parse(&text).is_err(),
            "{} was accepted",
            file.display()
        );
        assert_eq!(found, expected, "{}", file.display());
    }
}
