//! The therapists' command-line tool (native builds only).
//!
//! `centralise lint FILE...` checks packs and prints each problem as
//! `file:line:col: error|warning: message`; it exits 1 if any pack has an
//! error.

use crate::core::pack::{self, Severity};
use std::process::ExitCode;

const USAGE: &str = "usage: centralise lint FILE...\n\
    Checks exercise packs (TOML) and prints every problem as\n\
    file:line:col: error|warning: message. Exits 1 if any pack has an error.";

pub fn run(args: Vec<String>) -> ExitCode {
    match args.split_first() {
        Some((cmd, files)) if cmd == "lint" && !files.is_empty() => lint(files),
        Some((cmd, _)) if cmd == "--help" || cmd == "-h" || cmd == "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn lint(files: &[String]) -> ExitCode {
    let mut failed = 0;
    for file in files {
        let problems = match std::fs::read_to_string(file) {
            Ok(text) => match pack::parse(&text) {
                Ok((_, warnings)) => warnings,
                Err(problems) => problems,
            },
            Err(e) => {
                println!("{file}:1:1: error: cannot read the file: {e}");
                failed += 1;
                continue;
            }
        };
        for p in &problems {
            println!("{}", p.render(file));
        }
        if problems.iter().any(|p| p.severity == Severity::Error) {
            failed += 1;
        }
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
