// The web app manifest and its icons, and the service worker's precache list, against the
// build in dist/ (scripts/test builds it first).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test, expect, open, checkIn, startRoutine, untilCheckIn, workerReady } from './fixtures.mjs';

// These tests are about the service worker (playwright.config.mjs blocks it for the rest).
test.use({ serviceWorkers: 'allow' });

/** Every file under dir except sw.js, '/'-separated, sorted. */
function filesOf(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split('\\').join('/'))
    .filter((f) => f !== 'sw.js')
    .sort();
}

/** The VERSION and PRECACHE that the build wrote into a sw.js. */
function generated(swText) {
  const version = swText.match(/^const VERSION = '([0-9a-f]{16})';$/m)?.[1];
  const list = JSON.parse(swText.match(/^const PRECACHE = (.*);$/m)[1]);
  return { version, list };
}

test('the service worker precaches exactly the files of the build, versioned by their contents', () => {
  const sw = readFileSync('dist/sw.js', 'utf8');
  const { version, list } = generated(sw);
  expect(version, 'a version hashed at build time').toBeTruthy();
  expect(list).toEqual(filesOf('dist'));
  for (const f of ['index.html', 'boot.js', 'manifest.webmanifest', 'assets/icon-maskable-512.png']) {
    expect(list).toContain(f);
  }
  expect(list.some((f) => f.endsWith('.wasm'))).toBe(true);

  // The generator gives the same worker again on the same files, a new version on any change.
  const dir = mkdtempSync(join(tmpdir(), 'centralise-precache-'));
  try {
    cpSync('dist', dir, { recursive: true });
    execFileSync(process.execPath, ['scripts/precache.mjs', dir]);
    expect(readFileSync(join(dir, 'sw.js'), 'utf8')).toBe(sw);
    writeFileSync(join(dir, 'assets/icon.svg'), `${readFileSync(join(dir, 'assets/icon.svg'), 'utf8')}\n`);
    writeFileSync(join(dir, 'extra.txt'), 'new file\n');
    execFileSync(process.execPath, ['scripts/precache.mjs', dir]);
    const again = generated(readFileSync(join(dir, 'sw.js'), 'utf8'));
    expect(again.version).not.toBe(version);
    expect(again.list).toEqual(filesOf(dir));
    expect(again.list).toContain('extra.txt');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('after the first visit the cache holds every file of the build', async ({ page }) => {
  await open(page);
  await workerReady(page);
  const cached = await page.evaluate(async () => {
    const names = (await caches.keys()).filter((k) => k.startsWith('centralise-'));
    const keys = await (await caches.open(names[0])).keys();
    return { names, paths: keys.map((r) => new URL(r.url).pathname.slice(1)).sort() };
  });
  const { version, list } = generated(readFileSync('dist/sw.js', 'utf8'));
  expect(cached.names).toEqual([`centralise-/-${version}`]);
  expect(cached.paths).toEqual(list);
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test('the manifest is linked, valid, and names icons that exist at their sizes, one maskable', async ({ page }) => {
  await open(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href, page.url());
  const response = await page.request.get(manifestUrl.href);
  expect(response.ok()).toBe(true);
  const manifest = await response.json();

  // What Chromium itself makes of it.
  const cdp = await page.context().newCDPSession(page);
  const parsed = await cdp.send('Page.getAppManifest');
  expect(parsed.errors).toEqual([]);
  expect(parsed.url).toBe(manifestUrl.href);

  expect(manifest).toMatchObject({
    name: 'Centralise',
    short_name: 'Centralise',
    start_url: './',
    scope: './',
    display: 'standalone',
  });
  expect(manifest.description.length).toBeGreaterThan(20);
  const themeColor = await page.locator('meta[name="theme-color"]').getAttribute('content');
  expect(manifest.theme_color).toBe(themeColor);
  // The splash screen's colour is the page's own light background.
  const hex = (rgb) => `#${rgb.match(/\d+/g).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
  const bodyBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(manifest.background_color).toBe(hex(bodyBg));

  const icons = [];
  for (const icon of manifest.icons) {
    const res = await page.request.get(new URL(icon.src, manifestUrl).href);
    expect(res.ok(), icon.src).toBe(true);
    const body = await res.body();
    icons.push(icon);
    if (icon.type === 'image/png') expect(pngSize(body), icon.src).toBe(icon.sizes);
    else {
      expect(icon).toMatchObject({ type: 'image/svg+xml', sizes: 'any' });
      expect(body.toString('utf8')).toMatch(/^<svg /);
    }
  }
  const png = (sizes, purpose = undefined) =>
    icons.find((i) => i.type === 'image/png' && i.sizes === sizes && i.purpose === purpose);
  expect(png('192x192')).toBeTruthy();
  expect(png('512x512')).toBeTruthy();
  const maskable = png('512x512', 'maskable');
  expect(maskable).toBeTruthy();

  // Maskable: the background fills the whole square and nothing but background lies outside
  // the safe zone (the centred circle of radius 40 %), while the glyph is inside it.
  const zone = await page.evaluate(async ({ src, theme }) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const size = img.naturalWidth;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, size, size);
    const [r, g, b] = theme.match(/[0-9a-f]{2}/g).map((h) => parseInt(h, 16));
    let outsideNotBackground = 0;
    let insideWhite = 0;
    for (let y = 0; y < size; y += 1) {
      for (let x = 0; x < size; x += 1) {
        const i = (y * size + x) * 4;
        const inSafeZone = Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2) <= 0.4 * size;
        const background =
          Math.abs(data[i] - r) <= 2 && Math.abs(data[i + 1] - g) <= 2 && Math.abs(data[i + 2] - b) <= 2 && data[i + 3] === 255;
        if (!inSafeZone && !background) outsideNotBackground += 1;
        if (inSafeZone && data[i] > 240 && data[i + 1] > 240 && data[i + 2] > 240) insideWhite += 1;
      }
    }
    return { size, outsideNotBackground, insideWhite };
  }, { src: new URL(maskable.src, manifestUrl).href, theme: manifest.theme_color });
  expect(zone.size).toBe(512);
  expect(zone.outsideNotBackground).toBe(0);
  expect(zone.insideWhite).toBeGreaterThan(1000);
});

test('opened again from the home screen, the app offers to resume the session the patient left', async ({ page, context }) => {
  await open(page);
  await startRoutine(page, 'Quick core practice');
  await untilCheckIn(page);
  await checkIn(page, { left: 'Thigh (above knee)', leg: 4 });
  const manifest = new URL(await page.locator('link[rel="manifest"]').getAttribute('href'), page.url());
  const start = new URL((await (await page.request.get(manifest.href)).json()).start_url, manifest).href;
  await page.close(); // the phone closed the app mid-set

  const again = await context.newPage();
  await again.goto(start);
  await expect(again.locator('html[data-boot="ready"]')).toBeAttached();
  const resume = again.getByRole('region', { name: 'You have an unfinished session' });
  await expect(resume).toContainText('Quick core practice: 1 of');
  await resume.getByRole('button', { name: 'Resume session' }).click();
  await expect(again).toHaveURL(/#\/session$/);
  await expect(again.getByRole('heading', { level: 1 })).toHaveText('Tummy bracing'); // the routine's first exercise
});
