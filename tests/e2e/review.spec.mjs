// The review prompt, on synthetic history put in the app's own store.
import { test, expect, open, expectAccessible } from './fixtures.mjs';

const DAY = 24 * 60 * 60_000;

/** Daily check-ins for `days` days up to now, leg pain steady at 5, the
 * symptoms never moving: records as the app stores them. */
async function seedHistory(page, days) {
  await page.addInitScript((days) => {
    if (localStorage.getItem('centralise:log:history:0') !== null) return;
    const lines = [];
    const now = Date.now();
    for (let d = days; d >= 1; d -= 1) {
      const at = now - d * 24 * 60 * 60_000;
      const answers = { left: 'below-knee', right: 'none', leg_pain: 5, back_pain: 2 };
      lines.push({ type: 'check-in', id: `h${d}-c0`, session: `h${d}`, at, after_set: null, answers });
      lines.push({ type: 'set-completed', id: `h${d}-s1`, session: `h${d}`, at: at + 60_000, started_at: at + 30_000,
        exercise_id: 'prone-press-up', exercise_name: 'Press-up lying face down', kind: 'repeated',
        set: 1, of: 1, dose: { repetitions: 10, pace_seconds: 3 } });
      lines.push({ type: 'check-in', id: `h${d}-c1`, session: `h${d}`, at: at + 61_000, after_set: `h${d}-s1`, answers });
    }
    localStorage.setItem('centralise:schema', '1');
    localStorage.setItem('centralise:log:history:0', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  }, days);
}

test('six weeks of unchanged leg pain prompts a review, which can be put aside', async ({ page }) => {
  await seedHistory(page, 43);
  await open(page);
  const prompt = page.getByRole('region', { name: 'Time to book a review' });
  await expect(prompt).toContainText('has not eased by 2 points');
  await expectAccessible(page);
  await prompt.getByRole('button', { name: 'I have read this' }).click();
  await expect(prompt).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your exercises' })).toBeVisible();
  await expect(prompt).toHaveCount(0);
});

test('no review prompt before its time', async ({ page }) => {
  await seedHistory(page, 10);
  await open(page);
  await expect(page.getByRole('heading', { name: 'Your exercises' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Time to book a review' })).toHaveCount(0);
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('list', { name: /sets/ }).getByRole('listitem')).toHaveCount(10);
});
