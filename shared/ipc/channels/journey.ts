import { z } from 'zod'
import {
  LIMITS,
  MILESTONE_KIND_KEYS,
  MILESTONE_STATUSES,
  OWNER_SIDES,
  type JourneyTemplate
} from '../../domain/journey'
import { isCalendarDate, type MilestoneView, type RealismWarning, type StageView } from '../../domain/journeyRules'
import { channel, clientId } from '../fields'

export type { CriterionView, GateEvent, MilestoneView, RealismWarning, StageView } from '../../domain/journeyRules'

export interface UndoState {
  /** What Ctrl/Cmd+Z would undo, e.g. "Move “Recruit first partners”". */
  undoLabel: string | null
  redoLabel: string | null
}

export interface JourneyView {
  clientId: string
  templateName: string
  startedOn: string
  stages: StageView[]
  milestones: MilestoneView[]
  warnings: RealismWarning[]
  undo: UndoState
}

export interface UndoResult {
  /** The edit that was undone or redone, or null when there was nothing to do. */
  label: string | null
  undo: UndoState
}

export interface TemplateSummary {
  id: string
  name: string
  builtIn: boolean
  stageCount: number
  milestoneCount: number
  updatedAt: string | null
}

// ---- field schemas (also used by the renderer to show the message at the field before sending)

