/**
 * Running assessment workshops on a client file. Rules kept here, whatever the caller:
 * - votes of a question leave this service only after the question is revealed (`state()` is the one place that
 *   reads them, and it drops them for hidden questions);
 * - every change is its own committed transaction, and the current question is stored, so a crash or a closed lid
 *   loses nothing and the workshop resumes where it was;
 * - one facilitator window holds the lease at a time; another window gets CONFLICT until it takes over;
 * - an assessment reads its model only from its own snapshot, so editing the model later changes nothing here.
 */
import { randomBytes } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import Papa from 'papaparse'
import { z } from 'zod'
import {
  dimensionScores,
  gaps,
  overallScore,
  compareAssessments,
  voteStats,
  type Comparison,
  type ScoreSummary,
  type VoteValue
} from '../../../shared/domain/assessment'
import { LEVEL_LABELS, type MaturityModel } from '../../../shared/domain/maturity'
import { maturityModelSchema } from '../../../shared/domain/maturitySchema'
import {
  LEASE_MS,
  type ActionRow,
  type AssessmentStatus,
  type AssessmentSummary,
  type ImportResult,
  type ParticipantSide,
  type PresenterState,
  type QuestionState,
  type WorkshopState
} from '../../../shared/ipc/contract'
import { AppError, toAppError } from '../errors'
import {
  assessmentActions,
  assessmentDimensions,
  assessmentParticipants,
  assessmentQuestions,
  assessmentVotes,
  assessments
} from '../db/schema/index'
import type { ClientDb } from '../db/clientFile'
import { MaturityModelService } from './maturityModels'
import type { Session } from './session'

type AssessmentRow = typeof assessments.$inferSelect

export const EXPORT_FORMAT = 'trellis-assessment'
export const EXPORT_VERSION = 1

function newId(prefix: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return prefix + Array.from(randomBytes(12), (b) => alphabet[b % 36]).join('')
}

function today(): string {
  return new Date().toISOString().slice(0, 10)
}

export interface NewAssessment {
  title: string
  heldOn?: string
  modelId?: string
  modelVersion?: number
  participants: { name: string; role: string; side: ParticipantSide }[]
  dimensions: { id: string; timeBoxMinutes: number }[]
}

export interface NewAction {
  dimensionId: string
  questionId: string | null
  title: string
  owner: string | null
  dueOn: string | null
  /** Also put it on the journey roadmap as a milestone. */
  roadmap?: boolean
}

/** Creates a roadmap milestone for an action when the journey feature is present; returns its id or null. */
export type MilestoneMaker = (clientId: string, action: NewAction & { assessmentTitle: string; dimensionName: string }) => string | null

/** What the room may see, derived from a state that already has no hidden votes. Notes never cross. */
export function toPresenter(s: WorkshopState): PresenterState {
  const qid = s.assessment.currentQuestionId
  let current: PresenterState['current'] = null
  if (qid) {
    const dim = s.model.dimensions.find((d) => d.questions.some((q) => q.id === qid))
    const question = dim?.questions.find((q) => q.id === qid)
    const qs = s.questions[qid]
    if (dim && question && qs) {
      const active = new Set(s.participants.filter((p) => !p.removed).map((p) => p.id))
      current = {
        dimensionId: dim.id,
        dimensionName: dim.name,
        questionId: qid,
        text: question.text,
        index: s.order.indexOf(qid) + 1,
        total: s.order.length,
        levels: question.levels.map((descriptor, value) => ({ value, label: LEVEL_LABELS[value], descriptor })),
        votedCount: qs.voted.filter((p) => active.has(p)).length,
        expectedCount: active.size,
        reveal: qs.revealed && qs.stats ? { stats: qs.stats, consensus: qs.consensus, rationale: qs.rationale } : null
      }
    }
  }
  return {
    assessmentId: s.assessment.id,
    title: s.assessment.title,
    status: s.assessment.status,
    revision: s.assessment.revision,
    current,
    radar: s.scores.map((d) => ({ dimensionId: d.dimensionId, name: d.name, score: d.score })),
    overall: s.assessment.overall
  }
}

