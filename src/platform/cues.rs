//! Cues the patient can follow without looking: speech (Web Speech API),
//! vibration, and tones from Web Audio, plus the screen wake lock. Every
//! API is feature-detected; a missing one is skipped, never an error.

use crate::core::session::{Tone, Vibration};
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AudioContext, OscillatorNode};

thread_local! {
    static AUDIO: RefCell<Option<AudioContext>> = const { RefCell::new(None) };
    static SCHEDULED: RefCell<Vec<OscillatorNode>> = const { RefCell::new(Vec::new()) };
    static WAKE_LOCK: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// Whether the screen should stay on now, and whether a request for
    /// the lock is on its way: a lock granted after the session ended is
    /// released as soon as it arrives.
    static SCREEN_WANTED: Cell<bool> = const { Cell::new(false) };
    static REQUESTING: Cell<bool> = const { Cell::new(false) };
}

/// Creates or resumes the audio context. Browsers only allow sound after a
/// tap, so this is called from the tap on Start (or "Test cues").
pub fn unlock_audio() {
    AUDIO.with(|a| {
        let mut audio = a.borrow_mut();
        if audio.is_none() {
            *audio = AudioContext::new().ok();
        }
        if let Some(ctx) = audio.as_ref() {
            let _ = ctx.resume();
        }
    });
}

/// Speaks `text`, cutting off anything still being said, so that prompts
/// never pile up into noise. `lang` is the pack's language; the browser
/// picks its voice for it, or its default voice.
pub fn say(text: &str, lang: &str) {
    let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
        return;
    };
    let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else {
        return;
    };
    if !lang.is_empty() {
        utterance.set_lang(lang);
        let voice = synth
            .get_voices()
            .iter()
            .filter_map(|v| v.dyn_into::<web_sys::SpeechSynthesisVoice>().ok())
            .find(|v| v.lang().starts_with(lang));
        if let Some(v) = voice {
            utterance.set_voice(Some(&v));
        }
    }
    synth.cancel();
    synth.speak(&utterance);
}

/// Stops speech at once (pause, end).
pub fn hush() {
    if let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) {
        synth.cancel();
    }
}

pub fn vibrate(v: Vibration) {
    let pattern = v.pattern();
    let Some(window) = web_sys::window() else {
        return;
    };
    let array = js_sys::Array::new();
    for ms in pattern {
        array.push(&JsValue::from(*ms));
    }
    // An empty pattern stops any vibration in progress.
    let _ = window.navigator().vibrate_with_pattern(&array);
}

/// Replaces all scheduled tones with `tones`, given at monotonic times
/// (`performance.now()` milliseconds). They are handed to the audio clock
/// now, so they sound on time even if this page's timers are throttled.
pub fn schedule_tones(tones: &[(u64, Tone)], now_mono: u64) {
    cancel_tones();
    AUDIO.with(|a| {
        let audio = a.borrow();
        let Some(ctx) = audio.as_ref() else { return };
        let base = ctx.current_time();
        for &(at, tone) in tones.iter().filter(|(at, _)| *at >= now_mono) {
            let when = base + (at - now_mono) as f64 / 1000.0;
            if let Some(osc) = tone_at(ctx, tone, when) {
                SCHEDULED.with(|s| s.borrow_mut().push(osc));
            }
        }
    });
}

fn tone_at(ctx: &AudioContext, tone: Tone, when: f64) -> Option<OscillatorNode> {
    let osc = ctx.create_oscillator().ok()?;
    osc.frequency().set_value(tone.frequency_hz());
    let gain = ctx.create_gain().ok()?;
    gain.gain().set_value(0.25);
    osc.connect_with_audio_node(&gain).ok()?;
    gain.connect_with_audio_node(&ctx.destination()).ok()?;
    osc.start_with_when(when).ok()?;
    osc.stop_with_when(when + f64::from(tone.duration_ms()) / 1000.0)
        .ok()?;
    Some(osc)
}

pub fn cancel_tones() {
    SCHEDULED.with(|s| {
        for osc in s.borrow_mut().drain(..) {
            let _ = osc.disconnect();
        }
    });
}

/// Whether this browser can keep the screen awake.
pub fn wake_lock_supported() -> bool {
    wake_lock_api().is_some()
}

fn wake_lock_api() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &"wakeLock".into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Asks to keep the screen on (again: the browser drops the lock whenever
/// the page is hidden). Failure only means the screen may dim.
pub fn keep_screen_on() {
    SCREEN_WANTED.set(true);
    if REQUESTING.get() || WAKE_LOCK.with(|w| w.borrow().is_some()) {
        return;
    }
    let Some(api) = wake_lock_api() else { return };
    let Ok(request) = js_sys::Reflect::get(&api, &"request".into()) else {
        return;
    };
    let Ok(request) = request.dyn_into::<js_sys::Function>() else {
        return;
    };
    let Ok(promise) = request.call1(&api, &"screen".into()) else {
        return;
    };
    let promise = js_sys::Promise::resolve(&promise);
    REQUESTING.set(true);
    wasm_bindgen_futures::spawn_local(async move {
        let granted = wasm_bindgen_futures::JsFuture::from(promise).await;
        REQUESTING.set(false);
        if let Ok(sentinel) = granted {
            if SCREEN_WANTED.get() {
                WAKE_LOCK.with(|w| *w.borrow_mut() = Some(sentinel));
            } else {
                release(&sentinel);
            }
        }
    });
}

/// Lets the screen dim again.
pub fn let_screen_sleep() {
    SCREEN_WANTED.set(false);
    if let Some(sentinel) = WAKE_LOCK.with(|w| w.borrow_mut().take()) {
        release(&sentinel);
    }
}

fn release(sentinel: &JsValue) {
    if let Ok(release) = js_sys::Reflect::get(sentinel, &"release".into())
        && let Ok(release) = release.dyn_into::<js_sys::Function>()
    {
        let _ = release.call0(sentinel);
    }
}

/// The browser released the lock (the page was hidden): forget it, so the
/// next `keep_screen_on` asks again.
pub fn forget_wake_lock_if_released() {
    let released = WAKE_LOCK.with(|w| {
        w.borrow().as_ref().is_some_and(|s| {
            js_sys::Reflect::get(s, &"released".into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false)
        })
    });
    if released {
        WAKE_LOCK.with(|w| w.borrow_mut().take());
    }
}
