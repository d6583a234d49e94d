// Offline and updates: after one visit the service worker (sw.js) has every file of the
// build, so the app starts and keeps working with no network at all; a new build installs
// in the background and takes over only when the page asks (window.centraliseApplyUpdate).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, open, checkIn, reload, serveDir, startRoutine, untilCheckIn, workerReady } from './fixtures.mjs';

// These tests are about the service worker (playwright.config.mjs blocks it for the rest).
test.use({ serviceWorkers: 'allow' });

const ourCaches = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('centralise-')));

test('offline, the packs pages (a module loaded on demand) open and read a pack link', async ({ page, context }) => {
  await open(page);
  await workerReady(page);
  // Make a link while online, then open it with no network at all.
  await page.getByRole('link', { name: 'Packs', exact: true }).click();
  const nerve = page.getByRole('region', { name: 'Sciatic nerve sliders', exact: true });
  await nerve.getByRole('button', { name: 'Share' }).click();
  const link = await nerve.getByRole('textbox', { name: /Link/ }).inputValue();
  await context.setOffline(true);
  await reload(page);
  await page.evaluate((l) => { location.href = l; }, link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exercise packs');
  await expect(page.getByRole('region', { name: /Install/ })).toContainText('Version 1.1.0 is already on this phone.');
  await page.getByRole('link', { name: 'Check a pack' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check a pack');
});

test('on the first visit, once the worker is ready, the on-demand module opens with the network gone', async ({
  page,
  context,
}) => {
  await open(page);
  await workerReady(page);
  // The worker takes over the page that registered it: no reload needed.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
  await expect(page.getByText('No sets yet')).toBeVisible();
});

test('after one visit the app starts offline, a whole session is saved, and it is still there offline', async ({
  page,
  context,
}) => {
  await open(page);
  await workerReady(page);
  await context.setOffline(true);
  await reload(page);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await startRoutine(page, 'Quick core practice');
  await untilCheckIn(page);
  await checkIn(page, { left: 'Thigh (above knee)', leg: 4 });
  let sets = 1;
  while (!(await page.getByRole('heading', { name: 'Session complete' }).isVisible())) {
    await untilCheckIn(page);
    await page.getByRole('button', { name: /^Save/ }).click();
    sets += 1;
  }
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('link', { name: 'History' }).click();
  const rows = page.getByRole('list', { name: /sets/ }).getByRole('listitem');
  await expect(rows).toHaveCount(sets);
  await expect(rows.last()).toContainText('Leg pain 4/10');

  await reload(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
  await expect(rows).toHaveCount(sets);
  await expect(rows.last()).toContainText('Leg pain 4/10');
});

test.describe('a new build', () => {
  // A copy of dist/ on its own server, so this test can change a file of the "deployed" app.
  const port = 4175;
  test.describe.configure({ mode: 'default' }); // one server on one port: one worker
  let dir;
  let server;
  test.use({ baseURL: `http://127.0.0.1:${port}` });

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'centralise-dist-'));
    cpSync('dist', dir, { recursive: true });
    server = await serveDir(dir, port);
  });

  test.afterAll(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('waits, is offered, and is picked up after the offered reload; the old cache goes', async ({ page }) => {
    await open(page);
    await workerReady(page);
    await reload(page); // from now on the worker answers for this page
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await ourCaches(page)).toHaveLength(1);
    await expect(page.locator('html')).not.toHaveAttribute('data-update', /.*/);

    // Rebuild with one file changed, the way the Trunk hook does it.
    const index = join(dir, 'index.html');
    const marker = '<meta name="centralise-test-build" content="2" />';
    writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', `${marker}\n    <title>`));
    execFileSync(process.execPath, ['scripts/precache.mjs', dir]);
    const version = readFileSync(join(dir, 'sw.js'), 'utf8').match(/^const VERSION = '([0-9a-f]+)';$/m)[1];

    await page.evaluate(() => {
      window.updateEvents = 0;
      addEventListener('centralise:update-ready', () => (window.updateEvents += 1));
    });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await expect(page.locator('html[data-update="ready"]')).toBeAttached();
    expect(await page.evaluate(() => window.updateEvents)).toBe(1);
    // Installed, but nothing changed under the patient.
    await expect(page.locator('meta[name="centralise-test-build"]')).toHaveCount(0);

    // A plain reload keeps the running version and offers the waiting one again at once.
    await reload(page);
    await expect(page.locator('html[data-update="ready"]')).toBeAttached();
    await expect(page.locator('meta[name="centralise-test-build"]')).toHaveCount(0);

    // The app offers it between sessions; the patient takes it and the page reloads into the
    // new build (the app calls window.centraliseApplyUpdate()).
    const notice = page.getByRole('status').filter({ hasText: 'A new version of Centralise is ready.' });
    await expect(notice).toBeVisible();
    await notice.getByRole('button', { name: 'Reload to update' }).click();
    await expect(page.locator('meta[name="centralise-test-build"]')).toHaveCount(1);
    await expect(page.locator('html[data-boot="ready"]')).toBeAttached();
    await expect(page.locator('html')).not.toHaveAttribute('data-update', /.*/);
    await expect.poll(() => ourCaches(page)).toEqual([`centralise-/-${version}`]);
  });
});
