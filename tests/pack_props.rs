//! Property tests of the pack parser: packs made by a seeded generator are
//! accepted and print back to the same pack, and mutated or cut-off packs
//! give problems, never a panic.

use centralise::core::journal::sample::Rng;
use centralise::core::pack::{self, Severity};

const CATEGORIES: [&str; 4] = [
    "directional-preference",
    "core-stabilisation",
    "nerve-mobility",
    "other",
];

/// With and without the new numbness or weakness the linter looks for.
const STOP_IF: [&str; 2] = [
    "It hurts more.",
    "It spreads down your leg, or you notice new numbness or weakness.",
];

/// A valid format-2 pack: 1-4 exercises of every kind, 1-3 routines whose
/// doses are within the possible ranges (sometimes outside the usual ones:
/// warnings), sometimes per side or for the affected leg, sometimes a
/// schedule, sometimes progression stages.
fn valid_pack(rng: &mut Rng) -> String {
    let mut text = format!(
        "format = 2\nid = \"p{}\"\nversion = \"1.{}\"\ntitle = \"Pack\"\nauthor = \"Clinic\"\nlanguage = \"en\"\nlicence = \"CC-BY-4.0\"\nsources = [\"A study.\"]\n",
        rng.below(1000),
        rng.below(9)
    );
    let kinds = ["repeated", "sustained", "hold"];
    let exercises: Vec<(String, &str)> = (0..1 + rng.below(4))
        .map(|i| (format!("ex-{i}"), kinds[rng.below(3) as usize]))
        .collect();
    for (id, kind) in &exercises {
        text += &format!(
            "\n[[exercises]]\nid = \"{id}\"\nname = \"Exercise {id}\"\ncategory = \"{}\"\nkind = \"{kind}\"\nsteps = [\"One.\", \"Two.\", \"Three.\"]\nstarting_position = \"Lying down.\"\nfeel = \"A stretch.\"\nstop_if = \"{}\"\n",
            CATEGORIES[rng.below(4) as usize],
            STOP_IF[rng.below(2) as usize]
        );
        if rng.chance(20) {
            text += "illustration = \"Figure 1\"\n";
        }
    }
    // (routine, exercise, kind) of every item, for the stages.
    let mut used = Vec::new();
    for r in 0..1 + rng.below(3) {
        text += &format!("\n[[routines]]\nid = \"r{r}\"\ntitle = \"Routine {r}\"\n");
        if rng.chance(30) {
            text += &format!("get_ready_seconds = {}\n", rng.below(121));
        }
        if rng.chance(40) {
            text += &schedule(rng);
        }
        for _ in 0..1 + rng.below(4) {
            let (id, kind) = &exercises[rng.below(exercises.len() as u64) as usize];
            used.push((r, id.clone(), *kind));
            text += &format!(
                "\n[[routines.items]]\nexercise = \"{id}\"\nsets = {}\n",
                1 + rng.below(30)
            );
            text += &dose(rng, kind, true);
            if rng.chance(50) {
                text += &format!("rest_seconds = {}\n", rng.below(1801));
            }
            // Sides: once, both (either spelling) or the affected leg.
            if rng.chance(30) {
                let sides = [
                    "per_side = true",
                    "per_side = false",
                    "side = \"both\"",
                    "side = \"affected\"",
                ];
                text += &format!("{}\n", sides[rng.below(4) as usize]);
            }
        }
    }
    let mut week = 1;
    for s in 0..rng.below(3) {
        week += 1 + rng.below(4);
        text += &format!("\n[[stages]]\nfrom_week = {week}\ntitle = \"Stage {s}\"\n");
        for _ in 0..1 + rng.below(2) {
            let (r, id, kind) = &used[rng.below(used.len() as u64) as usize];
            text += &format!("\n[[stages.changes]]\nroutine = \"r{r}\"\nexercise = \"{id}\"\n");
            let mut change = String::new();
            if rng.chance(50) {
                change += &format!("sets = {}\n", 1 + rng.below(30));
            }
            change += &dose(rng, kind, false);
            // A change must change something.
            if change.is_empty() || rng.chance(30) {
                change += &format!("rest_seconds = {}\n", rng.below(1801));
            }
            text += &change;
        }
    }
    text
}