// ---- the export file ----
const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int(),
  exportedAt: z.string(),
  assessment: z.object({
    id: z.string().regex(/^a_[a-z0-9]{12}$/),
    title: z.string().min(1).max(200),
    heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    status: z.enum(['running', 'finished']),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    currentQuestionId: z.string().nullable()
  }),
  model: maturityModelSchema,
  dimensions: z.array(
    z.object({ id: z.string(), position: z.number().int(), timeBoxMinutes: z.number().int().min(1).max(480), startedAt: z.string().nullable() })
  ),
  participants: z.array(
    z.object({
      id: z.string().regex(/^p_[a-z0-9]{12}$/),
      name: z.string().min(1).max(120),
      role: z.string().max(120),
      side: z.enum(['client', 'consultant']),
      position: z.number().int(),
      removedAt: z.string().nullable()
    })
  ),
  questions: z.array(
    z.object({
      questionId: z.string(),
      revealed: z.boolean(),
      revealedAt: z.string().nullable(),
      consensus: z.number().int().min(0).max(4).nullable(),
      rationale: z.string().max(4000),
      notes: z.string().max(20_000)
    })
  ),
  votes: z.array(
    z.object({ questionId: z.string(), participantId: z.string(), value: z.union([z.number().int().min(0).max(4), z.literal('skip')]) })
  ),
  actions: z.array(
    z.object({
      id: z.string().min(1).max(80),
      dimensionId: z.string(),
      questionId: z.string().nullable(),
      title: z.string().min(1).max(300),
      owner: z.string().max(120).nullable(),
      dueOn: z.string().nullable(),
      createdAt: z.string()
    })
  )
})
type ExportFile = z.infer<typeof exportSchema>

export class WorkshopService {
  /** Set by the journey feature when it is present, so gaps can become roadmap milestones. */
  milestoneMaker: MilestoneMaker | null = null

  constructor(
    private readonly session: Session,
    private readonly models: MaturityModelService
  ) {}

  private db(clientId: string): ClientDb {
    if (!this.session.index.get(clientId)) throw new AppError('NOT_FOUND', 'There is no such client in this vault.')
    return this.session.client(clientId)
  }

  private row(db: ClientDb, assessmentId: string): AssessmentRow {
    const row = db.orm.select().from(assessments).where(eq(assessments.id, assessmentId)).get()
    if (!row) throw new AppError('NOT_FOUND', 'There is no such assessment for this client.')
    return row
  }

  private snapshot(row: AssessmentRow): MaturityModel {
    return JSON.parse(row.modelSnapshot) as MaturityModel
  }

  // ---------------------------------------------------------------- reading

  /** The facilitator's view. Votes of hidden questions are reduced to who has voted. */
  state(db: ClientDb, row: AssessmentRow): WorkshopState {
    const model = this.snapshot(row)
    const id = row.id
    const parts = db.orm.select().from(assessmentParticipants).where(eq(assessmentParticipants.assessmentId, id)).orderBy(asc(assessmentParticipants.position)).all()
    const dims = db.orm.select().from(assessmentDimensions).where(eq(assessmentDimensions.assessmentId, id)).orderBy(asc(assessmentDimensions.position)).all()
    const qrows = db.orm.select().from(assessmentQuestions).where(eq(assessmentQuestions.assessmentId, id)).all()
    const votes = db.orm.select().from(assessmentVotes).where(eq(assessmentVotes.assessmentId, id)).all()
    const actions = db.orm.select().from(assessmentActions).where(eq(assessmentActions.assessmentId, id)).orderBy(asc(assessmentActions.createdAt)).all()

    const order: string[] = []
    const covered = dims.map((d) => {
      const md = model.dimensions.find((x) => x.id === d.dimensionId)
      for (const q of md?.questions ?? []) order.push(q.id)
      return { id: d.dimensionId, name: md?.name ?? d.dimensionId, timeBoxMinutes: d.timeBoxMinutes, startedAt: d.startedAt }
    })
    const questions: Record<string, QuestionState> = {}
    const consensus: Record<string, number | null> = {}
    for (const qid of order) {
      const qr = qrows.find((r) => r.questionId === qid)
      const qv = votes.filter((v) => v.questionId === qid)
      const revealed = qr?.revealed ?? false
      const byParticipant: Record<string, VoteValue> = {}
      for (const v of qv) byParticipant[v.participantId] = v.value === null ? 'skip' : (v.value as VoteValue)
      questions[qid] = {
        questionId: qid,
        revealed,
        voted: qv.map((v) => v.participantId),
        // The anti-anchoring rule: no values before the reveal.
        votes: revealed ? byParticipant : null,
        stats: revealed ? voteStats(Object.values(byParticipant)) : null,
        consensus: qr?.consensus ?? null,
        rationale: qr?.rationale ?? '',
        notes: qr?.notes ?? ''
      }
      consensus[qid] = qr?.consensus ?? null
    }
    const scores = dimensionScores(model, consensus, covered.map((d) => d.id))
    return {
      assessment: {
        ...this.summaryOf(row, model, parts.length, order, consensus),
        revision: row.revision,
        currentQuestionId: row.currentQuestionId
      },
      model,
      participants: parts.map((p) => ({ id: p.id, name: p.name, role: p.role, side: p.side as ParticipantSide, removed: p.removedAt !== null })),
      dimensions: covered,
      order,
      questions,
      scores,
      actions: actions.map(toActionRow),
      gaps: gaps(model, consensus),
      lease: { sessionId: row.leaseSession, until: row.leaseUntil }
    }
  }

