//! Writes the storage image of three years of heavy use (8 sessions a day,
//! 4 sets each, every set with a check-in) as a JSON object of localStorage
//! keys and values, and a backup file of at least 100,000 records of the
//! same kind, for the storage and restore benchmarks:
//! `cargo run --release --example journal_image -- OUT.json BACKUP.json`

use centralise::core::export::backup;
use centralise::core::journal::{KeyValue, MemoryKv, keys, sample};
use centralise::core::settings::{AffectedLeg, Settings};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: journal_image OUT.json BACKUP.json";
    let out = std::env::args().nth(1).ok_or(usage)?;
    let backup_out = std::env::args().nth(2).ok_or(usage)?;
    let mut kv = MemoryKv::default();
    // 2023-11-27, three years before the benchmark's fixed "today".
    let counts = sample::heavy_use(&mut kv, 2026, 1_701_043_200_000, 3 * 365, 8, 4)
        .map_err(|e| format!("{e:?}"))?;
    let settings = Settings {
        setup_done: true,
        affected_leg: Some(AffectedLeg::Left),
        emergency_number: "999".into(),
        ..Settings::default()
    };
    kv.set(keys::SETTINGS, &settings.encode())
        .map_err(|e| format!("{e:?}"))?;
    let chars: usize = kv
        .map
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum();
    // Sorted, so that the same seed gives the same file.
    let sorted: std::collections::BTreeMap<_, _> = kv.map.iter().collect();
    std::fs::write(&out, serde_json::to_string(&sorted)?)?;
    eprintln!(
        "{out}: {} keys, {chars} UTF-16 code units; {counts:?}",
        kv.map.len()
    );
    // 1,130 days of the same use: just over 100,000 records.
    let mut more = MemoryKv::default();
    let counts = sample::heavy_use(&mut more, 2027, 1_698_000_000_000, 1_130, 8, 4)
        .map_err(|e| format!("{e:?}"))?;
    let file = backup::of_storage(&mut more, &settings.encode(), "", 1_795_683_600_000);
    std::fs::write(&backup_out, file.to_json())?;
    eprintln!("{backup_out}: {} records", counts.records);
    Ok(())
}
