//! The pack editor's model (core::pack::draft): a bundled pack loaded and
//! saved unchanged is the same pack and the same TOML; any edit leaves the
//! draft printable and parseable, and its inverse gives the draft back; a
//! misspelt number is flagged on its own field.

mod packgen;

use centralise::core::bundled::bundled_packs;
use centralise::core::journal::sample::Rng;
use centralise::core::pack::draft::{Draft, Kept, Op, decode_drafts, encode_drafts};
use centralise::core::pack::{self, Severity};
use packgen::valid_pack;
use toml::Value;

#[test]
fn every_bundled_pack_saves_back_unchanged() {
    for pack in bundled_packs() {
        let draft = Draft::from_pack(&pack);
        let (saved, _) = draft.check().expect("a bundled pack is valid");
        assert_eq!(saved, pack, "{}", pack.id);
        assert_eq!(pack::print(&saved), pack::print(&pack));
        // Kept as text between visits, and read back the same.
        assert_eq!(Draft::from_text(&draft.text()).unwrap(), draft);
    }
}

/// Every list of the draft (the path of each), and every field with a
/// value, as the editor shows them.
fn lists_and_fields(draft: &Draft) -> (Vec<String>, Vec<String>) {
    let mut lists = vec!["exercises".to_string(), "routines".into(), "stages".into()];
    let mut fields = vec!["title".to_string(), "id".into(), "version".into()];
    for e in 0..draft.len("exercises") {
        lists.push(format!("exercises[{e}].steps"));
        fields.extend(["name", "kind", "category"].map(|f| format!("exercises[{e}].{f}")));
        for s in 0..draft.len(&format!("exercises[{e}].steps")) {
            fields.push(format!("exercises[{e}].steps[{s}]"));
        }
    }
    for r in 0..draft.len("routines") {
        lists.push(format!("routines[{r}].items"));
        for i in 0..draft.len(&format!("routines[{r}].items")) {
            fields.extend(
                ["sets", "exercise", "hold_seconds", "rest_seconds"]
                    .map(|f| format!("routines[{r}].items[{i}].{f}")),
            );
        }
    }
    for s in 0..draft.len("stages") {
        lists.push(format!("stages[{s}].changes"));
        fields.push(format!("stages[{s}].from_week"));
    }
    (lists, fields)
}

/// One edit a therapist could make: add, remove, move, duplicate, or type
/// into a field (sometimes a number, sometimes a slip of the keyboard).
fn random_op(rng: &mut Rng, draft: &Draft) -> Option<Op> {
    let (lists, fields) = lists_and_fields(draft);
    let list = &lists[rng.below(lists.len() as u64) as usize];
    let len = draft.len(list);
    let pick = |rng: &mut Rng| rng.below(len.max(1) as u64) as usize;
    Some(match rng.below(5) {
        0 => draft.add(list),
        1 if len > 0 => Op::Remove {
            list: list.clone(),
            at: pick(rng),
        },
        2 if len > 1 => Op::Move {
            list: list.clone(),
            from: pick(rng),
            to: pick(rng),
        },
        3 if len > 0 && !list.ends_with("steps") => draft.duplicate(list, pick(rng))?,
        _ => {
            let field = &fields[rng.below(fields.len() as u64) as usize];
            let texts = ["12", "1o", "", "hold", "Bird dog", "-3", "99999999999999"];
            draft.set_text(field, texts[rng.below(texts.len() as u64) as usize])
        }
    })
}

#[test]
fn any_edit_keeps_the_draft_readable_and_its_inverse_undoes_it() {
    let mut rng = Rng::new(17);
    for case in 0..300 {
        let text = valid_pack(&mut rng);
        let mut draft = Draft::from_pack(&pack::parse(&text).unwrap().0);
        for step in 0..8 {
            let Some(op) = random_op(&mut rng, &draft) else {
                continue;
            };
            let before = draft.clone();
            let Ok(inverse) = draft.apply(op.clone()) else {
                assert_eq!(draft, before, "a failed op changes nothing");
                continue;
            };
            // Printable and parseable: TOML, and problems or a pack, never
            // a panic.
            let printed = draft.text();
            assert!(
                printed.parse::<toml::Table>().is_ok(),
                "case {case} step {step}: {op:?}\n{printed}"
            );
            let _ = draft.check();
            let mut undone = draft.clone();
            undone.apply(inverse).unwrap();
            assert_eq!(undone, before, "case {case} step {step}: {op:?}");
        }
    }
}

