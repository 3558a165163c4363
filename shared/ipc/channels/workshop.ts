/**
 * Assessment workshops: maturity models (vault-level, versioned), running a workshop (participants, votes hidden
 * until revealed, consensus, notes, position), results, history, export and import.
 *
 * Every change made while running a workshop carries the facilitator's `sessionId` (a random token the facilitator
 * window keeps): the workshop is leased to one facilitator window at a time, so two windows cannot overwrite each
 * other's votes. Votes of a question never leave the backend until the question is revealed.
 */
import { z } from 'zod'
import type { ScoreSummary, Comparison, VoteStats, VoteValue, DimensionScore, Gap } from '../../domain/assessment'
import type { MaturityModel } from '../../domain/maturity'
import { maturityModelContentSchema } from '../../domain/maturitySchema'
import { channel, clientId, isoDate } from '../fields'

export const PARTICIPANT_SIDES = ['client', 'consultant'] as const
export type ParticipantSide = (typeof PARTICIPANT_SIDES)[number]
export const ASSESSMENT_STATUSES = ['running', 'finished'] as const
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number]

/** A facilitator lease lasts this long without a heartbeat; the window renews it every few seconds. */
export const LEASE_MS = 30_000

const assessmentId = z.string().regex(/^a_[a-z0-9]{12}$/, 'Not an assessment id')
const participantId = z.string().regex(/^p_[a-z0-9]{12}$/, 'Not a participant id')
const questionId = z.string().min(1).max(60)
const dimensionId = z.string().min(1).max(60)
const modelId = z.string().min(1).max(80)
const sessionId = z.string().min(8, 'Not a facilitator session').max(80, 'Not a facilitator session')

const participantInput = z
  .object({
    name: z.string().trim().min(1, 'A participant needs a name').max(120, 'A participant name is too long'),
    role: z.string().trim().max(120, 'A role is too long').default(''),
    side: z.enum(PARTICIPANT_SIDES, { error: 'A participant is on the client side or the consultant side' })
  })
  .strict()

const dimensionInput = z
  .object({
    id: dimensionId,
    timeBoxMinutes: z
      .number({ error: 'A time box is a number of minutes' })
      .int('A time box is a whole number of minutes')
      .min(1, 'A time box is at least 1 minute')
      .max(480, 'A time box is at most 480 minutes')
  })
  .strict()

/** A level 0–4 or "skip"; "clear" removes the vote. */
const VOTE_MESSAGE = 'A vote is a level from 0 to 4, or skip'
export const voteInput = z.union(
  [z.literal(['skip', 'clear']), z.number({ error: VOTE_MESSAGE }).int(VOTE_MESSAGE).min(0, VOTE_MESSAGE).max(4, VOTE_MESSAGE)],
  { error: VOTE_MESSAGE }
)

const ref = { clientId, assessmentId }
const run = { clientId, assessmentId, sessionId }

export interface ModelSummary {
  id: string
  name: string
  /** The newest version. */
  version: number
  versions: number[]
  builtIn: boolean
  updatedAt: string | null
}

export interface ParticipantRow {
  id: string
  name: string
  role: string
  side: ParticipantSide
  /** Removed mid-workshop: their earlier votes stay, they are no longer expected to vote. */
  removed: boolean
}

export interface CoveredDimension {
  id: string
  name: string
  timeBoxMinutes: number
  /** When the group first reached this dimension (the timer runs from here). */
  startedAt: string | null
}

export interface QuestionState {
  questionId: string
  revealed: boolean
  /** Participants who have voted (a level or skip). Before the reveal this is all that is known. */
  voted: string[]
  /** Each participant's vote: present only once the question is revealed. */
  votes: Record<string, VoteValue> | null
  stats: VoteStats | null
  consensus: number | null
  rationale: string
  notes: string
}

export interface ActionRow {
  id: string
  dimensionId: string
  questionId: string | null
  title: string
  owner: string | null
  dueOn: string | null
  /** The roadmap milestone created with it, when the journey feature made one. */
  milestoneId: string | null
  createdAt: string
}

export interface AssessmentSummary {
  id: string
  title: string
  heldOn: string
  status: AssessmentStatus
  modelId: string
  modelVersion: number
  modelName: string
  participantCount: number
  /** Questions with an agreed score / questions covered. */
  progress: { scored: number; total: number }
  overall: number | null
  createdAt: string
  finishedAt: string | null
}

/** Everything the facilitator sees. Hidden votes are never in it. */
export interface WorkshopState {
  assessment: AssessmentSummary & { revision: number; currentQuestionId: string | null }
  model: MaturityModel
  participants: ParticipantRow[]
  dimensions: CoveredDimension[]
  /** The questions covered, in workshop order. */
  order: string[]
  questions: Record<string, QuestionState>
  scores: DimensionScore[]
  actions: ActionRow[]
  gaps: Gap[]
  lease: { sessionId: string | null; until: string | null }
}

/** What the room may see on the projector: no notes, no hidden votes, no names of other clients. */
export interface PresenterState {
  assessmentId: string
  title: string
  status: AssessmentStatus
  revision: number
  current: {
    dimensionId: string
    dimensionName: string
    questionId: string
    text: string
    /** Position of the question in the workshop, 1-based, and how many there are. */
    index: number
    total: number
    levels: { value: number; label: string; descriptor: string }[]
    votedCount: number
    expectedCount: number
    reveal: { stats: VoteStats; consensus: number | null; rationale: string } | null
  } | null
  radar: { dimensionId: string; name: string; score: number | null }[]
  overall: number | null
}

