// Today's plan on Home, on the browser's fake clock (09:00 UTC, the browser in UTC): what is
// next and when, how much of today is done, and a session done counting for its slot.
import { readFileSync } from 'node:fs';
import { test, expect, open, checkIn, untilCheckIn, startRoutine, expectAccessible, allRoutines, runUntil, T0 } from './fixtures.mjs';

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


test('over a day Home moves by itself through due, done and next, and a session 44 minutes early counts', async ({ page }) => {
  await open(page, '/', { pack: 'extension-progression' });
  const today = page.getByRole('region', { name: 'Today' });
  const session = async () => {
    await today.getByRole('button', { name: 'Start now: Extension routine' }).click();
    await checkIn(page, { left: 'Thigh (above knee)' });
    await untilCheckIn(page);
    await checkIn(page, { left: 'Thigh (above knee)' });
    await page.getByRole('button', { name: 'End session' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
  };
  await expect(today).toContainText('Next: Extension routine, due since 07:30');
  await session();
  // 07:30's, done late; 10:00 is more than 45 minutes off.
  await expect(today).toContainText('1 of 6 done');
  await expect(today).toContainText('Next: Extension routine, at 10:00');
  // Nobody touches the page: at 09:15 the card says so by itself.
  await runUntil(page, '09:16');
  await expect(today).toContainText('Next: Extension routine, due now');
  await session();
  await expect(today).toContainText('2 of 6 done');
  await expect(today).toContainText('Next: Extension routine, at 12:30');
  await today.getByText("Today's times").click();
  await expect(today.getByRole('listitem').first()).toHaveText('07:30 Extension routine: done');
  await expect(today.getByRole('listitem').nth(1)).toHaveText('10:00 Extension routine: done');
  // The afternoon goes by: 12:30 comes due, then is overdue.
  await runUntil(page, '11:50');
  await expect(today).toContainText('Next: Extension routine, due now');
  await runUntil(page, '13:16');
  await expect(today).toContainText('Next: Extension routine, due since 12:30');
  await expect(today).toContainText('2 of 6 done');
  // History counts the day honestly.
  await page.getByRole('link', { name: 'History', exact: true }).click();
  const plan = page.getByRole('region', { name: 'Your plan, day by day' });
  await expect(plan.getByRole('listitem').first()).toContainText('Thu 26 Nov');
  await expect(plan.getByRole('listitem').first()).toContainText('2 of 6 done');
  await expectAccessible(page);
});

const DAY = 24 * 60 * 60_000;

/** Fifteen days of one tolerated session of the fuller core routine a day, the first two weeks ago. */
async function twoWeeksOfCore(page) {
  await page.addInitScript(({ now, day }) => {
    if (localStorage.getItem('centralise:log:weeks:0') !== null) return;
    const lines = [];
    for (let d = 15; d >= 1; d -= 1) {
      const at = now - d * day + 60 * 60_000;
      const id = `weeks${d}`;
      lines.push({
        type: 'session-started', id, at, pack_id: 'core-stabilisation', pack_version: '1.1.0',
        routine_id: 'full-core', routine_title: 'Fuller core routine',
      });
      lines.push({
        type: 'set-completed', id: `${id}-s1`, session: id, at: at + 60_000, started_at: at,
        exercise_id: 'bridge', exercise_name: 'Bridge', kind: 'repeated', set: 1, of: 2,
        dose: { repetitions: 10, pace_seconds: 2 },
      });
    }
    localStorage.setItem('centralise:log:weeks:0', `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  }, { now: T0, day: DAY });
}

test('a stage offered in week 3 changes the next session\'s dose, and a peripheralised set steps back', async ({ page }) => {
  await twoWeeksOfCore(page);
  await open(page);
  const stage = page.getByRole('region', { name: 'Stage 1 of 2' });
  await expect(stage).toContainText("Your pack's starting doses.");
  const offer = stage.getByRole('group', { name: 'Stage 2 from this week' });
  await expect(offer).toContainText('From week 3: longer side planks, more dead bugs');
  await expect(offer.getByRole('listitem')).toHaveText([
    'Side plank on your knees, 3 sets of hold 10 seconds (Fuller core routine)',
    'Dead bug, 2 sets of 10 repetitions (Fuller core routine)',
  ]);
  await expectAccessible(page);
  await offer.getByRole('button', { name: 'Move up to stage 2' }).click();
  const now = page.getByRole('region', { name: 'Stage 2 of 2' });
  await expect(now).toContainText('Since Thu 26 Nov: From week 3: longer side planks, more dead bugs.');
  await expect(now.getByRole('group')).toHaveCount(0);
  await expect(now.getByRole('button', { name: 'Go back to stage 1' })).toBeVisible();
  // Home shows the new doses, and the session uses them.
  await allRoutines(page);
  const card = page.getByRole('region', { name: 'Fuller core routine' });
  await expect(card).toContainText('3 sets: hold 10 seconds');
  await startRoutine(page, 'Fuller core routine', { left: 'Thigh (above knee)' });
  await expect(page.getByText('Set 1 of 3: hold 10 seconds')).toBeVisible();
  await untilCheckIn(page);
  await checkIn(page, { left: 'Below knee / calf' });
  await page.getByRole('button', { name: 'I have read this' }).click();
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  const back = page.getByRole('region', { name: 'Stage 1 of 2' });
  await expect(back).toContainText(
    'Back to stage 1 since Thu 26 Nov: Side plank on your knees was peripheralised at stage 2.',
  );
  await expect(back.getByRole('group')).toHaveCount(0);
  await expect(back.getByRole('button', { name: /^Go back/ })).toHaveCount(0);
  await allRoutines(page);
  await expect(card).toContainText('3 sets: hold 5 seconds');
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByRole('list', { name: /sets/ }).getByRole('listitem').first()).toContainText('stage 2');
  await expectAccessible(page);
});

test('after the plan changes, Home offers to add it to the calendar again', async ({ page }) => {
  await open(page, '/', { pack: 'extension-progression' });
  const today = page.getByRole('region', { name: 'Today' });
  const again = today.getByRole('button', { name: 'Add to calendar again' });
  await today.getByText("Today's times").click();
  const first = page.waitForEvent('download');
  await today.getByRole('button', { name: 'Add to calendar' }).click();
  await first;
  await expect(again).toHaveCount(0);
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByLabel('I usually go to bed at').fill('21:00');
  await page.getByLabel('I usually go to bed at').dispatchEvent('change');
  await page.getByRole('link', { name: 'Home', exact: true }).click();
  await expect(today).toContainText('Your plan has changed since you added it to your calendar.');
  const second = page.waitForEvent('download');
  await again.click();
  const text = readFileSync(await (await second).path(), 'utf8');
  // Still every 2½ hours from 07:30: six a day up to 21:00.
  expect(text.match(/^BEGIN:VEVENT/gm)).toHaveLength(6 * 28);
  await expect(again).toHaveCount(0);
});
