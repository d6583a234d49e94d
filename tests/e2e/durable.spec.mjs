// Nothing recorded is ever silently lost: damaged values are kept aside and reported, a full
// storage keeps what is recorded and offers a backup, two tabs append side by side, a backup
// restores into a new phone, and "Delete all data" leaves nothing behind.
import { readFileSync } from 'node:fs';
import { test, expect, open, expectAccessible, checkIn, startRoutine, untilCheckIn, seed } from './fixtures.mjs';

const FIXTURE_V2 = JSON.parse(readFileSync('tests/fixtures/v2/local-storage.json', 'utf8'));
const LOG_KEY = Object.keys(FIXTURE_V2).find((k) => k.startsWith('centralise:log:'));

const stored = (page) => page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
const historyRows = (page) => page.getByRole('list', { name: /sets/ }).getByRole('listitem');

/** A value damaged the way hand edits and cut-off writes damage them. */
const damage = (value) => `${value.slice(0, Math.floor(value.length / 2))}\u00e9`;

for (const key of Object.keys(FIXTURE_V2)) {
  test(`a damaged ${key.split(':')[1]} value is kept aside, reported, and the rest loads`, async ({ page }) => {
    const data = { ...FIXTURE_V2, [key]: damage(FIXTURE_V2[key]) };
    await seed(page, data);
    await open(page, '/#/history', { setUp: false });
    await expect(page.locator('.notices[role="alert"]')).toContainText('could not be read');
    await expect(page.getByRole('button', { name: 'Back up now' }).first()).toBeVisible();
    const after = await stored(page);
    // The damaged value is still there, word for word, under a key of its own.
    const kept = Object.entries(after).find(([k]) => k.startsWith('centralise:quarantine:'));
    expect(kept?.[1]).toBe(data[key]);
    expect(after[key]).toBeUndefined();
    // Everything else is as it was.
    for (const other of Object.keys(FIXTURE_V2).filter((k) => k !== key)) expect(after[other]).toBe(FIXTURE_V2[other]);
    if (key === LOG_KEY) {
      await expect(page.getByText('No sets yet.')).toBeVisible();
    } else if (key === 'centralise:settings') {
      // The settings are asked again; the journal is untouched.
      await expect(page.getByRole('heading', { name: 'Welcome to Centralise' })).toBeVisible();
    } else {
      await expect(historyRows(page)).toHaveCount(3);
    }
    await expectAccessible(page);
  });
}

test('a full storage: the set is kept, the patient is told and offered a backup that holds it', async ({ page }) => {
  await open(page);
  await startRoutine(page, 'Core stability routine');
  // Fill what is left of the quota.
  const filled = await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let n = 0;
    while (chunk.length > 0) {
      try {
        localStorage.setItem(`filler:${n}`, chunk);
        n += 1;
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
    return n;
  });
  expect(filled).toBeGreaterThan(0);
  const before = await stored(page);
  await untilCheckIn(page);
  await checkIn(page, { left: 'Thigh (above knee)', leg: 4 });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('storage for the app is full');
  // Nothing stored before was touched.
  const during = await stored(page);
  for (const [k, v] of Object.entries(before)) if (!k.startsWith('centralise:session')) expect(during[k]).toBe(v);
  const downloaded = page.waitForEvent('download');
  await alert.getByRole('button', { name: 'Back up now' }).click();
  const file = JSON.parse(readFileSync(await (await downloaded).path(), 'utf8'));
  expect(file.format).toBe('centralise-backup');
  const sets = file.records.filter((r) => r.type === 'set-completed');
  expect(sets).toHaveLength(1);
  expect(file.records.filter((r) => r.type === 'check-in').map((r) => r.answers.leg_pain)).toContain(4);
  // Room again: the kept record is written with the next one.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler:')).forEach((k) => localStorage.removeItem(k)));
  await page.getByRole('button', { name: 'Skip rest' }).click();
  await untilCheckIn(page);
  await checkIn(page, { left: 'Buttock' });
  await expect(alert).toContainText('everything you recorded is saved');
  await expect(alert).not.toContainText('storage for the app is full');
  await page.reload();
  await expect(page.locator('html[data-boot="ready"]')).toBeAttached();
  await page.goto('/#/history');
  await expect(historyRows(page)).toHaveCount(2);
});

