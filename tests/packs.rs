//! Pack loading: every bundled pack is valid and listed, and broken packs
//! are rejected with the right location.

use centralise::core::bundled::bundled_packs;
use centralise::core::link;
use centralise::core::pack::{self, Dose, Frequency, Kind, Severity};

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

/// The bundled programmes are the ones the format promises: each exercise
/// fully explained, sources named, and the clinical content a therapist
/// would look for in each.
#[test]
fn bundled_programmes_are_complete() {
    let packs = bundled_packs();
    let ids: Vec<&str> = packs.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "core-stabilisation",
            "extension-progression",
            "nerve-mobility"
        ]
    );
    for pack in &packs {
        assert_eq!(pack.format, 2, "{}", pack.id);
        assert!(
            !pack.sources.is_empty() && pack.licence.is_some(),
            "{}",
            pack.id
        );
        for e in &pack.exercises {
            assert!(
                e.steps.len() >= 3,
                "{}: {} needs plain steps",
                pack.id,
                e.id
            );
            for advice in [&e.starting_position, &e.feel, &e.stop_if] {
                assert!(advice.as_ref().is_some_and(|a| !a.is_empty()), "{}", e.id);
            }
        }
        let used: Vec<&str> = pack
            .routines
            .iter()
            .flat_map(|r| r.items.iter().map(|i| i.exercise.as_str()))
            .collect();
        assert!(
            pack.exercises.iter().all(|e| used.contains(&e.id.as_str())),
            "{}: an exercise no routine uses",
            pack.id
        );
    }
    let kinds = |id: &str| -> Vec<(String, Kind)> {
        let pack = packs.iter().find(|p| p.id == id).unwrap();
        pack.exercises
            .iter()
            .map(|e| (e.id.clone(), e.kind))
            .collect()
    };
    let extension = kinds("extension-progression");
    for (id, kind) in [
        ("prone-lying", Kind::Sustained),
        ("prone-on-elbows", Kind::Sustained),
        ("prone-press-up", Kind::Repeated),
        ("standing-back-bend", Kind::Repeated),
    ] {
        assert!(
            extension.contains(&(id.into(), kind)),
            "{id}: {extension:?}"
        );
    }
    let core = kinds("core-stabilisation");
    for id in [
        "abdominal-bracing",
        "bird-dog",
        "side-plank",
        "dead-bug",
        "bridge",
        "curl-up",
    ] {
        assert!(core.iter().any(|(e, _)| e == id), "{id}: {core:?}");
    }
    let nerve = kinds("nerve-mobility");
    assert!(
        nerve
            .iter()
            .any(|(e, k)| e.contains("slider") && *k == Kind::Repeated),
        "{nerve:?}"
    );
    // The directional-preference repeated routine is scheduled every 2-3
    // hours, as DOMAIN.md describes.
    let extension = packs
        .iter()
        .find(|p| p.id == "extension-progression")
        .unwrap();
    let schedule = extension
        .routine("extension")
        .and_then(|r| r.schedule.clone());
    assert_eq!(
        schedule.map(|s| s.frequency),
        Some(Frequency::EveryHours { min: 2, max: 3 })
    );
}

const GOOD: &str = r#"format = 2
id = "t"
version = "1.0"
title = "T"
author = "A"
language = "en"
licence = "CC-BY-4.0"
sources = ["A book."]

[[exercises]]
id = "bird-dog"
name = "Bird dog"
category = "core-stabilisation"
kind = "hold"
steps = ["Kneel.", "Reach.", "Hold."]
starting_position = "On all fours."
feel = "Your tummy working."
stop_if = "Pain spreads down your leg, or you notice new numbness or weakness."

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
    assert!(e[0].starts_with("p.toml:27:1: error:"), "{e:?}");
    assert!(
        e[0].ends_with("unknown field `hold_secnds`: did you mean `hold_seconds`?"),
        "{e:?}"
    );
}

