// Dark mode and reduced motion are respected, and stay accessible.
import { test, expect, open, expectAccessible, startButton } from './fixtures.mjs';

test('dark mode: every main screen passes axe, colours come from the dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await open(page);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(15, 21, 19)');
  await expectAccessible(page);
  await (await startButton(page, 'Core stability routine')).click();
  await page.getByRole('group', { name: 'Body map' }).getByRole('button', { name: 'Left leg: thigh (above knee)' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Warning signs' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Back to your session' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Before you start');
});

test('dark mode: the packs pages, a share QR code and Check a pack pass axe', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await open(page, '/#/packs');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exercise packs');
  const core = page.getByRole('region', { name: 'Core stability', exact: true });
  await core.getByRole('button', { name: 'Share' }).click();
  await expect(core.getByRole('img', { name: /QR code/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Check a pack' }).click();
  await page.getByRole('textbox', { name: 'Pack text' }).fill('format = 2\nid = "x"\n');
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByRole('status')).toContainText('error');
  await expectAccessible(page);
});
