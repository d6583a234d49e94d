//! A seeded generator of valid packs as TOML text, for the property tests
//! of the parser (`pack_props`) and of the editor (`pack_editor`).

use centralise::core::journal::sample::Rng;

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
pub fn valid_pack(rng: &mut Rng) -> String {
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
