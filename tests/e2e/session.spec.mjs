// A guided session from start to summary, on the browser's fake clock.
import { test, expect, open, expectAccessible, checkIn, startRoutine, untilCheckIn, startButton } from './fixtures.mjs';

test('a whole routine: baseline, timed sets, a check-in after each, summary, history', async ({ page }) => {
  // A whole routine, three accessibility checks and History's module: longer than most.
  test.setTimeout(60_000);
  await open(page);
  await startRoutine(page, 'Core stability routine', { left: 'Below knee / calf', leg: 6 });

  // Get ready, then a 10 s hold with a visible countdown.
  await expect(page.getByText('Get ready', { exact: true })).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText('0:10');
  await page.clock.runFor(10_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tummy bracing');
  await expect(page.getByText('Set 1 of 3: hold 10 seconds')).toBeVisible();
  // The pack's advice is there during the set, not only on Home.
  await expect(page.getByText('Start position: On your back, knees bent, feet flat.')).toBeVisible();
  await expect(page.getByText('Stop if: Pain, tingling or numbness spreads further down your leg, or you notice new numbness or weakness.')).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText('0:10');
  await page.clock.runFor(4_000);
  await expect(page.getByRole('timer')).toHaveText('0:06');
  for (const name of [/^Pause/, /^Skip/, /^End/]) {
    await expect(page.getByRole('button', { name }).first()).toBeVisible();
  }
  for (const name of ['Skip set', 'Skip exercise', 'Back one set']) {
    await expect(page.getByRole('button', { name })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Warning signs' })).toBeVisible();
  await expectAccessible(page);

  // The set ends on its own; the check-in is pre-filled with the baseline.
  await page.clock.runFor(6_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How are your symptoms now?');
  await expect(page.getByText('Filled in with your last answers')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Below knee / calf' }).first()).toBeChecked();
  await expect(page.getByLabel('Leg pain')).toHaveValue('6');
  await expectAccessible(page);

  // Symptoms moved up the leg: the app says so, in plain words.
  await checkIn(page, { left: 'Thigh (above knee)', leg: 4, back: 5 });
  await expect(page.getByRole('status')).toContainText('moved up towards your back');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rest');
  await expect(page.getByRole('timer')).toHaveText('0:10');
  await expectAccessible(page);

  // Next set; this time they move down the leg: tummy bracing stops for
  // today and the session moves on to bird dog.
  await untilCheckIn(page);
  await checkIn(page, { left: 'Ankle / foot', leg: 7 });
  const stop = page.getByRole('alert').filter({ hasText: 'moved further down your leg' });
  await expect(stop).toContainText("don't do this exercise again today");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stop this exercise for today');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'I have read this' }).click();
  await page.getByRole('button', { name: 'Continue with the other exercises' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bird dog');

  // And unchanged after every other set.
  let checkIns = 2;
  while (!(await page.getByRole('heading', { name: 'Session complete' }).isVisible())) {
    await untilCheckIn(page);
    await page.getByRole('button', { name: /^Save/ }).click();
    checkIns += 1;
  }
  expect(checkIns).toBe(6);
  await expect(page.getByText('You did 6 of 7 sets')).toBeVisible();
  await expect(page.getByText('Since you started')).toContainText('moved further down your leg');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'History' }).click();
  const sets = page.getByRole('list', { name: /sets/ }).getByRole('listitem');
  await expect(sets).toHaveCount(6);
  // Newest first: the last bird dog set on top, the first tummy bracing set last.
  await expect(sets.first()).toContainText('Bird dog, set 4 of 4');
  await expect(sets.last()).toContainText('Tummy bracing, set 1 of 3');
  await expect(sets.last()).toContainText('Left leg: thigh (above knee)');
  await expect(sets.last()).toContainText('Leg pain 4/10, back pain 5/10');
  await expect(sets.last()).toContainText('Centralised');
  await expect(sets.nth(4)).toContainText('Peripheralised');
  await expect(sets.nth(4)).toContainText('Exercise stopped for the rest of that day');
  // The browser's time zone is UTC here; the routine started at 09:00.
  await expect(sets.last().locator('time')).toHaveText(/^26 Nov 2026, 09:[0-5]\d$/);
  await expectAccessible(page);

  // Home says what is stopped for today, and the routine leaves it out.
  await page.getByRole('link', { name: 'Home' }).click();
  const stopped = page.getByRole('region', { name: 'Stopped for today' });
  await expect(stopped).toContainText('Tummy bracing (peripheralised)');
  await expectAccessible(page);
  await startRoutine(page, 'Core stability routine');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bird dog');
});

test('symptoms spreading stops the set at once and asks, with the full check-in', async ({ page }) => {
  await open(page);
  await startRoutine(page, 'Core stability routine', { left: 'Thigh (above knee)' });
  await page.clock.runFor(13_000);
  await page.getByRole('button', { name: 'Symptoms spreading' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How are your symptoms now?');
  // Symptom type appears once a leg has symptoms; weakness starts at No.
  await expect(page.getByRole('radiogroup', { name: /Left leg: what it feels like/ })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: /Right leg: what it feels like/ })).toHaveCount(0);
  await expect(page.getByRole('radio', { name: 'No', exact: true })).toBeChecked();
  await page.getByRole('radiogroup', { name: /Left leg: what it feels like/ }).getByRole('radio', { name: 'Numbness' }).check();
  await page.getByLabel(/what did this set do/).selectOption('worse');
  await page.getByLabel('Note (optional)').fill('Tingling in the heel');
  await expectAccessible(page);
  await page.getByRole('button', { name: /^Save/ }).click();
  // New numbness: a new nerve sign, so tummy bracing stops for today.
  const stop = page.getByRole('alert').filter({ hasText: 'new numbness, pins and needles or weakness' });
  await expect(stop).toContainText("Don't do this exercise again today");
  await expect(stop).not.toContainText('further down');
  await page.getByRole('button', { name: 'I have read this' }).click();
  await page.getByRole('button', { name: /^End/ }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('link', { name: 'History' }).click();
  const row = page.getByRole('list', { name: /sets/ }).getByRole('listitem').first();
  await expect(row).toContainText('Set stopped early: symptoms spreading');
  await expect(row).toContainText('You said: worse.');
  await expect(row).toContainText('Note: Tingling in the heel');
  await expect(row).toContainText('New nerve sign');
});

test('repetitions are counted at the pack pace', async ({ page }) => {
  await open(page, '/', { pack: 'extension-progression' });
  await startRoutine(page, 'Extension routine');
  await page.getByRole('button', { name: 'Skip get ready' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lying face down');
  await expect(page.getByRole('timer')).toHaveText('2:00');
  // Screen readers hear the time left politely, at the half minutes only.
  const live = page.locator('[aria-live="polite"]');
  await page.clock.runFor(30_000);
  await expect(live).toHaveText('1 minute 30 seconds left');
  await page.clock.runFor(5_000);
  await expect(live).toHaveText('1 minute 30 seconds left');
  await page.getByRole('button', { name: 'Skip set' }).click(); // the sustained position
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Press-up lying face down');
  await page.clock.runFor(10_000);
  await expect(page.getByText('Set 1 of 1: 10 repetitions')).toBeVisible();
  await expect(page.locator('.big-count')).toHaveText('Repetition 1 of 10');
  await page.clock.runFor(3_000 * 4);
  await expect(page.locator('.big-count')).toHaveText('Repetition 5 of 10');
  await expectAccessible(page);
});

test('pause stops the countdown, resume continues it, skip and end keep what was done', async ({ page }) => {
  await open(page);
  await startRoutine(page, 'Core stability routine');
  await page.clock.runFor(13_000);
  await expect(page.getByRole('timer')).toHaveText('0:07');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByText('Paused', { exact: true })).toBeVisible();
  await page.clock.runFor(60_000);
  await expect(page.getByRole('timer')).toHaveText('0:07');
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.clock.runFor(2_000);
  await expect(page.getByRole('timer')).toHaveText('0:05');

  await untilCheckIn(page);
  await page.getByRole('button', { name: /^Save/ }).click();
  await page.getByRole('button', { name: 'Skip rest' }).click();
  await expect(page.getByText('Set 2 of 3')).toBeVisible();
  await page.getByRole('button', { name: 'Skip set' }).click();
  await expect(page.getByText('Set 3 of 3')).toBeVisible();
  await page.getByRole('button', { name: /^End/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Session ended');
  await expect(page.getByText('You did 1 of 7 sets')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('list', { name: /sets/ }).getByRole('listitem')).toHaveCount(1);
});

test('the check-in asks for both legs before saving', async ({ page }) => {
  await open(page);
  await (await startButton(page, 'Core stability routine')).click();
  await page.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'each leg' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Before you start');
  await expectAccessible(page);
  await checkIn(page, { left: 'Buttock' });
  await expect(page.getByText('Get ready', { exact: true })).toBeVisible();
});

test('a 13-minute routine of 27 sets completes on the fake clock with every set and check-in', async ({ page }) => {
  await open(page);
  await startRoutine(page, 'McGill-style descending holds');
  const save = page.getByRole('button', { name: /^Save/ });
  let checkIns = 0;
  let elapsed = 0;
  while (!(await page.getByRole('heading', { name: 'Session complete' }).isVisible())) {
    if (await save.isVisible()) {
      await save.click();
      checkIns += 1;
    } else {
      await page.clock.runFor(10_000);
      elapsed += 10_000;
    }
  }
  expect(checkIns).toBe(27);
  expect(elapsed).toBeGreaterThan(12 * 60_000);
  expect(elapsed).toBeLessThan(14 * 60_000);
  await expect(page.getByText('You did 27 of 27 sets')).toBeVisible();
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('list', { name: /sets/ }).getByRole('listitem')).toHaveCount(27);
});
