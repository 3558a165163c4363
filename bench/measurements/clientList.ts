/** The client list comes from the encrypted vault index, never from opening client files. */
import { call } from '../lib/context'
import { formatMs, Series, timed, type Measurement } from '../lib/registry'

const RUNS = 50

export const clientList: Measurement = {
  name: 'client.list',
  label: 'list clients (200)',
  targetMs: 20,
  async run(ctx) {
    const b = await ctx.unlocked(ctx.big)
    try {
      const t0 = performance.now()
      const first = await call<unknown[]>(b, 'client.list', {})
      const tFirst = performance.now() - t0
      if (first.length !== ctx.big.clients) throw new Error(`client.list returned ${first.length}, expected ${ctx.big.clients}`)
      const series = new Series()
      for (let i = 0; i < RUNS; i++) series.add(await timed(() => call(b, 'client.list', {})))
      return { ...series, notes: [`first call after unlock: ${formatMs(tFirst)} ms`] }
    } finally {
      b.close()
    }
  }
}
