//! Figures about the bundled packs for `scripts/bench`, as JSON on stdout:
//! how long checking all of them takes (the linter's work: parse and
//! validate), how long each one's share link is, and how long a hostile
//! link takes to report: about 2 KB that inflates to a 256 KB pack with
//! thousands of warnings.

use centralise::core::link;
use centralise::core::pack;
use std::time::Instant;

/// The address `centralise link` uses without --base-url.
const BASE_URL: &str = "http://127.0.0.1:8080/";
const RUNS: usize = 50;

fn main() {
    let mut files: Vec<_> = std::fs::read_dir("exercises")
        .expect("run from the repository root")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            (
                f.display().to_string(),
                std::fs::read_to_string(f).expect("readable"),
            )
        })
        .collect();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        for (_, text) in &texts {
            let _ = std::hint::black_box(pack::parse(text));
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let links: Vec<String> = texts
        .iter()
        .filter_map(|(name, text)| {
            let (p, _) = pack::parse(text).ok()?;
            let chars = link::link(BASE_URL, &p).chars().count();
            Some(format!("\"{name}\": {chars}"))
        })
        .collect();
    println!(
        "{{\"lint_all_bundled_ms_median\": {:.3}, \"lint_runs\": {RUNS}, \"packs\": {}, \"link_base_url\": \"{BASE_URL}\", \"link_chars\": {{{}}}, \"link_chars_target\": 2000, \"hostile_link\": {}}}",
        times[RUNS / 2],
        texts.len(),
        links.join(", "),
        hostile_link(&texts[0].1)
    );
}

/// `head`'s exercises, then routines of 100 items each with a dose the
/// linter warns about, up to the largest pack there may be.
fn hostile_link(head: &str) -> String {
    let mut text = head
        .split("\n[[routines]]")
        .next()
        .unwrap_or(head)
        .to_string();
    let item = "\n[[routines.items]]\nexercise = \"bird-dog\"\nsets = 12\nhold_seconds = 8\n";
    for n in 0.. {
        let routine = format!(
            "\n[[routines]]\nid = \"r{n}\"\ntitle = \"R\"\n{}",
            item.repeat(100)
        );
        if text.len() + routine.len() > pack::MAX_BYTES {
            break;
        }
        text += &routine;
    }
    let fragment = link::fragment_of_text(&text);
    let mut times = Vec::new();
    let mut listed = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let read = link::read(&fragment).unwrap_or_default();
        listed = match pack::parse(&read) {
            Ok((_, problems)) | Err(problems) => problems.len(),
        };
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    format!(
        "{{\"link_chars\": {}, \"pack_bytes\": {}, \"problems_listed\": {listed}, \"ms_median\": {:.1}, \"target_ms\": 100}}",
        fragment.len(),
        text.len(),
        times[RUNS / 2]
    )
}
