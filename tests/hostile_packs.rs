//! Packs written to break the app: each file in
//! `tests/fixtures/hostile/packs/` says on its first line what it tries,
//! and gets exactly the outcome listed here. Packs too large to commit are
//! made by the tests below.

use centralise::core::link;
use centralise::core::pack::{self, MAX_BYTES, MAX_PROBLEMS, Pack, Severity, compare_versions};
use std::cmp::Ordering;
use std::path::{Path, PathBuf};

const DIR: &str = "tests/fixtures/hostile/packs";

/// What parsing a hostile pack must give.
enum Outcome {
    /// A valid pack, with no warning.
    Accepted,
    /// Refused with exactly these problems (`line:col: severity: message`).
    Refused(&'static [&'static str]),
}

use Outcome::{Accepted, Refused};

const CASES: &[(&str, Outcome)] = &[
    (
        "bad-words.toml",
        Refused(&[
            "14:12: error: unknown value `core-stabilization`: did you mean `core-stabilisation`?",
            "15:8: error: unknown variant `static`, expected one of `repeated`, `sustained`, `hold`",
            "27:19: error: unknown value `funday`: did you mean `sunday`?",
            "33:8: error: unknown variant `left`, expected one of `both`, `affected`",
        ]),
    ),
    (
        "bidi-override-title.toml",
        Refused(&[
            "5:9: error: `title` holds U+202E, an invisible control that changes the order text is shown in: remove it",
            "16:33: error: `steps` holds U+2066, an invisible control that changes the order text is shown in: remove it",
        ]),
    ),
    (
        "control-chars.toml",
        Refused(&[
            "13:8: error: `name` holds the control character U+0000: remove it",
            "16:10: error: `steps` holds the control character U+001B: remove it",
            "16:43: error: `steps` holds the control character U+0007: remove it",
            "16:63: error: `steps` must be one line: remove the line break (U+000D)",
        ]),
    ),
    (
        "deep-unknown-tables.toml",
        Refused(&[
            "21:12: error: unknown field `extra`, expected one of `id`, `name`, `category`, `kind`, `steps`, `starting_position`, `feel`, `stop_if`, `illustration`",
            "33:2: error: unknown field `metadata`, expected one of `format`, `id`, `version`, `title`, `author`, `language`, `licence`, `sources`, `safety_note`, `exercises`, `routines`, `stages`",
        ]),
    ),
    (
        "duplicate-ids.toml",
        Refused(&[
            "22:6: error: duplicate exercise id `bird-dog`",
            "41:6: error: duplicate routine id `daily`",
        ]),
    ),
    (
        "empty-steps.toml",
        Refused(&[
            "12:6: error: exercise `bird-dog` needs steps",
            "26:28: error: `steps` is empty",
        ]),
    ),
    (
        "huge-numbers.toml",
        Refused(&[
            "27:8: error: sets = 4294967295 is not possible here; use 1 to 30",
            "33:16: error: invalid value: integer `4294967296`, expected u32",
            "34:16: error: invalid type: integer `99999999999999999999` as i128, expected u32",
        ]),
    ),
    ("impersonates-bundled.toml", Accepted),
    (
        "long-step.toml",
        Refused(&["16:33: error: `steps` is 4999 characters long; at most 500"]),
    ),
    // Checked further in `many_problems_are_listed_up_to_100_then_counted`.
    (
        "many-problems.toml",
        Refused(&[
            "27:8: error: sets = 0 is not possible here; use 1 to 30",
            "530:8: error: sets = 0 is not possible here; use 1 to 30",
            "535:8: error: and 20 more problems",
        ]),
    ),
    (
        "missing-fields.toml",
        Refused(&[
            "1:1: error: missing field `author`",
            "10:1: error: missing field `name`",
            "10:1: error: missing field `kind`",
            "18:1: error: missing field `title`",
            "21:1: error: missing field `sets`",
        ]),
    ),
    (
        "misspelt-field-and-exercise.toml",
        Refused(&[
            "28:1: error: unknown field `hold_secnds`: did you mean `hold_seconds`?",
            "31:12: error: no exercise with id `brid-dog` in this pack",
        ]),
    ),
    (
        "negative-and-fractional.toml",
        Refused(&[
            "24:21: error: invalid value: integer `-1`, expected u32",
            "29:16: error: invalid type: floating point `8.5`, expected u32",
            "30:16: error: invalid type: floating point `1000000000.0`, expected u32",
        ]),
    ),
    (
        "nesting-beyond-limit.toml",
        Refused(&["10:89: error: cannot recurse further; max recursion depth met"]),
    ),
    (
        "too-many-entries.toml",
        Refused(&[
            "16:360: error: too many `steps`: at most 30 (here 31)",
            "525:1: error: too many `[[routines.items]]`: at most 100 (here 101)",
        ]),
    ),
    (
        "unsupported-format.toml",
        Refused(&["2:10: error: pack format 99 is not supported; this app reads formats 1 to 2"]),
    ),
    (
        "version-not-numbers.toml",
        Refused(&[
            "4:11: error: version `1.0-beta` should be numbers joined by dots, e.g. `1.2.0`, so a newer version can be recognised",
        ]),
    ),
    (
        "version-number-overflow.toml",
        Refused(&[
            "4:11: error: version `1.99999999999999999999`: each number may be at most 4294967295",
        ]),
    ),
    ("version-single-number.toml", Accepted),
    (
        "version-tilde-format-1.toml",
        Refused(&[
            "4:11: error: version `~` should be numbers joined by dots, e.g. `1.2.0`, so a newer version can be recognised",
        ]),
    ),
    (
        "wrong-types.toml",
        Refused(&[
            "5:9: error: invalid type: integer `5`, expected a string",
            "27:8: error: invalid type: string \"3\", expected u32",
            "34:12: error: invalid type: string \"yes\", expected a boolean",
        ]),
    ),
];

