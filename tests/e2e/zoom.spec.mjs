// Text at 200 %, as a phone's largest text setting gives it (the root font size doubled: every
// size in the app is in rem), on a 390 px wide screen: every page reflows into one column with
// no sideways scrolling and no text cut off.
import { test, expect, open, startRoutine, untilCheckIn } from './fixtures.mjs';

// The doubled text comes from a stylesheet added by the test, which the app's CSP would refuse.
test.use({ bypassCSP: true });

/** Whatever on the page scrolls sideways or clips its text, as readable descriptions. */
const overflows = (page) =>
  page.evaluate(() => {
    const found = [];
    const root = document.documentElement;
    if (root.scrollWidth > innerWidth) found.push(`page is ${root.scrollWidth} px wide`);
    for (const el of document.querySelectorAll('body *')) {
      if (getComputedStyle(el).display === 'none' || el.matches('.table-scroll, .visually-hidden, svg *')) continue;
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > innerWidth + 1) found.push(`${el.tagName}.${el.className} ends at ${Math.round(box.right)}`);
      // Wider inside than its box: text runs out of it (or is cut off, if it clips).
      else if (el.scrollWidth > el.clientWidth + 1 && !el.closest('.table-scroll')) {
        found.push(`${el.tagName}.${el.className} overflows with "${el.textContent.trim().slice(0, 40)}"`);
      }
    }
    return found;
  });

async function doubleText(page) {
  await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
  expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('32px');
}

const PAGES = ['#/', '#/history', '#/settings', '#/packs', '#/packs/write', '#/warning-signs', '#/log', '#/about', '#/report', '#/self-check'];

test('text at 200 %: every page fits 390 px without sideways scrolling or cut text', async ({ page }) => {
  await open(page);
  await doubleText(page);
  for (const hash of PAGES) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await expect(page.locator('main h1')).toBeVisible();
    await expect(page.getByText('Opening…')).toHaveCount(0);
    expect(await overflows(page), hash).toEqual([]);
  }
});

test('text at 200 %: a whole set, its check-in and the body map fit 390 px', async ({ page }) => {
  await open(page);
  await doubleText(page);
  await startRoutine(page, 'Quick core practice');
  expect(await overflows(page), 'the set').toEqual([]);
  await untilCheckIn(page);
  await expect(page.getByRole('group', { name: 'Body map' })).toBeVisible();
  expect(await overflows(page), 'the check-in').toEqual([]);
});
