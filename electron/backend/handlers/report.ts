import type { reportChannels } from '../../../shared/ipc/channels/report'
import { whenUnlocked, type HandlerContext, type HandlersFor } from './context'

export function reportHandlers(ctx: HandlerContext): HandlersFor<typeof reportChannels> {
  const { report } = ctx.services
  return whenUnlocked(ctx, {
    'report.branding.get': () => report.branding.get(),
    'report.branding.update': ({ patch }) => report.branding.update(patch),
    'report.settings.get': ({ clientId }) => report.settings(clientId),
    'report.settings.update': ({ clientId, patch }) => report.updateSettings(clientId, patch),
    'report.preview': (input) => report.preview(input),
    'report.export': (input) => report.export(input, (p) => ctx.emit('report.progressed', p)),
    'report.prepare': ({ clientId }) => report.prepare(clientId),
    'report.cancel': ({ jobId }) => report.cancel(jobId),
    'report.cohorts': ({ clientId, cohort, asOf }) => report.cohorts(clientId, cohort, asOf),
    'report.saveRendered': ({ dataBase64, ...rest }) => report.saveRendered({ ...rest, data: Buffer.from(dataBase64, 'base64') }),
    'report.history': ({ clientId }) => report.history(clientId)
  })
}
