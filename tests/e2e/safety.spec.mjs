// What the app does with each answer (DOMAIN.md): a stop, weakness and an
// urgent or emergency warning sign hold everything until the patient has
// read them, and say so aloud.
import { test, expect, open, checkIn, startRoutine, untilCheckIn, expectAccessible, recordCues, spoken, answerWarningSigns, startButton } from './fixtures.mjs';

test.beforeEach(async ({ page }) => {
  await recordCues(page);
});

const heading = (page) => page.getByRole('heading', { level: 1 });

test('a prone set that peripheralises pauses the session, says why, and stops press-ups for the day', async ({ page }) => {
  await open(page, '/', { pack: 'extension-progression' });
  await startRoutine(page, 'Extension routine', { left: 'Thigh (above knee)' });
  await untilCheckIn(page);
  await checkIn(page, { left: 'Below knee / calf' });
  await expect(heading(page)).toHaveText('Stop this exercise for today');
  await expect(page.getByRole('alert').filter({ hasText: 'moved further down your leg' })).toBeVisible();
  expect((await spoken(page)).at(-1)).toContain("Your leg symptoms moved further down your leg");
  // The clock runs on: nothing moves until the patient has read it.
  await page.clock.runFor(5 * 60_000);
  await expect(heading(page)).toHaveText('Stop this exercise for today');
  await expect(page.getByRole('button', { name: /^Continue/ })).toHaveCount(0);
  expect((await spoken(page)).some((t) => t.includes('Press-up'))).toBe(false);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'I have read this' }).click();
  // Press-ups load the spine the same way: they are stopped too, so only
  // ending is left.
  await expect(heading(page)).toHaveText('What would you like to do?');
  await expect(page.getByText('Nothing else is left in this session today')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Continue/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  const stopped = page.getByRole('region', { name: 'Stopped for today' });
  await expect(stopped).toContainText('Lying face down (peripheralised)');
  await expect(stopped).toContainText('Press-up lying face down');
  await expect(await startButton(page, 'Extension routine')).toHaveCount(0);
  await expectAccessible(page);
  // Still so after a reload.
  await page.reload();
  await expect(await startButton(page, 'Extension routine')).toHaveCount(0);
});

test('"Yes, weaker" at the baseline keeps the session from starting until the advice is read', async ({ page }) => {
  await open(page);
  await (await startButton(page, 'Core stability routine')).click();
  await page.getByRole('radiogroup', { name: /Left leg.*furthest/ }).getByRole('radio', { name: 'Thigh (above knee)' }).check();
  await page.getByRole('radiogroup', { name: /Right leg.*furthest/ }).getByRole('radio', { name: 'None' }).check();
  await page.getByLabel('Leg pain').fill('4');
  await page.getByLabel('Back pain').fill('3');
  await page.getByRole('radiogroup', { name: /weaker/ }).getByRole('radio', { name: 'Yes, weaker' }).check();
  await page.getByRole('button', { name: /^Save/ }).click();
  await expect(heading(page)).toHaveText('Contact your GP or physiotherapist today');
  expect((await spoken(page)).at(-1)).toContain('Contact your GP, an urgent care line or your physiotherapist today');
  await page.clock.runFor(2 * 60_000);
  await expect(heading(page)).toHaveText('Contact your GP or physiotherapist today');
  expect((await spoken(page)).some((t) => t.startsWith('Get ready'))).toBe(false);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'I have read this' }).click();
  await page.getByRole('button', { name: 'Continue the session' }).click();
  await expect(page.getByText('Get ready', { exact: true })).toBeVisible();
});

async function nextWeek(page) {
  const later = (await page.evaluate(() => Date.now())) + 7 * 24 * 60 * 60_000;
  await page.clock.setSystemTime(later);
}

test('an urgent answer to the weekly check shows the advice and does not start the routine', async ({ page }) => {
  await open(page);
  await nextWeek(page);
  await (await startButton(page, 'Core stability routine')).click();
  await expect(heading(page)).toHaveText('Warning signs');
  await answerWarningSigns(page, ['Is numbness spreading']);
  const advice = page.getByRole('alert').filter({ hasText: 'Read this first' });
  await expect(advice).toContainText('Contact your GP, an urgent care line or your physiotherapist today');
  await page.clock.runFor(30_000);
  await expect(heading(page)).toHaveText('Warning signs');
  await expect(page.getByRole('button', { name: 'Start Core stability routine', exact: true })).toHaveCount(0);
  await advice.getByRole('button', { name: 'I have read this' }).click();
  // Read: the patient may start, by choice.
  await (await startButton(page, 'Core stability routine')).click();
  await expect(heading(page)).toContainText('Before you start');
  // A check with a "yes" is not the week's check: asked again next time.
  await page.getByRole('link', { name: 'Centralise' }).click();
  await (await startButton(page, 'Core stability routine')).click();
  await expect(heading(page)).toHaveText('Warning signs');
});

test('an emergency answer blocks every start until a later check has none', async ({ page }) => {
  await open(page);
  await nextWeek(page);
  await (await startButton(page, 'Core stability routine')).click();
  await answerWarningSigns(page, ['trouble starting or stopping peeing']);
  const dialog = page.getByRole('alertdialog', { name: 'Get emergency help now' });
  await dialog.getByRole('checkbox', { name: /I have read this/ }).check();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Your last check' })).toContainText('No exercise starts');
  await (await startButton(page, 'Core stability routine')).click();
  await expect(heading(page)).toHaveText('Warning signs');
  await page.reload();
  await page.getByRole('link', { name: 'Home' }).click();
  await (await startButton(page, 'Core stability routine')).click();
  await expect(heading(page)).toHaveText('Warning signs');
  // A check with no emergency answer lifts it; the routine then starts.
  await answerWarningSigns(page);
  await expect(heading(page)).toContainText('Before you start');
});
