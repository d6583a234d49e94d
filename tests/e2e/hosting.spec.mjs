// Hosted anywhere: a clinic copies dist/ under a sub-path of its own site. Every file the
// app loads is named relative to index.html (Trunk.toml public_url), so the same build runs
// there, its service worker keeps it offline there, and nothing is asked of the host's root.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, open, checkIn, reload, serveDir, startRoutine, untilCheckIn, workerReady } from './fixtures.mjs';

const port = 4177;
const prefix = '/clinic/centralise/';
let dir;
let server;
// One server on one port: its tests share a worker.
test.describe.configure({ mode: 'default' });
test.use({ serviceWorkers: 'allow', baseURL: `http://127.0.0.1:${port}${prefix}` });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'centralise-hosted-'));
  cpSync('dist', dir, { recursive: true });
  server = await serveDir(dir, port, prefix);
});

test.afterAll(() => {
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('under a sub-path the app starts, runs a set, and reloads offline with the set kept', async ({ page, context }) => {
  const outside = [];
  page.on('request', (r) => {
    if (!new URL(r.url()).pathname.startsWith(prefix)) outside.push(r.url());
  });
  await open(page, './');
  await workerReady(page);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope)).toBe(
    `http://127.0.0.1:${port}${prefix}`,
  );

  await startRoutine(page, 'Quick core practice');
  await untilCheckIn(page);
  await checkIn(page, { left: 'Thigh (above knee)', leg: 4 });

  await context.setOffline(true);
  await reload(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // The interrupted session is offered again, and its set is in the history.
  await expect(page.getByRole('button', { name: 'Resume session' })).toBeVisible();
  await page.getByRole('link', { name: 'History' }).click();
  const rows = page.getByRole('list', { name: /sets/ }).getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Leg pain 4/10');
  // The on-demand module (History) came from the sub-path too.
  expect(outside).toEqual([]);
});
