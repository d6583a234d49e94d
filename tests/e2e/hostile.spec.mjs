// What a stranger's file, a wrong clock or a second tab could do: a backup that impersonates a
// built-in pack, records dated in the far future, a future warning-signs check, a bare pack link
// pasted by hand, two tabs installing packs, and "Delete all data" while another tab runs a
// session. The backups are the fixtures the native tests restore (tests/fixtures/hostile/).
import { readFileSync } from 'node:fs';
import { test, expect, open, seed, startRoutine, untilCheckIn, checkIn, expectAccessible, startButton } from './fixtures.mjs';

const HOSTILE = 'tests/fixtures/hostile/backups';
const COMPLETE = 'tests/fixtures/packs/valid/complete.toml';

const stored = (page) => page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));

async function restore(page, name) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Restore from a backup file' }).click();
  await (await chooser).setFiles({
    name: `${name}.json`,
    mimeType: 'application/json',
    buffer: readFileSync(`${HOSTILE}/${name}.json`),
  });
}

async function openPackFile(page, name, text) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open a pack file' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}

test('a backup cannot replace a built-in pack: a broken one is refused, a valid one only offered', async ({ page }) => {
  await open(page, '/#/settings');
  await restore(page, 'impersonating-pack');
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toContainText('Restored 5 records');
  const refused = page.getByRole('alert').filter({ hasText: 'was not installed' });
  await expect(refused).toContainText('Pack “Core stability” was not installed');
  await expect(refused).toContainText('steps');
  await expectAccessible(page);
  // Home still runs the built-in pack.
  await page.getByRole('link', { name: 'Home', exact: true }).click();
  await startRoutine(page, 'Core stability routine');
  await untilCheckIn(page);
  await checkIn(page, { left: 'Thigh (above knee)' });
  expect((await stored(page))['centralise:packs'] ?? null).toBeNull();

  // A valid replacement is shown as a link's pack would be, and waits for "Install pack".
  await page.getByRole('button', { name: 'End session' }).click().catch(() => {});
  await page.goto('/#/settings');
  await restore(page, 'replacing-pack');
  const offer = page.getByRole('region', { name: /Install “Core stability \(updated\)”/ });
  await expect(offer).toContainText('It replaces version 1.1.0');
  expect((await stored(page))['centralise:packs'] ?? null).toBeNull();
  await offer.getByRole('button', { name: 'Cancel' }).click();
  await expect(offer).toHaveCount(0);
  expect((await stored(page))['centralise:packs'] ?? null).toBeNull();
});

