// Interaction to Next Paint, headless Chromium, against the release build served as a static host
// serves it, with the three-year journal in place: the storage image of three years of heavy use
// (examples/journal_image.rs) is backed up by the app itself, and that backup restored on a new
// phone (a fresh profile at the first run), so the journal arrives as a patient's does. Then 20
// real taps (Playwright's clicks are input events, which Event Timing records) on each of: Save on
// a check-in, Pause and Resume during a set, the History and Home links. Each tap's duration is
// the longest Event Timing entry of its interaction (PerformanceObserver, type 'event',
// durationThreshold 16: input to the next paint). Worst and median per action, at full speed and
// with the CPU 4x slower (CDP Emulation.setCPUThrottlingRate), as on a cheap phone.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VIEWPORT, launch, median, round, seedStorage, serveBrotli, startApp } from './bench-common.mjs';

const PORT = 4178;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const TAPS = 20;
// Event Timing reports no interaction shorter than this: such a tap counts as this long.
const FLOOR_MS = 16;
// After a tap has shown its result: time for the app to finish drawing (History's charts) and
// for the browser to deliver the tap's entries, so one tap's work is never counted in the next.
const SETTLE_MS = 300;
// The image's "today" (examples/journal_image.rs: three years from 2023-11-27), as the e2e tests'.
const T0 = new Date('2026-11-26T09:00:00Z').getTime();
const ROUTINE = 'McGill-style descending holds'; // 27 sets: 20 check-ins in one session

/** The app's own backup of the storage image: a file in the temporary folder. */
async function backupOf(browser, image) {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
  const page = await context.newPage();
  await seedStorage(page, ORIGIN, image);
  await startApp(page, `${ORIGIN}/#/settings`);
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up now' }).first().click();
  const file = join(tmpdir(), 'centralise-bench-three-years-backup.json');
  await (await downloaded).saveAs(file);
  await context.close();
  return file;
}

/** 20 taps of each action on `page`, Home on screen: each tap's duration in ms. */
async function tapAll(page) {
  const taps = { save: [], pause: [], resume: [], history: [], home: [] };
  const tap = async (action, target, shown) => {
    await page.evaluate(() => { window.__events = []; });
    await target.click();
    await shown();
    await page.waitForTimeout(SETTLE_MS);
    // Also the part spent before and in the app's handlers (input delay and processing): the
    // rest of a long duration is drawing, or waiting for the frame that presents it.
    const [ms, handlers] = await page.evaluate(() => {
      const tapped = window.__events.filter((e) => e.interactionId > 0);
      return [Math.max(0, ...tapped.map((e) => e.duration)), Math.max(0, ...tapped.map((e) => e.handled))];
    });
    taps[action].push(ms ? { ms, handlers } : null);
  };
  const heading = (name) => page.getByRole('heading', { level: 1, name, exact: true });
  const shows = (locator, state = 'visible') => () => locator.waitFor({ state });
  for (let i = 0; i < TAPS; i += 1) {
    // History is shown with all its charts drawn (four, as the storage figures count them).
    await tap('history', page.getByRole('link', { name: 'History', exact: true }), async () => {
      await heading('History').waitFor();
      await page.locator('figure[data-chart] svg').nth(3).waitFor();
    });
    await tap('home', page.getByRole('link', { name: 'Home', exact: true }), shows(heading('Your exercises')));
  }
  // A session, on the paused fake clock: its timers run only when told to (page.clock.runFor).
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  const all = page.locator('details.all-routines');
  if (!(await all.evaluate((d) => d.open))) await all.locator(':scope > summary').click();
  await page.getByRole('button', { name: `Start ${ROUTINE}`, exact: true }).click();
  await heading(/^Before you start/).waitFor();
  for (const [leg, reach] of [['Left', 'Buttock'], ['Right', 'None']]) {
    await page.getByRole('radiogroup', { name: new RegExp(`${leg} leg.*furthest`) }).getByRole('radio', { name: reach }).check();
  }
  const save = page.getByRole('button', { name: /^Save/ });
  await save.click();
  await page.getByRole('button', { name: 'Skip get ready' }).click();
  const paused = page.getByText('Paused', { exact: true });
  for (let i = 0; i < TAPS; i += 1) {
    await tap('pause', page.getByRole('button', { name: 'Pause', exact: true }), shows(paused));
    await tap('resume', page.getByRole('button', { name: 'Resume', exact: true }), shows(paused, 'hidden'));
  }
  for (let i = 0; i < TAPS; i += 1) {
    while (!(await save.isVisible())) await page.clock.runFor(2_000);
    await tap('save', save, shows(save, 'hidden'));
  }
  await page.getByRole('button', { name: /^End/ }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await heading('Your exercises').waitFor();
  await page.clock.resume();
  return taps;
}

const summary = (taps, target) => Object.fromEntries(Object.entries(taps).map(([action, all]) => {
  const ms = all.map((t) => t?.ms ?? FLOOR_MS);
  const handlers = all.map((t) => round(t?.handlers ?? 0));
  return [action, {
    worst_ms: Math.max(...ms),
    median_ms: median(ms),
    under_16_ms: all.filter((t) => t === null).length,
    worst_handlers_ms: Math.max(...handlers),
    all_ms: ms,
  }];
}).concat([['target_worst_ms', target]]));

export async function inpFigures(dist, imagePath) {
  const image = JSON.parse(readFileSync(imagePath, 'utf8'));
  const server = await serveBrotli(dist, PORT);
  const browser = await launch();
  let backup = null;
  try {
    backup = await backupOf(browser, image);
    const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__events = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__events.push({ interactionId: e.interactionId, duration: e.duration, handled: e.processingEnd - e.startTime });
      }).observe({ type: 'event', durationThreshold: 16, buffered: true });
    });
    await page.clock.install({ time: T0 });
    await startApp(page, `${ORIGIN}/`);
    // A new phone: the first run offers the restore, and the backup's settings come with it.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Restore from a backup file' }).click();
    await (await chooser).setFiles(backup);
    await page.getByRole('heading', { level: 1, name: 'Your exercises' }).waitFor({ timeout: 120_000 });
    await page.goto(`${ORIGIN}/#/settings`);
    const sets = Number((await page.locator('.counts').textContent()).match(/([\d,]+) sets/)[1].replace(/,/g, ''));
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    const cdp = await context.newCDPSession(page);
    const unthrottled = await tapAll(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const slow = await tapAll(page);
    return {
      journal_restored: { backup_bytes: readFileSync(backup).length, sets },
      taps_per_action: TAPS,
      unthrottled: summary(unthrottled, 50),
      cpu_4x_slower: summary(slow, 200),
    };
  } finally {
    await browser.close();
    server.kill();
    if (backup) rmSync(backup);
  }
}
