// The static shell in index.html: the app's frame paints before the wasm arrives, says what
// the app is when it cannot start, and gives way to the app without moving anything.
import { test, expect, open } from './fixtures.mjs';

test.describe('with JavaScript blocked', () => {
  test.use({ javaScriptEnabled: false });

  test('the page shows the app name, what it is, and why it cannot start', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Centralise', exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your home exercise coach for sciatica');
    await expect(page.getByRole('main')).toContainText('Everything stays on this phone');
    // (Chromium's script blocking leaves <noscript> out, so the shell's own message says it too.)
    await expect(page.getByRole('status')).toContainText('it needs JavaScript and WebAssembly');
    await expect(page.getByRole('link', { name: 'Warning signs' })).toBeVisible();
  });
});

test('the app replaces the shell with no layout shift, and no shell is left behind', async ({ page }) => {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => window.__shifts.push(...list.getEntries().map((e) => e.value))).observe({
      type: 'layout-shift',
      buffered: true,
    });
  });
  await open(page);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Your home exercise coach for sciatica');
  await expect(page.locator('#boot-fallback')).toHaveCount(0);
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(1);
  expect(await page.evaluate(() => window.__shifts)).toEqual([]);
});

test('what arrives while the app starts (a new address, another part of the app) never crashes it', async ({ page }) => {
  // In each of the 20 tasks after the app's module is instantiated, which span the tasks of its
  // start: a restore finished by the on-demand module, and an address change. The app answers
  // both with work of its own, whatever part of its start it is in.
  await page.addInitScript(() => {
    const instantiate = WebAssembly.instantiateStreaming;
    // The app's module only: the on-demand one is left alone.
    WebAssembly.instantiateStreaming = function (...args) {
      WebAssembly.instantiateStreaming = instantiate;
      const result = instantiate.apply(this, args);
      result.then(() => {
        const channel = new MessageChannel();
        let n = 0;
        channel.port1.onmessage = () => {
          if ((n += 1) > 20) return;
          window.__arrived = n;
          window.dispatchEvent(new Event('centralise:data-restored'));
          location.hash = n % 2 ? '#/settings' : '#/';
          channel.port2.postMessage(null);
        };
        channel.port2.postMessage(null);
      });
      return result;
    };
  });
  await open(page);
  // The app may have started before all 20 arrived: a later address change would undo the tap.
  await expect.poll(() => page.evaluate(() => window.__arrived)).toBe(20);
  await expect(page.locator('html')).not.toHaveAttribute('data-crashed', 'true');
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
  await expect(page.locator('html')).not.toHaveAttribute('data-crashed', 'true');
});
