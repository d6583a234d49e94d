//! Reading the two clocks the core needs.

use crate::core::time::Now;

/// Both clocks, read together. `performance.now()` is monotonic within the
/// page; `Date.now()` is the wall clock for records.
pub fn now() -> Now {
    let mono = web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now());
    Now::new(mono.max(0.0) as u64, js_sys::Date::now().max(0.0) as u64)
}

/// Midnight at the start of today, local time, as wall-clock milliseconds:
/// "stopped for the rest of the day" ends there.
pub fn start_of_today() -> u64 {
    let date = js_sys::Date::new_0();
    date.set_hours(0);
    date.set_minutes(0);
    date.set_seconds(0);
    date.set_milliseconds(0);
    date.get_time().max(0.0) as u64
}

/// Monday 00:00 of this week, local time: the warning-signs check is asked
/// before the first session after it.
pub fn start_of_week() -> u64 {
    let date = js_sys::Date::new_0();
    // getDay: 0 is Sunday.
    let back = (date.get_day() + 6) % 7;
    date.set_date(date.get_date() - back);
    date.set_hours(0);
    date.set_minutes(0);
    date.set_seconds(0);
    date.set_milliseconds(0);
    date.get_time().max(0.0) as u64
}

/// The patient's offset from UTC now, in milliseconds (positive east).
pub fn utc_offset_ms() -> i64 {
    -(js_sys::Date::new_0().get_timezone_offset() * 60_000.0) as i64
}

/// The patient's offset from UTC at `wall_ms` (the browser knows the time
/// zone's daylight-saving rules).
pub fn utc_offset_at(wall_ms: u64) -> i64 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(wall_ms as f64));
    -(date.get_timezone_offset() * 60_000.0) as i64
}

/// Resolves in a later task, after the browser has had the page for input
/// and paint. A message to itself rather than a zero timeout: timers are
/// throttled in hidden pages (and paused by a test's fake clock).
pub async fn next_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
    });
    let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    channel.port1().set_onmessage(None);
}

/// A random id that is unique enough across tabs and devices: the wall time
/// plus 48 random bits, in base 36.
pub fn random_id() -> String {
    let t = js_sys::Date::now().max(0.0) as u64;
    let r = (js_sys::Math::random() * 281_474_976_710_656.0) as u64;
    format!("{}{}", base36(t), base36(r))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The local date of a wall-clock time as `YYYY-MM-DD`, for file names.
pub fn local_date(wall_ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(wall_ms as f64));
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}