/// As a compiler does: the first problem does not hide the others, and
/// what only follows from one (the name "missing" because it is misspelt)
/// is not reported beside it.
#[test]
fn every_problem_of_a_pack_is_reported_in_one_run() {
    let text = GOOD
        .replace("version = \"1.0\"", "version = \"~\"")
        .replace("name = \"Bird dog\"", "nmae = \"Bird dog\"")
        .replace(
            "title = \"R\"",
            "title = \"R\"\nget_ready_seconds = \"ten\"",
        )
        .replace("exercise = \"bird-dog\"", "exercise = \"bird-dgo\"")
        .replace("sets = 3", "sets = 3\nside = \"bath\"");
    assert_eq!(
        errors(&text),
        [
            "p.toml:3:11: error: version `~` should be numbers joined by dots, e.g. `1.2.0`, so a newer version can be recognised",
            "p.toml:12:1: error: unknown field `nmae`: did you mean `name`?",
            "p.toml:23:21: error: invalid type: string \"ten\", expected u32",
            "p.toml:26:12: error: no exercise with id `bird-dgo` in this pack",
            "p.toml:28:8: error: unknown value `bath`: did you mean `both`?",
        ]
    );
}

#[test]
fn an_unknown_exercise_is_named_with_its_location() {
    let text = GOOD.replace("exercise = \"bird-dog\"", "exercise = \"bird-dgo\"");
    assert_eq!(
        errors(&text),
        ["p.toml:25:12: error: no exercise with id `bird-dgo` in this pack"]
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
    assert!(e[0].starts_with("p.toml:26:8: error:"), "{e:?}");
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
    let dup = GOOD.replace("[[routines]]", "[[exercises]]\nid = \"bird-dog\"\nname = \"B\"\ncategory = \"other\"\nkind = \"hold\"\nsteps = [\"x\"]\nstarting_position = \"x\"\nfeel = \"x\"\nstop_if = \"x\"\n\n[[routines]]");
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
    let v3 = GOOD.replace("format = 2", "format = 3");
    assert_eq!(
        errors(&v3),
        ["p.toml:1:10: error: pack format 3 is not supported; this app reads formats 1 to 2"]
    );
    assert!(
        errors("not toml at all = = ")
            .first()
            .unwrap()
            .contains(":1:")
    );
}

fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_centralise"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_lints_files_and_sets_its_exit_code() {
    let ok = cli(&[
        "lint",
        "exercises/core-stabilisation.toml",
        "exercises/extension-progression.toml",
        "exercises/nerve-mobility.toml",
    ]);
    assert!(ok.status.success());
    assert!(ok.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&ok.stderr),
        "3 packs checked, 0 with errors\n"
    );
    let dir = std::env::temp_dir().join(format!("centralise-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, GOOD.replace("sets = 3", "sets = 0")).unwrap();
    let bad = bad.to_str().unwrap();
    let out = cli(&["lint", bad]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        format!("{bad}:26:8: error: sets = 0 is not possible here; use 1 to 30\n")
    );
    // No link for a pack with errors: the problem goes to stderr.
    let out = cli(&["link", bad]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains(":26:8: error: sets = 0"));
    assert_eq!(cli(&["link"]).status.code(), Some(2));
}

#[test]
fn the_cli_link_carries_the_pack_to_its_base_url() {
    let file = "exercises/nerve-mobility.toml";
    let out = cli(&["link", "--base-url", "https://clinic.example/app/", file]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let url = stdout.trim_end();
    assert!(
        url.starts_with("https://clinic.example/app/#pack=1."),
        "{url}"
    );
    let (expected, _) = pack::parse(&std::fs::read_to_string(file).unwrap()).unwrap();
    let (carried, _) = pack::parse(&link::read(url).unwrap()).unwrap();
    assert_eq!(carried, expected);
    let default = cli(&["link", file]);
    assert!(String::from_utf8_lossy(&default.stdout).starts_with("http://127.0.0.1:8080/#pack=1."));
}

/// The fixtures of a folder, in name order, each with its text and the
/// problems it expects: its `# expect: line:col: severity: message`
/// comments (after the pack, so they move no line).
fn fixtures(dir: &str) -> Vec<(std::path::PathBuf, String, Vec<String>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).unwrap();
            let expected = text
                .lines()
                .filter_map(|l| l.strip_prefix("# expect: "))
                .map(str::to_string)
                .collect();
            (file, text, expected)
        })
        .collect()
}

/// Every file in `tests/fixtures/packs/invalid/` gives exactly the
/// problems it expects, in order, at least one of them an error.
#[test]
fn each_invalid_pack_fixture_gives_exactly_its_expected_problems() {
    let fixtures = fixtures("tests/fixtures/packs/invalid");
    assert!(fixtures.len() >= 30, "{} fixtures", fixtures.len());
    for (file, text, expected) in fixtures {
        assert!(
            expected.iter().any(|e| e.contains(": error: ")),
            "{}: an invalid pack expects an error",
            file.display()
        );
        let found: Vec<String> = match pack::parse(&text) {
            Ok(_) => panic!("{} was accepted", file.display()),
            Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
        };
        assert_eq!(found, expected, "{}", file.display());
    }
}

