//! The compact chunk encoding (schema 2): lossless for any journal, and
//! never a panic on damaged input: corrupt chunks are errors, kept aside
//! by the store while everything readable still loads.

mod support;

use centralise::core::journal::codec::{decode_chunk, encode_chunk};
use centralise::core::journal::sample::Rng;
use centralise::core::journal::{Appender, KeyValue, LoadProblem, MemoryKv, keys, load};
use support::{pick, records};

#[test]
fn any_chunk_round_trips_exactly() {
    let mut rng = Rng::new(1);
    for case in 0..3_000 {
        let n = rng.below(140);
        let written = records(&mut rng, n);
        let text = encode_chunk(&written);
        assert!(
            text.encode_utf16().all(|u| !(0xD800..0xE000).contains(&u)),
            "valid UTF-16"
        );
        assert_eq!(decode_chunk(&text).as_ref(), Ok(&written), "case {case}");
    }
}

/// Damaged versions of a valid chunk: cut at every offset, a changed
/// character anywhere, characters from outside the alphabet, another
/// version's marker, schema-1 lines mixed in.
fn damaged(rng: &mut Rng, valid: &str) -> Vec<String> {
    let chars: Vec<char> = valid.chars().collect();
    let mut out: Vec<String> = (0..chars.len())
        .map(|i| chars[..i].iter().collect())
        .collect();
    for _ in 0..chars.len() {
        let mut c = chars.clone();
        let i = rng.below(c.len() as u64) as usize;
        c[i] = match rng.below(3) {
            0 => char::from_u32(u32::from(c[i]) ^ (1 << rng.below(15))).unwrap_or('x'),
            1 => pick(rng, &['{', '\n', '1', '3', 'é', '😀', '\u{B400}']),
            _ => char::from_u32(0x3400 + rng.below(0x8000) as u32).unwrap_or('x'),
        };
        out.push(c.into_iter().collect());
    }
    out.push(format!("3{}", &valid[1..]));
    out.push(format!("{valid}\n{{\"type\":\"check-in\"}}"));
    out.push(format!(
        "{{\"type\":\"acknowledged\",\"id\":\"x\",\"at\":1}}\n{valid}"
    ));
    out
}

#[test]
fn damaged_chunks_are_errors_never_panics() {
    let mut rng = Rng::new(2);
    let (mut cases, mut rejected) = (0, 0);
    while cases < 12_000 {
        let n = 1 + rng.below(30);
        let valid = encode_chunk(&records(&mut rng, n));
        for bad in damaged(&mut rng, &valid) {
            cases += 1;
            // Decoding must return, never panic; what it returns is counted.
            if decode_chunk(&bad).is_err() {
                rejected += 1;
            }
        }
    }
    // Nearly every damaged chunk is caught (the checksum misses 1 in 4 billion).
    assert!(
        rejected * 100 >= cases * 99,
        "{rejected} of {cases} rejected"
    );
}

#[test]
fn a_damaged_chunk_is_kept_aside_and_the_rest_loads() {
    let mut rng = Rng::new(3);
    for round in 0..200 {
        let mut kv = MemoryKv::default();
        let mut a = Appender::new("a");
        let mut b = Appender::new("b");
        let (good, other) = (records(&mut rng, 10), records(&mut rng, 10));
        for r in &good {
            a.append(&mut kv, r).unwrap();
        }
        for r in &other {
            b.append(&mut kv, r).unwrap();
        }
        let key = format!("{}b:0", keys::LOG);
        let valid = kv.get(&key).unwrap();
        // (A value starting with `{` reads as schema-1 lines: tests/journal.rs.)
        let mut all: Vec<String> = damaged(&mut rng, &valid)
            .into_iter()
            .filter(|d| !d.starts_with('{'))
            .collect();
        let bad = all.swap_remove(rng.below(all.len() as u64) as usize);
        kv.set(&key, &bad).unwrap();
        let loaded = load(&mut kv);
        let expected = centralise::core::journal::Journal::from_records(good.clone());
        assert_eq!(
            loaded.journal.records(),
            expected.records(),
            "round {round}"
        );
        let kept = format!("{}0", keys::QUARANTINE);
        assert_eq!(
            loaded.problems,
            [LoadProblem::Unreadable {
                key: key.clone(),
                kept_as: kept.clone()
            }]
        );
        assert_eq!(kv.get(&kept).as_deref(), Some(bad.as_str()), "kept intact");
        assert_eq!(kv.get(&key), None);
    }
}
