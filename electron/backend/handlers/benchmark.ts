import type { benchmarkChannels } from '../../../shared/ipc/channels/benchmark'
import { benchmarkService } from '../services/benchmark/index'
import { whenUnlocked, type HandlerContext, type HandlersFor } from './context'

export function benchmarkHandlers(ctx: HandlerContext): HandlersFor<typeof benchmarkChannels> {
  const bench = benchmarkService(ctx.session)
  bench.onProgress = (p) => ctx.emit('benchmark.progressed', p)
  // The journey's realism warnings use the usual durations calibrated by the last run (defaults before one).
  Object.defineProperty(ctx.services.journey, 'usualDurations', { get: () => bench.usualDurations(), configurable: true })
  return whenUnlocked(ctx, {
    'benchmark.run': ({ asOf }) => bench.run(asOf),
    'benchmark.client': ({ clientId, cohort, asOf }) => bench.forClient(clientId, cohort, asOf),
    'benchmark.cancel': () => ({ cancelled: bench.cancel() }),
    'benchmark.calibration': () => bench.calibration(),
    'cockpit.show': ({ asOf }) => bench.cockpit(asOf)
  })
}