fn files() -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn name(file: &Path) -> &str {
    file.file_name().unwrap().to_str().unwrap()
}

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(DIR).join(name)).unwrap()
}

fn cli(args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_centralise"))
        .args(args)
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

fn temp_file(name: &str, contents: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("centralise-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, contents).unwrap();
    file.to_str().unwrap().to_string()
}

/// A valid pack with `fill` extra characters in its safety note.
fn pack_with_note(fill: usize) -> String {
    let text = read("impersonates-bundled.toml");
    text.replacen(
        "\n[[exercises]]",
        &format!("safety_note = \"{}\"\n\n[[exercises]]", "x".repeat(fill)),
        1,
    )
}

#[test]
fn every_hostile_pack_says_what_it_tries_and_gets_its_outcome() {
    let files = files();
    assert!(files.len() >= 15, "{} hostile packs", files.len());
    let listed: Vec<&str> = CASES.iter().map(|(f, _)| *f).collect();
    let present: Vec<&str> = files.iter().map(|f| name(f)).collect();
    assert_eq!(
        present, listed,
        "every file has its case here, in name order"
    );
    for (file, outcome) in CASES {
        let text = read(file);
        assert!(
            text.starts_with("# tries: ") && text.lines().next().unwrap().len() > 30,
            "{file}: the first line says what it tries"
        );
        match (outcome, pack::parse(&text)) {
            (Accepted, Ok((_, warnings))) => assert!(warnings.is_empty(), "{file}: {warnings:?}"),
            (Accepted, Err(problems)) => panic!("{file} was refused: {problems:?}"),
            (Refused(_), Ok(_)) => panic!("{file} was accepted"),
            (Refused(expected), Err(problems)) => {
                let found: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                if *file == "many-problems.toml" {
                    assert_eq!(found.len(), MAX_PROBLEMS + 1);
                    assert_eq!(found[0], expected[0]);
                    assert_eq!(found[MAX_PROBLEMS - 1..], expected[1..]);
                } else {
                    assert_eq!(found, *expected, "{file}");
                }
            }
        }
    }
}

/// The lint command gives each problem as one complete line on stdout,
/// then the summary on its own line on stderr, whatever a pack holds.
#[test]
fn the_cli_prints_each_problem_on_its_own_line() {
    for file in files() {
        let path = file.to_str().unwrap();
        let (code, stdout, stderr) = cli(&["lint", path]);
        let expected = match pack::parse(&std::fs::read_to_string(&file).unwrap()) {
            Ok((_, warnings)) => warnings,
            Err(problems) => problems,
        };
        assert_eq!(
            code,
            Some(if expected.iter().any(|p| p.severity == Severity::Error) {
                1
            } else {
                0
            }),
            "{path}"
        );
        let lines: Vec<String> = expected
            .iter()
            .map(|p| format!("{}\n", p.render(path)))
            .collect();
        assert_eq!(stdout, lines.concat(), "{path}");
        assert!(
            stderr.starts_with("1 pack checked, ") && stderr.ends_with(" with errors\n"),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    // Hidden characters in a pack's values never reach the terminal raw.
    let (_, stdout, _) = cli(&["lint", &format!("{DIR}/control-chars.toml")]);
    assert!(
        !stdout.chars().any(|c| c.is_control() && c != '\n'),
        "{stdout:?}"
    );
    // A value with a line break, quoted in a message, stays on its line.
    let text =
        read("impersonates-bundled.toml").replace("id = \"core-stabilisation\"", "id = \"a\\nb\"");
    let file = temp_file("line-break-in-id.toml", text.as_bytes());
    let (code, stdout, _) = cli(&["lint", &file]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        format!(
            "{file}:3:6: error: pack id `a\\u{{a}}b` may only use lowercase letters, digits and hyphens (at most 64)\n"
        )
    );
}

#[test]
fn a_pack_over_256_kb_is_refused_before_it_is_read() {
    assert_eq!(MAX_BYTES, 256 * 1024);
    // Exactly the largest size is read; one byte more is not.
    let largest = pack_with_note(MAX_BYTES - pack_with_note(0).len());
    assert_eq!(largest.len(), MAX_BYTES);
    let problems = pack::parse(&largest).unwrap_err();
    let fill = MAX_BYTES - pack_with_note(0).len();
    assert_eq!(
        problems.iter().map(|p| p.render_path()).collect::<Vec<_>>(),
        [format!(
            "safety_note: error: `safety_note` is {fill} characters long; at most 2000"
        )]
    );
    let over = largest.clone() + " ";
    let refused =
        "1:1: error: the pack is 262145 bytes; a pack may be at most 262144 bytes (256 KB)";
    assert_eq!(pack::parse(&over).unwrap_err()[0].to_string(), refused);
    // A 1 MB text field: refused for the size, and nothing of it is quoted.
    let huge = pack_with_note(1 << 20);
    let problems = pack::parse(&huge).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].message.starts_with("the pack is 1049"),
        "{problems:?}"
    );
    // The command line refuses such files by their size, with the usual
    // `file:line:col` line.
    for (name, text) in [("over.toml", &over), ("huge.toml", &huge)] {
        let file = temp_file(name, text.as_bytes());
        let (code, stdout, stderr) = cli(&["lint", &file]);
        assert_eq!(code, Some(1));
        assert_eq!(
            stdout,
            format!(
                "{file}:1:1: error: the file is {} bytes; a pack may be at most 262144 bytes (256 KB)\n",
                text.len()
            )
        );
        assert_eq!(stderr, "1 pack checked, 1 with errors\n");
        let (code, stdout, stderr) = cli(&["link", &file]);
        assert_eq!((code, stdout.as_str()), (Some(1), ""));
        assert!(
            stderr.starts_with(&format!("{file}:1:1: error: the file is ")),
            "{stderr}"
        );
    }
}

/// A file whose size says nothing (a device, a pipe) is read only up to
/// the limit.
#[cfg(target_os = "linux")]
#[test]
fn a_file_without_end_is_refused_at_the_limit() {
    let (code, stdout, _) = cli(&["lint", "/dev/zero"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "/dev/zero:1:1: error: the file is over 262144 bytes; a pack may be at most 262144 bytes (256 KB)\n"
    );
}

/// A share link of about 2 KB that inflates to nearly 256 KB of pack with
/// thousands of warnings: 100 are listed, then how many more, each with
/// the right place, both as lines and as field paths.
#[test]
fn a_small_link_inflating_to_thousands_of_warnings_lists_100_then_counts() {
    let head = read("impersonates-bundled.toml");
    let head = head.split("\n[[routines]]").next().unwrap().to_string();
    let item = "\n[[routines.items]]\nexercise = \"bird-dog\"\nsets = 12\nhold_seconds = 8\n";
    let mut text = head;
    let mut items = 0;
    'fill: for r in 0.. {
        let routine = format!("\n[[routines]]\nid = \"r{r}\"\ntitle = \"R\"\n");
        if text.len() + routine.len() + item.len() > MAX_BYTES {
            break;
        }
        text += &routine;
        for _ in 0..100 {
            if text.len() + item.len() > MAX_BYTES {
                break 'fill;
            }
            text += item;
            items += 1;
        }
    }
    assert!(
        text.len() > 250_000 && items > 3000,
        "{} bytes, {items} items",
        text.len()
    );
    let fragment = link::fragment_of_text(&text);
    assert!(fragment.len() < 2_500, "{}", fragment.len());
    let carried = link::read(&fragment).unwrap();
    assert_eq!(carried, text);
    let (pack, warnings) = pack::parse(&carried).expect("warnings only: the pack installs");
    assert_eq!(
        pack.routines.iter().map(|r| r.items.len()).sum::<usize>(),
        items
    );
    assert_eq!(warnings.len(), MAX_PROBLEMS + 1);
    let message = "sets = 12 is outside the usual 1 to 10; check the dose";
    // The first `sets = 12` is the first warning, located in the text.
    let first = text.find("sets = 12").unwrap() + "sets = ".len();
    let line = text[..first].lines().count();
    assert_eq!(
        warnings[0].to_string(),
        format!("{line}:8: warning: {message}")
    );
    for pair in warnings[..MAX_PROBLEMS].windows(2) {
        assert!(pair[0].line < pair[1].line, "{pair:?}");
        assert_eq!(pair[1].message, message);
    }
    let last = &warnings[MAX_PROBLEMS];
    assert_eq!(last.severity, Severity::Warning);
    assert_eq!(
        last.message,
        format!("and {} more problems", items - MAX_PROBLEMS)
    );
    assert_eq!(
        warnings[0].render_path(),
        format!("routines[0].items[0].sets: warning: {message}")
    );
    assert_eq!(
        last.render_path(),
        format!("pack: warning: and {} more problems", items - MAX_PROBLEMS)
    );
}

/// Thousands of structural errors (an unknown field in each item) are
/// found in one run and listed up to the limit, with a count of the rest.
#[test]
fn thousands_of_unknown_fields_are_counted_not_all_listed() {
    let head = read("impersonates-bundled.toml");
    let mut text = head
        .split("\n[[routines.items]]")
        .next()
        .unwrap()
        .to_string();
    let item =
        "\n[[routines.items]]\nexercise = \"bird-dog\"\nsets = 3\nhold_seconds = 8\ncolour = 1\n";
    let n = (MAX_BYTES - text.len()) / item.len();
    text += &item.repeat(n);
    let problems = pack::parse(&text).unwrap_err();
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    assert!(
        problems[0]
            .message
            .starts_with("unknown field `colour`, expected one of `exercise`")
    );
    assert_eq!(problems[0].path, "routines[0].items[0].colour");
    assert!(problems[99].path.ends_with(".colour"));
    // The items past 100 are one more problem.
    assert_eq!(
        problems[MAX_PROBLEMS].message,
        format!("and {} more problems", n + 1 - MAX_PROBLEMS)
    );
    assert_eq!(problems[MAX_PROBLEMS].severity, Severity::Error);
}

/// A long text under the size limit is located, and not quoted back.
#[test]
fn a_200_kb_field_is_an_error_at_its_place() {
    let text = pack_with_note(200_000);
    let problems = pack::parse(&text).unwrap_err();
    assert_eq!(
        problems[0].render_path(),
        "safety_note: error: `safety_note` is 200000 characters long; at most 2000"
    );
    assert_eq!(problems.len(), 1);
}

fn with_version(format: u32, version: &str) -> String {
    // (The first line, a comment, names the version too.)
    let text = read("version-single-number.toml").replacen(
        "\nversion = \"9\"",
        &format!("\nversion = {version:?}"),
        1,
    );
    text.replacen("\nformat = 2", &format!("\nformat = {format}"), 1)
}

#[test]
fn versions_that_are_not_dotted_numbers_are_errors_in_every_format() {
    for format in [1, 2] {
        for version in [
            "~",
            "1.0-beta",
            "",
            "1..2",
            " 1",
            "1.",
            "v1",
            "1.2.3.4.5",
            "4294967296",
        ] {
            let problems = pack::parse(&with_version(format, version)).unwrap_err();
            assert_eq!(problems.len(), 1, "{format} {version:?}: {problems:?}");
            assert_eq!(problems[0].path, "version", "{version:?}");
            assert_eq!((problems[0].line, problems[0].col), (4, 11), "{version:?}");
        }
        for version in ["1", "1.0", "1.2.3.4", "4294967295.0"] {
            assert!(
                pack::parse(&with_version(format, version)).is_ok(),
                "{version:?}"
            );
        }
    }
}

#[test]
fn a_single_number_version_is_newer_than_its_dotted_predecessor() {
    let (nine, _) = pack::parse(&read("version-single-number.toml")).unwrap();
    let old = Pack {
        version: "1.0.0".into(),
        ..nine.clone()
    };
    assert_eq!(compare_versions("9", "1.0.0"), Some(Ordering::Greater));
    assert!(nine.is_newer_than(&old) && !old.is_newer_than(&nine));
    // A pack stored before versions were checked may carry any text: it
    // is never newer, and any valid version replaces it (after asking).
    let stored = Pack {
        version: "~".into(),
        ..nine.clone()
    };
    assert_eq!(compare_versions("~", "1.0.0"), None);
    assert!(!stored.is_newer_than(&old) && old.is_newer_than(&stored));
}
