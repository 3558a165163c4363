import { defineConfig } from '@playwright/test'

// Debian's Chromium, never a downloaded browser.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ??= '1'

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // A record of the whole run: requests counted and blocked, backend log searched for client names (logs.ts).
  globalSetup: './globalSetup.ts',
  globalTeardown: './globalTeardown.ts',
  // Playwright empties outputDir at start: keep it away from .reports.
  outputDir: '../../test-results/e2e-web',
  // Two cores shared by many processes: one worker, generous timeouts, no retries hiding flakiness.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // Long journeys (dozens of steps) on a loaded 2-core machine: a timeout here aborts the harness mid-test and
  // the failure then reads like a backend error, so leave room.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    }
  }
})
