//! The therapists' command-line tool (native builds only).
//!
//! `centralise lint FILE...` checks packs and prints each problem as
//! `file:line:col: error|warning: message`; it exits 1 if any pack has an
//! error. `centralise link [--base-url URL] FILE` prints a share link that
//! carries the pack.

use crate::core::link;
use crate::core::pack::{self, Pack};
use std::process::ExitCode;

/// Where `scripts/serve` serves the app; a real deployment passes its own
/// address with --base-url.
const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8080/";

const USAGE: &str = "usage: centralise lint FILE...\n       \
    centralise link [--base-url URL] FILE\n\n\
    lint  checks exercise packs (TOML) and prints every problem as\n      \
    file:line:col: error|warning: message. Exits 1 if any pack has an error.\n\
    link  prints a link that opens the app and offers to install the pack;\n      \
    the pack travels inside the link, no server involved.\n      \
    --base-url is the app's address (default http://127.0.0.1:8080/).";

pub fn run(args: Vec<String>) -> ExitCode {
    match args.split_first() {
        Some((cmd, files)) if cmd == "lint" && !files.is_empty() => lint(files),
        Some((cmd, rest)) if cmd == "link" => match rest {
            [file] => share(DEFAULT_BASE_URL, file),
            [flag, base, file] if flag == "--base-url" => share(base, file),
            [flag, file] if flag.starts_with("--base-url=") => {
                share(&flag["--base-url=".len()..], file)
            }
            _ => usage_error(),
        },
        Some((cmd, _)) if cmd == "--help" || cmd == "-h" || cmd == "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error(),
    }
}

fn usage_error() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

/// Reads and checks one pack: the pack if it has no error, and every
/// problem as a `file:line:col: severity: message` line.
fn check(file: &str) -> (Option<Pack>, Vec<String>) {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            return (
                None,
                vec![format!("{file}:1:1: error: cannot read the file: {e}")],
            );
        }
    };
    let (pack, problems) = match pack::parse(&text) {
        Ok((pack, warnings)) => (Some(pack), warnings),
        Err(problems) => (None, problems),
    };
    (pack, problems.iter().map(|p| p.render(file)).collect())
}

fn lint(files: &[String]) -> ExitCode {
    let mut failed = 0;
    for file in files {
        let (pack, problems) = check(file);
        for p in problems {
            println!("{p}");
        }
        failed += usize::from(pack.is_none());
    }
    eprintln!(
        "{} pack{} checked, {failed} with errors",
        files.len(),
        if files.len() == 1 { "" } else { "s" }
    );
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn share(base: &str, file: &str) -> ExitCode {
    // Only the link goes to stdout, so it can be piped; a pack with errors
    // gets none.
    let (pack, problems) = check(file);
    for p in problems {
        eprintln!("{p}");
    }
    let Some(pack) = pack else {
        return ExitCode::FAILURE;
    };
    println!("{}", link::link(base, &pack));
    ExitCode::SUCCESS
}
