// End-to-end tests against the release build in dist/ (scripts/test builds it first),
// in Debian's Chromium: Playwright's own browser download cannot work on this network.
// Debian's headless shell runs them in about half the CPU time of the whole browser; tests
// that need notifications or the wake lock use the whole browser (fixtures.mjs wholeBrowser).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.mjs',
  // Every test has its own browser context, so tests spread over the workers one by one, not a
  // whole file each: the longest files no longer set the run's length.
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL: 'http://127.0.0.1:4173',
    viewport: { width: 390, height: 844 }, // a mid-size phone
    hasTouch: true,
    isMobile: false,
    // Recording a trace for every test costs a fifth of the run; to see one for a failure,
    // run again with --trace retain-on-failure.
    trace: 'off',
    // Installing the service worker fetches and caches the whole build again, in every test's
    // new browser context: only the tests of offline use, updates and hosting opt back in.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: '/usr/bin/chromium-headless-shell',
      // Without the networking flags Chromium keeps calling hosts this closed network refuses.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node tests/e2e/serve.mjs dist 4173',
    url: 'http://127.0.0.1:4173',
    reuseExistingServer: false,
  },
});
