// Shared set-up for every end-to-end test: the browser's fake clock, and
// checks that hold on every page: no CSP violation, no console error, no
// request to any other origin.
import { test as base, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import AxeBuilder from '@axe-core/playwright';
import config from '../../playwright.config.mjs';

// A fixed moment, so that dates in the history are predictable.
export const T0 = new Date('2026-11-26T09:00:00Z').getTime();

export const test = base.extend({
  // Console and page errors matching this RegExp are expected, e.g. a deliberate panic
  // (crash.spec.mjs: test.use({ allowErrors: /.../ })). Every other test allows none.
  allowErrors: [null, { option: true }],
  page: async ({ page, baseURL, allowErrors }, use) => {
    const problems = [];
    const expected = (text) => allowErrors?.test(text) ?? false;
    const origin = new URL(baseURL).origin;
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    // The address says which load failed ("Failed to load resource" names none).
    const where = (m) => (m.location().url ? ` (${m.location().url})` : '');
    page.on('console', (m) => m.type() === 'error' && !expected(m.text()) && problems.push(`${m.text()}${where(m)}`));
    page.on('pageerror', (e) => !expected(String(e)) && problems.push(String(e)));
    page.on('request', (r) => {
      if (new URL(r.url()).origin !== origin) problems.push(`request to ${r.url()}`);
    });
    // Which load a "Failed to load resource" was: shown only when something else failed.
    const failed = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    await page.clock.install({ time: T0 });
    await use(page);
    expect(problems, `console errors, CSP violations or foreign requests; failed loads: ${failed.join(', ') || 'none'}`).toEqual([]);
  },
});

export { expect };

/**
 * The whole Chromium instead of its headless shell (playwright.config.mjs), for a test file
 * that needs what only the whole browser has: notifications, a granted screen wake lock.
 * Use it at the top of the file: `test.use(wholeBrowser)`.
 */
export const wholeBrowser = { launchOptions: { ...config.use.launchOptions, executablePath: '/usr/bin/chromium' } };

/**
 * A patient past the first run, who answered this week's warning-signs
 * check (all "no") when the page first loads: stored as the app stores them.
 * Tests of the first run and the weekly check pass `{ setUp: false }`.
 */
async function asReturningPatient(page, pack) {
  await page.addInitScript((pack) => {
    if (localStorage.getItem('centralise:settings') !== null) return;
    const settings = { setup_done: true, affected_leg: 'left', active_pack: pack ?? null };
    localStorage.setItem('centralise:settings', JSON.stringify(settings));
    localStorage.setItem('centralise:schema', '1');
    const check = { type: 'warning-check', id: 'seed-check', at: Date.now(), yes: [], outcome: null };
    localStorage.setItem('centralise:log:seed:0', `${JSON.stringify(check)}\n`);
  }, pack);
}

/**
 * Opens the app and waits until it has started, with the clock paused. `pack` is the id of
 * the pack in use (the first built-in one when left out).
 */
export async function open(page, path = '/', { setUp = true, pack } = {}) {
  if (setUp) await asReturningPatient(page, pack);
  await page.goto(path);
  await expect(page.locator('html[data-boot="ready"]')).toBeAttached();
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 1_000);
}

/**
 * axe-core on the current page: no violations at all. axe schedules its work
 * with timers, so the fake clock runs in real time while it checks, then is
 * paused again: the app's own timers move on by that second or so.
 */
export async function expectAccessible(page) {
  await page.clock.resume();
  const { violations } = await new AxeBuilder({ page }).analyze();
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 2_000);
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

/** Answers the check-in on screen and saves it. */
export async function checkIn(page, { left, right = 'None', leg = 5, back = 3 }) {
  await page.getByRole('radiogroup', { name: /Left leg.*furthest/ }).getByRole('radio', { name: left }).check();
  await page.getByRole('radiogroup', { name: /Right leg.*furthest/ }).getByRole('radio', { name: right }).check();
  await page.getByLabel('Leg pain').fill(String(leg));
  await page.getByLabel('Back pain').fill(String(back));
  await page.getByRole('button', { name: /^Save/ }).click();
}

/**
 * The routine cards on Home, one tap away under "All routines of this pack":
 * opened if closed.
 */
export async function allRoutines(page) {
  const all = page.locator('details.all-routines');
  if (!(await all.evaluate((d) => d.open))) await all.locator(':scope > summary').click();
  return all;
}

/**
 * The Start button of routine `title`: on Home, its card opened first. Waits
 * for the button or Home's disclosure, so a page still being drawn after a
 * navigation is not mistaken for one without routines.
 */
export async function startButton(page, title) {
  const button = page.getByRole('button', { name: `Start ${title}`, exact: true });
  const all = page.locator('details.all-routines > summary');
  await expect(button.or(all).first()).toBeVisible();
  if (await all.count()) await allRoutines(page);
  return button;
}

