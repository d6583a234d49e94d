// Takes docs/screenshot.png from the release build in dist/: the home page on a phone, as a
// returning patient using the bundled extension programme sees it.
// Usage (after scripts/bench or trunk build --release): node scripts/screenshot.mjs
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const PORT = 4180;
const server = spawn('node', ['tests/e2e/serve.mjs', 'dist', String(PORT)], { stdio: 'inherit' });
try {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await page.addInitScript(() => {
    const settings = { setup_done: true, affected_leg: 'left', active_pack: 'extension-progression' };
    localStorage.setItem('centralise:settings', JSON.stringify(settings));
  });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.locator('html[data-boot="ready"]').waitFor({ state: 'attached' });
  await page.getByRole('heading', { name: 'Your exercises' }).waitFor();
  await page.screenshot({ path: 'docs/screenshot.png' });
  await browser.close();
} finally {
  server.kill();
}
