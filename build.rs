//! Validates the bundled exercise packs (`exercises/*.toml`) with the app's
//! own pack parser and writes them as JSON for `core::bundled`: the browser
//! app then needs no TOML parser, and a broken pack stops the build with
//! the same `file:line:col` problems the lint command prints.

#[allow(dead_code, unused_imports)]
#[path = "src/core/pack/mod.rs"]
mod pack;

use std::path::Path;

fn main() {
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
