import { defineConfig } from '@playwright/test'

// Drives the real app with Playwright's `_electron`. Skips itself (every test, with the reason) where the
// Electron binary cannot be downloaded, as on the build machines.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ??= '1'

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e-electron',
  globalSetup: './globalSetup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']]
})
