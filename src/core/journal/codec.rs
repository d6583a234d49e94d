//! The compact chunk encoding of schema 2.
//!
//! Browsers give a site about 5 M UTF-16 code units of local storage and
//! recovery takes months to years, so records are stored as bytes designed
//! for them, then packed 15 bits to a code unit:
//!
//! - A chunk is `'2'` followed by the packed bytes: a 4-byte
//!   checksum (little-endian) of the records that follow, to the end (the
//!   last code unit may add one zero byte of padding).
//! - A record starts with its head: one byte, the record type (1-15) in the
//!   low 4 bits and its flags in the high 4; or, for a type of 16 or more
//!   or flags past the fourth bit (none yet), a zero byte, then the type and
//!   the flags as varints. Numbers are LEB128 varints; signed ones
//!   zigzagged.
//! - Times are milliseconds, each the difference from the previous record's
//!   time in the chunk (the first from zero).
//! - Strings are interned per chunk: a varint `0` followed by the length
//!   and the UTF-8 bytes the first time, then `n` for the n-th string.
//! - Ids of records in a session are derived from the session's id
//!   (`journal::Part`: `{session}-s3`, `-c3`, `-stop3`, `-end`) and stored
//!   as a form and a number; any other id is stored as a string.
//!
//! A chunk that fails its checksum or does not decode to the end is an
//! error as a whole: the store keeps it aside, never half-reads it.
//!
//! # Values and bit fields
//!
//! Each enum's stored numbers are given once, in `codes!`: the writer's
//! `match` is exhaustive, so a new variant does not compile until it has a
//! number, and a number no variant has is an error. Numbers are never
//! reused or reordered (the lists the UI shows are free to change order);
//! a new variant takes the next one. Flags and a check-in's answers are
//! bit sets, each field a `Field` constant that the writer and the reader
//! both use, listed in `HEADS` and `ANSWERS`; a set bit that no field
//! owns is an error. Bits, from the lowest (`a, then b`: a field's first
//! bits, then the bit it gained above every earlier field when it filled
//! up, zero in everything written before, so that reads as it did):
//!
//! | where | field | bits | values today / room |
//! |---|---|---|---|
//! | set-completed head | `kind` | 0-1 | 3 / 4 |
//! | | dose form (repetitions, seconds) | 2, then 4 | 2 / 4 |
//! | | `stopped_early` | 3 | yes or no |
//! | check-in head | `after_set` follows, `note` follows | 0, 1 | yes or no |
//! | session-ended head | `outcome` | 0-3 | 3 / 16 |
//! | safety-stop head | `change` | 0-3 | 7 / 16 |
//! | warning-check head | `outcome` (none, then each tier) | 0-3 | 3 / 16 |
//! | self-check head | `toe_walk_left`, `toe_walk_right` | 0, 1 | yes or no |
//! | correction head | `answers` follow, `note` follows | 0, 1 | yes or no |
//! | answers (a varint) | `leg_pain`, `back_pain` | 0-7, 8-15 | 0-255 |
//! | | `left`, `right` | 16-18, 19-21 | 6 / 8 |
//! | | `left_type`, `right_type` (none, then each) | 22-23 then 34, 24-25 then 35 | 4 / 8 |
//! | | `left_foot`, `right_foot` (none, then each) | 26-27 then 36, 28-29 then 37 | 4 / 8 |
//! | | `mdt` (none, then each) | 30-32 then 38 | 8 / 16 |
//! | | `weaker` | 33 | yes or no |
//! | an id (a varint) | a string, or each derived form | 0-2 (the number above) | 5 / 8 |
//!
//! Record types have room too: 11 of the 15 a short head holds, and any
//! number in a long one.
//!
//! Answers with both pains under 16 are stored narrow: bit 0 clear, leg
//! pain in bits 1-4, back pain in 5-8, the fields from bit 16 on from bit 9;
//! otherwise bit 0 is set and the whole set follows from bit 1. The test
//! `every_field_has_room_for_one_more_value` fails when a field's values
//! no longer leave room for the next one: give it a bit above every other
//! field, as the fields above did.
//!
//! # One description of each record
//!
//! A record's fields are declared once, in its struct
//! (`journal::records`, `SelfCheck`, `Answers`); the serde derive is its
//! JSON. Every other place that spells the fields out is made to name all
//! of them by the compiler: the writer here destructures each record
//! without `..`, and this reader, the flat JSON reader (`journal::stored`)
//! and the generators (`journal::sample`, the tests') build struct
//! literals. So a new field is a compile error at each place still to
//! change. A field's bytes go behind a new flag bit saying they follow
//! (every earlier chunk has it clear, so the field reads as its default,
//! as `#[serde(default)]` does for JSON); a record whose layout changes
//! altogether takes a new record type. A table of fields shared by the
//! JSON reader and the codec was the alternative, but each field here has
//! its own shape (derived ids, time differences, flags), so the table would
//! hold as much code as it saved.

use super::id::Part;
use super::records::{
    Acknowledged, CheckInRecord, Correction, Outcome, Psfs, PsfsItem, Record, SafetyStop,
    SessionEnded, SessionStarted, SetCompleted, StageAccepted, Text, WarningCheck,
};
use crate::core::pack::{Dose, Kind};
use crate::core::red_flags::Tier;
use crate::core::self_check::SelfCheck;
use crate::core::symptoms::{Answers, Change, FootArea, Level, MdtAfter, SymptomType};
use std::fmt;
use std::marker::PhantomData;

/// The first character of a schema-2 chunk.
pub const MARKER: char = '2';

/// Why a chunk could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError(pub &'static str);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

type Result<T> = std::result::Result<T, DecodeError>;

