import type { hypothesisChannels } from '../../../shared/ipc/channels/hypothesis'
import { whenUnlocked, type HandlerContext, type HandlersFor } from './context'

export function hypothesisHandlers(ctx: HandlerContext): HandlersFor<typeof hypothesisChannels> {
  const { hypotheses } = ctx.services
  return whenUnlocked(ctx, {
    'hypothesis.list': ({ clientId, ...filter }) => hypotheses.list(clientId, filter),
    'hypothesis.get': ({ clientId, id }) => hypotheses.get(clientId, id),
    'hypothesis.create': ({ clientId, ...h }) => hypotheses.create(clientId, h),
    'hypothesis.update': ({ clientId, id, ...h }) => hypotheses.update(clientId, id, h),
    'hypothesis.delete': ({ clientId, id }) => hypotheses.delete(clientId, id),
    'hypothesis.addEvidence': ({ clientId, ...e }) => hypotheses.addEvidence(clientId, e),
    'hypothesis.removeEvidence': ({ clientId, evidenceId }) => hypotheses.removeEvidence(clientId, evidenceId),
    'hypothesis.decide': ({ clientId, ...d }) => hypotheses.decide(clientId, d),
    'hypothesis.map': ({ clientId }) => hypotheses.map(clientId)
  })
}
