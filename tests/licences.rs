//! The licence of every crate compiled into the app, as the About page
//! lists them (`docs/licences.txt`), read from `cargo metadata` for the
//! browser's target: the normal dependencies of the app, not the tools
//! that only run while it is built (procedural macros, build scripts) nor
//! the tests'. The test fails when the list is stale;
//! `UPDATE_LICENCES=1 cargo test --test licences` writes it again.

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::process::Command;

const LIST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/licences.txt");

/// (name, version, licence) of every crate the app is compiled from, but
/// the app itself.
fn compiled_in() -> BTreeSet<(String, String, String)> {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", "wasm32-unknown-unknown"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages: HashMap<&str, &Value> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let nodes: HashMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let is_macro = |p: &Value| {
        p["targets"].as_array().unwrap().iter().any(|t| {
            t["kind"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k == "proc-macro")
        })
    };
    let root = meta["resolve"]["root"].as_str().unwrap();
    let mut seen = BTreeSet::new();
    let mut todo = vec![root];
    let mut list = BTreeSet::new();
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        let package = packages[id];
        if id != root {
            list.insert((
                package["name"].as_str().unwrap().to_string(),
                package["version"].as_str().unwrap().to_string(),
                package["license"]
                    .as_str()
                    .unwrap_or("(see the crate)")
                    .to_string(),
            ));
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let normal = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null());
            let dep_id = dep["pkg"].as_str().unwrap();
            if normal && !is_macro(packages[dep_id]) {
                todo.push(dep_id);
            }
        }
    }
    list
}

#[test]
fn the_about_pages_list_of_crate_licences_is_current() {
    let crates = compiled_in();
    let mut text = format!(
        "# The {} crates compiled into Centralise, each under its own licence\n\
         # (made by tests/licences.rs from cargo metadata; name version licence)\n",
        crates.len()
    );
    for (name, version, licence) in &crates {
        text += &format!("{name} {version} {licence}\n");
    }
    if std::env::var_os("UPDATE_LICENCES").is_some() {
        std::fs::write(LIST, &text).unwrap();
    }
    let stored = std::fs::read_to_string(LIST).unwrap_or_default();
    assert!(
        stored == text,
        "docs/licences.txt is stale: run UPDATE_LICENCES=1 cargo test --test licences"
    );
}
