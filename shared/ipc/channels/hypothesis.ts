import { z } from 'zod'
import {
  DECISIONS,
  EVIDENCE_DIRECTIONS,
  EVIDENCE_STRENGTHS,
  HYPOTHESIS_CATEGORIES,
  HYPOTHESIS_STATUSES,
  IMPORTANCE_MAX,
  IMPORTANCE_MIN,
  LIMITS,
  type Decision,
  type EvidenceDirection,
  type EvidenceStrength,
  type HypothesisCategory,
  type HypothesisStatus
} from '../../domain/journey'
import { channel, clientId } from '../fields'
import { calendarDate, entityId, type UndoState } from './journey'

export interface HypothesisRow {
  id: string
  belief: string
  verify: string
  measure: string
  rightIf: string
  category: HypothesisCategory
  importance: number
  evidenceStrength: EvidenceStrength
  status: HypothesisStatus
  owner: string | null
  dueDate: string | null
  stageId: string | null
  decision: Decision | null
  decidedAt: string | null
  evidenceCount: number
  milestoneIds: string[]
  partnerIds: string[]
  testFirst: boolean
  createdAt: string
  updatedAt: string
}

export interface EvidenceEntry {
  id: string
  date: string
  source: string
  observation: string
  direction: EvidenceDirection
  createdAt: string
}

export interface DecisionEntry {
  id: string
  decision: Decision
  observed: string
  learned: string
  therefore: string
  statusBefore: HypothesisStatus
  decidedAt: string
}

export interface HypothesisDetail extends HypothesisRow {
  observed: string
  learned: string
  therefore: string
  evidence: EvidenceEntry[]
  /** Every decision ever taken, oldest first: a decided hypothesis keeps its whole history. */
  decisions: DecisionEntry[]
}

export interface HypothesisEdit {
  hypothesis: HypothesisDetail | null
  undo: UndoState
}

export interface AssumptionPoint {
  id: string
  belief: string
  importance: number
  evidenceStrength: EvidenceStrength
  status: HypothesisStatus
  category: HypothesisCategory
  testFirst: boolean
}

const cardField = (what: string) =>
  z.string().trim().max(LIMITS.cardField, `${what} is limited to ${LIMITS.cardField} characters`)

export const belief = z
  .string({ error: 'Write what you believe' })
  .trim()
  .min(1, 'Write what you believe (the hypothesis cannot be empty)')
  .max(LIMITS.cardField, `The belief is limited to ${LIMITS.cardField} characters`)
export const importance = z
  .number({ error: 'Importance is a number from 1 to 5' })
  .int('Importance is a whole number from 1 to 5')
  .min(IMPORTANCE_MIN, 'Importance is at least 1')
  .max(IMPORTANCE_MAX, 'Importance is at most 5')

const idList = z.array(entityId).max(500)

const cardFields = {
  belief,
  verify: cardField('“To verify we will”'),
  measure: cardField('“And measure”'),
  rightIf: cardField('“We are right if”'),
  category: z.enum(HYPOTHESIS_CATEGORIES),
  importance,
  evidenceStrength: z.enum(EVIDENCE_STRENGTHS),
  status: z.enum(HYPOTHESIS_STATUSES),
  owner: z.string().trim().max(LIMITS.owner, `The owner's name is limited to ${LIMITS.owner} characters`).nullable(),
  dueDate: calendarDate.nullable(),
  stageId: entityId.nullable(),
  milestoneIds: idList,
  partnerIds: idList
}

const optionalCard = Object.fromEntries(Object.entries(cardFields).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof typeof cardFields]: z.ZodOptional<(typeof cardFields)[K]>
}

export const hypothesisCreateInput = z
  .object({ clientId, ...optionalCard, belief })
  .strict()

export const hypothesisUpdateInput = z
  .object({
    clientId,
    id: entityId,
    ...optionalCard,
    observed: cardField('“We observed”').optional(),
    learned: cardField('“We learned”').optional(),
    therefore: cardField('“Therefore we will”').optional()
  })
  .strict()

export const evidenceInput = z
  .object({
    clientId,
    hypothesisId: entityId,
    date: calendarDate,
    source: z.string().trim().max(LIMITS.source, `The source is limited to ${LIMITS.source} characters`).default(''),
    observation: z
      .string()
      .trim()
      .min(1, 'Write what was observed')
      .max(LIMITS.evidence, `The observation is limited to ${LIMITS.evidence} characters`),
    direction: z.enum(EVIDENCE_DIRECTIONS)
  })
  .strict()

export const decideInput = z
  .object({
    clientId,
    id: entityId,
    decision: z.enum(DECISIONS),
    observed: cardField('“We observed”').default(''),
    learned: cardField('“We learned”').default(''),
    therefore: cardField('“Therefore we will”').default('')
  })
  .strict()
  .refine((v) => v.decision === 'keep_testing' || v.learned.length > 0, {
    message: 'Write what you learned before deciding',
    path: ['learned']
  })

export const hypothesisChannels = {
  'hypothesis.list': channel<HypothesisRow[]>()(
    z
      .object({
        clientId,
        status: z.enum(HYPOTHESIS_STATUSES).optional(),
        category: z.enum(HYPOTHESIS_CATEGORIES).optional(),
        stageId: entityId.optional(),
        search: z.string().max(200).optional()
      })
      .strict()
  ),
  'hypothesis.get': channel<HypothesisDetail>()(z.object({ clientId, id: entityId }).strict()),
  'hypothesis.create': channel<HypothesisEdit>()(hypothesisCreateInput),
  'hypothesis.update': channel<HypothesisEdit>()(hypothesisUpdateInput),
  'hypothesis.delete': channel<HypothesisEdit>()(z.object({ clientId, id: entityId }).strict()),
  'hypothesis.addEvidence': channel<HypothesisEdit>()(evidenceInput),
  'hypothesis.removeEvidence': channel<HypothesisEdit>()(z.object({ clientId, evidenceId: entityId }).strict()),
  /** Records a decision with its learning card; earlier decisions stay in the history. */
  'hypothesis.decide': channel<HypothesisEdit>()(decideInput),
  /** Importance × evidence for every open and decided hypothesis. */
  'hypothesis.map': channel<AssumptionPoint[]>()(z.object({ clientId }).strict())
} as const
