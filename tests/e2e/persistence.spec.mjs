// Nothing is lost when the page goes away: reloads, closed tabs, and the
// stored data of every schema version.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import config from '../../playwright.config.mjs';
import { test, expect, open, expectAccessible, checkIn, startRoutine, untilCheckIn, T0, seed } from './fixtures.mjs';

test('reloading mid-hold offers Resume, which restarts that set', async ({ page }) => {
  await open(page);
  await startRoutine(page, 'Core stability routine');
  await untilCheckIn(page);
  await checkIn(page, { left: 'Thigh (above knee)' });
  await page.getByRole('button', { name: 'Skip rest' }).click();
  await page.clock.runFor(4_000);
  await expect(page.getByText('Set 2 of 3')).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText('0:06');

  await page.reload();
  await expect(page.locator('html[data-boot="ready"]')).toBeAttached();
  await expect(page.getByRole('heading', { name: 'You have an unfinished session' })).toBeVisible();
  await expect(page.getByText('1 of 7 sets done')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: /^Resume/ }).click();
  await expect(page.getByText('Get ready', { exact: true })).toBeVisible();
  await expect(page.getByText('Set 2 of 3')).toBeVisible();
  await page.getByRole('button', { name: 'Skip get ready' }).click();
  await expect(page.getByRole('timer')).toHaveText('0:10');
  await untilCheckIn(page);
  await checkIn(page, { left: 'Buttock' });
  await page.getByRole('button', { name: /^End/ }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('link', { name: 'History' }).click();
  const sets = page.getByRole('list', { name: /sets/ }).getByRole('listitem');
  await expect(sets).toHaveCount(2);
  await expect(sets.first()).toContainText('Tummy bracing, set 2 of 3');
  await expect(sets.first()).toContainText('Centralised');
});

test('closing the tab and opening the app again loses no set or check-in', async ({ page, context }) => {
  await open(page);
  await startRoutine(page, 'Core stability routine');
  await untilCheckIn(page);
  await checkIn(page, { left: 'Thigh (above knee)', leg: 3 });
  await page.close();

  const again = await context.newPage();
  await again.goto('/#/history');
  await expect(again.locator('html[data-boot="ready"]')).toBeAttached();
  const sets = again.getByRole('list', { name: /sets/ }).getByRole('listitem');
  await expect(sets).toHaveCount(1);
  await expect(sets.first()).toContainText('Leg pain 3/10');
  await again.getByRole('link', { name: 'Home' }).click();
  await expect(again.getByRole('button', { name: /^Resume/ })).toBeVisible();
  await again.getByRole('button', { name: 'Finish it here' }).click();
  await expect(again.getByRole('heading', { level: 1 })).toHaveText('Session ended');
  await again.getByRole('button', { name: 'Done' }).click();
  await expect(again.getByRole('button', { name: /^Resume/ })).toHaveCount(0);
});

const FIXTURE_V1 = JSON.parse(readFileSync('tests/fixtures/v1/local-storage.json', 'utf8'));
/** When the fixture's session was last touched. */
const FIXTURE_LAST_WALL = JSON.parse(FIXTURE_V1['centralise:session']).last_wall;

test('the stored data of schema 1 (committed fixture) loads, its session resumable', async ({ page }) => {
  await seed(page, FIXTURE_V1);
  await page.clock.setSystemTime(FIXTURE_LAST_WALL + 60 * 60_000); // an hour later
  await open(page, '/#/history');
  const sets = page.getByRole('list', { name: /sets/ }).getByRole('listitem');
  await expect(sets).toHaveCount(4);
  await expect(sets.last()).toContainText('Tummy bracing, set 1 of 3');
  await expect(sets.last()).toContainText('Centralised');
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { name: 'You have an unfinished session' })).toBeVisible();
  await page.getByRole('button', { name: 'Resume session' }).click();
  await expect(page.getByText('Set 2 of 4')).toBeVisible();
});

test('a session left for more than six hours is closed, its sets kept', async ({ page }) => {
  await seed(page, FIXTURE_V1);
  await page.clock.setSystemTime(FIXTURE_LAST_WALL + 6 * 60 * 60_000 + 60_000);
  await open(page);
  await expect(page.getByRole('heading', { name: 'Your exercises' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume session' })).toHaveCount(0);
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('list', { name: /sets/ }).getByRole('listitem')).toHaveCount(4);
  expect(await page.evaluate(() => localStorage.getItem('centralise:session'))).toBeNull();
});

test('a damaged record is reported and everything else still loads', async ({ page }) => {
  const stored = { ...FIXTURE_V1 };
  const key = Object.keys(stored).find((k) => k.startsWith('centralise:log:'));
  stored[key] += '{"type":"set-completed","id":\n';
  await page.addInitScript((data) => {
    for (const [k, v] of Object.entries(data)) localStorage.setItem(k, v);
  }, stored);
  await open(page, '/#/history');
  await expect(page.getByRole('alert')).toContainText('1 saved record could not be read');
  await expect(page.getByRole('list', { name: /sets/ }).getByRole('listitem')).toHaveCount(4);
  const kept = await page.evaluate((k) => localStorage.getItem(k), key);
  expect(kept).toBe(stored[key]);
});

test('closing the browser mid-session and reopening the same profile loses no set', async ({ playwright, baseURL }) => {
  const profile = mkdtempSync(join(tmpdir(), 'centralise-profile-'));
  const launch = async () => {
    const context = await playwright.chromium.launchPersistentContext(profile, {
      ...config.use.launchOptions,
      baseURL,
      viewport: config.use.viewport,
    });
    return [context, context.pages()[0] ?? (await context.newPage())];
  };
  let [context, page] = await launch();
  await page.clock.install({ time: T0 });
  await open(page);
  await startRoutine(page, 'Core stability routine');
  await untilCheckIn(page);
  await checkIn(page, { left: 'Thigh (above knee)', leg: 4 });
  await page.getByRole('button', { name: 'Skip rest' }).click();
  await page.clock.runFor(3_000); // in the middle of the second set
  await context.close(); // the whole browser goes away

  [context, page] = await launch();
  // A minute later on the same clock (the real one could be hours away,
  // and a session idle for six hours is closed).
  await page.clock.install({ time: T0 + 60_000 });
  await page.goto('/#/history');
  const sets = page.getByRole('list', { name: /sets/ }).getByRole('listitem');
  await expect(sets).toHaveCount(1);
  await expect(sets.first()).toContainText('Leg pain 4/10');
  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('button', { name: 'Resume session' }).click();
  await expect(page.getByText('Set 2 of 3')).toBeVisible();
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});
