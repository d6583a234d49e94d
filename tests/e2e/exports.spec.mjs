// What leaves the phone when the patient asks: the sets as CSV.
import { readFileSync } from 'node:fs';
import { test, expect, open, checkIn, untilCheckIn, startRoutine, expectAccessible } from './fixtures.mjs';

test('"Export sets as CSV" hands over one row per set with where the symptoms reached, notes guarded', async ({ page }) => {
  await open(page);
  await startRoutine(page, 'Core stability routine');
  await untilCheckIn(page);
  await page.getByLabel(/note/i).fill('=1+1, "quoted"');
  await checkIn(page, { left: 'Thigh (above knee)', leg: 4 });
  await page.getByRole('button', { name: /^End/ }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export sets as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('centralise-sets-2026-11-26.csv');
  const lines = readFileSync(await file.path(), 'utf8').split('\r\n');
  expect(lines[0]).toBe(
    'date,time,routine,exercise,set,of,dose,stage,stopped_early,left_leg,right_leg,leg_pain,back_pain,change,stopped_for_the_day,note',
  );
  expect(lines[1]).toMatch(/^2026-11-26,09:0\d,Core stability routine,Tummy bracing,1,\d+,hold \d+ seconds,1,no,Thigh \(above knee\),None,4,3,Centralised,no,"'=1\+1, ""quoted"""$/);
  expect(lines.at(-1)).toBe('');
});
