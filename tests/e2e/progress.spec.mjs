// Progress the patient can see, and the report for the therapist: charts
// with tables that agree, "Log symptoms", corrections, PSFS, the printed
// report and a patient's backup opened read-only.
import { existsSync, readFileSync } from 'node:fs';
import { test, expect, open, checkIn, startRoutine, untilCheckIn, expectAccessible, seed, T0 } from './fixtures.mjs';

const DAY = 24 * 60 * 60 * 1000;

/** Records as JSON lines under one log key, as the app reads schema 1. */
function journal(records) {
  return {
    'centralise:settings': JSON.stringify({ setup_done: true, affected_leg: 'left' }),
    'centralise:schema': '1',
    'centralise:log:seed:0': records.map((r) => `${JSON.stringify(r)}\n`).join(''),
  };
}

function answers(left, leg, back) {
  return { left, right: 'none', leg_pain: leg, back_pain: back };
}

/** Check-ins logged on their own over the last days, a PSFS and a self-check. */
function someDays() {
  const records = [{ type: 'warning-check', id: 'w', at: T0 - 2 * DAY, yes: [], outcome: null }];
  [
    [5, 'below-knee', 7, 4],
    [4, 'thigh', 6, 4],
    [4, 'thigh', 4, 3],
    [2, 'buttock', 3, 3],
    [1, 'buttock', 2, 2],
  ].forEach(([daysAgo, left, leg, back], i) => {
    const id = `log${i}`;
    records.push({ type: 'check-in', id, session: id, at: T0 - daysAgo * DAY, after_set: null, answers: answers(left, leg, back) });
  });
  records.push({ type: 'self-check', id: 't1', at: T0 - 3 * DAY, left: 18, right: 26, toe_walk_left: true, toe_walk_right: true });
  records.push({
    type: 'psfs', id: 'p1', at: T0 - 3 * DAY,
    items: [{ activity: 'Sitting to drive', score: 3 }, { activity: 'Putting on socks', score: 5 }],
  });
  records.sort((a, b) => a.at - b.at);
  return journal(records);
}

/** Each marker of the chart: series, day and value, as drawn. */
async function drawn(chart) {
  return chart.locator('svg [data-day]').evaluateAll((ps) =>
    ps.map((p) => ({ series: p.dataset.series ?? null, day: p.dataset.day, value: p.dataset.value })));
}

/** The chart's table, opened: each row as the header names its cells. */
async function tabled(chart) {
  await chart.getByText('Show the numbers').click();
  const table = chart.getByRole('table');
  const head = await table.locator('thead th').allTextContents();
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  return { head, rows };
}

test('History charts pain, reach, heel raises and PSFS, each with a table of the same numbers, light and dark', async ({ page }) => {
  await seed(page, someDays());
  await open(page, '/#/history', { setUp: false });
  await page.getByRole('radio', { name: '2 weeks' }).check();
  const pain = page.locator('figure[data-chart="pain"]');
  await expect(pain.getByRole('img', { name: /Leg and back pain/ })).toBeVisible();
  const points = await drawn(pain);
  // Daily means: two check-ins four days ago (6 and 4) make one point.
  expect(points.filter((p) => p.series === 'Leg pain').map((p) => p.value)).toEqual(['7.0', '5.0', '3.0', '2.0']);
  const { head, rows } = await tabled(pain);
  expect(head).toEqual(['Date', 'Leg pain', 'Back pain', 'Check-ins']);
  for (const [col, series] of [[1, 'Leg pain'], [2, 'Back pain']]) {
    expect(rows.map((r) => ({ day: r[0], value: r[col] }))).toEqual(
      points.filter((p) => p.series === series).map(({ day, value }) => ({ day, value })),
    );
  }
  // The centralisation picture: the furthest point per leg, by name.
  const reach = page.locator('figure[data-chart="reach"]');
  const levels = await drawn(reach);
  const reachTable = await tabled(reach);
  expect(reachTable.rows.map((r) => r[1])).toEqual(levels.filter((p) => p.series === 'Left leg').map((p) => p.value));
  expect(reachTable.rows.map((r) => r[1])).toEqual(['Below knee / calf', 'Thigh (above knee)', 'Buttock', 'Buttock']);
  const heel = await tabled(page.locator('figure[data-chart="heel-raises"]'));
  expect(heel.rows.map((r) => r.slice(1))).toEqual([['18', '26']]);
  const psfs = await tabled(page.locator('figure[data-chart="psfs"]'));
  expect(psfs.rows.map((r) => r[1])).toEqual(['4.0']);
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
  // Fits a phone: nothing wider than the screen.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide).toBeLessThanOrEqual(390);
});

