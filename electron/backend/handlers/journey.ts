import type { journeyChannels } from '../../../shared/ipc/channels/journey'
import { todayIso } from '../../../shared/domain/journeyRules'
import { whenUnlocked, type HandlerContext, type HandlersFor } from './context'

export function journeyHandlers(ctx: HandlerContext): HandlersFor<typeof journeyChannels> {
  const { journey, journeyTemplates } = ctx.services
  return whenUnlocked(ctx, {
    'journey.show': ({ clientId }) => journey.show(clientId),
    'journey.updateStage': ({ clientId, stageId, ...patch }) => journey.updateStage(clientId, stageId, patch),
    'journey.addCriterion': ({ clientId, stageId, text }) => journey.addCriterion(clientId, stageId, text),
    'journey.removeCriterion': ({ clientId, criterionId }) => journey.removeCriterion(clientId, criterionId),
    'journey.setCriterion': ({ clientId, criterionId, met, evidence }) => journey.setCriterion(clientId, criterionId, met, evidence),
    'journey.startStage': ({ clientId, stageId }) => journey.startStage(clientId, stageId),
    'journey.completeStage': ({ clientId, stageId, reason }) => journey.completeStage(clientId, stageId, reason),
    'journey.reopenStage': ({ clientId, stageId }) => journey.reopenStage(clientId, stageId),
    'journey.undo': ({ clientId }) => journey.undo(clientId, 'undo'),
    'journey.redo': ({ clientId }) => journey.undo(clientId, 'redo'),
    'journey.applyTemplate': ({ clientId, templateId, startOn }) =>
      journey.applyTemplate(clientId, journeyTemplates.get(templateId), startOn ?? todayIso()),
    'milestone.create': ({ clientId, ...m }) => journey.createMilestone(clientId, m),
    'milestone.update': ({ clientId, id, ...m }) => journey.updateMilestone(clientId, id, m),
    'milestone.delete': ({ clientId, id }) => journey.deleteMilestone(clientId, id),
    'journeyTemplate.list': () => journeyTemplates.list(),
    'journeyTemplate.get': ({ id }) => journeyTemplates.get(id),
    'journeyTemplate.saveFromClient': ({ clientId, name }) => journeyTemplates.save(journey.toTemplate(clientId, name)),
    'journeyTemplate.rename': ({ id, name }) => journeyTemplates.rename(id, name),
    'journeyTemplate.delete': ({ id }) => {
      journeyTemplates.delete(id)
      return null
    }
  })
}
