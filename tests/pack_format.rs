//! The pack format as an interface: its documentation is generated from
//! the schema and matches what the parser accepts; packs print back to
//! themselves; problems name their field; share links carry packs exactly
//! and damaged links are errors.

use centralise::core::bundled::bundled_packs;
use centralise::core::link::{self, LinkError};
use centralise::core::pack::{self, Pack, schema};

const README: &str = "exercises/README.md";
const START: &str = "<!-- fields:start -->\n";
const END: &str = "<!-- fields:end -->";

fn complete() -> String {
    std::fs::read_to_string("tests/fixtures/packs/valid/complete.toml").unwrap()
}

#[test]
fn the_readme_field_tables_are_generated_from_the_schema() {
    let readme = std::fs::read_to_string(README).unwrap();
    let (before, rest) = readme.split_once(START).expect("the start marker");
    let (tables, after) = rest.split_once(END).expect("the end marker");
    let expected = schema::markdown();
    if tables != expected {
        if std::env::var_os("CENTRALISE_BLESS").is_some() {
            std::fs::write(README, format!("{before}{START}{expected}{END}{after}")).unwrap();
        } else {
            panic!(
                "{README}'s field tables differ from src/core/pack/schema.rs; \
                 run CENTRALISE_BLESS=1 cargo test --test pack_format to regenerate them.\n\
                 expected:\n{expected}"
            );
        }
    }
}

/// README.md's list of length limits is the schema's.
#[test]
fn the_readme_limits_are_generated_from_the_schema() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let (start, end) = ("<!-- limits:start -->\n", "<!-- limits:end -->");
    let (before, rest) = readme.split_once(start).expect("the start marker");
    let (limits, after) = rest.split_once(end).expect("the end marker");
    let expected = schema::limits_markdown();
    if limits != expected {
        if std::env::var_os("CENTRALISE_BLESS").is_some() {
            std::fs::write(
                "README.md",
                format!("{before}{start}{expected}{end}{after}"),
            )
            .unwrap();
        } else {
            panic!(
                "README.md's limits differ from src/core/pack/schema.rs; run \
                 CENTRALISE_BLESS=1 cargo test --test pack_format to regenerate them.\n\
                 expected:\n{expected}"
            );
        }
    }
}

/// The field the `[table]`/`[[table]]` name stands for in its parent.
fn key(name: &str) -> &str {
    let name = name.trim_matches(['[', ']']);
    name.rsplit('.').next().unwrap_or(name)
}

/// For each table of the schema, an unknown field is put into it in a
/// complete pack; the parser's "expected one of" list must be exactly the
/// fields the schema documents, in order.
#[test]
fn the_schema_documents_exactly_the_fields_the_parser_reads() {
    let text = complete();
    // A line inside each table, in the schema's order.
    let anchors = [
        "format = 2\n",
        "kind = \"hold\"\n",
        "title = \"Daily routine\"\n",
        "every_hours = 2\n",
        "sets = 4\n",
        "from_week = 3\n",
        "routine = \"daily\"\n",
    ];
    assert_eq!(anchors.len(), schema::TABLES.len());
    for (table, anchor) in schema::TABLES.iter().zip(anchors) {
        assert!(text.contains(anchor), "{anchor}");
        let broken = text.replacen(anchor, &format!("{anchor}zzz = 1\n"), 1);
        let problems = pack::parse(&broken).unwrap_err();
        let message = &problems[0].message;
        let listed: Vec<&str> = message
            .split_once("expected one of ")
            .unwrap_or_else(|| panic!("{}: {message}", table.header))
            .1
            .split(", ")
            .map(|f| f.trim_matches('`'))
            .collect();
        let documented: Vec<&str> = table.fields.iter().map(|f| key(f.name)).collect();
        assert_eq!(listed, documented, "{}", table.header);
    }
}

