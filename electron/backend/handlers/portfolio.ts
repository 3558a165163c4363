import type { portfolioChannels } from '../../../shared/ipc/channels/portfolio'
import { whenUnlocked, type HandlerContext, type HandlersFor } from './context'

export function portfolioHandlers(ctx: HandlerContext): HandlersFor<typeof portfolioChannels> {
  const { portfolio, portfolioImport, portfolioExport } = ctx.services
  return whenUnlocked(ctx, {
    'portfolio.summary': ({ clientId, asOf }) => portfolio.summary(clientId, asOf),
    'portfolio.table': ({ clientId, asOf }) => portfolio.table(clientId, asOf),
    'portfolio.overview': ({ clientId, asOf }) => portfolio.overview(clientId, asOf),
    'portfolio.settings.get': ({ clientId }) => portfolio.settings(clientId),
    'portfolio.settings.update': ({ clientId, patch }) => portfolio.updateSettings(clientId, patch),
    'portfolio.export': ({ clientId, format, asOf }) => portfolioExport.export(clientId, format, asOf),
    'portfolio.import.preview': (input) => portfolioImport.preview(input),
    'portfolio.import.commit': (input) => portfolioImport.commit(input, (p) => ctx.emit('portfolio.importProgressed', p)),
    'portfolio.import.cancel': ({ jobId }) => portfolioImport.cancel(jobId)
  })
}
