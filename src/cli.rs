//! The therapists' command-line tool (native builds only).
//!
//! `centralise lint FILE...` checks packs and prints each problem as
//! `file:line:col: error|warning: message`; it exits 1 if any pack has an
//! error. `centralise link [--base-url URL] FILE` prints a share link that
//! carries the pack. `centralise report BACKUP.json` writes the report for
//! the physiotherapist (HTML, to print or keep) from a patient's backup.

use crate::core::app::Model;
use crate::core::export::{backup, report};
use crate::core::link;
use crate::core::pack::{self, Pack};
use crate::core::time::Now;
use std::io::{Read, Write};
use std::process::ExitCode;

/// Where `scripts/serve` serves the app; a real deployment passes its own
/// address with --base-url.
const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8080/";

const USAGE: &str = "usage: centralise lint FILE...\n       \
    centralise link [--base-url URL] FILE\n       \
    centralise report BACKUP.json\n\n\
    lint  checks exercise packs (TOML) and prints every problem as\n      \
    file:line:col: error|warning: message. Exits 1 if any pack has an error.\n\
    link  prints a link that opens the app and offers to install the pack;\n      \
    the pack travels inside the link, no server involved.\n      \
    --base-url is the app's address (default http://127.0.0.1:8080/).\n\
    report  writes the report for the physiotherapist from a patient's backup\n        \
    file as one HTML page on stdout: centralise report BACKUP.json > report.html";

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
        Some((cmd, [file])) if cmd == "report" => report(file),
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

/// A pack file's text, or why it cannot be read (see [`read_limited`]).
fn read(file: &str) -> Result<String, String> {
    read_limited(
        file,
        pack::MAX_BYTES,
        "a pack may be at most {max} bytes (256 KB)",
    )
}

/// A file's text, or why it cannot be read. A file larger than `max` is
/// refused before it is read into memory, and so is one that grows past
/// it while being read (or never ends, such as a device); `limit` says
/// the limit, `{max}` standing for the number.
fn read_limited(file: &str, max: usize, limit: &str) -> Result<String, String> {
    let cannot = |e: std::io::Error| format!("cannot read the file: {e}");
    let mut f = std::fs::File::open(file).map_err(cannot)?;
    let too_large = |size: String| {
        format!(
            "the file is {size} bytes; {}",
            limit.replace("{max}", &max.to_string())
        )
    };
    let len = f.metadata().map_err(cannot)?.len();
    let max = max as u64;
    if len > max {
        return Err(too_large(len.to_string()));
    }
    let mut bytes = Vec::new();
    (&mut f)
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > max {
        return Err(too_large(format!("over {max}")));
    }
    String::from_utf8(bytes).map_err(|_| "cannot read the file: it is not UTF-8 text".to_string())
}

/// Reads and checks one pack: the pack if it has no error, and every
/// problem as a `file:line:col: severity: message` line (each one line:
/// problems never hold a line break).
fn check(file: &str) -> (Option<Pack>, Vec<String>) {
    let text = match read(file) {
        Ok(text) => text,
        Err(e) => return (None, vec![format!("{file}:1:1: error: {e}")]),
    };
    let (pack, problems) = match pack::parse(&text) {
        Ok((pack, warnings)) => (Some(pack), warnings),
        Err(problems) => (None, problems),
    };
    (pack, problems.iter().map(|p| p.render(file)).collect())
}

/// Writes each line with its line break. Output that can no longer be
/// written (a closed pipe, as in `lint ... | head`) is not an error of
/// the packs, so it is ignored rather than a panic.
fn write_lines(out: &mut dyn Write, lines: &[String]) {
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
    let _ = out.flush();
}

fn lint(files: &[String]) -> ExitCode {
    let mut failed = 0;
    let mut stdout = std::io::stdout().lock();
    for file in files {
        let (pack, problems) = check(file);
        write_lines(&mut stdout, &problems);
        failed += usize::from(pack.is_none());
    }
    // Every problem line is complete (and flushed) before the summary goes
    // to stderr, so the two never share a line on a terminal.
    drop(stdout);
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
    write_lines(&mut std::io::stderr().lock(), &problems);
    let Some(pack) = pack else {
        return ExitCode::FAILURE;
    };
    write_lines(&mut std::io::stdout().lock(), &[link::link(base, &pack)]);
    ExitCode::SUCCESS
}

/// Writes the report of a patient's backup file to stdout. The file is
/// read as the app reads one (the same size limit and checks). Dates are
/// UTC: the backup does not say the patient's time zone.
fn report(file: &str) -> ExitCode {
    let text = read_limited(
        file,
        backup::MAX_BYTES,
        "a backup may be at most {max} bytes (32 MB)",
    );
    let wall = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let now = Now::new(0, wall);
    let name = std::path::Path::new(file)
        .file_name()
        .map_or(file.into(), |n| n.to_string_lossy());
    match text.and_then(|t| Model::open_backup(&t, &name, now, 0)) {
        Ok(model) => {
            let html = report::document(&model, now.wall, &|_| 0);
            write_lines(&mut std::io::stdout().lock(), &[html]);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{file}: error: {e}");
            ExitCode::FAILURE
        }
    }
}