test('"Log symptoms" on Home records a check-in without exercise, shown in History and its chart', async ({ page }) => {
  await open(page);
  await page.getByRole('link', { name: 'Log symptoms' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log symptoms');
  await expectAccessible(page);
  await checkIn(page, { left: 'Thigh (above knee)', leg: 6, back: 2 });
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.getByRole('link', { name: 'History' }).click();
  const logged = page.getByRole('region', { name: 'Symptoms you logged' });
  await expect(logged).toContainText('Leg pain 6');
  const pain = page.locator('figure[data-chart="pain"]');
  expect((await drawn(pain)).filter((p) => p.series === 'Leg pain').map((p) => p.value)).toEqual(['6.0']);
});

test('symptoms newly in both legs, logged on their own, ask the warning-signs questions', async ({ page }) => {
  await open(page, '/#/log');
  await checkIn(page, { left: 'Buttock', right: 'Thigh (above knee)' });
  await expect(page.getByRole('alert').filter({ hasText: 'symptoms in both legs' })).toBeVisible();
  await expect(page.getByRole('radiogroup').first()).toBeVisible();
});

test('a corrected check-in shows corrected and marked; the original stays in the backup', async ({ page }) => {
  await seed(page, someDays());
  await open(page, '/#/history', { setUp: false });
  const logged = page.getByRole('region', { name: 'Symptoms you logged' });
  const newest = logged.getByRole('listitem').first();
  await expect(newest).toContainText('Leg pain 2');
  await newest.getByRole('button', { name: 'Correct this check-in' }).click();
  await expectAccessible(page);
  await page.getByLabel('Leg pain').fill('5');
  await page.getByRole('button', { name: 'Save correction' }).click();
  await expect(newest).toContainText('Leg pain 5');
  await expect(newest.getByText('Corrected', { exact: true })).toBeVisible();
  await expect(newest).toContainText('First entered');
  // The second newest, marked as a mistake, counts for nothing.
  const second = logged.getByRole('listitem').nth(1);
  await second.getByRole('button', { name: 'Correct this check-in' }).click();
  await page.getByRole('button', { name: 'Mark as a mistake' }).click();
  await expect(second).toContainText('Marked as a mistake');
  await page.getByRole('radio', { name: '2 weeks' }).check();
  const values = (await drawn(page.locator('figure[data-chart="pain"]'))).filter((p) => p.series === 'Leg pain');
  // The mistake's day has no point; the corrected one shows its new value.
  expect(values.map((p) => p.value)).toEqual(['7.0', '5.0', '5.0']);

  await page.getByRole('link', { name: 'Settings' }).click();
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up now' }).click();
  const backup = JSON.parse(readFileSync(await (await downloaded).path(), 'utf8'));
  const records = backup.records;
  expect(records.find((r) => r.id === 'log4').answers.leg_pain).toBe(2);
  const fixes = records.filter((r) => r.type === 'correction');
  // Made at the same (paused) moment: in either order.
  expect(fixes.map((f) => [f.corrects, f.answers?.leg_pain ?? null]).sort()).toEqual([['log3', null], ['log4', 5]]);
});

test('the weekly activity scores (PSFS): asked on Home after a set, "Same as last week" one tap each', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('region', { name: 'Your activities this week' })).toHaveCount(0);
  await startRoutine(page, 'Core stability routine');
  await untilCheckIn(page);
  await checkIn(page, { left: 'Buttock' });
  await page.getByRole('button', { name: /^End/ }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  const card = page.getByRole('region', { name: 'Your activities this week' });
  await card.getByRole('link', { name: 'Score activities' }).click();
  await page.getByRole('button', { name: 'Save scores' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Name at least one activity' })).toBeVisible();
  await page.getByLabel('What you find hard').first().fill('Sitting to drive');
  await page.getByRole('button', { name: 'Save scores' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Give each activity' })).toBeVisible();
  await page.getByLabel('How well you can do it now, 0 to 10').first().fill('3');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save scores' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to Home' }).click();
  await expect(card).toHaveCount(0);
  // A week later: asked again, last week's activity filled in.
  await page.clock.runFor(7 * DAY + 60_000);
  await page.reload();
  await expect(card).toBeVisible();
  await card.getByRole('link', { name: 'Score activities' }).click();
  await expect(page.getByLabel('What you find hard').first()).toHaveValue('Sitting to drive');
  await page.getByRole('button', { name: 'Same as last week (3)' }).click();
  await page.getByRole('button', { name: 'Save scores' }).click();
  await page.getByRole('link', { name: 'History' }).click();
  const psfs = page.locator('figure[data-chart="psfs"]');
  expect((await drawn(psfs)).map((p) => p.value)).toEqual(['3.0', '3.0']);
});

// Made by scripts/test before the browser tests (the journal_image example).
const THREE_YEARS = 'target/e2e/three-years.json';

test('the report of three years prints on at most two A4 pages', async ({ page }) => {
  expect(existsSync(THREE_YEARS), `${THREE_YEARS}: run scripts/test, which makes it`).toBe(true);
  test.setTimeout(90_000);
  await seed(page, JSON.parse(readFileSync(THREE_YEARS, 'utf8')));
  await open(page, '/#/history', { setUp: false });
  // Read after the tap's paint, as History is: the focus ends on the report's heading.
  await page.getByRole('link', { name: 'Report for my physiotherapist' }).click();
  await expect(page.locator('.report figure[data-chart="pain"] svg')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Centralise report for the physiotherapist' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(2);
});

test("a patient's backup opens read only: its report and charts, nothing stored", async ({ page, browser }) => {
  await seed(page, someDays());
  await open(page, '/#/settings', { setUp: false });
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up now' }).click();
  const path = await (await downloaded).path();

  // The therapist's own phone, never set up as a patient's: straight to it.
  const therapist = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const mine = await therapist.newPage();
  await mine.clock.install({ time: T0 });
  await mine.goto('/#/packs');
  await mine.getByRole('link', { name: "Open a patient's backup" }).click();
  await expect(mine.getByRole('heading', { level: 1 })).toHaveText("Open a patient's backup");
  const before = await mine.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  const chooser = mine.waitForEvent('filechooser');
  await mine.getByRole('button', { name: 'Choose a backup file' }).click();
  await (await chooser).setFiles(path);
  await expect(mine.getByRole('status').filter({ hasText: 'Nothing from it is saved' })).toBeVisible();
  await expect(mine.getByRole('heading', { name: 'Centralise report for the physiotherapist' })).toBeVisible();
  await expect(mine.locator('.report')).toContainText('Sitting to drive');
  await expect(mine.locator('figure[data-chart="pain"]').first()).toBeVisible();
  // Its History too, every logged check-in, and nothing to correct.
  await expect(mine.getByRole('region', { name: 'Symptoms you logged' }).getByRole('listitem')).toHaveCount(5);
  await expect(mine.getByRole('button', { name: 'Correct this check-in' })).toHaveCount(0);
  const after = await mine.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  expect(after).toBe(before);
  await expectAccessible(mine);
  await mine.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(mine);
  await therapist.close();
});

test('Log symptoms, the activity scores and the report pass axe in light and dark', async ({ page }) => {
  await seed(page, someDays());
  await open(page, '/', { setUp: false });
  for (const [path, heading] of [
    ['/#/log', 'Log symptoms'],
    ['/#/activities', 'Your activities'],
    ['/#/report', 'Centralise report for the physiotherapist'],
  ]) {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toHaveText(heading);
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page);
  }
});
