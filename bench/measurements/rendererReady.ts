/** The real renderer in Debian's Chromium against the loopback harness: time from navigation start to `trellis-ready`. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Measurement } from '../lib/registry'

export const rendererReady: Measurement = {
  name: 'renderer.ready',
  label: 'renderer ready in Chromium',
  targetMs: 500,
  async run(ctx) {
    if (!existsSync(join(ctx.root, 'electron/backend/harness/server.ts')))
      return { notMeasured: 'the loopback harness (electron/backend/harness/server.ts) has not landed yet' }
    return { notMeasured: 'the harness exists; this measurement is not written yet' }
  }
}
