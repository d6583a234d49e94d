// The pack editor: a therapist writes a pack without writing TOML, by
// keyboard alone, sees the linter's problems on their fields, previews it,
// shares it, and the patient's phone runs it. Drafts survive a closed tab.
import { test, expect, open, startRoutine, expectAccessible } from './fixtures.mjs';

/** Types into the control with this id, as a keyboard does (no pointer). */
async function type(page, id, text) {
  const field = page.locator(`#${id}`);
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  return field;
}

/** Chooses an option of a select by keyboard: focus, then its first letters. */
async function choose(page, id, option) {
  const select = page.locator(`#${id}`);
  await select.focus();
  await page.keyboard.type(option);
  await expect(select).toHaveValue(option);
}

/** Activates a button by keyboard. */
async function press(button) {
  await button.focus();
  await button.press('Enter');
}

async function writeExercise(page, n, { name, category, kind, step }) {
  const at = `f-exercises-${n}`;
  await press(page.getByRole('button', { name: 'Add an exercise' }));
  await expect(page.locator(`#${at}`)).toBeFocused();
  await type(page, `${at}-name`, name);
  await choose(page, `${at}-category`, category);
  await choose(page, `${at}-kind`, kind);
  await press(page.locator(`#${at}-steps`).getByRole('button', { name: 'Add a step' }));
  await expect(page.locator(`#${at}-steps-0`)).toBeFocused();
  await page.keyboard.type(step);
  await type(page, `${at}-starting_position`, 'Lying on your front.');
  await type(page, `${at}-feel`, 'A stretch in your back.');
  await type(page, `${at}-stop_if`, 'Pain spreads down your leg, or you notice new numbness or weakness.');
}

test('a two-exercise pack written from empty by keyboard, checked, previewed, shared and run on another phone', async ({ page, browser }) => {
  await open(page, '/#/packs');
  await press(page.getByRole('link', { name: 'Write a pack' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Write a pack');
  await expectAccessible(page);
  await press(page.getByRole('button', { name: 'Start empty' }));
  await expect(page).toHaveURL(/#\/packs\/write\/.+/);
  // Errors from the start: nothing written yet.
  const checks = page.getByRole('region', { name: 'Checks' });
  await expect(checks).toContainText(/\d+ errors?/);

  await type(page, 'f-id', 'clinic-back');
  await expect(page.getByLabel('Title', { exact: true }).first()).toHaveAttribute('id', 'f-title');
  await type(page, 'f-title', 'Back programme');
  await type(page, 'f-author', 'Riverside Clinic');
  await type(page, 'f-licence', 'All rights reserved');
  await press(page.locator('#f-sources').getByRole('button', { name: 'Add a source' }));
  await page.keyboard.type('McKenzie R, May S. The Lumbar Spine. 2003.');
  await writeExercise(page, 0, { name: 'Bird dog', category: 'core-stabilisation', kind: 'hold', step: 'Reach one arm forward.' });
  await writeExercise(page, 1, { name: 'Press-up', category: 'directional-preference', kind: 'repeated', step: 'Push your chest up.' });

  await press(page.getByRole('button', { name: 'Add a routine', exact: true }));
  await type(page, 'f-routines-0-title', 'Morning');
  const items = page.locator('#f-routines-0-items');
  await press(items.getByRole('button', { name: 'Add a routine exercise' }));
  // A slip of the keyboard in a dose: flagged on its field.
  await type(page, 'f-routines-0-items-0-sets', '1o');
  await type(page, 'f-routines-0-items-0-hold_seconds', '8');
  const slip = checks.getByRole('button', { name: /^routines\[0\]\.items\[0\]\.sets: error:/ });
  await expect(slip).toBeVisible();
  await press(slip);
  await expect(page.locator('#f-routines-0-items-0-sets')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2');
  await expect(slip).toHaveCount(0);
  await press(items.getByRole('button', { name: 'Add a routine exercise' }));
  await choose(page, 'f-routines-0-items-1-exercise', 'exercise-2');
  await type(page, 'f-routines-0-items-1-repetitions', '10');
  // Reordered by keyboard: the press-ups first.
  await press(page.locator('#f-routines-0-items-1-controls').getByRole('button', { name: 'Move up' }));
  await expect(page.locator('#f-routines-0-items-0-exercise')).toHaveValue('exercise-2');
  await expect(page.locator('#f-routines-0-items-0-controls')).toBeFocused();
  await expect(checks.locator('.problem.error')).toHaveCount(0);
  await expectAccessible(page);

  await press(page.getByRole('button', { name: 'Preview as the patient sees it' }));
  const preview = page.getByRole('region', { name: 'Preview: Back programme' });
  await expect(preview).toContainText('Morning');
  await expect(preview).toContainText('2 sets: hold 8 seconds');
  await expect(preview.getByText('How to do Press-up')).toBeVisible();

  await press(page.getByRole('button', { name: 'Share' }));
  const link = await page.getByRole('textbox', { name: /Link/ }).inputValue();
  expect(link).toMatch(/#pack=/);

  // The patient's phone: a fresh profile, the link, Install pack, and the
  // routine runs.
  const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await other.newPage();
  await phone.clock.install({ time: Date.now() });
  await open(phone, link);
  await phone.getByRole('button', { name: 'Install pack' }).click();
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Your exercises');
  await startRoutine(phone, 'Morning');
  await phone.clock.runFor(12_000);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Press-up');
  await other.close();
});

test('a draft is kept as it is typed: a closed tab finds it again; drafts can be discarded', async ({ page, context }) => {
  await open(page, '/#/packs/write');
  await page.getByRole('button', { name: 'Start empty' }).click();
  await type(page, 'f-title', 'Half-written pack');
  await page.close();

  const again = await context.newPage();
  await again.goto('/#/packs/write');
  const open_ = again.getByRole('link', { name: 'Open Half-written pack' });
  await expect(open_).toBeVisible();
  await open_.click();
  await expect(again.locator('#f-title')).toHaveValue('Half-written pack');
  await again.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(again);
  await again.goto('/#/packs/write');
  await again.getByRole('button', { name: 'Discard Half-written pack' }).click();
  await expect(again.getByRole('link', { name: 'Open Half-written pack' })).toHaveCount(0);
  await expect(again.getByText('No drafts yet.')).toBeVisible();
});

test('editing a copy of the pack in use and saving it makes a new version in use on Home', async ({ page }) => {
  await open(page, '/#/packs');
  await page.getByRole('region', { name: 'Core stability' }).getByRole('button', { name: 'Edit a copy' }).click();
  await expect(page.locator('#f-title')).toHaveValue('Core stability');
  await type(page, 'f-title', 'Core stability (for Sam)');
  await page.getByRole('button', { name: 'Save pack' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version' })).toContainText(/version 1\.1\.1/);
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.locator('.safety-note, .pack-note').first()).toBeVisible();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('centralise:packs')));
  expect(stored.packs.map((p) => [p.pack.title, p.pack.version])).toEqual([['Core stability (for Sam)', '1.1.1']]);
});
