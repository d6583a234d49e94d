//! The pack tools the app loads only when a therapist or patient needs them
//! (checking, installing, printing and sharing packs): the TOML parser and
//! printer, compression and QR codes are large, and the first screen never
//! needs them. Built for wasm32, `src/pack_tools.rs` runs `handle` in a web
//! worker; natively it answers the same requests on stdin.
//!
//! Requests and responses are JSON, one per message.

use crate::core::link;
use crate::core::pack::{self, Pack, Problem};
use crate::core::qr::{self, QrPath};
use serde::{Deserialize, Serialize};

// A message is made once and serialised at once: its size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Request {
    /// Parse and validate TOML text (a file, or what was pasted).
    Check { text: String },
    /// Read the pack a share link carries, then check it.
    OpenLink { address: String },
    /// The pack as a TOML file.
    Print { pack: Pack },
    /// The pack's share link, with its QR code, for the app at `base`.
    Share { base: String, pack: Pack },
    /// What changed from the installed version.
    Compare { old: Pack, new: Pack },
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum Response {
    /// `pack` is there unless a problem is an error.
    Checked {
        pack: Option<Pack>,
        problems: Vec<Problem>,
    },
    /// The link could not be read at all.
    BadLink {
        message: String,
    },
    Printed {
        text: String,
    },
    /// `qr` is None when the link is too long for a QR code.
    Shared {
        link: String,
        qr: Option<QrPath>,
    },
    Compared {
        changes: Vec<String>,
    },
    /// The request itself was not understood (a bug between app versions).
    Failed {
        message: String,
    },
}

pub fn handle(request: &str) -> String {
    let response = match serde_json::from_str::<Request>(request) {
        Ok(request) => answer(request),
        Err(e) => Response::Failed {
            message: format!("unreadable request: {e}"),
        },
    };
    serde_json::to_string(&response).unwrap_or_default()
}

fn answer(request: Request) -> Response {
    match request {
        Request::Check { text } => check(&text),
        Request::OpenLink { address } => match link::read(&address) {
            Ok(text) => check(&text),
            Err(e) => Response::BadLink {
                message: e.to_string(),
            },
        },
        Request::Print { pack } => Response::Printed {
            text: pack::print(&pack),
        },
        Request::Share { base, pack } => {
            let link = link::link(&base, &pack);
            let qr = qr::encode(&link);
            Response::Shared { link, qr }
        }
        Request::Compare { old, new } => Response::Compared {
            changes: pack::changes(&old, &new),
        },
    }
}

fn check(text: &str) -> Response {
    match pack::parse(text) {
        Ok((pack, warnings)) => Response::Checked {
            pack: Some(pack),
            problems: warnings,
        },
        Err(problems) => Response::Checked {
            pack: None,
            problems,
        },
    }
}
