//! Text made safe to place in HTML: the report and the charts hold the
//! patient's words (notes, activities) and a pack's (exercise names).

/// `text` with the five characters HTML gives meaning to escaped, fit for
/// element content and quoted attribute values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