/// Every file in `tests/fixtures/packs/warning/` is a pack that installs
/// with exactly its expected warnings, in order.
#[test]
fn each_warning_pack_fixture_installs_with_exactly_its_expected_warnings() {
    let fixtures = fixtures("tests/fixtures/packs/warning");
    assert!(fixtures.len() >= 4, "{} fixtures", fixtures.len());
    for (file, text, expected) in fixtures {
        assert!(
            !expected.is_empty() && expected.iter().all(|e| e.contains(": warning: ")),
            "{}: a warning fixture expects warnings only",
            file.display()
        );
        let found: Vec<String> = match pack::parse(&text) {
            Ok((_, warnings)) => warnings.iter().map(|p| p.to_string()).collect(),
            Err(problems) => panic!("{} was refused: {problems:?}", file.display()),
        };
        assert_eq!(found, expected, "{}", file.display());
    }
}

/// What the clinical review asked of the bundled programmes (DOMAIN.md,
/// "Doses"), beyond what the linter warns about.
#[test]
fn bundled_programmes_follow_the_clinical_review() {
    use centralise::core::pack::{Category, Sides};
    let packs = bundled_packs();
    let pack = |id: &str| packs.iter().find(|p| p.id == id).unwrap();
    for p in &packs {
        assert!(
            p.sources
                .iter()
                .any(|s| s.starts_with("NICE NG59") && s.ends_with("2016, updated 2020")),
            "{}: {:?}",
            p.id,
            p.sources
        );
        assert_eq!(p.version, "1.1.0", "{}", p.id);
        for e in &p.exercises {
            let stop_if = e.stop_if.as_deref().unwrap().to_lowercase();
            assert!(
                stop_if.contains("spreads further down your leg")
                    && stop_if.contains("new numbness or weakness"),
                "{}: {stop_if}",
                e.id
            );
            if e.category == Category::DirectionalPreference {
                let feel = e.feel.as_deref().unwrap();
                assert!(
                    feel.contains("your back may ache more for a while"),
                    "{}: {feel}",
                    e.id
                );
            }
        }
    }
    // Repeated directional preference: one set of about 10 a session.
    let extension = pack("extension-progression");
    for r in &extension.routines {
        for i in r.items.iter().filter(|i| i.exercise != "prone-lying") {
            assert_eq!(i.sets, 1, "{}: {}", r.id, i.exercise);
        }
    }
    let scheduled: Vec<&str> = extension
        .routines
        .iter()
        .filter(|r| r.schedule.is_some())
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(scheduled, ["extension"]);
    // McGill's pyramid: the patient reads that it is on the therapist's word.
    let core = pack("core-stabilisation");
    let mcgill = core.routine("mcgill").unwrap();
    assert!(
        mcgill
            .summary
            .as_deref()
            .unwrap()
            .contains("when your physiotherapist says so")
    );
    let bird_dog = core.exercise("bird-dog").unwrap();
    assert!(
        bird_dog
            .steps
            .iter()
            .any(|s| s.contains("back level, leg no higher than your hip"))
    );
    // Sliders: the affected leg, no more leg pain than before, the thigh
    // upright when lying, and both sources.
    let nerve = pack("nerve-mobility");
    for r in &nerve.routines {
        assert!(
            r.items.iter().all(|i| i.sides() == Sides::Affected),
            "{}",
            r.id
        );
    }
    for e in &nerve.exercises {
        let texts = [e.feel.as_deref().unwrap(), e.stop_if.as_deref().unwrap()];
        assert!(
            texts.iter().all(|t| t.contains("than before you started")),
            "{}",
            e.id
        );
        let all = e.steps.join(" ") + e.feel.as_deref().unwrap();
        assert!(!all.to_lowercase().contains("no pain"), "{}", e.id);
    }
    let lying = nerve.exercise("lying-slider").unwrap();
    assert!(
        lying
            .steps
            .iter()
            .any(|s| s.contains("never pull it closer"))
    );
    for source in ["Coppieters MW, Butler DS", "Ellis RF, Hing WA, McNair PJ"] {
        assert!(
            nerve.sources.iter().any(|s| s.starts_with(source)),
            "{source}"
        );
    }
}
