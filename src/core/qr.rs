//! QR codes of share links, drawn as one SVG path, so a therapist can show
//! a pack on a screen and the patient's phone camera can read it.

use qrcodegen::{QrCode, QrCodeEcc};
use serde::{Deserialize, Serialize};

/// A QR code as an SVG path of its dark modules: `size` modules square,
/// to draw inside a `viewBox` with a quiet zone of 4 modules around it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrPath {
    pub size: u32,
    pub path: String,
}

/// The QR code of `text`, with the lowest error correction that still
/// holds it (a screen shows it sharply; more data per module matters more),
/// or None when the text is too long for any QR code.
pub fn encode(text: &str) -> Option<QrPath> {
    let code = QrCode::encode_text(text, QrCodeEcc::Low).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            // One rectangle per run of dark modules in a row.
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            path += &format!("M{start} {y}h{}v1h-{}z", x - start, x - start);
        }
    }
    Some(QrPath {
        size: size as u32,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn a_link_becomes_a_square_of_runs_and_too_much_text_none() {
        let qr = encode("http://127.0.0.1:8080/#pack=1.abc").unwrap();
        assert!(qr.size >= 21 && qr.size % 4 == 1, "{}", qr.size);
        assert!(
            qr.path.starts_with("M0 0h7v1h-7z"),
            "finder pattern first: {}",
            &qr.path[..20]
        );
        assert!(encode(&"x".repeat(3000)).is_none());
    }
}
