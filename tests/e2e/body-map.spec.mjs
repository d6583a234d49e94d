// The body map and the radio groups answer the same question and stay in
// sync, by touch and by keyboard.
import { test, expect, open, expectAccessible, startButton } from './fixtures.mjs';

test('body map and radio groups stay in sync and work by keyboard', async ({ page }) => {
  await open(page);
  await (await startButton(page, 'Core stability routine')).click();
  const map = page.getByRole('group', { name: 'Body map' });
  await expect(map).toBeVisible();
  await expect(map.getByText('your left is on the left')).toBeVisible();
  // A drawn back view, its zones named on the map itself.
  await expect(map.locator('.labels text')).toHaveText(['Low back', 'Buttock', 'Thigh', 'Calf', 'Foot']);
  await expect(map.locator('.figure ellipse')).toHaveCount(1); // the head
  const leftGroup = page.getByRole('radiogroup', { name: /Left leg: furthest/ });
  const rightGroup = page.getByRole('radiogroup', { name: /Right leg: furthest/ });

  // Tap on the map: the radio follows.
  await map.getByRole('button', { name: 'Left leg: below knee / calf' }).click();
  await expect(leftGroup.getByRole('radio', { name: 'Below knee / calf' })).toBeChecked();
  await expect(map.getByRole('button', { name: 'Left leg: below knee / calf' })).toHaveAttribute('aria-pressed', 'true');

  // Down to the foot: where in the foot is asked too.
  await expect(page.getByRole('radiogroup', { name: /Left foot: where/ })).toHaveCount(0);
  await map.getByRole('button', { name: 'Left leg: ankle / foot' }).click();
  await page.getByRole('radiogroup', { name: /Left foot: where/ }).getByRole('radio', { name: 'Heel' }).check();

  // Choose a radio: the map follows.
  await leftGroup.getByRole('radio', { name: 'Buttock' }).check();
  await expect(map.getByRole('button', { name: 'Left leg: buttock' })).toHaveAttribute('aria-pressed', 'true');
  await expect(map.getByRole('button', { name: 'Left leg: below knee / calf' })).toHaveAttribute('aria-pressed', 'false');

  // By keyboard: focus a zone and press Enter or Space.
  await map.getByRole('button', { name: 'Right leg: thigh (above knee)' }).focus();
  await page.keyboard.press('Enter');
  await expect(rightGroup.getByRole('radio', { name: 'Thigh (above knee)' })).toBeChecked();
  await map.getByRole('button', { name: 'Right leg: no symptoms' }).focus();
  await page.keyboard.press('Space');
  await expect(rightGroup.getByRole('radio', { name: 'None' })).toBeChecked();

  // Every zone is at least 44 px each way.
  const sizes = await map.locator('.zone').evaluateAll((zones) =>
    zones.map((z) => z.getBoundingClientRect()).map((r) => Math.min(r.width, r.height)),
  );
  expect(sizes).toHaveLength(10);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(44);
  await expectAccessible(page);

  await page.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByText('Get ready', { exact: true })).toBeVisible();
});
