// What leaves the phone when the patient asks: the sets as CSV, the journal as FHIR.
import { readFileSync } from 'node:fs';
import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import fhirJs from 'fhir';
import { test, expect, open, checkIn, untilCheckIn, startRoutine, expectAccessible, seed, T0 } from './fixtures.mjs';

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
    'date,time,routine,exercise,set,of,dose,stage,stopped_early,left_leg,right_leg,leg_pain,back_pain,change,stopped_for_the_day,note,corrected',
  );
  expect(lines[1]).toMatch(/^2026-11-26,09:0\d,Core stability routine,Tummy bracing,1,\d+,hold \d+ seconds,1,no,Thigh \(above knee\),None,4,3,Centralised,no,"'=1\+1, ""quoted""",$/);
  expect(lines.at(-1)).toBe('');
});

/** What a FHIR R4 validator finds wrong in `bundle`: the official R4 JSON schema, and FHIR.js's
 * check against the R4 structure definitions (its errors; its warnings are about example value
 * sets it does not hold, such as all of LOINC). */
function fhirProblems(bundle) {
  const schema = new JSONSchemaValidator().validate(bundle);
  const { messages } = new fhirJs.Fhir().validate(bundle, { errorOnUnexpected: true });
  return [...schema, ...messages.filter((m) => m.severity === 'error' || m.severity === 'fatal')];
}

const DAY = 24 * 60 * 60 * 1000;
const line = (record) => `${JSON.stringify(record)}\n`;
const answers = (leg) => ({ left: 'thigh', right: 'none', leg_pain: leg, back_pain: 2 });

test('"Export as FHIR" hands over an R4 bundle that validates, with the pain entered', async ({ page }) => {
  // Earlier days: a self-check, a PSFS, and two check-ins logged on their own, one corrected, one
  // marked as a mistake.
  await seed(page, {
    'centralise:log:fhirseed:0': [
      { type: 'self-check', id: 'heels-1', at: T0 - 4 * DAY, left: 18, right: 24, toe_walk_left: true, toe_walk_right: false },
      { type: 'psfs', id: 'psfs-1', at: T0 - 4 * DAY + 60_000, items: [{ activity: 'Sitting through a film', score: 3 }, { activity: 'Gardening', score: 6 }] },
      { type: 'check-in', id: 'log-1', session: 'log-1', at: T0 - 3 * DAY, after_set: null, answers: answers(7) },
      { type: 'check-in', id: 'log-2', session: 'log-2', at: T0 - 2 * DAY, after_set: null, answers: answers(9) },
      { type: 'correction', id: 'fix-1', at: T0 - DAY, corrects: 'log-1', answers: answers(5), note: 'I tapped 7' },
      { type: 'correction', id: 'fix-2', at: T0 - DAY + 60_000, corrects: 'log-2', answers: null },
    ].map(line).join(''),
  });
  await open(page);
  await startRoutine(page, 'Core stability routine');
  await untilCheckIn(page);
  await checkIn(page, { left: 'Thigh (above knee)', leg: 4 });
  await page.getByRole('button', { name: /^End/ }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as FHIR' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('centralise-2026-11-26.fhir.json');
  const bundle = JSON.parse(readFileSync(await file.path(), 'utf8'));
  expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
  expect(fhirProblems(bundle)).toEqual([]);

  const resources = bundle.entry.map((e) => e.resource);
  const observations = resources.filter((r) => r.resourceType === 'Observation');
  const coded = (o, code) => o.code.coding.some((c) => c.code === code);
  const legPain = (at) => observations.find((o) => o.code.text?.startsWith('Leg pain') && o.effectiveDateTime === at);
  // The check-in after the first set: leg pain as entered, symptoms to the left thigh.
  const extent = observations.find((o) => coded(o, 'symptom-extent') && /^Tummy bracing, set 1 of/.test(o.component?.[0].valueString));
  expect(extent.bodySite.coding[0].code).toBe('32153003');
  expect(extent.valueCodeableConcept.coding[0].code).toBe('thigh');
  const afterSet = legPain(extent.effectiveDateTime);
  expect(afterSet).toMatchObject({ status: 'final', valueInteger: 4 });
  expect(afterSet.code.coding[0]).toMatchObject({ system: 'http://loinc.org', code: '72514-3' });
  // The corrected check-in shows the correction; the mistake is withdrawn.
  expect(legPain(new Date(T0 - 3 * DAY).toISOString())).toMatchObject({ status: 'amended', valueInteger: 5, note: [{ text: 'I tapped 7' }] });
  expect(legPain(new Date(T0 - 2 * DAY).toISOString())).toMatchObject({ status: 'entered-in-error' });
  // The self-check per side and the PSFS.
  const raises = observations.filter((o) => coded(o, 'heel-raises')).map((o) => o.valueInteger);
  expect(raises).toEqual([18, 24]);
  const response = resources.find((r) => r.resourceType === 'QuestionnaireResponse');
  expect(response.item.map((i) => i.item[0].answer[0].valueString)).toEqual(['Sitting through a film', 'Gardening']);
  expect(observations.find((o) => coded(o, 'psfs-score')).valueQuantity.value).toBe(4.5);
});