test('two tabs append at once without overwriting, and each sees the other', async ({ page, context }) => {
  await open(page);
  // The fake clock belongs to the context: both tabs run on it.
  const other = await context.newPage();
  await other.goto('/#/history');
  await expect(other.locator('html[data-boot="ready"]')).toBeAttached();

  // A patient taps only in the tab in front; a hidden tab paints no frames.
  await page.bringToFront();
  await startRoutine(page, 'Core stability routine');
  await untilCheckIn(page);
  await checkIn(page, { left: 'Thigh (above knee)' });
  // The other tab shows it without a reload.
  await expect(historyRows(other)).toHaveCount(1);

  await other.bringToFront();
  await other.getByRole('link', { name: 'Home' }).click();
  await startRoutine(other, 'Quick core practice');
  await untilCheckIn(other);
  await checkIn(other, { left: 'Buttock' });
  await page.bringToFront();
  await untilCheckIn(page);
  await checkIn(page, { left: 'Buttock' });
  await page.getByRole('button', { name: /^End/ }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('link', { name: 'History' }).click();
  // Both tabs ran on the one clock, so the first may have done more sets:
  // whatever each did, both show all of it (once History has opened).
  await expect(historyRows(page).first()).toBeVisible();
  const all = await historyRows(page).count();
  expect(all).toBeGreaterThanOrEqual(3);
  await other.bringToFront();
  await other.getByRole('button', { name: /^End/ }).click();
  await other.getByRole('button', { name: 'Done' }).click();
  await other.getByRole('link', { name: 'History' }).click();
  await expect(historyRows(other)).toHaveCount(all);
  await expect(historyRows(other).filter({ hasText: 'Left leg: buttock' })).not.toHaveCount(0);

  // Each tab wrote its own chunk; both hold everything after a reload.
  const writers = new Set(Object.keys(await stored(page)).filter((k) => k.startsWith('centralise:log:')).map((k) => k.split(':')[2]));
  expect(writers.size).toBeGreaterThanOrEqual(2);
  await page.bringToFront();
  await page.reload();
  await expect(historyRows(page)).toHaveCount(all);
});

test('a backup restores into a new phone with the same history, and twice adds nothing', async ({ page, browser }) => {
  await seed(page, FIXTURE_V2);
  await open(page, '/#/history', { setUp: false });
  await expect(historyRows(page)).toHaveCount(3);
  const before = await historyRows(page).allTextContents();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText('Last backup: never.')).toBeVisible();
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up now' }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe('centralise-backup-2026-11-26.json');
  const path = await download.path();
  await expect(page.getByText('Last backup: today.')).toBeVisible();

  // A new phone: a fresh profile, at the first run.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const fresh = await phone.newPage();
  await fresh.clock.install({ time: await page.evaluate(() => Date.now()) });
  await fresh.goto('/');
  await expect(fresh.getByRole('heading', { name: 'Welcome to Centralise' })).toBeVisible();
  const chooser = fresh.waitForEvent('filechooser');
  await fresh.getByRole('button', { name: 'Restore from a backup file' }).click();
  await (await chooser).setFiles(path);
  // The backup's settings come with it: past the first run, same history.
  await expect(fresh.getByRole('heading', { name: 'Your exercises' })).toBeVisible();
  await fresh.goto('/#/history');
  await expect(historyRows(fresh)).toHaveText(before);
  await fresh.goto('/#/settings');
  await expect(fresh.getByLabel('Emergency number')).toHaveValue('999');
  const again = fresh.waitForEvent('filechooser');
  await fresh.getByRole('button', { name: 'Restore from a backup file' }).click();
  await (await again).setFiles(path);
  await expect(fresh.getByRole('status').filter({ hasText: 'Restored' })).toContainText('Restored 0 records');
  await fresh.reload();
  await fresh.goto('/#/history');
  await expect(historyRows(fresh)).toHaveCount(3);
  await phone.close();
});