export const calendarDate = z
  .string({ error: 'Enter a date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are YYYY-MM-DD')
  .refine(isCalendarDate, 'That day does not exist in the calendar')
export const entityId = z.string().min(1).max(64)
export const milestoneTitle = z
  .string({ error: 'Enter a title' })
  .trim()
  .min(1, 'The title cannot be empty')
  .max(LIMITS.title, `The title is limited to ${LIMITS.title} characters`)
export const notesText = z.string().max(LIMITS.notes, `Notes are limited to ${LIMITS.notes} characters`)
export const ownerName = z.string().trim().max(LIMITS.owner, `The owner's name is limited to ${LIMITS.owner} characters`)
const idList = z.array(entityId).max(500)

const milestoneFields = {
  title: milestoneTitle,
  kind: z.enum(MILESTONE_KIND_KEYS),
  ownerSide: z.enum(OWNER_SIDES),
  ownerName: ownerName.nullable(),
  plannedStart: calendarDate,
  plannedEnd: calendarDate,
  actualStart: calendarDate.nullable(),
  actualEnd: calendarDate.nullable(),
  status: z.enum(MILESTONE_STATUSES),
  notes: notesText,
  stageId: entityId,
  dependsOn: idList,
  hypothesisIds: idList,
  partnerIds: idList
}

const endAfterStart = (v: { plannedStart?: string; plannedEnd?: string }) =>
  !v.plannedStart || !v.plannedEnd || v.plannedEnd >= v.plannedStart
const endAfterStartMsg = { message: 'The end date is before the start date', path: ['plannedEnd'] }

export const milestoneCreateInput = z
  .object({
    clientId,
    ...milestoneFields,
    kind: milestoneFields.kind.optional(),
    ownerSide: milestoneFields.ownerSide.optional(),
    ownerName: milestoneFields.ownerName.optional(),
    actualStart: milestoneFields.actualStart.optional(),
    actualEnd: milestoneFields.actualEnd.optional(),
    status: milestoneFields.status.optional(),
    notes: notesText.optional(),
    dependsOn: idList.optional(),
    hypothesisIds: idList.optional(),
    partnerIds: idList.optional()
  })
  .strict()
  .refine(endAfterStart, endAfterStartMsg)

export const milestoneUpdateInput = z
  .object({
    clientId,
    id: entityId,
    title: milestoneFields.title.optional(),
    kind: milestoneFields.kind.optional(),
    ownerSide: milestoneFields.ownerSide.optional(),
    ownerName: milestoneFields.ownerName.optional(),
    plannedStart: calendarDate.optional(),
    plannedEnd: calendarDate.optional(),
    actualStart: milestoneFields.actualStart.optional(),
    actualEnd: milestoneFields.actualEnd.optional(),
    status: milestoneFields.status.optional(),
    notes: notesText.optional(),
    stageId: entityId.optional(),
    dependsOn: idList.optional(),
    hypothesisIds: idList.optional(),
    partnerIds: idList.optional()
  })
  .strict()
  .refine(endAfterStart, endAfterStartMsg)

const byJourney = z.object({ clientId }).strict()
const byStage = z.object({ clientId, stageId: entityId }).strict()

export const templateName = z
  .string()
  .trim()
  .min(1, 'The template needs a name')
  .max(LIMITS.templateName, `Template names are limited to ${LIMITS.templateName} characters`)

export const journeyChannels = {
  /** The whole roadmap of a client; a client that has none yet gets the default journey on first open. */
  'journey.show': channel<JourneyView>()(byJourney),
  'journey.updateStage': channel<JourneyView>()(
    z
      .object({
        clientId,
        stageId: entityId,
        name: z.string().trim().min(1, 'The stage needs a name').max(LIMITS.title).optional(),
        objectives: z
          .array(z.string().trim().min(1, 'An objective cannot be empty').max(LIMITS.objective, `Objectives are limited to ${LIMITS.objective} characters`))
          .max(20)
          .optional()
      })
      .strict()
  ),
  'journey.addCriterion': channel<JourneyView>()(
    z
      .object({
        clientId,
        stageId: entityId,
        text: z.string().trim().min(1, 'The exit criterion cannot be empty').max(LIMITS.criterion, `Exit criteria are limited to ${LIMITS.criterion} characters`)
      })
      .strict()
  ),
  'journey.removeCriterion': channel<JourneyView>()(z.object({ clientId, criterionId: entityId }).strict()),
  /** Marking a criterion met needs its evidence. */
  'journey.setCriterion': channel<JourneyView>()(
    z
      .object({
        clientId,
        criterionId: entityId,
        met: z.boolean(),
        evidence: z.string().trim().max(LIMITS.evidence, `Evidence is limited to ${LIMITS.evidence} characters`)
      })
      .strict()
      .refine((v) => !v.met || v.evidence.length > 0, {
        message: 'Say what shows the criterion is met (the evidence)',
        path: ['evidence']
      })
  ),
  'journey.startStage': channel<JourneyView>()(byStage),
  /** Completing with unmet criteria needs a written reason, which is kept. */
  'journey.completeStage': channel<JourneyView>()(
    z
      .object({
        clientId,
        stageId: entityId,
        reason: z.string().trim().max(LIMITS.reason, `The reason is limited to ${LIMITS.reason} characters`).optional()
      })
      .strict()
  ),
  'journey.reopenStage': channel<JourneyView>()(byStage),
  'journey.undo': channel<UndoResult>()(byJourney),
  'journey.redo': channel<UndoResult>()(byJourney),
  /** Replaces the client's roadmap with a template's (the hypotheses stay). Undoable. */
  'journey.applyTemplate': channel<JourneyView>()(
    z.object({ clientId, templateId: entityId, startOn: calendarDate.optional() }).strict()
  ),
  'milestone.create': channel<JourneyView>()(milestoneCreateInput),
  'milestone.update': channel<JourneyView>()(milestoneUpdateInput),
  'milestone.delete': channel<JourneyView>()(z.object({ clientId, id: entityId }).strict()),
  'journeyTemplate.list': channel<TemplateSummary[]>()(z.object({}).strict()),
  'journeyTemplate.get': channel<JourneyTemplate>()(z.object({ id: entityId }).strict()),
  /** Saves a client's roadmap as one of the consultant's templates (kept in the vault, outside client files). */
  'journeyTemplate.saveFromClient': channel<TemplateSummary>()(z.object({ clientId, name: templateName }).strict()),
  'journeyTemplate.rename': channel<TemplateSummary>()(z.object({ id: entityId, name: templateName }).strict()),
  'journeyTemplate.delete': channel<null>()(z.object({ id: entityId }).strict())
} as const