/// Encodes records as one chunk value.
pub fn encode_chunk(records: &[Record]) -> String {
    let mut w = Writer::default();
    for r in records {
        w.record(r);
    }
    chunk(&w.out)
}

/// The chunk value of encoded records.
fn chunk(records: &[u8]) -> String {
    let mut bytes = checksum(records).to_le_bytes().to_vec();
    bytes.extend_from_slice(records);
    let mut text = String::with_capacity(bytes.len() * 8 / 15 * 3 + 4);
    text.push(MARKER);
    pack(&bytes, &mut text);
    text
}

/// Decodes a chunk value written by [`encode_chunk`].
pub fn decode_chunk(text: &str) -> Result<Vec<Record>> {
    let mut records = Vec::new();
    decode_chunk_into(text, &mut records).map(|()| records)
}

/// Decodes a chunk, appending its records to `out`; on error `out` is as
/// it was. Saves copying every record once more when years of them load.
pub fn decode_chunk_into(text: &str, out: &mut Vec<Record>) -> Result<()> {
    let body = text
        .strip_prefix(MARKER)
        .ok_or(DecodeError("not a schema-2 chunk"))?;
    let bytes = unpack(body)?;
    if bytes.len() < 4 {
        return Err(DecodeError("too short"));
    }
    let (sum, rest) = bytes.split_at(4);
    // Packing may add one zero byte to fill the last code unit.
    let rest = [rest, rest.strip_suffix(&[0]).unwrap_or(rest)]
        .into_iter()
        .find(|r| sum == checksum(r).to_le_bytes())
        .ok_or(DecodeError("checksum does not match"))?;
    let mut r = Reader::new(rest);
    let before = out.len();
    while r.pos < rest.len() {
        match r.record() {
            Ok(record) => out.push(record),
            Err(e) => {
                out.truncate(before);
                return Err(e);
            }
        }
    }
    Ok(())
}

// ---- bytes <-> UTF-16 code units, 15 bits each ----

/// Code units `BASE..BASE + 0x8000` are all below the surrogates, so every
/// chunk is valid UTF-16 and costs one unit of quota per 15 bits.
const BASE: u32 = 0x3400;

fn pack(bytes: &[u8], out: &mut String) {
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push_unit(out, (acc >> bits) & 0x7fff);
        }
    }
    if bits > 0 {
        push_unit(out, (acc << (15 - bits)) & 0x7fff);
    }
}

fn push_unit(out: &mut String, v: u32) {
    // BASE + v < 0xB400: always a valid scalar value.
    out.extend(char::from_u32(BASE + v));
}

fn unpack(text: &str) -> Result<Vec<u8>> {
    // Every unit of the alphabet is three bytes of UTF-8 (U+3400..U+B3FF),
    // so read those directly: decoding each char costs more.
    let utf8 = text.as_bytes();
    if !utf8.len().is_multiple_of(3) {
        return Err(DecodeError("a character outside the chunk alphabet"));
    }
    // Each unit gives one or two whole bytes: written in place, as a push
    // a byte costs more than the rest of this loop.
    let mut bytes = vec![0; utf8.len() / 3 * 15 / 8];
    let mut n = 0;
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in utf8.chunks_exact(3) {
        if c[0] & 0xf0 != 0xe0 {
            return Err(DecodeError("a character outside the chunk alphabet"));
        }
        let unit =
            (u32::from(c[0] & 0x0f) << 12) | (u32::from(c[1] & 0x3f) << 6) | u32::from(c[2] & 0x3f);
        let v = unit
            .checked_sub(BASE)
            .filter(|v| *v < 0x8000)
            .ok_or(DecodeError("a character outside the chunk alphabet"))?;
        acc = (acc << 15) | v;
        bits += 7;
        bytes[n] = (acc >> bits) as u8;
        n += 1;
        if bits >= 8 {
            bits -= 8;
            bytes[n] = (acc >> bits) as u8;
            n += 1;
        }
        acc &= (1 << bits) - 1;
    }
    Ok(bytes)
}

/// A 32-bit checksum, eight bytes at a time (a byte-wise hash costs more
/// than decoding when years of chunks load).
fn checksum(bytes: &[u8]) -> u32 {
    let mut words = bytes.chunks_exact(8);
    let mut h = 0x243f_6a88_85a3_08d3_u64 ^ bytes.len() as u64;
    for w in &mut words {
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }
    // SplitMix64's finaliser: every input bit moves every output bit.
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (h ^ (h >> 31)) as u32
}

// ---- stored values ----

/// A value kept as a number in a bit field.
trait Coded: Copy {
    /// How many values there are today (numbers `0..VALUES`).
    const VALUES: u64;
    /// Whether more values may come (an enum), so that its field needs room
    /// for one more; a yes-or-no or a score never grows.
    const GROWS: bool = true;
    fn code(self) -> u64;
    fn from_code(code: u64) -> Option<Self>;
}

/// The stored number of each variant, given once. The writer's `match` is
/// exhaustive (a new variant fails to compile until it has a number) and
/// the reader's comes from the same list (a number given twice is an
/// unreachable pattern, refused by the lints).
macro_rules! codes {
    ($($t:ident { $($v:ident = $n:literal),+ $(,)? })+) => {$(
        impl Coded for $t {
            const VALUES: u64 = [$($n),+].len() as u64;

            #[inline(always)]
            fn code(self) -> u64 {
                match self {
                    $($t::$v => $n,)+
                }
            }

            #[inline(always)]
            fn from_code(code: u64) -> Option<Self> {
                match code {
                    $($n => Some($t::$v),)+
                    _ => None,
                }
            }
        }
    )+};
}

/// How a set's dose was given, stored in its head.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DoseForm {
    Repetitions,
    Seconds,
}

