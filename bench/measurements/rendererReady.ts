/**
 * The real renderer in Debian's Chromium against the loopback harness on the bench vault: time from navigation
 * start to the renderer's `performance.mark('trellis-ready')`, over several fresh page loads (new browser context
 * each time, so nothing is cached).
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Measurement } from '../lib/registry'

const RUNS = 7
const CHROMIUM = '/usr/bin/chromium'
// The launch flags that work as root on the build machines (shared TOOLCHAIN notes).
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]
const READY_TIMEOUT_MS = 15_000

/** The part of the harness this figure uses (imported at run time: the harness is written by another issue). */
interface HarnessLike {
  url: string
  close(): Promise<void>
}

export const rendererReady: Measurement = {
  name: 'renderer.ready',
  label: 'renderer ready in Chromium',
  targetMs: 500,
  async run(ctx) {
    const harnessFile = join(ctx.root, 'electron/backend/harness/server.ts')
    if (!existsSync(harnessFile))
      return { notMeasured: 'the loopback harness (electron/backend/harness/server.ts) has not landed yet' }
    if (!existsSync(CHROMIUM)) return { notMeasured: `${CHROMIUM} is missing (apt-get install chromium)` }
    if (!existsSync(join(ctx.root, 'out/web/index.html'))) {
      ctx.log('out/web is missing: building the web renderer (npm run build:web)')
      execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ctx.root, stdio: 'inherit' })
    }
    const { startHarness } = (await import(harnessFile)) as {
      startHarness(o: { vaultDir: string; staticDir?: string }): Promise<HarnessLike>
    }
    const { chromium } = await import('@playwright/test')
    const harness = await startHarness({ vaultDir: ctx.big.dir, staticDir: join(ctx.root, 'out/web') })
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
    try {
      const samples: number[] = []
      const load: number[] = []
      for (let i = 0; i < RUNS + 1; i++) {
        const context = await browser.newContext()
        const page = await context.newPage()
        try {
          await page.goto(harness.url)
          try {
            await page.waitForFunction(() => performance.getEntriesByName('trellis-ready').length > 0, null, {
              timeout: READY_TIMEOUT_MS
            })
          } catch {
            return { notMeasured: `the renderer did not mark 'trellis-ready' within ${READY_TIMEOUT_MS / 1000} s` }
          }
          const t = await page.evaluate(() => {
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
            return { ready: performance.getEntriesByName('trellis-ready')[0].startTime, load: nav?.loadEventEnd ?? NaN }
          })
          // The first load warms the harness and Chromium's process pool; it is not counted.
          if (i > 0) {
            samples.push(t.ready)
            load.push(t.load)
          }
        } finally {
          await context.close()
        }
      }
      const sorted = [...load].sort((a, b) => a - b)
      return {
        samples,
        notes: [
          `${samples.length} fresh page loads of out/web against the ${ctx.big.clients}-client vault (locked, as at app start)`,
          `load event (median): ${sorted[sorted.length >> 1].toFixed(0)} ms after navigation start`
        ]
      }
    } finally {
      await browser.close()
      await harness.close()
    }
  }
}