  private summaryOf(
    row: AssessmentRow,
    model: MaturityModel,
    participantCount: number,
    order: string[],
    consensus: Record<string, number | null>
  ): AssessmentSummary {
    const scored = order.filter((q) => typeof consensus[q] === 'number').length
    const dimIds = model.dimensions.filter((d) => d.questions.some((q) => order.includes(q.id))).map((d) => d.id)
    return {
      id: row.id,
      title: row.title,
      heldOn: row.heldOn,
      status: row.status as AssessmentStatus,
      modelId: row.modelId,
      modelVersion: row.modelVersion,
      modelName: row.modelName,
      participantCount,
      progress: { scored, total: order.length },
      overall: overallScore(dimensionScores(model, consensus, dimIds)),
      createdAt: row.createdAt,
      finishedAt: row.finishedAt
    }
  }

  get(clientId: string, assessmentId: string): WorkshopState {
    const db = this.db(clientId)
    return this.state(db, this.row(db, assessmentId))
  }

  presenter(clientId: string, assessmentId: string): PresenterState {
    return toPresenter(this.get(clientId, assessmentId))
  }

  /** Scores of every assessment of a client, oldest first: one query per table, whatever the count. */
  history(clientId: string): ScoreSummary[] {
    const db = this.db(clientId)
    const rows = db.orm.select().from(assessments).orderBy(asc(assessments.heldOn), asc(assessments.createdAt)).all()
    const dims = db.orm.select().from(assessmentDimensions).orderBy(asc(assessmentDimensions.position)).all()
    const qrows = db.orm.select({ a: assessmentQuestions.assessmentId, q: assessmentQuestions.questionId, c: assessmentQuestions.consensus }).from(assessmentQuestions).all()
    return rows.map((row) => {
      const model = this.snapshot(row)
      const consensus: Record<string, number | null> = {}
      for (const r of qrows) if (r.a === row.id) consensus[r.q] = r.c
      const ds = dimensionScores(model, consensus, dims.filter((d) => d.assessmentId === row.id).map((d) => d.dimensionId))
      return {
        assessmentId: row.id,
        title: row.title,
        heldOn: row.heldOn,
        modelId: row.modelId,
        modelVersion: row.modelVersion,
        dimensions: ds.map((d) => ({ dimensionId: d.dimensionId, name: d.name, score: d.score })),
        overall: overallScore(ds)
      }
    })
  }

  list(clientId: string): AssessmentSummary[] {
    const db = this.db(clientId)
    const rows = db.orm.select().from(assessments).orderBy(asc(assessments.heldOn), asc(assessments.createdAt)).all()
    const dims = db.orm.select().from(assessmentDimensions).orderBy(asc(assessmentDimensions.position)).all()
    const qrows = db.orm.select({ a: assessmentQuestions.assessmentId, q: assessmentQuestions.questionId, c: assessmentQuestions.consensus }).from(assessmentQuestions).all()
    const pcount = db.orm.select({ a: assessmentParticipants.assessmentId }).from(assessmentParticipants).all()
    return rows
      .map((row) => {
        const model = this.snapshot(row)
        const order = dims
          .filter((d) => d.assessmentId === row.id)
          .flatMap((d) => model.dimensions.find((m) => m.id === d.dimensionId)?.questions.map((q) => q.id) ?? [])
        const consensus: Record<string, number | null> = {}
        for (const r of qrows) if (r.a === row.id) consensus[r.q] = r.c
        return this.summaryOf(row, model, pcount.filter((p) => p.a === row.id).length, order, consensus)
      })
      .reverse()
  }

  compare(clientId: string, a: string, b: string): Comparison {
    const h = this.history(clientId)
    const x = h.find((s) => s.assessmentId === a)
    const y = h.find((s) => s.assessmentId === b)
    if (!x || !y) throw new AppError('NOT_FOUND', 'There is no such assessment for this client.')
    if (a === b) throw new AppError('VALIDATION', 'Choose two different assessments to compare.')
    return compareAssessments(x, y)
  }

  // ---------------------------------------------------------------- changing

