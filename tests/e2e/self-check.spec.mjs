// The S1 strength self-check, switched on in settings.
import { test, expect, open, expectAccessible } from './fixtures.mjs';

test('heel raises per side, the trend, and an alert only on the rules', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('link', { name: 'Strength self-check' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('switch', { name: /Heel-raise self-check/ }).check();
  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('link', { name: 'Strength self-check' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Strength self-check');
  await expect(page.getByText('not a diagnosis')).toBeVisible();
  await expectAccessible(page);

  const save = async (left, right, toes = ['Yes', 'Yes']) => {
    await page.getByLabel('Left: heel raises').fill(String(left));
    await page.getByLabel('Right: heel raises').fill(String(right));
    await page.getByRole('radiogroup', { name: /left side/ }).getByRole('radio', { name: toes[0] }).check();
    await page.getByRole('radiogroup', { name: /right side/ }).getByRole('radio', { name: toes[1] }).check();
    await page.getByRole('button', { name: 'Save self-check' }).click();
  };
  await page.getByRole('button', { name: 'Save self-check' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Fill in both counts' })).toBeVisible();

  const trend = page.getByRole('list', { name: /self-checks/ }).getByRole('listitem');
  await save(20, 22);
  await save(22, 22); // baseline left 21
  await save(14, 21); // 7 below, once
  await expect(trend).toHaveCount(3);
  await expect(page.getByText('Contact your physiotherapist today')).toHaveCount(0);
  await save(14, 20); // twice in a row
  await expect(trend.first()).toContainText('left 14, right 20');
  await expect(page.getByRole('status')).toContainText('left heel raises have been well below');
  await expectAccessible(page);
});
