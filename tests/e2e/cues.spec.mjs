// Cues and the wake lock, checked at the browser-API boundary: an init
// script wraps speechSynthesis.speak, navigator.vibrate,
// navigator.wakeLock.request and AudioScheduledSourceNode.start to record
// each call (text, pattern, scheduled time), then calls the real API. In the whole
// Chromium, which grants the wake lock that its headless shell refuses.
import { test, expect, open, checkIn, startRoutine, untilCheckIn, expectAccessible, recordCues, cues, spoken, startButton, wholeBrowser } from './fixtures.mjs';

test.use(wholeBrowser);

test.beforeEach(async ({ page }) => {
  await recordCues(page);
});

test('each phase is announced aloud and by vibration, with tones at its deadline', async ({ page }) => {
  await open(page);
  await startRoutine(page, 'Core stability routine');
  expect(await cues(page, 'wakeLock')).toEqual([expect.objectContaining({ type: 'screen' })]);
  expect(await spoken(page)).toEqual(['Get ready: Tummy bracing. Set 1 of 3, hold 10 seconds.']);
  expect((await cues(page, 'speak'))[0].lang).toBe('en');
  expect((await cues(page, 'vibrate')).map((c) => c.pattern)).toEqual([[250]]);
  // The get-ready tones are handed to the audio clock at once: ticks 3, 2
  // and 1 seconds before the end, and a tone at the end (10 s from now).
  const tones = (await cues(page, 'tone')).map((c) => Math.round(c.in));
  expect(tones).toEqual([7, 8, 9, 10]);

  await page.clock.runFor(10_000);
  expect((await spoken(page)).at(-1)).toBe('Set 1 of 3. Hold for 10 seconds.');
  await page.clock.runFor(7_500);
  // The last three seconds vibrate as three short pulses.
  expect((await cues(page, 'vibrate')).at(-1).pattern).toEqual([80, 920, 80, 920, 80]);
  await page.clock.runFor(2_500);
  expect((await spoken(page)).at(-1)).toBe('Set done. How are your symptoms now?');
  expect((await cues(page, 'vibrate')).at(-1).pattern).toEqual([400, 200, 400]);
});

test('repetitions are counted aloud at the pack pace, and pausing silences the cues', async ({ page }) => {
  await open(page, '/', { pack: 'extension-progression' });
  await startRoutine(page, 'Extension routine');
  await page.getByRole('button', { name: 'Skip get ready' }).click();
  await page.getByRole('button', { name: 'Skip set' }).click();
  await page.clock.runFor(10_000);
  expect((await spoken(page)).at(-1)).toBe('Set 1 of 1. 10 repetitions. Go.');
  await page.clock.runFor(9_000);
  expect((await spoken(page)).slice(-3)).toEqual(['1', '2', '3']);
  const before = (await cues(page, 'tone')).length;
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await page.clock.runFor(30_000);
  expect((await spoken(page)).at(-1)).toBe('3');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  // Resuming schedules the set's tones again, shifted by the pause.
  const after = (await cues(page, 'tone')).slice(before).map((c) => Math.round(c.in));
  expect(after).toEqual([18, 19, 20, 21]);
  await page.clock.runFor(3_000);
  expect((await spoken(page)).at(-1)).toBe('4');
});

test('per-side holds say when to switch sides', async ({ page }) => {
  await open(page);
  await startRoutine(page, 'Core stability routine');
  await page.getByRole('button', { name: 'Skip exercise' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bird dog');
  await page.clock.runFor(10_000);
  await expect(page.getByText('Left side', { exact: true })).toBeVisible();
  expect((await spoken(page)).at(-1)).toBe('Set 1 of 4. Left side. Hold for 8 seconds.');
  await page.clock.runFor(8_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Switch sides');
  expect((await spoken(page)).at(-1)).toBe('Switch sides.');
  await expectAccessible(page);
  await page.clock.runFor(5_000);
  await expect(page.getByText('Right side', { exact: true })).toBeVisible();
  expect((await spoken(page)).at(-1)).toBe('Right side. Hold for 8 seconds.');
});

test('cues switched off in settings stay off, and Test cues gives one of each', async ({ page }) => {
  await open(page, '/#/settings');
  await page.getByRole('button', { name: 'Test cues' }).click();
  expect(await spoken(page)).toEqual(['This is how Centralise talks you through each set.']);
  expect(await cues(page, 'vibrate')).toHaveLength(1);
  expect(await cues(page, 'tone')).toHaveLength(2);
  await page.getByRole('switch', { name: /Spoken prompts/ }).uncheck();
  await page.getByRole('switch', { name: /Vibration/ }).uncheck();
  await page.getByRole('switch', { name: /Sounds/ }).uncheck();
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByRole('switch', { name: /Spoken prompts/ })).not.toBeChecked();
  await page.evaluate(() => (window.__cues.length = 0));
  await page.getByRole('link', { name: 'Home' }).click();
  await startRoutine(page, 'Core stability routine');
  await page.clock.runFor(25_000);
  expect(await page.evaluate(() => window.__cues.filter((c) => c.api !== 'wakeLock'))).toEqual([]);
});

test('without a wake lock the app says once, plainly, that the screen may dim', async ({ page }) => {
  await page.addInitScript(() => delete Navigator.prototype.wakeLock);
  await open(page);
  await (await startButton(page, 'Core stability routine')).click();
  const notice = page.getByRole('alert').filter({ hasText: 'cannot keep the screen on' });
  await expect(notice).toBeVisible();
  await expectAccessible(page);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

test('Test cues is offered before the first set', async ({ page }) => {
  await open(page);
  await (await startButton(page, 'Core stability routine')).click();
  await page.getByRole('button', { name: 'Test cues' }).click();
  expect(await spoken(page)).toEqual(['This is how Centralise talks you through each set.']);
  await checkIn(page, { left: 'Buttock' });
  await untilCheckIn(page);
});

test('a wake lock granted only after the session ended is released at once', async ({ page }) => {
  // The browser grants the lock late (a slow permission check): the grant waits for __grant().
  await page.addInitScript(() => {
    window.__released = 0;
    navigator.wakeLock.request = () => new Promise((resolve) => {
      window.__grant = () => resolve({
        released: false,
        release() { this.released = true; window.__released += 1; return Promise.resolve(); },
        addEventListener() {},
      });
    });
  });
  await open(page);
  await startRoutine(page, 'Core stability routine');
  await page.getByRole('button', { name: 'End session' }).click();
  await page.evaluate(() => window.__grant());
  await expect.poll(() => page.evaluate(() => window.__released)).toBe(1);
});