export interface WorkshopChanged {
  clientId: string
  assessmentId: string
  revision: number
  presenter: PresenterState
}

export interface ImportResult {
  assessment: AssessmentSummary
  /** Things the consultant should know (e.g. the assessment used a model this vault does not have). */
  notices: string[]
}

export const workshopChannels = {
  'workshop.models': channel<ModelSummary[]>()(z.object({}).strict()),
  'workshop.model': channel<MaturityModel>()(
    z.object({ modelId, version: z.number().int().min(1).optional() }).strict()
  ),
  /** A new model (no modelId) or a new version of one; `baseVersion` guards against two edits at once. */
  'workshop.saveModel': channel<MaturityModel>()(
    z
      .object({ modelId: modelId.optional(), baseVersion: z.number().int().min(1).optional(), content: maturityModelContentSchema })
      .strict()
  ),
  'workshop.list': channel<AssessmentSummary[]>()(z.object({ clientId }).strict()),
  'workshop.create': channel<WorkshopState>()(
    z
      .object({
        clientId,
        sessionId,
        title: z.string().trim().min(1, 'Give the workshop a title').max(200, 'The title is too long'),
        heldOn: isoDate.optional(),
        modelId: modelId.optional(),
        modelVersion: z.number().int().min(1).optional(),
        participants: z.array(participantInput).min(1, 'Add at least one participant').max(40, 'At most 40 participants'),
        dimensions: z.array(dimensionInput).min(1, 'Choose at least one dimension to cover').max(20)
      })
      .strict()
  ),
  /** Opens a workshop for facilitation: takes the lease, or fails with CONFLICT if another window holds it. */
  'workshop.open': channel<WorkshopState>()(z.object({ ...run, takeOver: z.boolean().optional() }).strict()),
  'workshop.heartbeat': channel<{ until: string }>()(z.object(run).strict()),
  'workshop.release': channel<null>()(z.object(run).strict()),
  /** Read-only view (results screen, CLI); no lease needed. */
  'workshop.get': channel<WorkshopState>()(z.object(ref).strict()),
  'workshop.presenter': channel<PresenterState>()(z.object(ref).strict()),
  'workshop.navigate': channel<WorkshopState>()(z.object({ ...run, questionId }).strict()),
  'workshop.vote': channel<WorkshopState>()(z.object({ ...run, questionId, participantId, vote: voteInput }).strict()),
  'workshop.reveal': channel<WorkshopState>()(z.object({ ...run, questionId, revealed: z.boolean() }).strict()),
  'workshop.consensus': channel<WorkshopState>()(
    z
      .object({
        ...run,
        questionId,
        score: z.number({ error: 'A consensus score is a level from 0 to 4' }).int('A consensus score is a level from 0 to 4').min(0, 'A consensus score is a level from 0 to 4').max(4, 'A consensus score is a level from 0 to 4').nullable(),
        rationale: z.string().max(4000, 'The rationale is too long').default('')
      })
      .strict()
  ),
  'workshop.note': channel<WorkshopState>()(
    z.object({ ...run, questionId, notes: z.string().max(20_000, 'The notes are too long') }).strict()
  ),
  'workshop.addParticipant': channel<WorkshopState>()(z.object({ ...run, participant: participantInput }).strict()),
  'workshop.removeParticipant': channel<WorkshopState>()(
    z.object({ ...run, participantId, removed: z.boolean().default(true) }).strict()
  ),
  'workshop.setTimeBox': channel<WorkshopState>()(z.object({ ...run, dimension: dimensionInput }).strict()),
  'workshop.finish': channel<WorkshopState>()(z.object({ ...run, finished: z.boolean() }).strict()),
  /** Gaps → actions (and roadmap milestones when asked) in one step. */
  'workshop.createActions': channel<WorkshopState>()(
    z
      .object({
        ...run,
        actions: z
          .array(
            z
              .object({
                dimensionId,
                questionId: questionId.nullable().default(null),
                title: z.string().trim().min(1, 'An action needs a title').max(300, 'An action title is too long'),
                owner: z.string().trim().max(120).nullable().default(null),
                dueOn: isoDate.nullable().default(null),
                /** Also put it on the journey roadmap as a milestone, in the stage the client is in. */
                roadmap: z.boolean().default(false)
              })
              .strict()
          )
          .min(1, 'Choose at least one gap')
          .max(100)
      })
      .strict()
  ),
  'workshop.history': channel<ScoreSummary[]>()(z.object({ clientId }).strict()),
  'workshop.compare': channel<Comparison>()(z.object({ clientId, a: assessmentId, b: assessmentId }).strict()),
  'workshop.export': channel<{ fileName: string; mime: string; content: string }>()(
    z.object({ ...ref, format: z.enum(['json', 'csv'], { error: 'Export as json or csv' }) }).strict()
  ),
  'workshop.import': channel<ImportResult>()(
    z.object({ clientId, content: z.string().min(1, 'The file is empty').max(20_000_000, 'The file is too large') }).strict()
  ),
  'workshop.delete': channel<null>()(z.object(ref).strict())
} as const
