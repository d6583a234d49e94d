// The warning signs: the list first, then the check; an emergency-tier
// answer stops the session behind advice a stray tap cannot close.
import {
  test, expect, open, expectAccessible, checkIn, startRoutine, answerWarningSigns,
} from './fixtures.mjs';

test('the list comes first, then every question with No as its own answer', async ({ page }) => {
  await open(page, '/#/warning-signs');
  const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
  expect(headings).toEqual(['Get emergency help now', 'Contact your GP or physiotherapist today', 'Check now']);
  const questions = page.getByRole('radiogroup');
  await expect(questions).toHaveCount(6);
  // Nothing is answered in advance.
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Save answers' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Answer every question' })).toBeVisible();
  await answerWarningSigns(page);
  await expect(page.getByRole('status')).toContainText('none of the warning signs');
  await expectAccessible(page);
});

test('an urgent answer says to contact the GP or therapist today', async ({ page }) => {
  await open(page, '/#/warning-signs');
  await answerWarningSigns(page, ['Is numbness spreading']);
  await expect(page.getByRole('status')).toContainText('needs checking today');
  const advice = page.getByRole('alert').filter({ hasText: 'Read this first' });
  await expect(advice).toContainText('Contact your GP, an urgent care line or your physiotherapist today');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await advice.getByRole('button', { name: 'I have read this' }).click();
  await expect(advice).toHaveCount(0);
});

test('an emergency answer stops the session and shows advice that a stray tap cannot close', async ({ page }) => {
  await open(page);
  await startRoutine(page, 'Core stability routine');
  await page.clock.runFor(12_000);
  await page.getByRole('link', { name: 'Warning signs' }).click();
  await answerWarningSigns(page, ['trouble starting or stopping peeing']);
  const dialog = page.getByRole('alertdialog', { name: 'Get emergency help now' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Call your local emergency number, for example 112 or 999');
  await expect(dialog).toContainText("Don't wait for your physiotherapy appointment, even at night.");
  await expectAccessible(page);
  // Neither Escape, a tap beside it, nor the Close button on its own closes it.
  await page.keyboard.press('Escape');
  await page.mouse.click(5, 5);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: /I have read this/ }).check();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  // The session was ended, its set kept.
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('button', { name: 'Resume session' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Session in progress' })).toHaveCount(0);
});

test('the advice uses the emergency number the patient set', async ({ page }) => {
  await open(page, '/#/settings');
  await page.getByLabel('Emergency number').fill('911');
  await page.getByLabel('Emergency number').press('Enter');
  await page.getByRole('link', { name: 'Warning signs' }).click();
  await expect(page.getByRole('region', { name: 'Get emergency help now' })).toContainText('Call 911 now');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Get emergency help now' })).toContainText('Call 911 now');
});

test('symptoms newly in both legs pause the session for the warning-signs questions first', async ({ page }) => {
  await open(page);
  await startRoutine(page, 'Core stability routine', { left: 'Thigh (above knee)', right: 'Buttock' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Symptoms in both legs');
  await expect(page.getByRole('alert').filter({ hasText: 'both legs' })).toContainText('warning-signs questions');
  // Nothing starts while the questions wait.
  await page.clock.runFor(60_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Symptoms in both legs');
  await expectAccessible(page);
  await answerWarningSigns(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What would you like to do?');
  await page.getByRole('button', { name: 'Continue the session' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tummy bracing');
});

test('peripheralised on two days in a row asks to contact the therapist until read', async ({ page }) => {
  await open(page);
  const peripheralise = async () => {
    await startRoutine(page, 'Core stability routine', { left: 'Thigh (above knee)' });
    await page.clock.runFor(20_000);
    await checkIn(page, { left: 'Below knee / calf' });
    await page.getByRole('button', { name: /^I have read/ }).click();
    await page.getByRole('button', { name: /^End/ }).click();
    await page.getByRole('button', { name: 'Done' }).click();
  };
  await peripheralise();
  await expect(page.getByRole('region', { name: 'Stopped for today' })).toBeVisible();
  await expect(page.getByRole('alert', { name: 'Contact your physiotherapist' })).toHaveCount(0);
  // The next day: tummy bracing is allowed again, and goes wrong again.
  const tomorrow = (await page.evaluate(() => Date.now())) + 24 * 60 * 60_000;
  await page.clock.setSystemTime(tomorrow);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Stopped for today' })).toHaveCount(0);
  await peripheralise();
  const prompt = page.getByRole('alert', { name: 'Contact your physiotherapist' });
  await expect(prompt).toContainText('two days in a row');
  await expectAccessible(page);
  await page.reload();
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'I have read this' }).click();
  await expect(prompt).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your exercises' })).toBeVisible();
  await expect(prompt).toHaveCount(0);
});