  /**
   * Runs one change as its own transaction after checking the lease, renews the lease and bumps the revision.
   * Finished workshops refuse changes unless `allowFinished` (actions can still be added after the workshop).
   */
  private mutate(
    clientId: string,
    assessmentId: string,
    sessionId: string,
    change: (db: ClientDb, row: AssessmentRow, now: string) => void,
    opts: { allowFinished?: boolean } = {}
  ): WorkshopState {
    const db = this.db(clientId)
    try {
      return db.sqlite.transaction(() => {
        const row = this.row(db, assessmentId)
        const now = new Date()
        this.checkLease(row, sessionId, now)
        if (row.status === 'finished' && !opts.allowFinished)
          throw new AppError('CONFLICT', 'This workshop is finished. Reopen it to change votes, scores or notes.')
        change(db, row, now.toISOString())
        db.orm
          .update(assessments)
          .set({
            revision: row.revision + 1,
            leaseSession: sessionId,
            leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
            updatedAt: now.toISOString()
          })
          .where(eq(assessments.id, assessmentId))
          .run()
        return this.state(db, this.row(db, assessmentId))
      })()
    } catch (err) {
      throw toAppError(err, 'Saving the workshop')
    }
  }

  private checkLease(row: AssessmentRow, sessionId: string, now: Date): void {
    if (!row.leaseSession || row.leaseSession === sessionId) return
    if (row.leaseUntil && new Date(row.leaseUntil).getTime() > now.getTime()) {
      const at = new Date(new Date(row.leaseUntil).getTime() - LEASE_MS).toISOString().slice(11, 19)
      throw new AppError(
        'CONFLICT',
        `This workshop is being run in another facilitator window (last active ${at} UTC). Close that window, or take over here; nothing recorded there is lost.`
      )
    }
  }

  private questionIn(db: ClientDb, row: AssessmentRow, questionId: string): { dimensionId: string } {
    const model = this.snapshot(row)
    const dim = model.dimensions.find((d) => d.questions.some((q) => q.id === questionId))
    const covered = dim && db.orm.select().from(assessmentDimensions).where(and(eq(assessmentDimensions.assessmentId, row.id), eq(assessmentDimensions.dimensionId, dim.id))).get()
    if (!dim || !covered) throw new AppError('NOT_FOUND', 'That question is not part of this workshop.')
    return { dimensionId: dim.id }
  }

  private upsertQuestion(db: ClientDb, assessmentId: string, questionId: string, now: string, set: Partial<typeof assessmentQuestions.$inferInsert>): void {
    db.orm
      .insert(assessmentQuestions)
      .values({ assessmentId, questionId, updatedAt: now, ...set })
      .onConflictDoUpdate({ target: [assessmentQuestions.assessmentId, assessmentQuestions.questionId], set: { ...set, updatedAt: now } })
      .run()
  }

  /** The group reached this dimension: its timer starts now (once). */
  private startTimer(db: ClientDb, assessmentId: string, dimensionId: string, now: string): void {
    db.sqlite
      .prepare('UPDATE assessment_dimensions SET started_at = ? WHERE assessment_id = ? AND dimension_id = ? AND started_at IS NULL')
      .run(now, assessmentId, dimensionId)
  }

  create(clientId: string, sessionId: string, input: NewAssessment): WorkshopState {
    const model = this.models.get(input.modelId ?? 'trellis-default', input.modelVersion)
    const seen = new Set<string>()
    for (const d of input.dimensions) {
      if (!model.dimensions.some((m) => m.id === d.id))
        throw new AppError('VALIDATION', `The model “${model.name}” has no dimension “${d.id}”.`)
      if (seen.has(d.id)) throw new AppError('VALIDATION', `The dimension “${d.id}” is listed twice.`)
      seen.add(d.id)
    }
    const db = this.db(clientId)
    const now = new Date().toISOString()
    const id = newId('a_')
    const firstDim = model.dimensions.find((m) => m.id === input.dimensions[0].id)!
    try {
      db.sqlite.transaction(() => {
        db.orm
          .insert(assessments)
          .values({
            id,
            title: input.title,
            heldOn: input.heldOn ?? today(),
            status: 'running',
            modelId: model.id,
            modelVersion: model.version,
            modelName: model.name,
            modelSnapshot: JSON.stringify(model),
            currentQuestionId: firstDim.questions[0].id,
            revision: 1,
            leaseSession: sessionId,
            leaseUntil: new Date(Date.now() + LEASE_MS).toISOString(),
            createdAt: now,
            updatedAt: now,
            finishedAt: null
          })
          .run()
        input.participants.forEach((p, i) =>
          db.orm.insert(assessmentParticipants).values({ id: newId('p_'), assessmentId: id, name: p.name, role: p.role, side: p.side, position: i }).run()
        )
        input.dimensions.forEach((d, i) =>
          db.orm.insert(assessmentDimensions).values({ assessmentId: id, dimensionId: d.id, position: i, timeBoxMinutes: d.timeBoxMinutes }).run()
        )
      })()
    } catch (err) {
      throw toAppError(err, 'Creating the workshop')
    }
    return this.get(clientId, id)
  }

