//! Property tests of the pack parser: packs made by a seeded generator are
//! accepted and print back to the same pack, and mutated or cut-off packs
//! give problems, never a panic.

mod packgen;

use centralise::core::journal::sample::Rng;
use centralise::core::pack::{self, Severity};
use packgen::valid_pack;

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
