// Time until Start works, headless Chromium, against the release build served as a static host
// serves it, with the three-year journal stored (examples/journal_image.rs's storage image, put in
// localStorage before the app starts). From the navigation's start: first paint, the Start button
// of Home's Today card on screen, and the session page on screen after a real tap on it (the tap
// is sent as soon as Playwright sees the button, so "responded" includes the harness's own
// latency; "tap_to_session" is the app's part alone). Medians of 10: fresh visits (a new profile
// each, nothing cached, the worker not installed yet) and return visits (one profile, the
// service worker installed and serving every file, as the patient opens the app day after day).
import { readFileSync } from 'node:fs';
import { VIEWPORT, launch, median, round, seedStorage, serveBrotli, startApp } from './bench-common.mjs';

const PORT = 4179;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const RUNS = 10;
const TARGET_RETURN_MS = 300;

// In the page before the app: notes (ms since the navigation's start) when the Start button is
// first in the document, at the frame that paints it (requestAnimationFrame), when it is tapped
// and when the session page's heading is there.
function observe() {
  const at = (window.__start = {});
  new MutationObserver(() => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.startsWith('Start now:'));
    if (button && at.button === undefined) {
      at.button = performance.now();
      requestAnimationFrame(() => { at.button_frame = performance.now(); });
    }
    if (at.tap !== undefined && at.session === undefined && document.querySelector('main h1')?.textContent.startsWith('Before you start')) {
      at.session = performance.now();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('click', (e) => { at.tap ??= e.timeStamp; }, true);
}

/** One visit of `page` to Home: the times, in ms since the navigation's start. */
async function visit(page) {
  await page.goto(`${ORIGIN}/`);
  await page.getByRole('button', { name: /^Start now:/ }).click();
  await page.getByRole('heading', { level: 1, name: /^Before you start/ }).waitFor();
  const t = await page.evaluate(() => ({
    ...window.__start,
    first_paint: performance.getEntriesByName('first-paint')[0]?.startTime,
    first_contentful_paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
  }));
  // Not a session the next visit would resume: back to Home as it was.
  await page.evaluate(() => localStorage.removeItem('centralise:session'));
  return {
    first_paint: t.first_paint,
    first_contentful_paint: t.first_contentful_paint,
    start_visible: t.button_frame,
    responded: t.session,
    tap_to_session: t.session - t.tap,
  };
}

const summary = (runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [`${k}_ms`, round(median(runs.map((r) => r[k])))]));

export async function startFigures(dist, imagePath) {
  const image = JSON.parse(readFileSync(imagePath, 'utf8'));
  // This week's warning-signs check answered, as the patient's would be (the image's last is
  // from its own last week, which may be long past): Start goes straight to the session.
  const check = { type: 'warning-check', id: 'bench-start', at: Date.now(), yes: [], outcome: null };
  const extra = { 'centralise:log:bench-start:0': `${JSON.stringify(check)}\n` };
  const server = await serveBrotli(dist, PORT);
  const browser = await launch();
  const fresh = [];
  const returning = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript(observe);
      const page = await context.newPage();
      await seedStorage(page, ORIGIN, image, extra);
      fresh.push(await visit(page));
      await context.close();
    }
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(observe);
    const page = await context.newPage();
    await seedStorage(page, ORIGIN, image, extra);
    await startApp(page, `${ORIGIN}/`);
    // The worker installed (every file precached) and in charge of the page.
    await page.evaluate(async () => {
      const { active } = await navigator.serviceWorker.ready;
      if (active.state !== 'activated') await new Promise((done) => active.addEventListener('statechange', () => active.state === 'activated' && done()));
    });
    await startApp(page, `${ORIGIN}/`);
    if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) throw new Error('the service worker does not serve the page');
    for (let run = 0; run < RUNS; run += 1) returning.push(await visit(page));
    await context.close();
  } finally {
    await browser.close();
    server.kill();
  }
  return {
    fresh_visit_median_of_10: summary(fresh),
    return_visit_median_of_10: summary(returning),
    return_visit_start_visible_target_ms: TARGET_RETURN_MS,
    fresh_visit_all: fresh.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)]))),
    return_visit_all: returning.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)]))),
  };
}
