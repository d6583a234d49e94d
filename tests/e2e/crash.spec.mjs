// The crash screen lives outside the wasm (index.html #crash, boot.js): when a panic aborts
// the app, or the app cannot start, it says the data is safe and offers Reload and Export.
import { readFileSync } from 'node:fs';
import { test, expect, open, expectAccessible } from './fixtures.mjs';

test.describe('a panic', () => {
  // The deliberate panic: console_error_panic_hook logs its message, then the wasm traps.
  test.use({ allowErrors: /selftest-panic|RuntimeError: unreachable/ });

  test('shows the crash screen; Export downloads the stored data; Reload brings the app back', async ({ page }) => {
    await open(page);
    await expect(page.getByRole('heading', { name: 'Your exercises' })).toBeVisible();
    const ours = () =>
      page.evaluate(() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('centralise:'))));
    const stored = await ours();
    expect(stored['centralise:settings']).toBeTruthy();

    await page.evaluate(() => {
      location.hash = '#selftest-panic';
    });
    const crash = page.getByRole('alert');
    await expect(crash).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-crashed', 'true');
    const heading = crash.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Something went wrong; your data is safe');
    await expect(heading).toBeFocused();
    // Nothing of the dead app is left to press.
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.getByRole('link', { name: 'History' })).toHaveCount(0);
    const reload = crash.getByRole('button', { name: 'Reload' });
    const exportButton = crash.getByRole('button', { name: 'Export' });
    for (const button of [reload, exportButton]) {
      const box = await button.boundingBox();
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    await expectAccessible(page);

    // Export reads localStorage directly, since the wasm is dead.
    const downloading = page.waitForEvent('download');
    await exportButton.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('centralise-storage-2026-11-26.json');
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(file).toEqual({
      format: 'centralise-storage',
      version: 1,
      exported_at: await page.evaluate(() => new Date().toISOString()),
      items: stored,
    });
    expect(file.items['centralise:settings']).toBe(stored['centralise:settings']);
    await expect(crash).toContainText('Saved centralise-storage-2026-11-26.json');

    // By keyboard: from the focused heading, Tab reaches Reload.
    await heading.focus();
    await page.keyboard.press('Tab');
    await expect(reload).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('html[data-boot="ready"]')).toBeAttached();
    await expect(page.locator('html')).not.toHaveAttribute('data-crashed', /.*/);
    await expect(page.getByRole('heading', { name: 'Your exercises' })).toBeVisible();
    expect(await ours()).toMatchObject(stored); // nothing lost or changed
    await page.getByRole('link', { name: 'History' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
  });
});

test.describe('an app that cannot start', () => {
  test.use({ allowErrors: /Centralise failed to start|Failed to load resource.*404/ });

  test('shows the crash screen instead of a blank page', async ({ page }) => {
    await page.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-boot', 'failed');
    const crash = page.getByRole('alert');
    await expect(crash.getByRole('heading', { level: 1 })).toHaveText('Something went wrong; your data is safe');
    await expect(crash.getByRole('button', { name: 'Reload' })).toBeVisible();
    await expect(crash.getByRole('button', { name: 'Export' })).toBeVisible();
    await expectAccessible(page);
  });
});
