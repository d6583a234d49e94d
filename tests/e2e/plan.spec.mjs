// Today's plan on Home, on the browser's fake clock (09:00 UTC, the browser in UTC): what is
// next and when, how much of today is done, and a session done counting for its slot.
import { readFileSync } from 'node:fs';
import { test, expect, open, checkIn, untilCheckIn, expectAccessible } from './fixtures.mjs';

test('Home says what is next and how much of today is done, and a session done counts', async ({ page }) => {
  await open(page);
  const today = page.getByRole('region', { name: 'Today' });
  // The core routine is once a day, from waking (07:30).
  await expect(today).toContainText('Next: Core stability routine, due since 07:30');
  await expect(today).toContainText('0 of 1 done');
  await expectAccessible(page);
  await today.getByRole('button', { name: 'Start now: Core stability routine' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Before you start');
  await checkIn(page, { left: 'Below knee / calf' });
  await untilCheckIn(page);
  await checkIn(page, { left: 'Thigh (above knee)' });
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('link', { name: 'Home', exact: true }).click();
  await expect(today).toContainText('1 of 1 done');
  await expect(today.getByRole('button', { name: /^Start now/ })).toHaveCount(0);
});

test('every 2-3 hours while awake is six times a day, and the waking hours move them', async ({ page }) => {
  await open(page, '/', { pack: 'extension-progression' });
  const today = page.getByRole('region', { name: 'Today' });
  await expect(today).toContainText('0 of 6 done');
  await expect(today).toContainText('Next: Extension routine, due since 07:30');
  await today.getByText("Today's times").click();
  await expect(today.getByRole('listitem')).toHaveText([
    '07:30 Extension routine: to do', '10:00 Extension routine: to do', '12:30 Extension routine: to do',
    '15:00 Extension routine: to do', '17:30 Extension routine: to do', '20:00 Extension routine: to do',
  ]);
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByLabel('I usually get up at').fill('08:30');
  await page.getByLabel('I usually get up at').dispatchEvent('change');
  await page.getByRole('link', { name: 'Home', exact: true }).click();
  // 09:00 is within 45 minutes of 08:30: due now.
  await expect(today).toContainText('Next: Extension routine, due now');
  await today.getByText("Today's times").click();
  await expect(today.getByRole('listitem').first()).toHaveText('08:30 Extension routine: to do');
});

test('"Add to calendar" hands over four weeks of the plan as an iCalendar file', async ({ page }) => {
  await open(page, '/', { pack: 'extension-progression' });
  const today = page.getByRole('region', { name: 'Today' });
  await today.getByText("Today's times").click();
  const download = page.waitForEvent('download');
  await today.getByRole('button', { name: 'Add to calendar' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('centralise-plan.ics');
  const text = readFileSync(await file.path(), 'utf8');
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text.match(/^BEGIN:VEVENT/gm)).toHaveLength(6 * 28);
  expect(text.match(/^BEGIN:VALARM/gm)).toHaveLength(6 * 28);
  expect(text).toContain('DTSTART:20261126T073000');
});