  /** Takes the facilitator lease (or fails with CONFLICT); with `takeOver` it moves the lease to this window. */
  open(clientId: string, assessmentId: string, sessionId: string, takeOver: boolean): WorkshopState {
    const db = this.db(clientId)
    const row = this.row(db, assessmentId)
    const now = new Date()
    if (!takeOver) this.checkLease(row, sessionId, now)
    db.orm
      .update(assessments)
      .set({ leaseSession: sessionId, leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where(eq(assessments.id, assessmentId))
      .run()
    return this.state(db, this.row(db, assessmentId))
  }

  heartbeat(clientId: string, assessmentId: string, sessionId: string): { until: string } {
    const db = this.db(clientId)
    const row = this.row(db, assessmentId)
    const now = new Date()
    this.checkLease(row, sessionId, now)
    const until = new Date(now.getTime() + LEASE_MS).toISOString()
    db.orm.update(assessments).set({ leaseSession: sessionId, leaseUntil: until }).where(eq(assessments.id, assessmentId)).run()
    return { until }
  }

  release(clientId: string, assessmentId: string, sessionId: string): null {
    const db = this.db(clientId)
    const row = this.row(db, assessmentId)
    if (row.leaseSession === sessionId)
      db.orm.update(assessments).set({ leaseSession: null, leaseUntil: null }).where(eq(assessments.id, assessmentId)).run()
    return null
  }

  navigate(clientId: string, assessmentId: string, sessionId: string, questionId: string): WorkshopState {
    return this.mutate(clientId, assessmentId, sessionId, (db, row, now) => {
      const { dimensionId } = this.questionIn(db, row, questionId)
      this.startTimer(db, row.id, dimensionId, now)
      db.orm.update(assessments).set({ currentQuestionId: questionId }).where(eq(assessments.id, row.id)).run()
    })
  }

  vote(clientId: string, assessmentId: string, sessionId: string, questionId: string, participantId: string, vote: number | 'skip' | 'clear'): WorkshopState {
    return this.mutate(clientId, assessmentId, sessionId, (db, row, now) => {
      const { dimensionId } = this.questionIn(db, row, questionId)
      const p = db.orm.select().from(assessmentParticipants).where(and(eq(assessmentParticipants.id, participantId), eq(assessmentParticipants.assessmentId, row.id))).get()
      if (!p) throw new AppError('NOT_FOUND', 'That participant is not part of this workshop.')
      if (p.removedAt) throw new AppError('CONFLICT', `${p.name} was removed from this workshop. Add them back before recording their vote.`)
      this.startTimer(db, row.id, dimensionId, now)
      const key = and(eq(assessmentVotes.assessmentId, row.id), eq(assessmentVotes.questionId, questionId), eq(assessmentVotes.participantId, participantId))
      if (vote === 'clear') {
        db.orm.delete(assessmentVotes).where(key).run()
        return
      }
      const value = vote === 'skip' ? null : vote
      db.orm
        .insert(assessmentVotes)
        .values({ assessmentId: row.id, questionId, participantId, value, updatedAt: now })
        .onConflictDoUpdate({ target: [assessmentVotes.assessmentId, assessmentVotes.questionId, assessmentVotes.participantId], set: { value, updatedAt: now } })
        .run()
    })
  }

  reveal(clientId: string, assessmentId: string, sessionId: string, questionId: string, revealed: boolean): WorkshopState {
    return this.mutate(clientId, assessmentId, sessionId, (db, row, now) => {
      this.questionIn(db, row, questionId)
      this.upsertQuestion(db, row.id, questionId, now, { revealed, revealedAt: revealed ? now : null })
    })
  }

  consensus(clientId: string, assessmentId: string, sessionId: string, questionId: string, score: number | null, rationale: string): WorkshopState {
    return this.mutate(clientId, assessmentId, sessionId, (db, row, now) => {
      this.questionIn(db, row, questionId)
      const q = db.orm.select().from(assessmentQuestions).where(and(eq(assessmentQuestions.assessmentId, row.id), eq(assessmentQuestions.questionId, questionId))).get()
      // Agreeing a score before seeing the votes would defeat the reveal; recording it reveals them.
      this.upsertQuestion(db, row.id, questionId, now, {
        consensus: score,
        rationale,
        ...(score !== null && !q?.revealed ? { revealed: true, revealedAt: now } : {})
      })
    })
  }

  note(clientId: string, assessmentId: string, sessionId: string, questionId: string, notes: string): WorkshopState {
    return this.mutate(clientId, assessmentId, sessionId, (db, row, now) => {
      this.questionIn(db, row, questionId)
      this.upsertQuestion(db, row.id, questionId, now, { notes })
    })
  }

  addParticipant(clientId: string, assessmentId: string, sessionId: string, p: { name: string; role: string; side: ParticipantSide }): WorkshopState {
    return this.mutate(clientId, assessmentId, sessionId, (db, row) => {
      const all = db.orm.select().from(assessmentParticipants).where(eq(assessmentParticipants.assessmentId, row.id)).all()
      if (all.length >= 40) throw new AppError('VALIDATION', 'A workshop has at most 40 participants.')
      db.orm.insert(assessmentParticipants).values({ id: newId('p_'), assessmentId: row.id, name: p.name, role: p.role, side: p.side, position: all.length }).run()
    })
  }

  /** Removing keeps the person's earlier votes (they were cast in the room); they are no longer expected to vote. */
  removeParticipant(clientId: string, assessmentId: string, sessionId: string, participantId: string, removed: boolean): WorkshopState {
    return this.mutate(clientId, assessmentId, sessionId, (db, row, now) => {
      const p = db.orm.select().from(assessmentParticipants).where(and(eq(assessmentParticipants.id, participantId), eq(assessmentParticipants.assessmentId, row.id))).get()
      if (!p) throw new AppError('NOT_FOUND', 'That participant is not part of this workshop.')
      if (removed) {
        const active = db.orm.select().from(assessmentParticipants).where(eq(assessmentParticipants.assessmentId, row.id)).all().filter((x) => !x.removedAt)
        if (!p.removedAt && active.length <= 1) throw new AppError('CONFLICT', 'A workshop needs at least one participant; add someone before removing the last one.')
      }
      db.orm.update(assessmentParticipants).set({ removedAt: removed ? (p.removedAt ?? now) : null }).where(eq(assessmentParticipants.id, participantId)).run()
    })
  }

  setTimeBox(clientId: string, assessmentId: string, sessionId: string, dimension: { id: string; timeBoxMinutes: number }): WorkshopState {
    return this.mutate(clientId, assessmentId, sessionId, (db, row) => {
      const r = db.orm
        .update(assessmentDimensions)
        .set({ timeBoxMinutes: dimension.timeBoxMinutes })
        .where(and(eq(assessmentDimensions.assessmentId, row.id), eq(assessmentDimensions.dimensionId, dimension.id)))
        .run()
      if (r.changes === 0) throw new AppError('NOT_FOUND', 'That dimension is not part of this workshop.')
    })
  }

  finish(clientId: string, assessmentId: string, sessionId: string, finished: boolean): WorkshopState {
    return this.mutate(
      clientId,
      assessmentId,
      sessionId,
      (db, row, now) => {
        db.orm
          .update(assessments)
          .set({ status: finished ? 'finished' : 'running', finishedAt: finished ? (row.finishedAt ?? now) : null })
          .where(eq(assessments.id, row.id))
          .run()
      },
      { allowFinished: true }
    )
  }

  createActions(clientId: string, assessmentId: string, sessionId: string, actions: NewAction[]): WorkshopState {
    return this.mutate(
      clientId,
      assessmentId,
      sessionId,
      (db, row, now) => {
        const model = this.snapshot(row)
        for (const { roadmap, ...a } of actions) {
          const dim = model.dimensions.find((d) => d.id === a.dimensionId)
          if (!dim) throw new AppError('VALIDATION', `The model has no dimension “${a.dimensionId}”.`)
          if (a.questionId) this.questionIn(db, row, a.questionId)
          const milestoneId =
            roadmap && this.milestoneMaker ? this.milestoneMaker(clientId, { ...a, assessmentTitle: row.title, dimensionName: dim.name }) : null
          db.orm.insert(assessmentActions).values({ id: newId('x_'), assessmentId: row.id, ...a, milestoneId, createdAt: now }).run()
        }
      },
      { allowFinished: true }
    )
  }

  delete(clientId: string, assessmentId: string): null {
    const db = this.db(clientId)
    this.row(db, assessmentId)
    db.orm.delete(assessments).where(eq(assessments.id, assessmentId)).run()
    return null
  }

  // ---------------------------------------------------------------- export / import

  private exportFile(db: ClientDb, row: AssessmentRow): ExportFile {
    const id = row.id
    const parts = db.orm.select().from(assessmentParticipants).where(eq(assessmentParticipants.assessmentId, id)).orderBy(asc(assessmentParticipants.position)).all()
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: new Date().toISOString(),
      assessment: { id, title: row.title, heldOn: row.heldOn, status: row.status as AssessmentStatus, createdAt: row.createdAt, finishedAt: row.finishedAt, currentQuestionId: row.currentQuestionId },
      model: this.snapshot(row),
      dimensions: db.orm.select().from(assessmentDimensions).where(eq(assessmentDimensions.assessmentId, id)).orderBy(asc(assessmentDimensions.position)).all()
        .map((d) => ({ id: d.dimensionId, position: d.position, timeBoxMinutes: d.timeBoxMinutes, startedAt: d.startedAt })),
      participants: parts.map((p) => ({ id: p.id, name: p.name, role: p.role, side: p.side as ParticipantSide, position: p.position, removedAt: p.removedAt })),
      questions: db.orm.select().from(assessmentQuestions).where(eq(assessmentQuestions.assessmentId, id)).all()
        .map((q) => ({ questionId: q.questionId, revealed: q.revealed, revealedAt: q.revealedAt, consensus: q.consensus, rationale: q.rationale, notes: q.notes })),
      votes: db.orm.select().from(assessmentVotes).where(eq(assessmentVotes.assessmentId, id)).all()
        .map((v) => ({ questionId: v.questionId, participantId: v.participantId, value: v.value === null ? ('skip' as const) : v.value })),
      actions: db.orm.select().from(assessmentActions).where(eq(assessmentActions.assessmentId, id)).all()
        .map((a) => ({ id: a.id, dimensionId: a.dimensionId, questionId: a.questionId, title: a.title, owner: a.owner, dueOn: a.dueOn, createdAt: a.createdAt }))
    }
  }

  /** A finished assessment as JSON (everything, to move it to another vault) or CSV (one row per question). */
  export(clientId: string, assessmentId: string, format: 'json' | 'csv'): { fileName: string; mime: string; content: string } {
    const db = this.db(clientId)
    const row = this.row(db, assessmentId)
    // Exporting a running workshop would carry votes the room has not seen yet.
    if (row.status !== 'finished') throw new AppError('CONFLICT', 'Finish the workshop before exporting it.')
    const base = `assessment-${row.heldOn}-${row.title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'workshop'}`
    if (format === 'json')
      return { fileName: `${base}.json`, mime: 'application/json', content: JSON.stringify(this.exportFile(db, row), null, 2) + '\n' }
    const file = this.exportFile(db, row)
    const state = this.state(db, row)
    const people = file.participants
    const header = ['Dimension', 'Question', ...people.map((p) => p.name), 'Spread', 'Disagreement', 'Consensus', 'Rationale', 'Dimension score']
    const rows: (string | number)[][] = []
    for (const d of state.dimensions) {
      const md = state.model.dimensions.find((x) => x.id === d.id)!
      const dimScore = state.scores.find((s) => s.dimensionId === d.id)?.score
      for (const q of md.questions) {
        const votes = file.votes.filter((v) => v.questionId === q.id)
        const stats = voteStats(votes.map((v) => v.value as VoteValue))
        const qs = state.questions[q.id]
        rows.push([
          md.name,
          q.text,
          ...people.map((p) => {
            const v = votes.find((x) => x.participantId === p.id)
            return v ? String(v.value) : ''
          }),
          stats.spread ?? '',
          stats.disagreement ? 'yes' : 'no',
          qs?.consensus ?? '',
          qs?.rationale ?? '',
          dimScore ?? ''
        ])
      }
    }
    rows.push(['Overall', '', ...people.map(() => ''), '', '', state.assessment.overall ?? '', '', ''])
    return { fileName: `${base}.csv`, mime: 'text/csv', content: Papa.unparse([header, ...rows], { escapeFormulae: true }) + '\r\n' }
  }

  import(clientId: string, content: string): ImportResult {
    let raw: unknown
    try {
      raw = JSON.parse(content)
    } catch {
      throw new AppError('VALIDATION', 'This file is not JSON, so it is not a Trellis assessment export.')
    }
    const head = z.object({ format: z.literal(EXPORT_FORMAT), version: z.number().int() }).safeParse(raw)
    if (!head.success) throw new AppError('VALIDATION', 'This file is not a Trellis assessment export.')
    if (head.data.version > EXPORT_VERSION)
      throw new AppError('FROM_FUTURE_VERSION', `This assessment was exported by a newer version of Trellis (format ${head.data.version}; this version reads ${EXPORT_VERSION}). Update Trellis to import it; nothing was changed.`)
    const parsed = exportSchema.safeParse(raw)
    if (!parsed.success) {
      const i = parsed.error.issues[0]
      throw new AppError('VALIDATION', `This assessment export is damaged or incomplete (${i?.path.join('.') || 'file'}: ${i?.message}). Nothing was imported.`)
    }
    const f = parsed.data
    // Every reference inside the file must hold, or the imported assessment would not be readable.
    const qids = new Set(f.model.dimensions.flatMap((d) => d.questions.map((q) => q.id)))
    const pids = new Set(f.participants.map((p) => p.id))
    const bad =
      f.dimensions.find((d) => !f.model.dimensions.some((m) => m.id === d.id))?.id ??
      f.questions.find((q) => !qids.has(q.questionId))?.questionId ??
      f.votes.find((v) => !qids.has(v.questionId) || !pids.has(v.participantId))?.questionId ??
      f.actions.find((a) => !f.model.dimensions.some((m) => m.id === a.dimensionId))?.dimensionId
    if (bad !== undefined) throw new AppError('VALIDATION', `This assessment export is inconsistent (it refers to “${bad}”, which its own model does not have). Nothing was imported.`)

    const notices: string[] = []
    const match = this.models.matches(f.model)
    if (match === 'unknown')
      notices.push(`It used the model “${f.model.name}” (version ${f.model.version}), which this vault does not have. Its copy of the model came with it, so its results read as they did.`)
    if (match === 'different')
      notices.push(`It used “${f.model.name}” version ${f.model.version}, which differs from this vault’s version ${f.model.version} of that model. It keeps its own copy; comparisons match dimensions by id.`)

    const db = this.db(clientId)
    if (db.orm.select({ id: assessments.id }).from(assessments).where(eq(assessments.id, f.assessment.id)).get())
      throw new AppError('CONFLICT', `This client already has this assessment (“${f.assessment.title}”, ${f.assessment.heldOn}). Nothing was imported.`)
    const now = new Date().toISOString()
    try {
      db.sqlite.transaction(() => {
        const a = f.assessment
        db.orm
          .insert(assessments)
          .values({ id: a.id, title: a.title, heldOn: a.heldOn, status: a.status, modelId: f.model.id, modelVersion: f.model.version, modelName: f.model.name, modelSnapshot: JSON.stringify(f.model), currentQuestionId: a.currentQuestionId, revision: 1, createdAt: a.createdAt, updatedAt: now, finishedAt: a.finishedAt })
          .run()
        // Participant ids are random and global in practice; re-id them anyway so two vaults can never collide.
        const pmap = new Map(f.participants.map((p) => [p.id, newId('p_')]))
        for (const p of f.participants) db.orm.insert(assessmentParticipants).values({ ...p, id: pmap.get(p.id)!, assessmentId: a.id }).run()
        for (const d of f.dimensions) db.orm.insert(assessmentDimensions).values({ assessmentId: a.id, dimensionId: d.id, position: d.position, timeBoxMinutes: d.timeBoxMinutes, startedAt: d.startedAt }).run()
        for (const q of f.questions) db.orm.insert(assessmentQuestions).values({ assessmentId: a.id, ...q, updatedAt: now }).run()
        for (const v of f.votes)
          db.orm.insert(assessmentVotes).values({ assessmentId: a.id, questionId: v.questionId, participantId: pmap.get(v.participantId)!, value: v.value === 'skip' ? null : v.value, updatedAt: now }).run()
        for (const x of f.actions) db.orm.insert(assessmentActions).values({ ...x, id: newId('x_'), assessmentId: a.id, milestoneId: null }).run()
      })()
    } catch (err) {
      throw toAppError(err, 'Importing the assessment')
    }
    const summary = this.list(clientId).find((s) => s.id === f.assessment.id)!
    return { assessment: summary, notices }
  }
}

function toActionRow(a: typeof assessmentActions.$inferSelect): ActionRow {
  return { id: a.id, dimensionId: a.dimensionId, questionId: a.questionId, title: a.title, owner: a.owner, dueOn: a.dueOn, milestoneId: a.milestoneId, createdAt: a.createdAt }
}

/** The services this feature adds to `createServices`. */
export function workshopServices(session: Session, milestoneMaker: MilestoneMaker | null = null) {
  const maturityModels = new MaturityModelService(session)
  const workshops = new WorkshopService(session, maturityModels)
  workshops.milestoneMaker = milestoneMaker
  return { maturityModels, workshops }
}