codes! {
    Kind { Repeated = 0, Sustained = 1, Hold = 2 }
    DoseForm { Repetitions = 0, Seconds = 1 }
    Outcome { Completed = 0, EndedEarly = 1, TimedOut = 2 }
    Tier { Urgent = 0, Emergency = 1 }
    Change {
        Peripheralised = 0,
        Worse = 1,
        Abolished = 2,
        Centralised = 3,
        Better = 4,
        Unchanged = 5,
        NewNerveSign = 6,
    }
    Level { None = 0, LowBack = 1, Buttock = 2, Thigh = 3, BelowKnee = 4, AnkleFoot = 5 }
    SymptomType { Pain = 0, PinsAndNeedles = 1, Numbness = 2 }
    FootArea { OuterFoot = 0, Sole = 1, Heel = 2 }
    MdtAfter {
        NoEffect = 0,
        Better = 1,
        Worse = 2,
        NoBetter = 3,
        NoWorse = 4,
        Centralised = 5,
        Peripheralised = 6,
    }
}

/// None is 0, then each value one up.
impl<T: Coded> Coded for Option<T> {
    const VALUES: u64 = T::VALUES + 1;
    const GROWS: bool = T::GROWS;

    #[inline(always)]
    fn code(self) -> u64 {
        self.map_or(0, |v| v.code() + 1)
    }

    #[inline(always)]
    fn from_code(code: u64) -> Option<Self> {
        match code {
            0 => Some(None),
            c => T::from_code(c - 1).map(Some),
        }
    }
}

impl Coded for bool {
    const VALUES: u64 = 2;
    const GROWS: bool = false;

    #[inline(always)]
    fn code(self) -> u64 {
        u64::from(self)
    }

