// End-to-end tests against the release build in dist/ (scripts/test builds it first),
// in Debian's Chromium: Playwright's own browser download cannot work on this network.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.mjs',
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL: 'http://127.0.0.1:4173',
    viewport: { width: 390, height: 844 }, // a mid-size phone
    hasTouch: true,
    isMobile: false,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
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