/** Starts a routine and saves the baseline check-in. */
export async function startRoutine(page, title, baseline = { left: 'Below knee / calf' }) {
  await (await startButton(page, title)).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Before you start');
  await checkIn(page, baseline);
}

/** Runs the fake clock until the next check-in form (or the summary). */
export async function untilCheckIn(page, maxMs = 20 * 60_000) {
  const save = page.getByRole('button', { name: /^Save/ });
  for (let t = 0; t < maxMs; t += 1000) {
    if (await save.isVisible()) return;
    await page.clock.runFor(1000);
  }
  throw new Error('no check-in came');
}

/** Runs the fake clock to `hhmm` (UTC) today. */
export async function runUntil(page, hhmm) {
  const now = await page.evaluate(() => Date.now());
  const [h, m] = hhmm.split(':').map(Number);
  const target = new Date(now).setUTCHours(h, m, 0, 0);
  expect(target).toBeGreaterThan(now);
  await page.clock.runFor(target - now);
}

/** Puts stored data in place before the app first loads (once per page). */
export async function seed(page, data) {
  await page.addInitScript((data) => {
    if (!sessionStorage.getItem('seeded')) {
      for (const [k, v] of Object.entries(data)) localStorage.setItem(k, v);
      sessionStorage.setItem('seeded', '1');
    }
  }, data);
}

/**
 * Records each call to speechSynthesis.speak, navigator.vibrate,
 * navigator.wakeLock.request and AudioScheduledSourceNode.start (text,
 * pattern, scheduled time) in window.__cues, then calls the real API.
 * Call before the page loads.
 */
export async function recordCues(page) {
  await page.addInitScript(() => {
    const calls = (window.__cues = []);
    const t = () => performance.now();
    const speak = speechSynthesis.speak.bind(speechSynthesis);
    speechSynthesis.speak = (u) => {
      calls.push({ api: 'speak', text: u.text, lang: u.lang, at: t() });
      return speak(u);
    };
    const vibrate = navigator.vibrate.bind(navigator);
    navigator.vibrate = (pattern) => {
      calls.push({ api: 'vibrate', pattern: [].concat(pattern), at: t() });
      return vibrate(pattern);
    };
    if (navigator.wakeLock) {
      const request = navigator.wakeLock.request.bind(navigator.wakeLock);
      navigator.wakeLock.request = (type) => {
        calls.push({ api: 'wakeLock', type, at: t() });
        return request(type);
      };
    }
    const start = AudioScheduledSourceNode.prototype.start;
    AudioScheduledSourceNode.prototype.start = function (when = 0) {
      calls.push({ api: 'tone', in: when - this.context.currentTime, at: t() });
      return start.call(this, when);
    };
  });
}

/** The calls recordCues saw to one API. */
export const cues = (page, api) => page.evaluate((api) => window.__cues.filter((c) => c.api === api), api);

/** Everything said aloud so far. */
export const spoken = async (page) => (await cues(page, 'speak')).map((c) => c.text);

/** Answers the warning-signs questions on screen ("yes" to those whose legend contains one of `yesTo`) and saves. */
export async function answerWarningSigns(page, yesTo = []) {
  const groups = page.getByRole('radiogroup');
  // count() does not wait: the page may still be drawing after the tap that opened it.
  await expect(page.getByRole('button', { name: 'Save answers' })).toBeVisible();
  const count = await groups.count();
  for (let i = 0; i < count; i += 1) {
    const group = groups.nth(i);
    const name = await group.getAttribute('aria-labelledby');
    const legend = await page.locator(`#${name}`).textContent();
    const yes = yesTo.some((text) => legend.includes(text));
    await group.getByRole('radio', { name: yes ? 'Yes' : 'No', exact: true }).check();
  }
  await page.getByRole('button', { name: 'Save answers' }).click();
}

/**
 * Serves `dir` on its own port with tests/e2e/serve.mjs, under `prefix` (a sub-path such as
 * /centralise/, or the host's root). Resolves once it listens; call `.kill()` when done.
 */
export async function serveDir(dir, port, prefix = '/') {
  const server = spawn(process.execPath, ['tests/e2e/serve.mjs', dir, String(port), prefix], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(server, 'exit').then(([code]) => {
    throw new Error(`test server exited with ${code}`);
  });
  await Promise.race([once(server.stdout, 'data'), exited]);
  exited.catch(() => {}); // a later kill() is expected
  return server;
}

/** Waits until the page's service worker has precached everything and is activated. */
export async function workerReady(page) {
  await page.evaluate(async () => {
    const { active } = await navigator.serviceWorker.ready;
    if (active.state === 'activated') return;
    await new Promise((resolve) => {
      active.addEventListener('statechange', () => active.state === 'activated' && resolve());
    });
  });
}

/** Reloads and waits for the app to start again. */
export async function reload(page) {
  await page.reload();
  await expect(page.locator('html[data-boot="ready"]')).toBeAttached();
}
