// Starts the app without any inline script, so the CSP can stay at script-src 'self'.
// Trunk writes our script tag (Trunk.toml pattern_script) with the hashed file names of the
// wasm-bindgen JS glue (data-js) and the wasm (data-wasm).
// Modules have no document.currentScript, so find the tag by its attribute.
// Also, outside the wasm: the crash screen (a panic aborts the wasm for good) and the service
// worker, whose updates wait until the app asks for them (window.centraliseApplyUpdate).
const tag = document.querySelector('script[data-wasm]');
const root = document.documentElement;

// ---- Crash screen: index.html #crash, shown when the wasm has stopped or never started.

const isWasmCrash = (err) => typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError;

function showCrash() {
  const crash = document.getElementById('crash');
  if (!crash || root.dataset.crashed === 'true') return;
  root.dataset.crashed = 'true'; // style/main.css hides everything else
  crash.hidden = false;
  crash.querySelector('h1')?.focus();
}

addEventListener('error', (e) => isWasmCrash(e.error) && showCrash());
addEventListener('unhandledrejection', (e) => isWasmCrash(e.reason) && showCrash());

/** Every item of ours in localStorage, read directly: the wasm may be dead. */
function storageExport() {
  const items = {};
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (key?.startsWith('centralise:')) items[key] = localStorage.getItem(key);
  }
  const now = new Date();
  const json = { format: 'centralise-storage', version: 1, exported_at: now.toISOString(), items };
  const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, '0'));
  return { name: `centralise-storage-${day.join('-')}.json`, text: JSON.stringify(json, null, 2) };
}

function download(name, text) {
  const href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The click starts the download; let the browser read the blob before it goes.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

document.getElementById('crash-export')?.addEventListener('click', () => {
  const status = document.getElementById('crash-status');
  try {
    const { name, text } = storageExport();
    download(name, text);
    if (status) status.textContent = `Saved ${name} to your downloads.`;
  } catch (err) {
    console.warn('Centralise: export failed', err);
    if (status) status.textContent = 'Export failed: this browser would not let the page read its storage.';
  }
});

// Reload, taking a waiting new version if there is one: the session is lost anyway.
document.getElementById('crash-reload')?.addEventListener('click', () => applyUpdate());

// ---- Service worker (sw.js): offline, and updates only when the app asks.

const scope = new URL('./', import.meta.url).href;
let registration = null;

/** The page is controlled by an older version and a new one is installed and waiting. */
function offerUpdate(worker) {
  if (!navigator.serviceWorker.controller || worker !== registration?.waiting) return;
  root.dataset.update = 'ready';
  dispatchEvent(new Event('centralise:update-ready'));
}

function watchInstalling(worker) {
  worker?.addEventListener('statechange', () => worker.state === 'installed' && offerUpdate(worker));
}

/**
 * Switches to the waiting version and reloads once it controls the page; with no version
 * waiting, just reloads. The app calls it (window.centraliseApplyUpdate) between sessions.
 */
async function applyUpdate() {
  const sw = navigator.serviceWorker;
  const reg = sw && (registration ?? (await sw.getRegistration(scope).catch(() => null)));
  const waiting = reg?.waiting;
  if (!waiting || !sw.controller) {
    location.reload();
    return;
  }
  sw.addEventListener('controllerchange', () => location.reload(), { once: true });
  waiting.postMessage({ type: 'skip-waiting' });
}
window.centraliseApplyUpdate = applyUpdate;

// ---- Modules loaded on demand (index.html builds them next to the app: name.js, name_bg.wasm).

const modules = new Map();

/** Imports and starts module `name` once; the app calls it (src/platform/modules.rs). */
window.centraliseLoad = (name) => {
  if (!modules.has(name)) {
    const loading = import(new URL(`./${name}.js`, import.meta.url).href).then(async (module) => {
      await module.default({ module_or_path: new URL(`./${name}_bg.wasm`, import.meta.url).href });
      return module;
    });
    // A failed load (offline before the first visit) may be tried again later.
    loading.catch(() => modules.delete(name));
    modules.set(name, loading);
  }
  return modules.get(name);
};

/** Runs `task` after `ms`, when the page has nothing more urgent to do. */
function whenIdle(task, ms) {
  if (globalThis.scheduler?.postTask) scheduler.postTask(task, { priority: 'background', delay: ms });
  else setTimeout(task, ms);
}

async function registerWorker() {
  try {
    registration = await navigator.serviceWorker.register(new URL('sw.js', import.meta.url), { scope });
    if (registration.waiting) offerUpdate(registration.waiting); // found on an earlier visit
    watchInstalling(registration.installing);
    registration.addEventListener('updatefound', () => watchInstalling(registration.installing));
  } catch (err) {
    // Only offline use and updates are lost; the app itself works on.
    console.warn('Centralise: service worker not registered:', err);
  }
}

// ---- Start the app.

/**
 * Resolves once the static shell (index.html) is on screen, so the app's start (compiling the
 * wasm, reading the journal) never holds back the first paint: on a slow phone the patient sees
 * the app's frame at once, not a blank page. Only then is the wasm fetched (Trunk.toml
 * pattern_preload). A hidden tab paints nothing, so it waits no longer than 100 ms for it.
 */
const shellPainted = () =>
  new Promise((resolve) => {
    setTimeout(resolve, 100);
    if (typeof PerformanceObserver === 'undefined') return;
    const painted = (entries) => entries.some((e) => e.name === 'first-contentful-paint');
    new PerformanceObserver((list, observer) => {
      if (!painted(list.getEntries())) return;
      observer.disconnect();
      resolve();
    }).observe({ type: 'paint', buffered: true });
  });

/** The app has drawn its first screen (src/ui/mod.rs start, a few tasks after its module started). */
function started() {
  document.getElementById('boot-fallback')?.remove();
  root.dataset.boot = 'ready'; // lets tests wait for a started app
  dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
  // Precaching fetches the whole build again, the on-demand module too: only once the page's
  // own files have loaded and the app's first screen is drawn, at background priority, so
  // none of it competes with the first paint or the patient's first taps.
  if ('serviceWorker' in navigator) {
    const later = () => whenIdle(registerWorker, 1000);
    if (document.readyState === 'complete') later();
    else addEventListener('load', later, { once: true });
  }
}
addEventListener('centralise:started', started, { once: true });

try {
  const [glue] = await Promise.all([import(tag.dataset.js), shellPainted()]);
  // init() instantiates the wasm and runs its start function, which starts the app in a later task.
  await glue.default({ module_or_path: tag.dataset.wasm });
} catch (err) {
  root.dataset.boot = 'failed';
  console.error('Centralise failed to start:', err);
  // Without WebAssembly at all, the static fallback text says what is wrong; otherwise the
  // crash screen offers Reload and Export.
  if (typeof WebAssembly === 'object') showCrash();
}
