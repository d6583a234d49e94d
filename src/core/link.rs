//! Share links: the whole pack travels in the link's fragment (the part
//! after `#`, which browsers never send to a server), as the printed TOML
//! compressed with DEFLATE and written in URL-safe base64.
//!
//! `https://example.org/centralise/#pack=1.<base64url>`: the `1.` is the
//! link format, so a later encoding can be told apart.

use crate::core::pack::{Pack, print};
use std::fmt;

const KEY: &str = "pack=";
const VERSION: &str = "1.";
/// No real pack comes near this; it bounds what a hostile link can make
/// the decompressor allocate.
const MAX_TEXT_BYTES: usize = 256 * 1024;

/// Why a link could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// The address carries no pack.
    NoPack,
    /// A link format this app does not know (made by a newer app).
    NewerFormat,
    /// Characters lost or changed, e.g. by a chat app cutting the link.
    Damaged,
    TooLarge,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LinkError::NoPack => "this link does not carry an exercise pack",
            LinkError::NewerFormat => {
                "this link was made by a newer version of Centralise: update the app, then open it again"
            }
            LinkError::Damaged => {
                "this link is damaged or incomplete (was it cut short when it was copied?): ask for it again"
            }
            LinkError::TooLarge => "this link holds more than a pack can be",
        })
    }
}

/// The fragment, without `#`, that carries `pack`.
pub fn fragment(pack: &Pack) -> String {
    fragment_of_text(&print(pack))
}

/// The fragment that carries `text` as it is (`fragment` gives it the
/// printed pack).
pub fn fragment_of_text(text: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 10);
    format!("{KEY}{VERSION}{}", base64url(&packed))
}

/// The full link: `base` (the app's address; any fragment it has is
/// dropped) with the pack in its fragment.
pub fn link(base: &str, pack: &Pack) -> String {
    let base = base.split('#').next().unwrap_or(base);
    format!("{base}#{}", fragment(pack))
}

/// Whether an address or fragment is a pack link, before decoding it.
pub fn is_pack_link(address: &str) -> bool {
    fragment_of(address).is_some()
}

fn fragment_of(address: &str) -> Option<&str> {
    let hash = address.split_once('#').map_or(address, |(_, h)| h);
    hash.strip_prefix(KEY)
}

/// The pack's TOML text from a link, a fragment (with or without `#`), or
/// what was pasted; still to be checked with `parse`.
pub fn read(address: &str) -> Result<String, LinkError> {
    let payload = fragment_of(address.trim()).ok_or(LinkError::NoPack)?;
    let data = payload
        .strip_prefix(VERSION)
        .ok_or(LinkError::NewerFormat)?;
    let packed = from_base64url(data).ok_or(LinkError::Damaged)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_TEXT_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            _ => LinkError::Damaged,
        })?;
    String::from_utf8(bytes).map_err(|_| LinkError::Damaged)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 base64url without padding: 4 characters per 3 bytes.
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let digits: Option<Vec<u32>> = text
        .bytes()
        .map(|c| ALPHABET.iter().position(|&a| a == c).map(|p| p as u32))
        .collect();
    let digits = digits?;
    if digits.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, d)| n | d << (18 - 6 * i));
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{base64url, from_base64url};

    #[test]
    fn base64url_matches_the_rfc_examples_and_round_trips() {
        // RFC 4648 section 10, without padding.
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64url(plain.as_bytes()), encoded);
            assert_eq!(from_base64url(encoded).unwrap(), plain.as_bytes());
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(from_base64url(&base64url(&all)).unwrap(), all);
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(from_base64url("Zm9v+"), None);
        assert_eq!(from_base64url("Z"), None);
    }
}