test('restoring a file that is not a backup says why, with its place, and changes nothing', async ({ page }) => {
  await open(page, '/#/settings');
  const before = await stored(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Restore from a backup file' }).click();
  await (await chooser).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "centralise-backup",\n "version": 1,\n "records": [') });
  await expect(page.getByRole('alert').filter({ hasText: 'could not be restored' })).toContainText('notes.json:3:13: EOF while parsing a list');
  expect(await stored(page)).toEqual(before);
});

test('restoring over different settings asks first, and either answer shows on every page', async ({ page }) => {
  const backup = {
    format: 'centralise-backup', version: 1, created_at: 0,
    settings: { setup_done: true, emergency_number: '112', affected_leg: 'right' },
    records: [],
  };
  await open(page, '/#/settings');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Restore from a backup file' }).click();
  await (await chooser).setFiles({ name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  const question = page.getByRole('group', { name: /different settings/ });
  await expect(question).toBeVisible();
  await expectAccessible(page);
  await question.getByRole('button', { name: 'Keep these settings' }).click();
  await expect(page.getByLabel('Emergency number')).not.toHaveValue('112');
  // Chosen the other way, every page shows the backup's settings at once.
  const again = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Restore from a backup file' }).click();
  await (await again).setFiles({ name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  await question.getByRole('button', { name: 'Use the backup\'s settings' }).click();
  await expect(page.getByLabel('Emergency number')).toHaveValue('112');
  await expect(page.getByRole('radio', { name: '112' })).toBeChecked();
  await page.getByRole('link', { name: 'Home', exact: true }).click();
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByLabel('Emergency number')).toHaveValue('112');
});

test('delete all data asks first, then leaves nothing behind', async ({ page }) => {
  await seed(page, FIXTURE_V2);
  await open(page, '/#/settings', { setUp: false });
  await page.getByRole('button', { name: 'Delete all data…' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(Object.keys(await stored(page)).length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Delete all data…' }).click();
  await page.getByRole('button', { name: 'Delete all data now' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Centralise' })).toBeVisible();
  expect(Object.keys(await stored(page)).filter((k) => k !== 'seeded')).toEqual([]);
});

test('the weekly backup reminder shows while there is no recent backup', async ({ page }) => {
  await seed(page, FIXTURE_V2);
  await open(page, '/', { setUp: false });
  const reminder = page.getByRole('region', { name: 'Back up your journal' });
  await expect(reminder).toContainText('3 sets are recorded only on this phone');
  await expectAccessible(page);
  await reminder.getByRole('button', { name: 'Not now' }).click();
  await expect(reminder).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your exercises' })).toBeVisible();
  await expect(reminder).toHaveCount(0);
});

test('a reopened app continues the chunk its last page wrote, instead of starting another', async ({ page }) => {
  await open(page);
  const chunks = async () => Object.keys(await stored(page)).filter((k) => k.startsWith('centralise:log:') && !k.includes(':seed:'));
  await startRoutine(page, 'Core stability routine');
  await untilCheckIn(page);
  await checkIn(page, { left: 'Thigh (above knee)' });
  const first = await chunks();
  expect(first).toHaveLength(1);
  await page.reload();
  await expect(page.locator('html[data-boot="ready"]')).toBeAttached();
  await page.getByRole('button', { name: /^Resume/ }).click();
  await untilCheckIn(page);
  await checkIn(page, { left: 'Buttock' });
  expect(await chunks()).toEqual(first);
  await page.goto('/#/history');
  await expect(historyRows(page)).toHaveCount(2);
});

test('a new version is offered between sessions, never in the middle of one', async ({ page }) => {
  await open(page);
  await startRoutine(page, 'Core stability routine');
  // What boot.js does when a new version has installed in the background.
  await page.evaluate(() => {
    document.documentElement.dataset.update = 'ready';
    dispatchEvent(new Event('centralise:update-ready'));
  });
  const offer = page.getByRole('status').filter({ hasText: 'A new version of Centralise is ready' });
  await expect(page.getByRole('timer')).toBeVisible();
  await expect(offer).toHaveCount(0);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(offer).toHaveCount(0);
  // Once the session has ended, everything is saved: the offer comes.
  await page.getByRole('button', { name: /^End/ }).click();
  await expect(offer.getByRole('button', { name: 'Reload to update' })).toBeVisible();
  await expectAccessible(page);
});

test('the app asks the browser to keep its storage (persistent storage)', async ({ page }) => {
  await page.addInitScript(() => {
    const ask = navigator.storage.persist.bind(navigator.storage);
    window.__persistAsked = 0;
    navigator.storage.persist = () => {
      window.__persistAsked += 1;
      return ask();
    };
  });
  await open(page);
  expect(await page.evaluate(() => window.__persistAsked)).toBe(1);
});
