//! The compact chunk encoding of schema 2.
//!
//! Browsers give a site about 5 M UTF-16 code units of local storage and
//! recovery takes months to years, so records are stored as bytes designed
//! for them, then packed 15 bits to a code unit:
//!
//! - A chunk is `'2'` followed by the packed bytes: a 4-byte
//!   checksum (little-endian) of the records that follow, to the end (the
//!   last code unit may add one zero byte of padding).
//! - A record starts with a byte: the record type in the low 4 bits, flags
//!   in the high 4. Numbers are LEB128 varints; signed ones zigzagged.
//! - Times are milliseconds, each the difference from the previous record's
//!   time in the chunk (the first from zero).
//! - Strings are interned per chunk: a varint `0` followed by the length
//!   and the UTF-8 bytes the first time, then `n` for the n-th string.
//! - Ids of records in a session are derived from the session's id
//!   (`{session}-s3`, `-c3`, `-stop3`, `-end`) and stored as a form and a
//!   number; any other id is stored as a string.
//!
//! A chunk that fails its checksum or does not decode to the end is an
//! error as a whole: the store keeps it aside, never half-reads it.

use super::records::{
    Acknowledged, CheckInRecord, Outcome, Record, SafetyStop, SessionEnded, SessionStarted,
    SetCompleted, Text, WarningCheck,
};
use crate::core::pack::{Dose, Kind};
use crate::core::red_flags::Tier;
use crate::core::self_check::SelfCheck;
use crate::core::symptoms::{Answers, Change, FootArea, Level, MdtAfter, SymptomType};
use std::fmt;

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
    let mut bytes = checksum(&w.out).to_le_bytes().to_vec();
    bytes.extend_from_slice(&w.out);
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
    let mut r = Reader {
        bytes: rest,
        pos: 0,
        strings: Vec::new(),
        prev_at: 0,
        last_id: None,
        scratch: String::new(),
    };
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
    let mut bytes = Vec::with_capacity(utf8.len() / 3 * 15 / 8 + 1);
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
        bits += 15;
        while bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
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

// ---- record layout ----

const SESSION_STARTED: u8 = 1;
const SET_COMPLETED: u8 = 2;
const CHECK_IN: u8 = 3;
const SESSION_ENDED: u8 = 4;
const SAFETY_STOP: u8 = 5;
const WARNING_CHECK: u8 = 6;
const ACKNOWLEDGED: u8 = 7;
const SELF_CHECK: u8 = 8;

const KINDS: [Kind; 3] = [Kind::Repeated, Kind::Sustained, Kind::Hold];
const OUTCOMES: [Outcome; 3] = [Outcome::Completed, Outcome::EndedEarly, Outcome::TimedOut];
const TIERS: [Tier; 2] = [Tier::Urgent, Tier::Emergency];

/// Derived id forms: `{session}-{prefix}{n}`.
const ID_FORMS: [&str; 4] = ["s", "c", "stop", "end"];

fn index<T: PartialEq>(all: &[T], v: &T) -> u32 {
    all.iter().position(|a| a == v).unwrap_or(0) as u32
}

fn option_index<T: PartialEq>(all: &[T], v: &Option<T>) -> u32 {
    v.as_ref().map_or(0, |v| 1 + index(all, v))
}

fn nth<T: Copy>(all: &[T], i: u64) -> Result<T> {
    usize::try_from(i)
        .ok()
        .and_then(|i| all.get(i).copied())
        .ok_or(DecodeError("a value out of range"))
}

