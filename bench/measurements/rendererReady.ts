/**
 * The real renderer in Debian's Chromium against the loopback harness on the bench vault: time from navigation
 * start to the renderer's `performance.mark('trellis-ready')` (first real screen on display and accepting input),
 * over several fresh page loads (new browser context each time, so nothing is cached).
 */
import type { Browser } from '@playwright/test'
import { startHarness } from '../../electron/backend/harness/server'
import { chromiumMissing, launchChromium, webBuild } from '../lib/browser'
import { call } from '../lib/context'
import { busiestRenderer, rendererMainThreads } from '../lib/sched'
import { formatMs, median, Series, timed, type Measurement } from '../lib/registry'

const RUNS = 7
const READY_TIMEOUT_MS = 15_000

/**
 * For each fresh load (after one warm-up): milliseconds from navigation start to the mark (the figure), with the
 * CPU and the longest run-queue wait of every thread of this process and Chromium's processes during the load.
 */
async function readyTimes(
  browser: Browser,
  url: string,
  runs: number
): Promise<{ ready: Series; load: number[]; rendererCpu: number[] } | string> {
  const out = { ready: new Series(), load: [] as number[], rendererCpu: [] as number[] }
  for (let i = 0; i < runs + 1; i++) {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      let timing: Awaited<ReturnType<typeof timed<void>>>
      const r0 = rendererMainThreads()
      try {
        timing = await timed(
          async () => {
            await page.goto(url)
            await page.waitForFunction(() => performance.getEntriesByName('trellis-ready').length > 0, null, {
              timeout: READY_TIMEOUT_MS
            })
          },
          { tree: true }
        )
      } catch {
        return `the renderer did not mark 'trellis-ready' within ${READY_TIMEOUT_MS / 1000} s`
      }
      const renderer = busiestRenderer(r0, rendererMainThreads())
      const t = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
        return { ready: performance.getEntriesByName('trellis-ready')[0].startTime, load: nav?.loadEventEnd ?? NaN }
      })
      // The first load warms the harness and Chromium's process pool; it is not counted.
      if (i > 0) {
        // No wait is subtracted here: the renderer keeps running after the mark, so its waits cannot be tied to it.
        out.ready.add({ wall: t.ready, cpu: timing.cpu, queued: NaN })
        out.load.push(t.load)
        if (renderer) out.rendererCpu.push(renderer.cpu)
      }
    } finally {
      await context.close()
    }
  }
  return out
}

export const rendererReady: Measurement = {
  name: 'renderer.ready',
  label: 'renderer ready in Chromium',
  targetMs: 500,
  async run(ctx) {
    const missing = chromiumMissing()
    if (missing) return { notMeasured: missing }
    const staticDir = webBuild(ctx)
    const harness = await startHarness({ vaultDir: ctx.big.dir, staticDir })
    let browser: Browser | null = null
    try {
      browser = await launchChromium()
      // As at app start: the vault is locked and the first screen is the unlock screen.
      const locked = await readyTimes(browser, harness.url, RUNS)
      if (typeof locked === 'string') return { notMeasured: locked }
      // A reload while unlocked: the first screen is the workspace with the 200-client list.
      await call(harness.backend, 'vault.unlock', { passphrase: ctx.big.passphrase })
      const unlocked = await readyTimes(browser, harness.url, 3)
      return {
        ...locked.ready,
        notes: [
          `${locked.ready.samples.length} fresh page loads of out/web against the ${ctx.big.clients}-client vault, locked as at app start`,
          `load event (median): ${formatMs(median(locked.load))} ms after navigation start`,
          'cpu here is Chromium and the harness together, from navigation to the mark',
          `the page's renderer main thread alone: median ${formatMs(median(locked.rendererCpu))} ms of CPU per load (a floor for the figure on a free machine)`,
          typeof unlocked === 'string'
            ? `vault already unlocked: ${unlocked}`
            : `vault already unlocked (workspace with ${ctx.big.clients} clients): median ${formatMs(median(unlocked.ready.samples))} ms`
        ]
      }
    } finally {
      await browser?.close()
      await harness.close()
    }
  }
}
