// The pages a patient reaches without starting anything.
import { test, expect, open, expectAccessible, allRoutines } from './fixtures.mjs';

test('home lists the routines of the pack in use, each exercise explained, with a Start for each', async ({ page }) => {
  await open(page);
  await expect(page).toHaveTitle('Centralise');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your exercises');
  // With a session planned today, the routines are one tap away.
  await expect(page.getByRole('button', { name: /^Start (?!now)/ })).toHaveCount(0);
  await allRoutines(page);
  const core = page.getByRole('region', { name: 'Core stability routine' });
  await expect(core).toContainText('Core stabilisation');
  await expect(core).toContainText('Bird dog');
  await expect(core).toContainText('4 sets: hold 8 seconds');
  // Each how-to is drawn when it is first opened.
  await expect(core).not.toContainText('Start position:');
  await core.getByText('How to do Bird dog').click();
  await expect(core).toContainText('Start position: On all fours, hands under shoulders, knees under hips.');
  await expect(core).toContainText('You should feel: Work in your back, bottom and shoulder.');
  await expect(core).toContainText('Stop if: Pain, tingling or numbness spreads further down your leg, or you notice new numbness or weakness.');
  await expect(core).toContainText('Once a day');
  // From the keyboard too.
  await core.getByText('How to do Tummy bracing').focus();
  await page.keyboard.press('Enter');
  await expect(core).toContainText('Start position: On your back, knees bent, feet flat.');
  // A Start for each routine, and today's next one again in the Today card.
  await expect(page.getByRole('button', { name: /^Start (?!now)/ })).toHaveCount(4);
  await expect(page.getByRole('region', { name: 'Today' }).getByRole('button', { name: /^Start now/ })).toHaveCount(1);
  await expectAccessible(page);
});

test('with the extension pack in use, home shows its schedule', async ({ page }) => {
  await open(page, '/', { pack: 'extension-progression' });
  await allRoutines(page);
  const extension = page.getByRole('region', { name: 'Extension routine' });
  await expect(extension).toContainText('Directional preference');
  await expect(extension).toContainText('1 set: 10 repetitions');
  await expect(extension).toContainText('Every 2-3 hours while awake');
});

test('warning signs, history and settings are one tap from every page', async ({ page }) => {
  await open(page);
  for (const [link, heading] of [
    ['History', 'History'],
    ['Settings', 'Settings'],
    ['Warning signs', 'Warning signs'],
    ['Home', 'Your exercises'],
  ]) {
    await page.getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    for (const always of ['Warning signs', 'History', 'Settings']) {
      await expect(page.getByRole('link', { name: always, exact: true })).toBeVisible();
    }
    await expectAccessible(page);
  }
});

test('the warning signs page lists the emergency and urgent signs', async ({ page }) => {
  await open(page, '/#/warning-signs');
  const emergency = page.getByRole('region', { name: 'Get emergency help now' });
  await expect(emergency).toContainText('112 or 999');
  await expect(emergency.getByRole('listitem')).toHaveCount(4);
  await expect(emergency).toContainText('around your bottom or genitals');
  await expect(emergency).toContainText('both legs');
  const urgent = page.getByRole('region', { name: /today/ });
  await expect(urgent).toContainText('rise onto your toes');
});

test('an empty history says what will appear there', async ({ page }) => {
  await open(page, '/#/history');
  await expect(page.getByText('No sets yet')).toBeVisible();
});

test('the page is laid out for a phone with touch targets of 44 px or more', async ({ page }) => {
  await open(page);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('a, button, input, [role=radio]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => {
        const target = el.closest('label') ?? el;
        const r = target.getBoundingClientRect();
        return { text: el.textContent.trim() || el.outerHTML.slice(0, 60), w: r.width, h: r.height };
      })
      .filter((r) => r.w < 44 || r.h < 44),
  );
  expect(small).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
  expect(overflow).toBe(false);
});

for (const pack of ['core-stabilisation', 'extension-progression', 'nerve-mobility']) {
  test(`home with ${pack} fits one phone screen: today, its stage, the pack's safety note, the routines one tap away`, async ({ page }) => {
    await open(page, '/', { pack });
    await expect(page.getByRole('region', { name: 'Today' })).toBeVisible();
    const viewport = page.viewportSize();
    const bottom = await page.evaluate(() => document.querySelector('main').getBoundingClientRect().bottom);
    expect(bottom).toBeLessThanOrEqual(viewport.height);
    // Every how-to is one tap away from the routine's exercises.
    await allRoutines(page);
    const howTo = page.locator('details.how-to').first();
    await howTo.locator(':scope > summary').click();
    await expect(howTo).toContainText('Stop if:');
  });
}

test('About says what the app is and is not, its version and licence, and every crate it is built from', async ({ page }) => {
  await open(page, '/#/settings');
  await page.getByRole('link', { name: 'About Centralise' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About Centralise');
  await expect(page.getByText('It does not diagnose')).toBeVisible();
  await expect(page.getByText(/^Version \d+\.\d+\.\d+, built on \d{4}-\d{2}-\d{2}\.$/)).toBeVisible();
  await page.getByText('The MIT licence', { exact: true }).click();
  await expect(page.getByText('Permission is hereby granted')).toBeVisible();
  const crates = page.getByText(/^The \d+ crates it is built from/);
  await crates.click();
  await expect(page.locator('ul.crates li').filter({ hasText: /^leptos 0\.8\.\d+ MIT$/ })).toHaveCount(1);
  // The licence's long lines wrap on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
});