fn option_nth<T: Copy>(all: &[T], i: u64) -> Result<Option<T>> {
    match i {
        0 => Ok(None),
        i => nth(all, i - 1).map(Some),
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
        let derived = id
            .strip_prefix(session)
            .and_then(|s| s.strip_prefix('-'))
            .filter(|_| !session.is_empty())
            .and_then(|suffix| {
                if suffix == "end" {
                    return Some((3, 0));
                }
                ID_FORMS[..3].iter().enumerate().find_map(|(form, p)| {
                    let digits = suffix.strip_prefix(p)?;
                    let n: u32 = digits.parse().ok()?;
                    (n.to_string() == digits).then_some((form as u64, u64::from(n)))
                })
            });
        match derived {
            Some((form, n)) => self.varint((n << 3) | (form + 1)),
            None => {
                self.varint(0);
                self.string(id);
            }
        }
    }

    fn head(&mut self, kind: u8, flags: u8) {
        self.out.push(kind | (flags << 4));
    }

    fn record(&mut self, record: &Record) {
        match record {
            Record::SessionStarted(r) => {
                self.head(SESSION_STARTED, 0);
                self.string(&r.id);
                self.at(r.at);
                self.string(&r.pack_id);
                self.string(&r.pack_version);
                self.string(&r.routine_id);
                self.string(&r.routine_title);
            }
            Record::SetCompleted(r) => {
                let (dose, a, b) = match r.dose {
                    Dose::Repetitions {
                        count,
                        pace_seconds,
                    } => (0, count, pace_seconds),
                    Dose::Seconds { seconds } => (1, seconds, 0),
                };
                let flags =
                    index(&KINDS, &r.kind) as u8 | dose << 2 | u8::from(r.stopped_early) << 3;
                self.head(SET_COMPLETED, flags);
                self.string(&r.session);
                self.id(&r.id, &r.session);
                self.at(r.at);
                self.varint(zigzag(r.at.wrapping_sub(r.started_at) as i64));
                self.string(&r.exercise_id);
                self.string(&r.exercise_name);
                self.varint(u64::from(r.set));
                self.varint(u64::from(r.of));
                self.varint(u64::from(a));
                if dose == 0 {
                    self.varint(u64::from(b));
                }
            }
            Record::CheckIn(r) => {
                let flags = u8::from(r.after_set.is_some()) | u8::from(r.note.is_some()) << 1;
                self.head(CHECK_IN, flags);
                self.string(&r.session);
                self.id(&r.id, &r.session);
                self.at(r.at);
                if let Some(set) = &r.after_set {
                    self.id(set, &r.session);
                }
                self.answers(&r.answers);
                if let Some(note) = &r.note {
                    self.string(note);
                }
            }
            Record::SessionEnded(r) => {
                self.head(SESSION_ENDED, index(&OUTCOMES, &r.outcome) as u8);
                self.string(&r.session);
                self.id(&r.id, &r.session);
                self.at(r.at);
            }
            Record::SafetyStop(r) => {
                self.head(SAFETY_STOP, index(&Change::ALL, &r.change) as u8);
                self.string(&r.session);
                self.id(&r.id, &r.session);
                self.at(r.at);
                self.string(&r.exercise_id);
                self.string(&r.exercise_name);
                self.id(&r.check_in, &r.session);
            }
            Record::WarningCheck(r) => {
                self.head(WARNING_CHECK, option_index(&TIERS, &r.outcome) as u8);
                self.string(&r.id);
                self.at(r.at);
                self.varint(r.yes.len() as u64);
                for y in &r.yes {
                    self.string(y);
                }
            }
            Record::Acknowledged(r) => {
                self.head(ACKNOWLEDGED, 0);
                self.string(&r.id);
                self.at(r.at);
                self.string(&r.what);
            }
            Record::SelfCheck(r) => {
                let flags = u8::from(r.toe_walk_left) | u8::from(r.toe_walk_right) << 1;
                self.head(SELF_CHECK, flags);
                self.string(&r.id);
                self.at(r.at);
                self.varint(u64::from(r.left));
                self.varint(u64::from(r.right));
            }
        }
    }

    /// The rarely set fields sit in the high bits, so a typical check-in
    /// takes three bytes.
    fn answers(&mut self, a: &Answers) {
        let fields = [
            (u64::from(a.leg_pain), 8),
            (u64::from(a.back_pain), 8),
            (u64::from(index(&Level::ALL, &a.left)), 3),
            (u64::from(index(&Level::ALL, &a.right)), 3),
            (u64::from(option_index(&SymptomType::ALL, &a.left_type)), 2),
            (u64::from(option_index(&SymptomType::ALL, &a.right_type)), 2),
            (u64::from(option_index(&FootArea::ALL, &a.left_foot)), 2),
            (u64::from(option_index(&FootArea::ALL, &a.right_foot)), 2),
            (u64::from(option_index(&MdtAfter::ALL, &a.mdt)), 3),
            (u64::from(a.weaker), 1),
        ];
        let (mut v, mut shift) = (0u64, 0);
        for (field, bits) in fields {
            v |= field << shift;
            shift += bits;
        }
        // Pains are 0-10: fold the two into one byte's worth of bits.
        let pains = (v & 0xffff) as u16;
        let (leg, back) = ((pains & 0xff) as u64, (pains >> 8) as u64);
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
    last_id: Option<(u64, Text)>,
    /// Where derived ids are put together, reused to spare an allocation.
    scratch: String,
}

impl Reader<'_> {
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
        let form = (v & 7) as usize;
        let n = v >> 3;
        match form {
            0 if n == 0 => self.text(),
            1..=4 if form < 4 || n == 0 => {
                if let Some((last, id)) = &self.last_id
                    && *last == v
                    && id.starts_with(session)
                    && id.as_bytes().get(session.len()) == Some(&b'-')
                {
                    return Ok(id.clone());
                }
                let n = u32::try_from(n).map_err(|_| DecodeError("a bad id"))?;
                // Built by hand: `format!` costs more than the rest of a
                // record when years of them load.
                let id = &mut self.scratch;
                id.clear();
                id.push_str(session);
                id.push('-');
                id.push_str(ID_FORMS[form - 1]);
                if form < 4 {
                    let mut digits = [0u8; 10];
                    let mut at = digits.len();
                    let mut rest = n;
                    loop {
                        at -= 1;
                        digits[at] = b'0' + (rest % 10) as u8;
                        rest /= 10;
                        if rest == 0 {
                            break;
                        }
                    }
                    id.extend(digits[at..].iter().map(|&d| char::from(d)));
                }
                let id: Text = Text::from(id.as_str());
                self.last_id = Some((v, id.clone()));
                Ok(id)
            }
            _ => Err(DecodeError("a bad id")),
        }
    }

    fn record(&mut self) -> Result<Record> {
        let head = self.byte()?;
        let flags = head >> 4;
        Ok(match head & 0xf {
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
                let a = self.u32()?;
                let dose = if flags & 4 == 0 {
                    Dose::Repetitions {
                        count: a,
                        pace_seconds: self.u32()?,
                    }
                } else {
                    Dose::Seconds { seconds: a }
                };
                Record::SetCompleted(SetCompleted {
                    id,
                    session,
                    at,
                    started_at,
                    exercise_id,
                    exercise_name,
                    kind: nth(&KINDS, u64::from(flags & 3))?,
                    set,
                    of,
                    dose,
                    stopped_early: flags & 8 != 0,
                })
            }
            CHECK_IN => {
                let session = self.text()?;
                let id = self.id(&session)?;
                let at = self.at()?;
                let after_set = match flags & 1 {
                    0 => None,
                    _ => Some(self.id(&session)?),
                };
                let answers = self.answers()?;
                let note = match flags & 2 {
                    0 => None,
                    _ => Some(self.string()?),
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
                    outcome: nth(&OUTCOMES, u64::from(flags))?,
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
                    change: nth(&Change::ALL, u64::from(flags))?,
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
                    outcome: option_nth(&TIERS, u64::from(flags))?,
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
                toe_walk_left: flags & 1 != 0,
                toe_walk_right: flags & 2 != 0,
            }),
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
        let mut shift = 0;
        let mut field = |bits: u32| {
            let f = (v >> shift) & ((1 << bits) - 1);
            shift += bits;
            f
        };
        let (leg, back) = (field(8) as u8, field(8) as u8);
        let (left, right) = (field(3), field(3));
        let (lt, rt, lf, rf) = (field(2), field(2), field(2), field(2));
        let (mdt, weaker) = (field(3), field(1));
        if v >> shift != 0 {
            return Err(DecodeError("unknown check-in answers"));
        }
        Ok(Answers {
            left: nth(&Level::ALL, left)?,
            right: nth(&Level::ALL, right)?,
            left_type: option_nth(&SymptomType::ALL, lt)?,
            right_type: option_nth(&SymptomType::ALL, rt)?,
            left_foot: option_nth(&FootArea::ALL, lf)?,
            right_foot: option_nth(&FootArea::ALL, rf)?,
            leg_pain: leg,
            back_pain: back,
            weaker: weaker != 0,
            mdt: option_nth(&MdtAfter::ALL, mdt)?,
        })
    }
}