#[test]
fn bundled_and_complete_packs_print_back_to_themselves() {
    let (complete, warnings) = pack::parse(&complete()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(!complete.stages.is_empty() && complete.routines[0].schedule.is_some());
    for pack in bundled_packs().into_iter().chain([complete]) {
        let printed = pack::print(&pack);
        assert_eq!(pack::parse(&printed).unwrap().0, pack, "{printed}");
    }
}

#[test]
fn problems_name_their_field_for_packs_without_a_file() {
    let text = complete().replace("hold_seconds = 8", "hold_seconds = 3000");
    let problems = pack::parse(&text).unwrap_err();
    assert_eq!(
        problems[0].render_path(),
        "routines[0].items[1].hold_seconds: error: hold_seconds = 3000 is not possible here; use 1 to 300"
    );
    let text = complete().replace("feel = \"A stretch in your lower back.\"", "fel = \"x\"");
    let problems = pack::parse(&text).unwrap_err();
    assert_eq!(problems[0].path, "exercises[1].fel");
    let text = complete().replace(
        "exercise = \"bird-dog\"\nhold_seconds = 10",
        "exercise = \"bird-dog\"\nrepetitions = 10",
    );
    let problems = pack::parse(&text).unwrap_err();
    assert_eq!(problems[0].path, "stages[0].changes[0].repetitions");
    // Without TOML structure there is no path, only the line and column.
    let problems = pack::parse("format = = 2").unwrap_err();
    assert_eq!(
        problems[0].render_path(),
        format!("pack: error: {}", problems[0].message)
    );
}

#[test]
fn a_newer_version_is_recognised_number_by_number() {
    let (old, _) = pack::parse(&complete()).unwrap();
    let newer = Pack {
        version: "1.10.0".into(),
        ..old.clone()
    };
    let nine = Pack {
        version: "1.9".into(),
        ..old.clone()
    };
    assert!(newer.is_newer_than(&nine) && nine.is_newer_than(&old));
    assert!(!old.is_newer_than(&old) && !nine.is_newer_than(&newer));
}

#[test]
fn links_carry_every_bundled_pack_exactly() {
    for pack in bundled_packs() {
        let url = link::link("https://clinic.example/app/#/packs", &pack);
        assert!(
            url.starts_with("https://clinic.example/app/#pack=1."),
            "{url}"
        );
        assert!(link::is_pack_link(&url));
        let text = link::read(&url).unwrap();
        assert_eq!(pack::parse(&text).unwrap().0, pack);
        // The fragment alone, with or without '#', and pasted with spaces.
        let fragment = url.split_once('#').unwrap().1;
        assert_eq!(link::read(fragment).unwrap(), text);
        assert_eq!(link::read(&format!("  #{fragment}\n")).unwrap(), text);
    }
}

#[test]
fn damaged_links_are_errors_never_panics() {
    let pack = &bundled_packs()[0];
    let url = link::link("http://127.0.0.1:8080/", pack);
    assert_eq!(
        link::read("http://127.0.0.1:8080/#/history"),
        Err(LinkError::NoPack)
    );
    assert_eq!(
        link::read("http://x/#pack=9.abc"),
        Err(LinkError::NewerFormat)
    );
    assert_eq!(link::read("#pack=1.a*b"), Err(LinkError::Damaged));
    let prefix = url.find("#pack=1.").unwrap() + "#pack=1.".len();
    let mut cases = 0;
    // Cut anywhere (as a chat app might), or with one character changed.
    for end in prefix..url.len() {
        cases += 1;
        let cut = link::read(&url[..end]);
        assert!(
            cut.is_err() || pack::parse(&cut.unwrap()).is_err(),
            "cut at {end}"
        );
    }
    for at in (prefix..url.len()).step_by(7) {
        cases += 1;
        let mut changed = url.clone().into_bytes();
        changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
        if let Ok(text) = link::read(std::str::from_utf8(&changed).unwrap()) {
            // DEFLATE has no checksum: a change can decode to other text,
            // which the pack parser then judges like any pack.
            let _ = pack::parse(&text);
        }
    }
    assert!(cases > 1000, "{cases}");
    // A link that inflates beyond any pack is refused, not allocated.
    let bomb = link::fragment_of_text(&" ".repeat(1 << 20));
    assert!(bomb.len() < 2_000, "{}", bomb.len());
    assert_eq!(link::read(&bomb), Err(LinkError::TooLarge));
}

/// The README's example pack is one a therapist can copy: valid, and with
/// no warnings.
#[test]
fn the_readme_example_is_a_valid_pack_without_warnings() {
    let readme = std::fs::read_to_string(README).unwrap();
    let example = readme
        .split_once("## Example\n\n```toml\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .expect("the example")
        .0;
    let (pack, warnings) = pack::parse(example).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(!pack.stages.is_empty());
}
