//! Validates the bundled exercise packs (`exercises/*.toml`) with the app's
//! own pack parser and writes them as JSON for `core::bundled`: the browser
//! app then needs no TOML parser, and a broken pack stops the build with
//! the same `file:line:col` problems the lint command prints.

#[allow(dead_code, unused_imports)]
#[path = "src/core/pack/mod.rs"]
mod pack;

#[allow(dead_code)]
#[path = "src/core/time.rs"]
mod time;

use std::path::Path;

fn main() {
    build_date();
    println!("cargo::rerun-if-changed=exercises");
    println!("cargo::rerun-if-changed=src/core/pack");
    let mut files: Vec<_> = std::fs::read_dir("exercises")
        .expect("the exercises folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut packs = Vec::new();
    let mut failed = false;
    for file in &files {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(file).expect("a readable pack");
        match pack::parse(&text) {
            Ok((pack, warnings)) => {
                for w in warnings {
                    println!("cargo::warning={}", w.render(&name));
                }
                packs.push(pack);
            }
            Err(problems) => {
                for p in problems {
                    eprintln!("{}", p.render(&name));
                }
                failed = true;
            }
        }
    }
    if failed {
        panic!("a bundled exercise pack has errors (listed above)");
    }
    let out = std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo");
    let json = serde_json::to_string(&packs).expect("packs serialise");
    std::fs::write(Path::new(&out).join("bundled-packs.json"), json).expect("OUT_DIR is writable");
}

/// The About page's build date: the day this script last ran, or
/// `SOURCE_DATE_EPOCH` (seconds) for a reproducible build.
fn build_date() {
    println!("cargo::rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (y, m, d) = time::civil(secs.div_euclid(86_400));
    println!("cargo::rustc-env=CENTRALISE_BUILD_DATE={y:04}-{m:02}-{d:02}");
}