    #[inline(always)]
    fn from_code(code: u64) -> Option<Self> {
        match code {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Coded for u8 {
    const VALUES: u64 = 256;
    const GROWS: bool = false;

    #[inline(always)]
    fn code(self) -> u64 {
        u64::from(self)
    }

    #[inline(always)]
    fn from_code(code: u64) -> Option<Self> {
        u8::try_from(code).ok()
    }
}

// ---- bit fields ----

/// Where a value sits in a bit set: `width` bits from bit `at`, then
/// `more` bits from bit `more_at` for the numbers that need them (values
/// that came after the field was laid out: every value before them has
/// zeros there, so what was written then reads the same).
struct Field<T> {
    name: &'static str,
    at: u32,
    width: u32,
    more_at: u32,
    more: u32,
    of: PhantomData<fn() -> T>,
}

const fn low(bits: u32) -> u64 {
    (1 << bits) - 1
}

impl<T: Coded> Field<T> {
    const fn new(name: &'static str, at: u32, width: u32) -> Self {
        Field {
            name,
            at,
            width,
            more_at: 0,
            more: 0,
            of: PhantomData,
        }
    }

    /// The field's next bits, above every field laid out before it filled.
    const fn then(self, more_at: u32, more: u32) -> Self {
        Field {
            more_at,
            more,
            ..self
        }
    }

    /// `v` in its place, to be or-ed with the set's other fields.
    #[inline(always)]
    fn bits(&self, v: T) -> u64 {
        let code = v.code();
        debug_assert!(code < 1 << (self.width + self.more), "{}", self.name);
        ((code & low(self.width)) << self.at) | ((code >> self.width) << self.more_at)
    }

    #[inline(always)]
    fn get(&self, set: u64) -> Result<T> {
        let code = ((set >> self.at) & low(self.width))
            | (((set >> self.more_at) & low(self.more)) << self.width);
        T::from_code(code).ok_or(DecodeError("a value out of range"))
    }

    /// What the tests and the reader's check for unknown bits need.
    const fn shape(&self) -> Shape {
        Shape {
            name: self.name,
            mask: (low(self.width) << self.at) | (low(self.more) << self.more_at),
            values: T::VALUES,
            capacity: 1 << (self.width + self.more),
            grows: T::GROWS,
        }
    }
}

/// A field without its type. (Only the tests read more than its mask.)
#[derive(Clone, Copy, Debug)]
#[cfg_attr(not(test), allow(dead_code))]
struct Shape {
    name: &'static str,
    mask: u64,
    values: u64,
    capacity: u64,
    grows: bool,
}

/// The bits the fields own.
const fn known(fields: &[Shape]) -> u64 {
    let (mut mask, mut i) = (0, 0);
    while i < fields.len() {
        mask |= fields[i].mask;
        i += 1;
    }
    mask
}

// ---- record layout ----

const SESSION_STARTED: u64 = 1;
const SET_COMPLETED: u64 = 2;
const CHECK_IN: u64 = 3;
const SESSION_ENDED: u64 = 4;
const SAFETY_STOP: u64 = 5;
const WARNING_CHECK: u64 = 6;
const ACKNOWLEDGED: u64 = 7;
const SELF_CHECK: u64 = 8;
const STAGE_ACCEPTED: u64 = 9;
const CORRECTION: u64 = 10;
const PSFS: u64 = 11;

const SET_KIND: Field<Kind> = Field::new("kind", 0, 2);
const SET_DOSE: Field<DoseForm> = Field::new("dose", 2, 1).then(4, 1);
const SET_STOPPED_EARLY: Field<bool> = Field::new("stopped_early", 3, 1);
const CHECK_IN_AFTER_SET: Field<bool> = Field::new("after_set", 0, 1);
const CHECK_IN_NOTE: Field<bool> = Field::new("note", 1, 1);
const ENDED_OUTCOME: Field<Outcome> = Field::new("outcome", 0, 4);
const STOP_CHANGE: Field<Change> = Field::new("change", 0, 4);
const WARNING_OUTCOME: Field<Option<Tier>> = Field::new("outcome", 0, 4);
const TOE_WALK_LEFT: Field<bool> = Field::new("toe_walk_left", 0, 1);
const TOE_WALK_RIGHT: Field<bool> = Field::new("toe_walk_right", 1, 1);
const CORRECTION_ANSWERS: Field<bool> = Field::new("answers", 0, 1);
const CORRECTION_NOTE: Field<bool> = Field::new("note", 1, 1);

/// Each record type and the fields of its head's flags.
const HEADS: [(u64, &str, &[Shape]); 11] = [
    (SESSION_STARTED, "session-started", &[]),
    (
        SET_COMPLETED,
        "set-completed",
        &[
            SET_KIND.shape(),
            SET_DOSE.shape(),
            SET_STOPPED_EARLY.shape(),
        ],
    ),
    (
        CHECK_IN,
        "check-in",
        &[CHECK_IN_AFTER_SET.shape(), CHECK_IN_NOTE.shape()],
    ),
    (SESSION_ENDED, "session-ended", &[ENDED_OUTCOME.shape()]),
    (SAFETY_STOP, "safety-stop", &[STOP_CHANGE.shape()]),
    (WARNING_CHECK, "warning-check", &[WARNING_OUTCOME.shape()]),
    (ACKNOWLEDGED, "acknowledged", &[]),
    (
        SELF_CHECK,
        "self-check",
        &[TOE_WALK_LEFT.shape(), TOE_WALK_RIGHT.shape()],
    ),
    (STAGE_ACCEPTED, "stage-accepted", &[]),
    (
        CORRECTION,
        "correction",
        &[CORRECTION_ANSWERS.shape(), CORRECTION_NOTE.shape()],
    ),
    (PSFS, "psfs", &[]),
];

/// The bits each record type's flags may set, by type (none: no such type).
const FLAGS: [Option<u64>; 16] = {
    let mut flags = [None; 16];
    let mut i = 0;
    while i < HEADS.len() {
        flags[HEADS[i].0 as usize] = Some(known(HEADS[i].2));
        i += 1;
    }
    flags
};

const LEG_PAIN: Field<u8> = Field::new("leg_pain", 0, 8);
const BACK_PAIN: Field<u8> = Field::new("back_pain", 8, 8);
const LEFT: Field<Level> = Field::new("left", 16, 3);
const RIGHT: Field<Level> = Field::new("right", 19, 3);
const LEFT_TYPE: Field<Option<SymptomType>> = Field::new("left_type", 22, 2).then(34, 1);
const RIGHT_TYPE: Field<Option<SymptomType>> = Field::new("right_type", 24, 2).then(35, 1);
const LEFT_FOOT: Field<Option<FootArea>> = Field::new("left_foot", 26, 2).then(36, 1);
const RIGHT_FOOT: Field<Option<FootArea>> = Field::new("right_foot", 28, 2).then(37, 1);
const MDT: Field<Option<MdtAfter>> = Field::new("mdt", 30, 3).then(38, 1);
const WEAKER: Field<bool> = Field::new("weaker", 33, 1);

/// A check-in's answers. The rarely set fields sit in the high bits, so a
/// typical check-in takes three bytes.
const ANSWERS: [Shape; 10] = [
    LEG_PAIN.shape(),
    BACK_PAIN.shape(),
    LEFT.shape(),
    RIGHT.shape(),
    LEFT_TYPE.shape(),
    RIGHT_TYPE.shape(),
    LEFT_FOOT.shape(),
    RIGHT_FOOT.shape(),
    MDT.shape(),
    WEAKER.shape(),
];

/// A derived id ([`Part`]) as the number stored for it: its form in the low
/// three bits (0 is a string id; 5..=7 are free for new forms) and its
/// number above them. Acknowledgements carry no session, so their ids stay
/// strings.
fn part_code(part: Part) -> Option<u64> {
    let (form, n) = match part {
        Part::Set(n) => (1, n),
        Part::CheckIn(n) => (2, n),
        Part::Stop(n) => (3, n),
        Part::End => (4, 0),
        Part::Ack { .. } => return None,
    };
    Some((u64::from(n) << 3) | form)
}

fn part_of_code(v: u64) -> Option<Part> {
    let n = u32::try_from(v >> 3).ok()?;
    match v & 7 {
        1 => Some(Part::Set(n)),
        2 => Some(Part::CheckIn(n)),
        3 => Some(Part::Stop(n)),
        4 if n == 0 => Some(Part::End),
        _ => None,
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    strings: Vec<String>,
    prev_at: u64,
}

impl Writer {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }

    fn string(&mut self, s: &str) {
        if let Some(i) = self.strings.iter().position(|t| t == s) {
            self.varint(i as u64 + 1);
        } else {
            self.varint(0);
            self.varint(s.len() as u64);
            self.out.extend_from_slice(s.as_bytes());
            self.strings.push(s.to_owned());
        }
    }

    fn at(&mut self, at: u64) {
        self.varint(zigzag(at.wrapping_sub(self.prev_at) as i64));
        self.prev_at = at;
    }

    /// An id, as a form derived from `session` where it has one.
    fn id(&mut self, id: &str, session: &str) {
        match Part::parse(id, session).and_then(part_code) {
            Some(code) => self.varint(code),
            None => {
                self.varint(0);
                self.string(id);
            }
        }
    }

    fn head(&mut self, kind: u64, flags: u64) {
        if kind < 16 && flags < 16 {
            self.out.push((kind | (flags << 4)) as u8);
        } else {
            self.out.push(0);
            self.varint(kind);
            self.varint(flags);
        }
    }

    /// Each arm names every field (no `..`): a new one fails to compile
    /// here until it is written.
    fn record(&mut self, record: &Record) {
        match record {
            Record::SessionStarted(SessionStarted {
                id,
                at,
                pack_id,
                pack_version,
                routine_id,
                routine_title,
            }) => {
                self.head(SESSION_STARTED, 0);
                self.string(id);
                self.at(*at);
                self.string(pack_id);
                self.string(pack_version);
                self.string(routine_id);
                self.string(routine_title);
            }
            Record::SetCompleted(SetCompleted {
                id,
                session,
                at,
                started_at,
                exercise_id,
                exercise_name,
                kind,
                set,
                of,
                dose,
                stopped_early,
            }) => {
                let (form, amount, pace) = match *dose {
                    Dose::Repetitions {
                        count,
                        pace_seconds,
                    } => (DoseForm::Repetitions, count, Some(pace_seconds)),
                    Dose::Seconds { seconds } => (DoseForm::Seconds, seconds, None),
                };
                let flags = SET_KIND.bits(*kind)
                    | SET_DOSE.bits(form)
                    | SET_STOPPED_EARLY.bits(*stopped_early);
                self.head(SET_COMPLETED, flags);
                self.string(session);
                self.id(id, session);
                self.at(*at);
                self.varint(zigzag(at.wrapping_sub(*started_at) as i64));
                self.string(exercise_id);
                self.string(exercise_name);
                self.varint(u64::from(*set));
                self.varint(u64::from(*of));
                self.varint(u64::from(amount));
                if let Some(pace) = pace {
                    self.varint(u64::from(pace));
                }
            }
            Record::CheckIn(CheckInRecord {
                id,
                session,
                at,
                after_set,
                answers,
                note,
            }) => {
                let flags = CHECK_IN_AFTER_SET.bits(after_set.is_some())
                    | CHECK_IN_NOTE.bits(note.is_some());
                self.head(CHECK_IN, flags);
                self.string(session);
                self.id(id, session);
                self.at(*at);
                if let Some(set) = after_set {
                    self.id(set, session);
                }
                self.answers(answers);
                if let Some(note) = note {
                    self.string(note);
                }
            }
            Record::SessionEnded(SessionEnded {
                id,
                session,
                at,
                outcome,
            }) => {
                self.head(SESSION_ENDED, ENDED_OUTCOME.bits(*outcome));
                self.string(session);
                self.id(id, session);
                self.at(*at);
            }
            Record::SafetyStop(SafetyStop {
                id,
                session,
                at,
                exercise_id,
                exercise_name,
                change,
                check_in,
            }) => {
                self.head(SAFETY_STOP, STOP_CHANGE.bits(*change));
                self.string(session);
                self.id(id, session);
                self.at(*at);
                self.string(exercise_id);
                self.string(exercise_name);
                self.id(check_in, session);
            }
            Record::WarningCheck(WarningCheck {
                id,
                at,
                yes,
                outcome,
            }) => {
                self.head(WARNING_CHECK, WARNING_OUTCOME.bits(*outcome));
                self.string(id);
                self.at(*at);
                self.varint(yes.len() as u64);
                for y in yes {
                    self.string(y);
                }
            }
            Record::Acknowledged(Acknowledged { id, at, what }) => {
                self.head(ACKNOWLEDGED, 0);
                self.string(id);
                self.at(*at);
                self.string(what);
            }
            Record::SelfCheck(SelfCheck {
                id,
                at,
                left,
                right,
                toe_walk_left,
                toe_walk_right,
            }) => {
                let flags =
                    TOE_WALK_LEFT.bits(*toe_walk_left) | TOE_WALK_RIGHT.bits(*toe_walk_right);
                self.head(SELF_CHECK, flags);
                self.string(id);
                self.at(*at);
                self.varint(u64::from(*left));
                self.varint(u64::from(*right));
            }
            Record::StageAccepted(StageAccepted {
                id,
                at,
                pack_id,
                stage,
                title,
            }) => {
                self.head(STAGE_ACCEPTED, 0);
                self.string(id);
                self.at(*at);
                self.string(pack_id);
                self.varint(u64::from(*stage));
                self.string(title);
            }
            Record::Correction(Correction {
                id,
                at,
                corrects,
                answers,
                note,
            }) => {
                let flags = CORRECTION_ANSWERS.bits(answers.is_some())
                    | CORRECTION_NOTE.bits(note.is_some());
                self.head(CORRECTION, flags);
                self.string(id);
                self.at(*at);
                self.string(corrects);
                if let Some(answers) = answers {
                    self.answers(answers);
                }
                if let Some(note) = note {
                    self.string(note);
                }
            }
            Record::Psfs(Psfs { id, at, items }) => {
                self.head(PSFS, 0);
                self.string(id);
                self.at(*at);
                self.varint(items.len() as u64);
                for PsfsItem { activity, score } in items {
                    self.string(activity);
                    self.varint(u64::from(*score));
                }
            }
        }
    }

    fn answers(&mut self, a: &Answers) {
        let Answers {
            left,
            right,
            left_type,
            right_type,
            left_foot,
            right_foot,
            leg_pain,
            back_pain,
            weaker,
            mdt,
        } = *a;
        let v = LEG_PAIN.bits(leg_pain)
            | BACK_PAIN.bits(back_pain)
            | LEFT.bits(left)
            | RIGHT.bits(right)
            | LEFT_TYPE.bits(left_type)
            | RIGHT_TYPE.bits(right_type)
            | LEFT_FOOT.bits(left_foot)
            | RIGHT_FOOT.bits(right_foot)
            | MDT.bits(mdt)
            | WEAKER.bits(weaker);
        // Pains are 0-10: fold the two into one byte's worth of bits.
        let (leg, back) = (u64::from(leg_pain), u64::from(back_pain));
        if leg < 16 && back < 16 {
            self.varint(((v >> 16) << 9) | (back << 5) | (leg << 1));
        } else {
            self.varint((v << 1) | 1);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    strings: Vec<Text>,
    prev_at: u64,
    /// The last derived id read, shared by the record that names it next
    /// (a check-in names the set just before it).
    last_id: Option<(u64, usize, Text)>,
    /// Where derived ids are put together, reused to spare an allocation.
    scratch: String,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader {
            bytes,
            pos: 0,
            strings: Vec::new(),
            prev_at: 0,
            last_id: None,
            scratch: String::new(),
        }
    }

    fn byte(&mut self) -> Result<u8> {
        let b = *self.bytes.get(self.pos).ok_or(DecodeError("cut short"))?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(DecodeError("a number too long"))
    }

    fn u32(&mut self) -> Result<u32> {
        u32::try_from(self.varint()?).map_err(|_| DecodeError("a number too large"))
    }

    /// An interned string, shared with every other use in the chunk.
    fn text(&mut self) -> Result<Text> {
        let n = self.varint()?;
        if n > 0 {
            let i = usize::try_from(n - 1).map_err(|_| DecodeError("a bad string reference"))?;
            return self
                .strings
                .get(i)
                .cloned()
                .ok_or(DecodeError("a bad string reference"));
        }
        let len = usize::try_from(self.varint()?).map_err(|_| DecodeError("cut short"))?;
        let end = self
            .pos
            .checked_add(len)
            .filter(|e| *e <= self.bytes.len())
            .ok_or(DecodeError("cut short"))?;
        let s: Text = std::str::from_utf8(&self.bytes[self.pos..end])
            .map_err(|_| DecodeError("text that is not UTF-8"))?
            .into();
        self.pos = end;
        self.strings.push(s.clone());
        Ok(s)
    }

    fn string(&mut self) -> Result<String> {
        self.text().map(|t| t.to_string())
    }

    fn at(&mut self) -> Result<u64> {
        let delta = unzigzag(self.varint()?);
        self.prev_at = self.prev_at.wrapping_add(delta as u64);
        Ok(self.prev_at)
    }

    fn id(&mut self, session: &str) -> Result<Text> {
        let v = self.varint()?;
        if v == 0 {
            return self.text();
        }
        // The same part of the same session as the last id: the session's
        // length too, or session `a` would take `a-b-s1` from session `a-b`.
        if let Some((last, len, id)) = &self.last_id
            && *last == v
            && *len == session.len()
            && id.starts_with(session)
        {
            return Ok(id.clone());
        }
        let part = part_of_code(v).ok_or(DecodeError("a bad id"))?;
        part.write(session, &mut self.scratch);
        let id = Text::from(self.scratch.as_str());
        self.last_id = Some((v, session.len(), id.clone()));
        Ok(id)
    }

    /// A record's type and flags, which may set only bits its fields own.
    fn head(&mut self) -> Result<(u64, u64)> {
        let (kind, flags) = match self.byte()? {
            0 => (self.varint()?, self.varint()?),
            head => (u64::from(head & 0xf), u64::from(head >> 4)),
        };
        let known = usize::try_from(kind)
            .ok()
            .and_then(|k| FLAGS.get(k).copied().flatten())
            .ok_or(DecodeError("an unknown record type"))?;
        if flags & !known != 0 {
            return Err(DecodeError("unknown flags"));
        }
        Ok((kind, flags))
    }

    /// Builds each record as a struct literal: a new field fails to compile
    /// here until it is read.
    fn record(&mut self) -> Result<Record> {
        let (kind, flags) = self.head()?;
        Ok(match kind {
            SESSION_STARTED => Record::SessionStarted(SessionStarted {
                id: self.text()?,
                at: self.at()?,
                pack_id: self.text()?,
                pack_version: self.text()?,
                routine_id: self.text()?,
                routine_title: self.text()?,
            }),
            SET_COMPLETED => {
                let session = self.text()?;
                let id = self.id(&session)?;
                let at = self.at()?;
                let started_at = at.wrapping_sub(unzigzag(self.varint()?) as u64);
                let exercise_id = self.text()?;
                let exercise_name = self.text()?;
                let set = self.u32()?;
                let of = self.u32()?;
                let amount = self.u32()?;
                let dose = match SET_DOSE.get(flags)? {
                    DoseForm::Repetitions => Dose::Repetitions {
                        count: amount,
                        pace_seconds: self.u32()?,
                    },
                    DoseForm::Seconds => Dose::Seconds { seconds: amount },
                };
                Record::SetCompleted(SetCompleted {
                    id,
                    session,
                    at,
                    started_at,
                    exercise_id,
                    exercise_name,
                    kind: SET_KIND.get(flags)?,
                    set,
                    of,
                    dose,
                    stopped_early: SET_STOPPED_EARLY.get(flags)?,
                })
            }
            CHECK_IN => {
                let session = self.text()?;
                let id = self.id(&session)?;
                let at = self.at()?;
                let after_set = match CHECK_IN_AFTER_SET.get(flags)? {
                    false => None,
                    true => Some(self.id(&session)?),
                };
                let answers = self.answers()?;
                let note = match CHECK_IN_NOTE.get(flags)? {
                    false => None,
                    true => Some(self.string()?),
                };
                Record::CheckIn(CheckInRecord {
                    id,
                    session,
                    at,
                    after_set,
                    answers,
                    note,
                })
            }
            SESSION_ENDED => {
                let session = self.text()?;
                Record::SessionEnded(SessionEnded {
                    id: self.id(&session)?,
                    at: self.at()?,
                    outcome: ENDED_OUTCOME.get(flags)?,
                    session,
                })
            }
            SAFETY_STOP => {
                let session = self.text()?;
                Record::SafetyStop(SafetyStop {
                    id: self.id(&session)?,
                    at: self.at()?,
                    exercise_id: self.text()?,
                    exercise_name: self.text()?,
                    check_in: self.id(&session)?,
                    change: STOP_CHANGE.get(flags)?,
                    session,
                })
            }
            WARNING_CHECK => {
                let id = self.string()?;
                let at = self.at()?;
                let n = self.varint()?;
                if n > (self.bytes.len() - self.pos) as u64 {
                    return Err(DecodeError("cut short"));
                }
                let yes = (0..n).map(|_| self.string()).collect::<Result<_>>()?;
                Record::WarningCheck(WarningCheck {
                    id,
                    at,
                    yes,
                    outcome: WARNING_OUTCOME.get(flags)?,
                })
            }
            ACKNOWLEDGED => Record::Acknowledged(Acknowledged {
                id: self.string()?,
                at: self.at()?,
                what: self.string()?,
            }),
            SELF_CHECK => Record::SelfCheck(SelfCheck {
                id: self.string()?,
                at: self.at()?,
                left: self.u32()?,
                right: self.u32()?,
                toe_walk_left: TOE_WALK_LEFT.get(flags)?,
                toe_walk_right: TOE_WALK_RIGHT.get(flags)?,
            }),
            STAGE_ACCEPTED => Record::StageAccepted(StageAccepted {
                id: self.string()?,
                at: self.at()?,
                pack_id: self.text()?,
                stage: self.u32()?,
                title: self.text()?,
            }),
            CORRECTION => Record::Correction(Correction {
                id: self.string()?,
                at: self.at()?,
                corrects: self.text()?,
                answers: match CORRECTION_ANSWERS.get(flags)? {
                    false => None,
                    true => Some(self.answers()?),
                },
                note: match CORRECTION_NOTE.get(flags)? {
                    false => None,
                    true => Some(self.string()?),
                },
            }),
            PSFS => {
                let id = self.string()?;
                let at = self.at()?;
                let n = self.varint()?;
                if n > (self.bytes.len() - self.pos) as u64 {
                    return Err(DecodeError("cut short"));
                }
                let items = (0..n)
                    .map(|_| {
                        Ok(PsfsItem {
                            activity: self.string()?,
                            score: u8::try_from(self.varint()?)
                                .map_err(|_| DecodeError("a score out of range"))?,
                        })
                    })
                    .collect::<Result<_>>()?;
                Record::Psfs(Psfs { id, at, items })
            }
            _ => return Err(DecodeError("an unknown record type")),
        })
    }

    fn answers(&mut self) -> Result<Answers> {
        let raw = self.varint()?;
        let v = if raw & 1 == 0 {
            // Narrow pains: 4 bits each, the other fields from bit 9.
            ((raw >> 9) << 16) | (((raw >> 5) & 0xf) << 8) | ((raw >> 1) & 0xf)
        } else {
            raw >> 1
        };
        // (Bits shifted out of a narrow set would not be seen below.)
        if v & !const { known(&ANSWERS) } != 0 || (raw & 1 == 0 && raw >> 57 != 0) {
            return Err(DecodeError("unknown check-in answers"));
        }
        Ok(Answers {
            left: LEFT.get(v)?,
            right: RIGHT.get(v)?,
            left_type: LEFT_TYPE.get(v)?,
            right_type: RIGHT_TYPE.get(v)?,
            left_foot: LEFT_FOOT.get(v)?,
            right_foot: RIGHT_FOOT.get(v)?,
            leg_pain: LEG_PAIN.get(v)?,
            back_pain: BACK_PAIN.get(v)?,
            weaker: WEAKER.get(v)?,
            mdt: MDT.get(v)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{DeserializeOwned, IntoDeserializer, value::U32Deserializer};

    /// Every bit set: each record type's head flags, and the answers.
    fn bit_sets() -> Vec<(&'static str, &'static [Shape])> {
        let mut sets: Vec<(&str, &[Shape])> = HEADS.iter().map(|(_, n, f)| (*n, *f)).collect();
        sets.push(("answers", &ANSWERS));
        sets
    }

    #[test]
    fn every_field_has_room_for_one_more_value() {
        for (set, fields) in bit_sets() {
            let mut owned = 0u64;
            for f in fields {
                assert!(
                    f.values <= f.capacity,
                    "{set}.{}: values do not fit",
                    f.name
                );
                assert!(
                    !f.grows || f.values < f.capacity,
                    "{set}.{}: {} values fill its {} numbers; give it another bit above \
                     every other field of {set}",
                    f.name,
                    f.values,
                    f.capacity,
                );
                assert_eq!(f.mask.count_ones(), f.capacity.ilog2(), "{set}.{}", f.name);
                assert_eq!(owned & f.mask, 0, "{set}.{} overlaps another field", f.name);
                owned |= f.mask;
            }
        }
    }

    /// Every unit variant of a serde enum, by its index (no list to keep).
    fn variants<T: DeserializeOwned>() -> Vec<T> {
        (0u32..)
            .map_while(|i| {
                let d: U32Deserializer<serde::de::value::Error> = i.into_deserializer();
                T::deserialize(d).ok()
            })
            .collect()
    }

    fn numbers_are_one_to_one<T: Coded + PartialEq + fmt::Debug>(all: &[T]) {
        assert_eq!(all.len() as u64, T::VALUES, "{all:?}");
        for (i, v) in all.iter().enumerate() {
            assert_eq!(T::from_code(v.code()), Some(*v));
            assert!(all[..i].iter().all(|w| w.code() != v.code()), "{v:?}");
        }
        for code in 0..T::VALUES {
            assert_eq!(T::from_code(code).map(T::code), Some(code));
        }
        assert_eq!(T::from_code(T::VALUES), None);
    }

    fn every_variant_has_a_number<T: Coded + PartialEq + fmt::Debug + DeserializeOwned>() {
        numbers_are_one_to_one(&variants::<T>());
        numbers_are_one_to_one(
            &[None]
                .into_iter()
                .chain(variants::<T>().into_iter().map(Some))
                .collect::<Vec<_>>(),
        );
    }

    #[test]
    fn every_variant_has_one_number_and_every_number_one_variant() {
        every_variant_has_a_number::<Kind>();
        every_variant_has_a_number::<Outcome>();
        every_variant_has_a_number::<Tier>();
        every_variant_has_a_number::<Change>();
        every_variant_has_a_number::<Level>();
        every_variant_has_a_number::<SymptomType>();
        every_variant_has_a_number::<FootArea>();
        every_variant_has_a_number::<MdtAfter>();
        numbers_are_one_to_one(&[DoseForm::Repetitions, DoseForm::Seconds]);
        numbers_are_one_to_one(&[false, true]);
        assert_eq!(
            variants::<Change>().len(),
            7,
            "the enumeration by index works"
        );
    }

    fn set_completed() -> Record {
        Record::SetCompleted(SetCompleted {
            id: "a-s1".into(),
            session: "a".into(),
            at: 1_790_000_000_000,
            started_at: 1_789_999_990_000,
            exercise_id: "e".into(),
            exercise_name: "E".into(),
            kind: Kind::Hold,
            set: 1,
            of: 3,
            dose: Dose::Seconds { seconds: 10 },
            stopped_early: true,
        })
    }

    /// A record's bytes with its head replaced.
    fn with_head(record: &Record, head: &[u8]) -> String {
        let mut w = Writer::default();
        w.record(record);
        let mut bytes = head.to_vec();
        bytes.extend_from_slice(&w.out[1..]);
        chunk(&bytes)
    }

    #[test]
    fn a_long_head_reads_as_the_short_one_and_unknown_flags_are_errors() {
        let record = set_completed();
        let short = encode_chunk(std::slice::from_ref(&record));
        let head = SET_COMPLETED | (SET_KIND.bits(Kind::Hold) | 0b1100) << 4;
        assert_eq!(with_head(&record, &[head as u8]), short);
        let long = with_head(&record, &[0, SET_COMPLETED as u8, 0b1110]);
        assert_eq!(decode_chunk(&long), Ok(vec![record.clone()]));
        // A dose form past the last is a value out of range.
        let future = with_head(&record, &[0, SET_COMPLETED as u8, 0b1_0110]);
        assert_eq!(
            decode_chunk(&future),
            Err(DecodeError("a value out of range"))
        );
        // A kind past the last, a bit no field owns, a type not known.
        for (head, error) in [
            (&[0xf2][..], "a value out of range"),
            (&[0, 2, 0b10_0010], "unknown flags"),
            (&[12], "an unknown record type"),
            (&[0x10], "an unknown record type"),
            (&[0, 16, 0], "an unknown record type"),
        ] {
            let text = with_head(&record, head);
            assert_eq!(decode_chunk(&text), Err(DecodeError(error)), "{head:?}");
        }
    }

    #[test]
    fn an_unknown_value_in_any_field_is_an_error() {
        let ended = Record::SessionEnded(SessionEnded {
            id: "a-end".into(),
            session: "a".into(),
            at: 5,
            outcome: Outcome::TimedOut,
        });
        let stop = Record::SafetyStop(SafetyStop {
            id: "a-stop1".into(),
            session: "a".into(),
            at: 5,
            exercise_id: "e".into(),
            exercise_name: "E".into(),
            change: Change::NewNerveSign,
            check_in: "a-c1".into(),
        });
        let check = Record::WarningCheck(WarningCheck {
            id: "w".into(),
            at: 5,
            yes: vec![],
            outcome: Some(Tier::Emergency),
        });
        let started = Record::SessionStarted(SessionStarted {
            id: "a".into(),
            at: 5,
            pack_id: "p".into(),
            pack_version: "1".into(),
            routine_id: "r".into(),
            routine_title: "R".into(),
        });
        for (record, ok, bad) in [
            (&ended, 0x24, 0x34),
            (&stop, 0x65, 0x75),
            (&check, 0x26, 0x36),
            (&started, 0x01, 0x11),
        ] {
            let good = with_head(record, &[ok]);
            assert_eq!(good, encode_chunk(std::slice::from_ref(record)));
            assert_eq!(decode_chunk(&good).as_ref(), Ok(&vec![record.clone()]));
            assert!(
                decode_chunk(&with_head(record, &[bad])).is_err(),
                "{bad:#x}"
            );
        }
    }

    fn answers(raw: u64) -> Result<Answers> {
        let mut w = Writer::default();
        w.varint(raw);
        Reader::new(&w.out).answers()
    }

    #[test]
    fn answers_with_an_unknown_value_or_bit_are_errors() {
        let a = Answers::new(Level::AnkleFoot, Level::None, 3, 2);
        let mut w = Writer::default();
        w.answers(&a);
        let raw = Reader::new(&w.out).varint().unwrap();
        assert_eq!(answers(raw), Ok(a));
        // The same set written wide reads the same.
        let v = ((raw >> 9) << 16) | (2 << 8) | 3;
        assert_eq!(answers((v << 1) | 1), Ok(a));
        let wide = |v: u64| answers((v << 1) | 1);
        for (bits, what) in [
            (6 << 16, "left past the last level"),
            (1 << 34, "left_type past the last (in its third bit)"),
            (1 << 36, "left_foot past the last"),
            (1 << 38, "mdt past the last"),
            (1 << 39, "a bit no field owns"),
            (1 << 62, "a bit no field owns"),
        ] {
            assert!(wide(bits).is_err(), "{what}");
        }
        assert!(answers(1 << 60).is_err(), "narrow, shifted out");
    }
}
