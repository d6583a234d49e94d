// Starts the app without any inline script, so the CSP can stay at script-src 'self'.
// Trunk writes our script tag (Trunk.toml pattern_script) with the hashed file names of the
// wasm-bindgen JS glue (data-js) and the wasm (data-wasm).
// Modules have no document.currentScript, so find the tag by its attribute.
const tag = document.querySelector('script[data-wasm]');
const root = document.documentElement;

try {
  const glue = await import(tag.dataset.js);
  // init() instantiates the wasm and runs its start function, which mounts the app.
  await glue.default({ module_or_path: tag.dataset.wasm });
  document.getElementById('boot-fallback')?.remove();
  root.dataset.boot = 'ready'; // lets tests wait for a started app
  dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
} catch (err) {
  // Leave the static fallback text in the page; tell developers why.
  root.dataset.boot = 'failed';
  console.error('Centralise failed to start:', err);
}
