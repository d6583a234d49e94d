// The first run, and the warning-signs check before each week's first
// session.
import { test, expect, open, expectAccessible, checkIn, startButton } from './fixtures.mjs';

async function answerAllNo(page) {
  const groups = page.getByRole('region', { name: /Warning signs|Check now/ }).getByRole('radiogroup');
  await expect(groups.first()).toBeVisible(); // count() does not wait for the page to be drawn
  for (let i = 0; i < (await groups.count()); i += 1) {
    await groups.nth(i).getByRole('radio', { name: 'No', exact: true }).check();
  }
  await page.getByRole('button', { name: 'Save answers' }).click();
}

test('the first run asks the leg, the number and the warning signs, then shows the exercises', async ({ page }) => {
  await open(page, '/', { setUp: false });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Centralise');
  await expect(page.getByText('It does not diagnose')).toBeVisible();
  // Nothing is answered in advance but the usual emergency number of the
  // browser's region (en-US here).
  const numbers = page.getByRole('radiogroup', { name: /ambulance/ });
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(1);
  await expect(numbers.getByRole('radio', { name: '911' })).toBeChecked();
  await expect(page.getByLabel('Emergency number (optional)')).toHaveValue('911');
  await expect(page.getByText('need help straight away')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Warning signs' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: /^Done/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Choose which leg' })).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Which leg is affected?' }).getByRole('radio', { name: 'Both legs' }).check();
  await expect(page.getByText('Sciatica in both legs can be a warning sign')).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Which leg is affected?' }).getByRole('radio', { name: 'Right leg' }).check();
  await numbers.getByRole('radio', { name: '999' }).check();
  await expect(page.getByLabel('Emergency number (optional)')).toHaveValue('999');
  await page.getByRole('button', { name: /^Done/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'warning-signs questions' })).toBeVisible();
  await answerAllNo(page);
  await page.getByRole('button', { name: 'Test cues' }).click();
  await page.getByRole('button', { name: /^Done/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your exercises');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your exercises');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('radio', { name: 'Right leg' })).toBeChecked();
  await expect(page.getByLabel('Emergency number')).toHaveValue('999');
  // The check was this week's: starting a routine goes straight in.
  await page.getByRole('link', { name: 'Home' }).click();
  await (await startButton(page, 'Core stability routine')).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Before you start');
});

test('the first session of a new week asks the warning-signs check first', async ({ page }) => {
  await open(page);
  const nextWeek = (await page.evaluate(() => Date.now())) + 7 * 24 * 60 * 60_000;
  await page.clock.setSystemTime(nextWeek);
  await (await startButton(page, 'Core stability routine')).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Warning signs');
  await expect(page.getByText('Before your session, please answer these questions')).toBeVisible();
  await expectAccessible(page);
  await answerAllNo(page);
  // Saving the answers starts the routine.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Before you start');
  await checkIn(page, { left: 'Buttock' });
  await expect(page.getByText('Get ready', { exact: true })).toBeVisible();
});

test.describe('in Britain', () => {
  test.use({ locale: 'en-GB' });
  test('the first run preselects 999, and any other number can be typed', async ({ page }) => {
    await open(page, '/', { setUp: false });
    const numbers = page.getByRole('radiogroup', { name: /ambulance/ });
    await expect(numbers.getByRole('radio', { name: '999' })).toBeChecked();
    await numbers.getByRole('radio', { name: 'Other' }).check();
    await expect(page.getByLabel('Emergency number (optional)')).toBeFocused();
    await page.getByLabel('Emergency number (optional)').fill('111');
    await expect(numbers.getByRole('radio', { name: 'Other' })).toBeChecked();
  });
});

test('the first run opens without the on-demand module; choosing a backup there loads it and says what is wrong with the file', async ({ page }) => {
  const loaded = [];
  page.on('request', (r) => /\/extras[^/]*$/.test(new URL(r.url()).pathname) && loaded.push(r.url()));
  await open(page, '/', { setUp: false });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Centralise');
  const restore = page.getByRole('button', { name: 'Restore from a backup file' });
  await expect(restore).toBeVisible();
  await page.getByRole('link', { name: 'Warning signs' }).click();
  await page.goBack();
  await expect(restore).toBeVisible();
  expect(loaded).toEqual([]);
  const chooser = page.waitForEvent('filechooser');
  await restore.click();
  await (await chooser).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"notes": []}') });
  await expect(page.getByRole('alert').filter({ hasText: 'This file could not be restored: notes.json' })).toBeVisible();
  expect(loaded.some((url) => url.endsWith('extras_bg.wasm'))).toBe(true);
  // Nothing was restored, and another file can be chosen at once.
  await expect(page.getByRole('button', { name: 'Restore from a backup file' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Centralise');
});