test('a check-in dated in the far future neither breaks Home nor counts, and the restore says so', async ({ page }) => {
  await open(page, '/#/settings');
  await restore(page, 'far-future-check-in');
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toContainText('1 record is dated after today');
  await page.getByRole('link', { name: 'Home', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your exercises' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your exercises' })).toBeVisible();
  await page.goto('/#/history');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('a warning-signs check dated in the future does not silence this week’s', async ({ page }) => {
  // Set up last week: this week's check is due.
  await seed(page, {
    'centralise:settings': JSON.stringify({ setup_done: true, affected_leg: 'left', emergency_number: '999' }),
  });
  await open(page, '/#/settings', { setUp: false });
  await restore(page, 'future-warning-check');
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toContainText('dated after today');
  await page.getByRole('link', { name: 'Home', exact: true }).click();
  await (await startButton(page, 'Core stability routine')).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Warning signs');
});

test('a bare pack link pasted into "Pack link" opens the pack', async ({ page }) => {
  await open(page, '/#/packs');
  const core = page.getByRole('region', { name: 'Core stability', exact: true });
  await core.getByRole('button', { name: 'Share' }).click();
  const link = await core.getByRole('textbox', { name: /Link/ }).inputValue();
  const fragment = link.slice(link.indexOf('#'));
  for (const pasted of [fragment, fragment.slice(1)]) {
    await page.getByRole('textbox', { name: 'Pack link' }).fill(pasted);
    await page.getByRole('button', { name: 'Open link' }).click();
    const question = page.getByRole('region', { name: /Install “Core stability”/ });
    await expect(question).toContainText('Version 1.1.0 is already on this phone.');
    await question.getByRole('button', { name: 'Cancel' }).click();
  }
});

test('two tabs on the Packs page keep each other’s packs', async ({ page, context }) => {
  await open(page, '/#/packs');
  const other = await context.newPage();
  await other.goto('/#/packs');
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Exercise packs');
  const complete = readFileSync(COMPLETE, 'utf8');
  // Tab B installs a pack while tab A has the Packs page open.
  await openPackFile(other, 'complete.toml', complete);
  await other.getByRole('button', { name: 'Install pack' }).click();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Your exercises');
  // Then tab A installs another.
  const second = complete.replace('id = "clinic-core"', 'id = "second-clinic"').replace('title = "Core programme"', 'title = "Second programme"');
  await openPackFile(page, 'second.toml', second);
  await page.getByRole('button', { name: 'Install pack' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your exercises');
  const packs = JSON.parse((await stored(page))['centralise:packs']);
  expect(packs.packs.map((p) => p.pack.id).sort()).toEqual(['clinic-core', 'second-clinic']);
  await other.close();
});

test('delete all in one tab while another runs a session: nothing comes back', async ({ page, context }) => {
  // Seeded once (not at every load, as open() does), so a reload shows what is really stored.
  const check = { type: 'warning-check', id: 'seed-check', at: Date.UTC(2026, 10, 26, 8), yes: [], outcome: null };
  await seed(page, {
    'centralise:settings': JSON.stringify({ setup_done: true, affected_leg: 'left', emergency_number: '999' }),
    'centralise:schema': '1',
    'centralise:log:seed:0': `${JSON.stringify(check)}\n`,
  });
  await open(page, '/', { setUp: false });
  await startRoutine(page, 'Core stability routine');
  await page.clock.runFor(5_000);
  const other = await context.newPage();
  await other.goto('/#/settings');
  await other.getByRole('button', { name: 'Delete all data…' }).click();
  await other.getByRole('button', { name: 'Delete all data now' }).click();
  await expect(other.getByRole('heading', { name: 'Welcome to Centralise' })).toBeVisible();
  // The session tab reloads and shows the first run; its session does not come back.
  await expect(page.getByRole('heading', { name: 'Welcome to Centralise' })).toBeVisible();
  await page.clock.runFor(60_000);
  const left = Object.keys(await stored(page)).filter((k) => k.startsWith('centralise:'));
  expect(left).toEqual([]);
  await other.close();
});

test('the install screen says who wrote a pack, where it came from and what it asks', async ({ page }) => {
  await open(page, '/#/packs');
  await openPackFile(page, 'complete.toml', readFileSync(COMPLETE, 'utf8'));
  const question = page.getByRole('region', { name: /Install “Core programme”/ });
  await expect(question).toContainText('from the file complete.toml');
  await expect(question).toContainText('What it asks you to do');
  await expect(question.getByRole('listitem').filter({ hasText: /sets? of/ }).first()).toBeVisible();
  await expectAccessible(page);
});

test('a pack by another author in place of one on the phone needs its own yes', async ({ page }) => {
  await open(page, '/#/packs');
  const core = page.getByRole('region', { name: 'Core stability', exact: true });
  await core.getByRole('button', { name: 'Share' }).click();
  // The built-in pack, as a stranger would re-sign it: same id, a higher version, another author.
  const download = page.waitForEvent('download');
  await core.getByRole('button', { name: 'Export as a file' }).click();
  const text = readFileSync(await (await download).path(), 'utf8')
    .replace(/^version = ".*"$/m, 'version = "9.0.0"')
    .replace(/^author = ".*"$/m, 'author = "A stranger"');
  await openPackFile(page, 'core.toml', text);
  const question = page.getByRole('region', { name: /Install “Core stability”/ });
  await expect(question).toContainText('This pack is by A stranger, not by Centralise example programme');
  await expect(question).toContainText('Written by A stranger');
  const install = question.getByRole('button', { name: 'Install pack' });
  await expect(install).toBeDisabled();
  await expectAccessible(page);
  await question.getByRole('checkbox', { name: 'Yes, my physiotherapist sent me this pack' }).check();
  await expect(install).toBeEnabled();
  await install.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your exercises');
  await expect(page.locator('.safety-note')).toContainText('From A stranger’s pack:');
});