fn schedule(rng: &mut Rng) -> String {
    let mut s = String::from("\n[routines.schedule]\n");
    if rng.chance(50) {
        s += &format!("times_a_day = {}\n", 1 + rng.below(12));
    } else {
        let min = 1 + rng.below(12);
        s += &format!("every_hours = {min}\n");
        if rng.chance(50) {
            s += &format!("every_hours_max = {}\n", min + rng.below(13 - min));
        }
    }
    if rng.chance(30) {
        s += "days = [\"monday\", \"thursday\"]\n";
    }
    s
}

/// The dose lines for an exercise of `kind`: always for an item, and for a
/// stage change only sometimes (it may change sets or rest alone).
fn dose(rng: &mut Rng, kind: &str, required: bool) -> String {
    if !required && rng.chance(30) {
        return String::new();
    }
    match kind {
        "repeated" => {
            let mut d = format!("repetitions = {}\n", 1 + rng.below(100));
            if rng.chance(50) {
                d += &format!("pace_seconds = {}\n", 1 + rng.below(60));
            }
            d
        }
        "hold" => format!("hold_seconds = {}\n", 1 + rng.below(300)),
        _ => format!("sustain_seconds = {}\n", 5 + rng.below(1796)),
    }
}

/// One change a hand edit could make: a number replaced, a line deleted or
/// doubled, a key misspelt, a quote dropped, two ids made equal.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let i = rng.below(lines.len() as u64) as usize;
    match rng.below(6) {
        0 => {
            let numbers = ["0", "-1", "3000", "500", "99999999999", "1.5", "\"ten\""];
            if let Some((key, _)) = lines[i].split_once(" = ") {
                lines[i] = format!("{key} = {}", numbers[rng.below(7) as usize]);
            }
        }
        1 => {
            lines.remove(i);
        }
        2 => {
            let line = lines[i].clone();
            lines.insert(i, line);
        }
        3 => {
            if let Some((key, value)) = lines[i].split_once(" = ") {
                lines[i] = format!("{}x = {value}", &key[..key.len().saturating_sub(1)]);
            }
        }
        4 => lines[i] = lines[i].replacen('"', "", 1),
        _ => {
            lines[i] = lines[i].replace("ex-1", "ex-0").replace("r1", "r0");
        }
    }
    lines.join("\n")
}

#[test]
fn generated_packs_are_accepted_and_print_back_to_themselves() {
    let mut rng = Rng::new(11);
    for case in 0..3_000 {
        let text = valid_pack(&mut rng);
        let pack = match pack::parse(&text) {
            Ok((pack, warnings)) => {
                assert!(warnings.iter().all(|w| w.severity == Severity::Warning));
                pack
            }
            Err(problems) => panic!("case {case}: {problems:?}\n{text}"),
        };
        let printed = pack::print(&pack);
        match pack::parse(&printed) {
            Ok((again, _)) => assert_eq!(again, pack, "case {case}:\n{printed}"),
            Err(problems) => panic!("case {case}: {problems:?}\n{printed}"),
        }
    }
}

#[test]
fn edited_and_cut_packs_never_panic_and_half_still_pass() {
    let mut rng = Rng::new(12);
    let (mut cases, mut accepted) = (0, 0);
    for _ in 0..6_000 {
        // None, one or two hand edits, as a therapist's draft might have.
        let mut text = valid_pack(&mut rng);
        for _ in 0..rng.below(3) {
            text = mutate(&mut rng, &text);
        }
        cases += 1;
        match pack::parse(&text) {
            Ok(_) => accepted += 1,
            Err(problems) => assert!(!problems.is_empty()),
        }
    }
    // The generator is not noise: at least half of these drafts are
    // accepted (no edit, a doubled blank line, a number still in range...).
    assert!(accepted * 2 >= cases, "{accepted} of {cases} accepted");
    // Cut at every offset: never a panic, always a pack or a problem.
    let mut cut = 0;
    for _ in 0..8 {
        let text = valid_pack(&mut rng);
        for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            cut += 1;
            if let Err(problems) = pack::parse(&text[..end]) {
                let (line, col) = (problems[0].line, problems[0].col);
                assert!(line >= 1 && col >= 1);
            }
        }
    }
    assert!(cases + cut >= 10_000, "{} cases", cases + cut);
}
