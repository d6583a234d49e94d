//! Figures about the bundled packs for `scripts/bench`, as JSON on stdout:
//! how long checking all of them takes (the linter's work: parse and
//! validate), and how long each one's share link is.

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
        "{{\"lint_all_bundled_ms_median\": {:.3}, \"lint_runs\": {RUNS}, \"packs\": {}, \"link_base_url\": \"{BASE_URL}\", \"link_chars\": {{{}}}, \"link_chars_target\": 2000}}",
        times[RUNS / 2],
        texts.len(),
        links.join(", ")
    );
}
