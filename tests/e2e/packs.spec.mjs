// Exercise packs in the app: the library (switch, share, export, remove), installing from a
// file and from a link after "Install pack", refusing a pack with an error, replacing an older
// version while history stays, the "Check a pack" page, and the QR code read back by a decoder.
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { test, expect, open, expectAccessible, seed, allRoutines } from './fixtures.mjs';

const COMPLETE = 'tests/fixtures/packs/valid/complete.toml';
const FIXTURE_V2 = JSON.parse(readFileSync('tests/fixtures/v2/local-storage.json', 'utf8'));

const packRegion = (page, title) => page.getByRole('region', { name: title, exact: true });

async function openPackFile(page, name, text) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open a pack file' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}

test('the library lists the built-in packs and switches the one Home shows', async ({ page }) => {
  await open(page);
  await allRoutines(page);
  await expect(page.getByRole('region', { name: 'Core stability routine' })).toBeVisible();
  await page.getByRole('link', { name: 'Packs', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exercise packs');
  const core = packRegion(page, 'Core stability');
  await expect(core).toContainText('In use');
  await expect(core).toContainText('built in');
  const extension = packRegion(page, 'Extension progression');
  await expect(extension).toContainText('every 2-3 hours while awake');
  await expect(extension.getByRole('button', { name: 'Remove' })).toHaveCount(0);
  await expectAccessible(page);
  await extension.getByRole('button', { name: 'Use this pack' }).click();
  await expect(extension).toContainText('In use');
  await page.getByRole('link', { name: 'Home', exact: true }).click();
  await allRoutines(page);
  await expect(page.getByRole('region', { name: 'Extension routine' })).toContainText('Press-up lying face down');
  await expect(page.getByRole('region', { name: 'Core stability routine' })).toHaveCount(0);
  // The choice is kept.
  await page.reload();
  await allRoutines(page);
  await expect(page.getByRole('region', { name: 'Extension routine' })).toBeVisible();
});

test('a pack file is installed only after "Install pack", and then shared by a link and QR code', async ({ page, browser }) => {
  await open(page, '/#/packs');
  await openPackFile(page, 'complete.toml', readFileSync(COMPLETE, 'utf8'));
  const question = page.getByRole('region', { name: /Install “Core programme”/ });
  await expect(question).toContainText('This pack is new on this phone.');
  await expectAccessible(page);
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(packRegion(page, 'Core programme')).toHaveCount(0);

  await openPackFile(page, 'complete.toml', readFileSync(COMPLETE, 'utf8'));
  await page.getByRole('button', { name: 'Install pack' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your exercises');
  await allRoutines(page);
  await expect(page.getByRole('region', { name: 'Daily routine' })).toContainText('Press-up lying face down');

  await page.getByRole('link', { name: 'Packs', exact: true }).click();
  const mine = packRegion(page, 'Core programme');
  await expect(mine).toContainText('In use');
  await mine.getByRole('button', { name: 'Share' }).click();
  const link = await mine.getByRole('textbox', { name: /Link/ }).inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#pack=1\.[A-Za-z0-9_-]+$/);

  // The QR code on screen reads back to the same link.
  const qr = mine.getByRole('img', { name: 'QR code of the link to Core programme' });
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(link);

  // Opened on another phone (a fresh profile), the link offers the pack.
  const other = await browser.newContext();
  const phone = await other.newPage();
  await phone.goto(link);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Exercise packs');
  await expect(phone).toHaveURL(/#\/packs$/);
  await phone.getByRole('button', { name: 'Install pack' }).click();
  await expect(phone.getByRole('heading', { level: 1 })).not.toHaveText('Exercise packs');
  const installed = await phone.evaluate(() => JSON.parse(localStorage.getItem('centralise:packs')));
  expect(installed.packs.map((p) => p.pack.id)).toEqual(['clinic-core']);
  await other.close();

  // Export as a TOML file: it is the pack again.
  const download = page.waitForEvent('download');
  await mine.getByRole('button', { name: 'Export as a file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('clinic-core-1.0.0.toml');
  const text = readFileSync(await file.path(), 'utf8');
  expect(text).toContain('id = "clinic-core"');
  expect(text).toContain('[[stages.changes]]');

  // Removing it brings back the first built-in pack.
  await mine.getByRole('button', { name: 'Remove' }).click();
  await expect(packRegion(page, 'Core programme')).toHaveCount(0);
  await expect(packRegion(page, 'Core stability')).toContainText('In use');
});

test('a pack with an error is refused with its location and nothing changes', async ({ page }) => {
  await open(page, '/#/packs');
  const broken = readFileSync(COMPLETE, 'utf8').replace('hold_seconds = 8', 'hold_seconds = 3000');
  await openPackFile(page, 'broken.toml', broken);
  const refused = page.getByRole('alert').filter({ hasText: 'This pack cannot be installed' });
  await expect(refused).toContainText('broken.toml:46:16: error: hold_seconds = 3000 is not possible here; use 1 to 300');
  await expect(page.getByRole('button', { name: 'Install pack' })).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('centralise:packs'))).toBeNull();
  // A damaged link is refused in words.
  await page.getByRole('textbox', { name: 'Pack link' }).fill('http://127.0.0.1/#pack=1.AAAA');
  await page.getByRole('button', { name: 'Open link' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be installed' })).toContainText('damaged');
});

test('a newer version replaces the installed one, says what changed, and history stays', async ({ page }) => {
  await seed(page, FIXTURE_V2);
  await open(page, '/#/history', { setUp: false });
  const rows = page.getByRole('list', { name: /sets/ }).getByRole('listitem');
  // History is drawn by the on-demand module: wait for its rows, not just for the page.
  await expect(rows.first()).toBeVisible();
  const before = await rows.allTextContents();
  await page.getByRole('link', { name: 'Packs', exact: true }).click();
  const v1 = readFileSync(COMPLETE, 'utf8');
  await openPackFile(page, 'v1.toml', v1);
  await page.getByRole('button', { name: 'Install pack' }).click();
  await page.getByRole('link', { name: 'Packs', exact: true }).click();
  const v2 = v1.replace('version = "1.0.0"', 'version = "1.1.0"').replace('hold_seconds = 8', 'hold_seconds = 10');
  await openPackFile(page, 'v2.toml', v2);
  const question = page.getByRole('region', { name: /Install “Core programme”/ });
  await expect(question).toContainText('It replaces version 1.0.0');
  await expect(question).toContainText('Daily routine: now Press-up lying face down, 1 set of 10 repetitions; Bird dog, 4 sets of hold 10 seconds.');
  await question.getByRole('button', { name: 'Install pack' }).click();
  await page.getByRole('link', { name: 'Packs', exact: true }).click();
  await expect(packRegion(page, 'Core programme')).toContainText('Version 1.1.0');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('centralise:packs')));
  expect(stored.packs).toHaveLength(1);
  expect(stored.packs[0].installed_at).toBeLessThan(stored.packs[0].updated_at + 1);
  // The same version again is not offered for install.
  await openPackFile(page, 'v2.toml', v2);
  await expect(page.getByRole('region', { name: /Install/ })).toContainText('Version 1.1.0 is already on this phone.');
  await expect(page.getByRole('button', { name: 'Install pack' })).toHaveCount(0);
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(rows).toHaveText(before);
});

test('"Check a pack" shows each problem with its line and column', async ({ page }) => {
  await open(page, '/#/packs');
  await page.getByRole('link', { name: 'Check a pack' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check a pack');
  const text = readFileSync(COMPLETE, 'utf8').replace('stop_if = "Pain spreads down your leg, or you notice new numbness or weakness."', 'stopif = "Pain spreads down your leg, or you notice new numbness or weakness."');
  await page.getByRole('textbox', { name: 'Pack text' }).fill(text);
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByRole('status')).toContainText('1 error(s)');
  await expect(page.getByRole('status')).toContainText('pack.toml:18:1: error: unknown field `stopif`: did you mean `stop_if`?');
  await expectAccessible(page);
  await page.getByRole('textbox', { name: 'Pack text' }).fill(readFileSync(COMPLETE, 'utf8'));
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByRole('status')).toHaveText('No problems: this pack can be installed.');
});

test('text from a pack is shown as text, never as markup', async ({ page }) => {
  await open(page, '/#/packs');
  const markup = '<img src=x onerror="document.title=1"><b>Bold</b>';
  const pack = readFileSync(COMPLETE, 'utf8')
    .replace('title = "Core programme"', `title = ${JSON.stringify(`Core ${markup}`)}`)
    .replace('name = "Bird dog"', `name = ${JSON.stringify(`Bird ${markup}`)}`);
  await openPackFile(page, 'markup.toml', pack);
  await expect(page.getByRole('heading', { name: `Install “Core ${markup}”?` })).toBeVisible();
  await page.getByRole('button', { name: 'Install pack' }).click();
  // The exercises are one tap away on Home.
  await allRoutines(page);
  await expect(page.getByRole('heading', { name: `Bird ${markup}` }).first()).toBeVisible();
  expect(await page.locator('main img, main b').count()).toBe(0);
  await expect(page).toHaveTitle('Centralise');
});
