//! The ids of the records a session writes. Each is the session's id and
//! a typed part (`Part`), so the session never builds an id by hand and the
//! codec can store a derived id as a small number instead of a string: the
//! one place that knows the textual form is here, and a round trip through
//! it is tested.

use super::Text;

/// What a derived id names within its session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The `n`th set done (1-based): `{session}-s{n}`.
    Set(u32),
    /// The `n`th check-in (0 is the baseline): `{session}-c{n}`.
    CheckIn(u32),
    /// The safety stop after check-in `n`: `{session}-stop{n}`.
    Stop(u32),
    /// The session's end: `{session}-end`.
    End,
    /// The patient read the urgent advice, the `hold`th time in the
    /// session (1-based): `{session}-ack{check_in}-{hold}`.
    Ack { check_in: u32, hold: u32 },
}

const SET: &str = "s";
const CHECK_IN: &str = "c";
const STOP: &str = "stop";
const END: &str = "end";
const ACK: &str = "ack";

impl Part {
    /// This part's id in `session`.
    pub fn of(self, session: &str) -> Text {
        let mut id = String::with_capacity(session.len() + 8);
        self.write(session, &mut id);
        id.into()
    }

    /// Writes this part's id in `session` into `out` (cleared first). Built
    /// by hand rather than with `format!`, which costs more than the rest
    /// of a record when years of them are decoded.
    pub fn write(self, session: &str, out: &mut String) {
        out.clear();
        out.push_str(session);
        out.push('-');
        match self {
            Part::Set(n) => {
                out.push_str(SET);
                number(out, n);
            }
            Part::CheckIn(n) => {
                out.push_str(CHECK_IN);
                number(out, n);
            }
            Part::Stop(n) => {
                out.push_str(STOP);
                number(out, n);
            }
            Part::End => out.push_str(END),
            Part::Ack { check_in, hold } => {
                out.push_str(ACK);
                number(out, check_in);
                out.push('-');
                number(out, hold);
            }
        }
    }

    /// The part `id` names in `session`, if it is one of its derived ids
    /// written exactly as [`Part::of`] writes it.
    pub fn parse(id: &str, session: &str) -> Option<Part> {
        if session.is_empty() {
            return None;
        }
        let rest = id.strip_prefix(session)?.strip_prefix('-')?;
        if rest == END {
            return Some(Part::End);
        }
        // "stop" before "s": a stop's suffix also begins with "s".
        if let Some(n) = rest.strip_prefix(STOP) {
            return parse_number(n).map(Part::Stop);
        }
        if let Some(n) = rest.strip_prefix(ACK) {
            let (check_in, hold) = n.split_once('-')?;
            return Some(Part::Ack {
                check_in: parse_number(check_in)?,
                hold: parse_number(hold)?,
            });
        }
        if let Some(n) = rest.strip_prefix(SET) {
            return parse_number(n).map(Part::Set);
        }
        rest.strip_prefix(CHECK_IN)
            .and_then(parse_number)
            .map(Part::CheckIn)
    }
}

fn number(out: &mut String, n: u32) {
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
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// A number written as `number` writes it: digits only, no leading zero.
fn parse_number(s: &str) -> Option<u32> {
    let canonical =
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    canonical.then(|| s.parse().ok()).flatten()
}
