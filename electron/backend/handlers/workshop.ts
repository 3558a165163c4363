import type { workshopChannels } from '../../../shared/ipc/channels/workshop'
import type { WorkshopState } from '../../../shared/ipc/contract'
import { toPresenter } from '../services/workshops'
import { whenUnlocked, type HandlerContext, type HandlersFor } from './context'

export function workshopHandlers(ctx: HandlerContext): HandlersFor<typeof workshopChannels> {
  const { workshops, maturityModels } = ctx.services
  // Every change is pushed to presenter windows at once, reduced to what the room may see.
  const changed = (clientId: string, s: WorkshopState): WorkshopState => {
    ctx.emit('workshop.changed', { clientId, assessmentId: s.assessment.id, revision: s.assessment.revision, presenter: toPresenter(s) })
    return s
  }
  return whenUnlocked(ctx, {
    'workshop.models': () => maturityModels.list(),
    'workshop.model': ({ modelId, version }) => maturityModels.get(modelId, version),
    'workshop.saveModel': ({ modelId, baseVersion, content }) => maturityModels.save(modelId, baseVersion, content),
    'workshop.list': ({ clientId }) => workshops.list(clientId),
    'workshop.create': ({ clientId, sessionId, ...input }) => changed(clientId, workshops.create(clientId, sessionId, input)),
    'workshop.open': ({ clientId, assessmentId, sessionId, takeOver }) => changed(clientId, workshops.open(clientId, assessmentId, sessionId, !!takeOver)),
    'workshop.heartbeat': ({ clientId, assessmentId, sessionId }) => workshops.heartbeat(clientId, assessmentId, sessionId),
    'workshop.release': ({ clientId, assessmentId, sessionId }) => workshops.release(clientId, assessmentId, sessionId),
    'workshop.get': ({ clientId, assessmentId }) => workshops.get(clientId, assessmentId),
    'workshop.presenter': ({ clientId, assessmentId }) => workshops.presenter(clientId, assessmentId),
    'workshop.navigate': ({ clientId, assessmentId, sessionId, questionId }) =>
      changed(clientId, workshops.navigate(clientId, assessmentId, sessionId, questionId)),
    'workshop.vote': ({ clientId, assessmentId, sessionId, questionId, participantId, vote }) =>
      changed(clientId, workshops.vote(clientId, assessmentId, sessionId, questionId, participantId, vote)),
    'workshop.reveal': ({ clientId, assessmentId, sessionId, questionId, revealed }) =>
      changed(clientId, workshops.reveal(clientId, assessmentId, sessionId, questionId, revealed)),
    'workshop.consensus': ({ clientId, assessmentId, sessionId, questionId, score, rationale }) =>
      changed(clientId, workshops.consensus(clientId, assessmentId, sessionId, questionId, score, rationale)),
    'workshop.note': ({ clientId, assessmentId, sessionId, questionId, notes }) =>
      changed(clientId, workshops.note(clientId, assessmentId, sessionId, questionId, notes)),
    'workshop.addParticipant': ({ clientId, assessmentId, sessionId, participant }) =>
      changed(clientId, workshops.addParticipant(clientId, assessmentId, sessionId, participant)),
    'workshop.removeParticipant': ({ clientId, assessmentId, sessionId, participantId, removed }) =>
      changed(clientId, workshops.removeParticipant(clientId, assessmentId, sessionId, participantId, removed)),
    'workshop.setTimeBox': ({ clientId, assessmentId, sessionId, dimension }) =>
      changed(clientId, workshops.setTimeBox(clientId, assessmentId, sessionId, dimension)),
    'workshop.finish': ({ clientId, assessmentId, sessionId, finished }) =>
      changed(clientId, workshops.finish(clientId, assessmentId, sessionId, finished)),
    'workshop.createActions': ({ clientId, assessmentId, sessionId, actions }) =>
      changed(clientId, workshops.createActions(clientId, assessmentId, sessionId, actions)),
    'workshop.history': ({ clientId }) => workshops.history(clientId),
    'workshop.compare': ({ clientId, a, b }) => workshops.compare(clientId, a, b),
    'workshop.export': ({ clientId, assessmentId, format }) => workshops.export(clientId, assessmentId, format),
    'workshop.import': ({ clientId, content }) => workshops.import(clientId, content),
    'workshop.delete': ({ clientId, assessmentId }) => workshops.delete(clientId, assessmentId)
  })
}