#[test]
fn a_misspelt_dose_is_flagged_on_its_field_and_fixing_it_clears_it() {
    let pack = bundled_packs().into_iter().next().unwrap();
    let mut draft = Draft::from_pack(&pack);
    let path = "routines[0].items[0].sets";
    draft.apply(draft.set_text(path, "1o")).unwrap();
    assert_eq!(draft.get(path), Some(&Value::String("1o".into())));
    let problems = draft.check().unwrap_err();
    let on_field: Vec<_> = problems.iter().filter(|p| p.path == path).collect();
    assert_eq!(on_field.len(), 1, "{problems:?}");
    assert_eq!(on_field[0].severity, Severity::Error);
    draft.apply(draft.set_text(path, "3")).unwrap();
    assert_eq!(draft.get(path), Some(&Value::Integer(3)));
    assert!(draft.check().is_ok());
}

#[test]
fn a_pack_written_from_empty_checks_like_a_file() {
    let mut draft = Draft::empty();
    let problems = draft.check().unwrap_err();
    assert!(problems.iter().any(|p| p.severity == Severity::Error));
    for (path, text) in [
        ("id", "my-pack"),
        ("title", "Back care"),
        ("author", "Clinic"),
        ("licence", "CC-BY-4.0"),
    ] {
        draft.apply(draft.set_text(path, text)).unwrap();
    }
    draft.apply(draft.add("exercises")).unwrap();
    assert_eq!(draft.text_at("exercises[0].id"), "exercise-1");
    for (path, text) in [
        ("exercises[0].name", "Bird dog"),
        ("exercises[0].category", "core-stabilisation"),
        ("exercises[0].kind", "hold"),
        ("exercises[0].starting_position", "On hands and knees."),
        ("exercises[0].feel", "Your trunk working."),
        (
            "exercises[0].stop_if",
            "Pain spreads down your leg, or you notice new numbness or weakness.",
        ),
    ] {
        draft.apply(draft.set_text(path, text)).unwrap();
    }
    draft.apply(draft.add("exercises[0].steps")).unwrap();
    draft
        .apply(draft.set_text("exercises[0].steps[0]", "Reach one arm forward."))
        .unwrap();
    draft.apply(draft.add("routines")).unwrap();
    draft.apply(draft.add("routines[0].items")).unwrap();
    // The item starts with the first exercise and one set.
    assert_eq!(draft.text_at("routines[0].items[0].exercise"), "exercise-1");
    assert_eq!(draft.text_at("routines[0].items[0].sets"), "1");
    draft
        .apply(draft.set_text("routines[0].title", "Morning"))
        .unwrap();
    draft
        .apply(draft.set_text("routines[0].items[0].hold_seconds", "8"))
        .unwrap();
    let (pack, _) = draft.check().unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(pack.exercises[0].name, "Bird dog");
    assert_eq!(pack.routines[0].id, "routine-1");
    // A copy of the exercise gets an id of its own.
    let copy = draft.duplicate("exercises", 0).unwrap();
    draft.apply(copy).unwrap();
    assert_eq!(draft.ids("exercises"), ["exercise-1", "exercise-1-copy"]);
}

#[test]
fn drafts_are_kept_as_json_and_an_unreadable_value_is_an_error() {
    let kept = vec![Kept {
        id: "d1".into(),
        updated: 5,
        text: Draft::empty().text(),
    }];
    assert_eq!(decode_drafts(Some(&encode_drafts(&kept))).unwrap(), kept);
    assert_eq!(kept[0].name(), "Untitled pack");
    assert_eq!(decode_drafts(None).unwrap(), vec![]);
    assert!(decode_drafts(Some("{not json")).is_err());
}
