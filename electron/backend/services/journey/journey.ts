/**
 * A client's partnering-journey roadmap: stages with gates and exit criteria, milestones with dependencies.
 * Every edit is one transaction with its undo entry (see undo.ts) and answers with the whole, recomputed view.
 */
import { randomUUID } from 'node:crypto'
import {
  DEFAULT_JOURNEY,
  type GateState,
  type JourneyTemplate,
  type MilestoneKind,
  type MilestoneStatus,
  type OwnerSide,
  type UsualDurations
} from '../../../../shared/domain/journey'
import {
  addDays,
  findCycle,
  realismWarnings,
  todayIso,
  type CriterionView,
  type GateEvent,
  type MilestoneView,
  type StageView
} from '../../../../shared/domain/journeyRules'
import type { JourneyView } from '../../../../shared/ipc/channels/journey'
import type { ClientDb } from '../../db/clientFile'
import { AppError, toAppError } from '../../errors'
import type { Session } from '../session'
import { checkPartners, clientDb, fieldError, notFound, partnerIdsExisting, quote, replaceLinks, runEdit, type LinkTable } from './common'
import { undoState, undoStep, type UndoRecorder } from './undo'

const MILESTONE_DEPS: LinkTable = { table: 'milestone_deps', columns: ['milestone_id', 'depends_on_id'], owner: 0 }
const HYPOTHESIS_MILESTONES_BY_MILESTONE: LinkTable = { table: 'hypothesis_milestones', columns: ['hypothesis_id', 'milestone_id'], owner: 1 }
const MILESTONE_PARTNERS: LinkTable = { table: 'milestone_partners', columns: ['milestone_id', 'partner_id'], owner: 0 }

interface StageRow {
  id: string
  key: string
  name: string
  position: number
  objectives: string
  gate: string
  started_at: string | null
  completed_at: string | null
  completion_reason: string | null
}
interface MilestoneRow {
  id: string
  stage_id: string
  title: string
  kind: string
  owner_side: string
  owner_name: string | null
  planned_start: string
  planned_end: string
  actual_start: string | null
  actual_end: string | null
  status: string
  notes: string
  position: number
}

export type NewMilestone = MilestoneInput & { stageId: string; title: string; plannedStart: string; plannedEnd: string }

export interface MilestoneInput {
  stageId?: string
  title?: string
  kind?: MilestoneKind
  ownerSide?: OwnerSide
  ownerName?: string | null
  plannedStart?: string
  plannedEnd?: string
  actualStart?: string | null
  actualEnd?: string | null
  status?: MilestoneStatus
  notes?: string
  dependsOn?: string[]
  hypothesisIds?: string[]
  partnerIds?: string[]
}

/** What `instantiate` writes: shadowed in memory for a journey shown but not saved. */
const PROVISIONAL_TABLES = ['journey_meta', 'journey_stages', 'journey_criteria', 'milestones', 'milestone_deps'] as const

function hasJourney(db: ClientDb): boolean {
  return !!db.sqlite.prepare('SELECT 1 FROM journey_meta WHERE id = 1').get()
}

function now(): string {
  return new Date().toISOString()
}

export class JourneyService {
  /** Usual durations per milestone kind; the benchmark feature may replace them with calibrated ones. */
  usualDurations: UsualDurations | undefined

  constructor(private readonly session: Session) {}

  db(clientId: string): ClientDb {
    const db = clientDb(this.session, clientId)
    this.ensure(db)
    return db
  }

  /**
   * For reading only: a file that cannot be written (a read-only vault, or one that stopped being writable) and
   * has no journey yet is read as it is, without the default journey it would get.
   */
  readDb(clientId: string): ClientDb {
    const db = clientDb(this.session, clientId)
    this.ensureIfWritable(db)
    return db
  }

  /**
   * A client file without a journey (a new client, or one from before this feature) gets the default journey
   * the first time it is opened. Not an undoable edit: it is the starting point.
   */
  private ensure(db: ClientDb): void {
    if (hasJourney(db)) return
    db.sqlite.transaction(() => {
      if (hasJourney(db)) return
      instantiate(db, DEFAULT_JOURNEY, todayIso(), null)
    })()
  }

  /** `ensure` where the file can be written; false when the journey could not be saved there. */
  private ensureIfWritable(db: ClientDb): boolean {
    if (hasJourney(db)) return true
    if (this.session.readOnly || db.sqlite.readonly) return false
    try {
      this.ensure(db)
      return true
    } catch (err) {
      const e = toAppError(err, 'Creating the default journey')
      if (e.code === 'READ_ONLY' || e.code === 'DISK_FULL' || e.code === 'IO') return false
      throw e
    }
  }

  /**
   * The client's journey. A client never opened before has none yet; while the vault cannot be written it is shown
   * the default journey as it would be created (read-only, kept nowhere), instead of an error.
   */
  show(clientId: string): JourneyView {
    const db = clientDb(this.session, clientId)
    return this.ensureIfWritable(db) ? this.view(clientId, db) : this.unsavedDefault(clientId, db)
  }

  /**
   * The default journey built in the connection's private temp schema (memory), which shadows the file's tables
   * for unqualified names while the view is read, then dropped: the file is never written.
   */
  private unsavedDefault(clientId: string, db: ClientDb): JourneyView {
    const s = db.sqlite
    for (const t of PROVISIONAL_TABLES) s.exec(`CREATE TEMP TABLE ${t} AS SELECT * FROM main.${t} WHERE 0`)
    try {
      instantiate(db, DEFAULT_JOURNEY, todayIso(), null)
      return this.view(clientId, db)
    } finally {
      for (const t of PROVISIONAL_TABLES) s.exec(`DROP TABLE IF EXISTS temp.${t}`)
    }
  }

  view(clientId: string, db: ClientDb): JourneyView {
    const s = db.sqlite
    const meta = s.prepare('SELECT template_name, started_on FROM journey_meta WHERE id = 1').get() as {
      template_name: string
      started_on: string
    }
    const criteria = s.prepare('SELECT * FROM journey_criteria ORDER BY position, rowid').all() as {
      id: string
      stage_id: string
      text: string
      met: number
      evidence: string
      met_at: string | null
    }[]
    const events = s.prepare('SELECT * FROM journey_gate_events ORDER BY at, rowid').all() as {
      id: string
      stage_id: string
      event: GateEvent['event']
      at: string
      unmet_count: number
      reason: string | null
    }[]
    const critBy = new Map<string, CriterionView[]>()
    for (const c of criteria) {
      const list = critBy.get(c.stage_id) ?? []
      list.push({ id: c.id, stageId: c.stage_id, text: c.text, met: c.met === 1, evidence: c.evidence, metAt: c.met_at })
      critBy.set(c.stage_id, list)
    }
    const evBy = new Map<string, GateEvent[]>()
    for (const e of events) {
      const list = evBy.get(e.stage_id) ?? []
      list.push({ id: e.id, event: e.event, at: e.at, unmetCount: e.unmet_count, reason: e.reason })
      evBy.set(e.stage_id, list)
    }
    const stages: StageView[] = (s.prepare('SELECT * FROM journey_stages ORDER BY position').all() as StageRow[]).map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      position: r.position,
      objectives: JSON.parse(r.objectives) as string[],
      gate: r.gate as GateState,
      startedAt: r.started_at,
      completedAt: r.completed_at,
      completionReason: r.completion_reason,
      criteria: critBy.get(r.id) ?? [],
      history: evBy.get(r.id) ?? []
    }))
    const deps = new Map<string, string[]>()
    for (const d of s.prepare('SELECT milestone_id AS m, depends_on_id AS d FROM milestone_deps').all() as { m: string; d: string }[])
      deps.set(d.m, [...(deps.get(d.m) ?? []), d.d])
    const hyps = new Map<string, string[]>()
    for (const h of s.prepare('SELECT hypothesis_id AS h, milestone_id AS m FROM hypothesis_milestones').all() as { h: string; m: string }[])
      hyps.set(h.m, [...(hyps.get(h.m) ?? []), h.h])
    const known = partnerIdsExisting(db)
    const parts = new Map<string, string[]>()
    for (const p of s.prepare('SELECT milestone_id AS m, partner_id AS p FROM milestone_partners').all() as { m: string; p: string }[])
      if (known.has(p.p)) parts.set(p.m, [...(parts.get(p.m) ?? []), p.p])
    const stagePos = new Map(stages.map((st) => [st.id, st.position]))
    const milestones: MilestoneView[] = (s.prepare('SELECT * FROM milestones').all() as MilestoneRow[])
      .map((m) => ({
        id: m.id,
        stageId: m.stage_id,
        title: m.title,
        kind: m.kind as MilestoneKind,
        ownerSide: m.owner_side as OwnerSide,
        ownerName: m.owner_name,
        plannedStart: m.planned_start,
        plannedEnd: m.planned_end,
        actualStart: m.actual_start,
        actualEnd: m.actual_end,
        status: m.status as MilestoneStatus,
        notes: m.notes,
        position: m.position,
        dependsOn: deps.get(m.id) ?? [],
        hypothesisIds: hyps.get(m.id) ?? [],
        partnerIds: parts.get(m.id) ?? []
      }))
      .sort(
        (a, b) =>
          (stagePos.get(a.stageId) ?? 0) - (stagePos.get(b.stageId) ?? 0) ||
          a.plannedStart.localeCompare(b.plannedStart) ||
          a.position - b.position
      )
    return {
      clientId,
      templateName: meta.template_name,
      startedOn: meta.started_on,
      stages,
      milestones,
      warnings: realismWarnings(stages, milestones, this.usualDurations),
      undo: undoState(s)
    }
  }

  /** When set, edits are committed but answer null instead of the recomputed view (the benchmark times the commit). */
  private persistOnly = false

  private edit(clientId: string, label: string, what: string, fn: (db: ClientDb, rec: UndoRecorder) => void): JourneyView {
    const db = this.db(clientId)
    runEdit(db, label, what, (rec) => fn(db, rec))
    return this.persistOnly ? (null as unknown as JourneyView) : this.view(clientId, db)
  }

  // ---------------------------------------------------------------- stages and gates

  private stage(db: ClientDb, id: string): StageRow {
    const row = db.sqlite.prepare('SELECT * FROM journey_stages WHERE id = ?').get(id) as StageRow | undefined
    if (!row) throw notFound('stage')
    return row
  }

  updateStage(clientId: string, stageId: string, patch: { name?: string; objectives?: string[] }): JourneyView {
    return this.edit(clientId, 'Edit stage', 'Saving the stage', (db, rec) => {
      const st = this.stage(db, stageId)
      rec.touch('journey_stages', stageId)
      db.sqlite
        .prepare('UPDATE journey_stages SET name = ?, objectives = ?, updated_at = ? WHERE id = ?')
        .run(patch.name ?? st.name, patch.objectives ? JSON.stringify(patch.objectives) : st.objectives, now(), stageId)
    })
  }

  addCriterion(clientId: string, stageId: string, text: string): JourneyView {
    return this.edit(clientId, 'Add exit criterion', 'Saving the exit criterion', (db, rec) => {
      this.stage(db, stageId)
      const pos = (db.sqlite.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM journey_criteria WHERE stage_id = ?').get(stageId) as { p: number }).p
      const id = randomUUID()
      rec.touch('journey_criteria', id)
      db.sqlite.prepare('INSERT INTO journey_criteria (id, stage_id, position, text, met, evidence) VALUES (?, ?, ?, ?, 0, ?)').run(id, stageId, pos, text, '')
    })
  }

  removeCriterion(clientId: string, criterionId: string): JourneyView {
    return this.edit(clientId, 'Remove exit criterion', 'Removing the exit criterion', (db, rec) => {
      if (!db.sqlite.prepare('SELECT 1 FROM journey_criteria WHERE id = ?').get(criterionId)) throw notFound('exit criterion')
      rec.touch('journey_criteria', criterionId)
      db.sqlite.prepare('DELETE FROM journey_criteria WHERE id = ?').run(criterionId)
    })
  }

  setCriterion(clientId: string, criterionId: string, met: boolean, evidence: string): JourneyView {
    return this.edit(clientId, met ? 'Mark exit criterion met' : 'Mark exit criterion unmet', 'Saving the exit criterion', (db, rec) => {
      const c = db.sqlite.prepare('SELECT met, met_at FROM journey_criteria WHERE id = ?').get(criterionId) as
        | { met: number; met_at: string | null }
        | undefined
      if (!c) throw notFound('exit criterion')
      rec.touch('journey_criteria', criterionId)
      db.sqlite
        .prepare('UPDATE journey_criteria SET met = ?, evidence = ?, met_at = ? WHERE id = ?')
        .run(met ? 1 : 0, evidence, met ? (c.met ? c.met_at : now()) : null, criterionId)
    })
  }

  private gateEvent(db: ClientDb, rec: UndoRecorder, stageId: string, event: GateEvent['event'], unmet: number, reason: string | null): void {
    const id = randomUUID()
    rec.touch('journey_gate_events', id)
    db.sqlite
      .prepare('INSERT INTO journey_gate_events (id, stage_id, event, at, unmet_count, reason) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, stageId, event, now(), unmet, reason)
  }

  startStage(clientId: string, stageId: string): JourneyView {
    const db = this.db(clientId)
    const st = this.stage(db, stageId)
    if (st.gate !== 'not_started')
      throw new AppError('CONFLICT', st.gate === 'completed' ? `${st.name} is already completed; reopen it to work on it again.` : `${st.name} has already started.`)
    return this.edit(clientId, `Start ${st.name}`, 'Starting the stage', (db, rec) => {
      rec.touch('journey_stages', stageId)
      db.sqlite.prepare(`UPDATE journey_stages SET gate = 'active', started_at = ?, updated_at = ? WHERE id = ?`).run(now(), now(), stageId)
      this.gateEvent(db, rec, stageId, 'started', 0, null)
    })
  }

  /** A stage completes only when every exit criterion is met, or with a written reason that is kept. */
  completeStage(clientId: string, stageId: string, reason?: string): JourneyView {
    const db = this.db(clientId)
    const st = this.stage(db, stageId)
    if (st.gate === 'completed') throw new AppError('CONFLICT', `${st.name} is already completed.`)
    const unmet = db.sqlite.prepare('SELECT text FROM journey_criteria WHERE stage_id = ? AND met = 0 ORDER BY position').all(stageId) as { text: string }[]
    const why = reason?.trim() || null
    if (unmet.length > 0 && !why)
      throw fieldError(
        'reason',
        `${unmet.length === 1 ? 'One exit criterion is' : `${unmet.length} exit criteria are`} not met (${unmet
          .map((u) => quote(u.text, 40))
          .join(', ')}). Write why the stage is complete anyway`
      )
    return this.edit(clientId, `Complete ${st.name}`, 'Completing the stage', (db, rec) => {
      rec.touch('journey_stages', stageId)
      const t = now()
      db.sqlite
        .prepare(`UPDATE journey_stages SET gate = 'completed', started_at = coalesce(started_at, ?), completed_at = ?, completion_reason = ?, updated_at = ? WHERE id = ?`)
        .run(t, t, unmet.length ? why : null, t, stageId)
      this.gateEvent(db, rec, stageId, 'completed', unmet.length, why)
    })
  }

  reopenStage(clientId: string, stageId: string): JourneyView {
    const db = this.db(clientId)
    const st = this.stage(db, stageId)
    if (st.gate !== 'completed') throw new AppError('CONFLICT', `${st.name} is not completed.`)
    return this.edit(clientId, `Reopen ${st.name}`, 'Reopening the stage', (db, rec) => {
      rec.touch('journey_stages', stageId)
      // The completion reason stays in the gate history; the stage itself is open again.
      db.sqlite
        .prepare(`UPDATE journey_stages SET gate = 'active', completed_at = NULL, completion_reason = NULL, updated_at = ? WHERE id = ?`)
        .run(now(), stageId)
      this.gateEvent(db, rec, stageId, 'reopened', 0, null)
    })
  }

  // ---------------------------------------------------------------- milestones

  private milestone(db: ClientDb, id: string): MilestoneRow {
    const row = db.sqlite.prepare('SELECT * FROM milestones WHERE id = ?').get(id) as MilestoneRow | undefined
    if (!row) throw notFound('milestone')
    return row
  }

  /** Checks links and the dependency graph as it would be after the edit. */
  private checkLinks(db: ClientDb, id: string, input: MilestoneInput): void {
    if (input.stageId !== undefined && !db.sqlite.prepare('SELECT 1 FROM journey_stages WHERE id = ?').get(input.stageId))
      throw fieldError('stageId', 'That stage does not exist')
    if (input.dependsOn) {
      if (input.dependsOn.includes(id)) throw fieldError('dependsOn', 'A milestone cannot depend on itself')
      const ids = new Set((db.sqlite.prepare('SELECT id FROM milestones').all() as { id: string }[]).map((r) => r.id))
      if (input.dependsOn.some((d) => !ids.has(d))) throw fieldError('dependsOn', 'A milestone it depends on does not exist')
      const edges = new Map<string, string[]>()
      for (const d of db.sqlite.prepare('SELECT milestone_id AS m, depends_on_id AS d FROM milestone_deps').all() as { m: string; d: string }[])
        edges.set(d.m, [...(edges.get(d.m) ?? []), d.d])
      edges.set(id, [...new Set(input.dependsOn)])
      const cycle = findCycle(edges, id)
      if (cycle) {
        const titles = new Map(
          (db.sqlite.prepare('SELECT id, title FROM milestones').all() as { id: string; title: string }[]).map((r) => [r.id, r.title])
        )
        titles.set(id, input.title ?? titles.get(id) ?? 'this milestone')
        throw fieldError('dependsOn', `That would make a circle of dependencies: ${cycle.map((c) => quote(titles.get(c) ?? '?', 40)).join(' → ')}`)
      }
    }
    if (input.hypothesisIds?.length) {
      const known = new Set((db.sqlite.prepare('SELECT id FROM hypotheses').all() as { id: string }[]).map((r) => r.id))
      if (input.hypothesisIds.some((h) => !known.has(h))) throw fieldError('hypothesisIds', 'A linked hypothesis does not exist')
    }
    if (input.partnerIds) checkPartners(db, input.partnerIds)
  }

  private writeLinks(db: ClientDb, rec: UndoRecorder, id: string, input: MilestoneInput): void {
    if (input.dependsOn) replaceLinks(db, rec, MILESTONE_DEPS, id, input.dependsOn)
    if (input.hypothesisIds) replaceLinks(db, rec, HYPOTHESIS_MILESTONES_BY_MILESTONE, id, input.hypothesisIds)
    if (input.partnerIds) replaceLinks(db, rec, MILESTONE_PARTNERS, id, input.partnerIds)
  }


  createMilestone(clientId: string, input: NewMilestone): JourneyView {
    return this.edit(clientId, `Add milestone ${quote(input.title)}`, 'Saving the milestone', (db, rec) => void this.insertMilestone(db, rec, input))
  }

  /** Adds a milestone as one undoable edit and returns its id, for features that link to it (workshop gaps). */
  addMilestone(clientId: string, input: NewMilestone): string {
    const db = this.db(clientId)
    return runEdit(db, `Add milestone ${quote(input.title)}`, 'Saving the milestone', (rec) => this.insertMilestone(db, rec, input))
  }

  private insertMilestone(db: ClientDb, rec: UndoRecorder, input: NewMilestone): string {
    const id = randomUUID()
    this.checkLinks(db, id, input)
    checkDates(input)
    const status = input.status ?? 'planned'
    const pos = (db.sqlite.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM milestones WHERE stage_id = ?').get(input.stageId) as { p: number }).p
    const t = now()
    rec.touch('milestones', id)
    db.sqlite
      .prepare(
        `INSERT INTO milestones (id, stage_id, title, kind, owner_side, owner_name, planned_start, planned_end, actual_start, actual_end, status, notes, position, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        id,
        input.stageId,
        input.title,
        input.kind ?? 'other',
        input.ownerSide ?? 'client',
        input.ownerName || null,
        input.plannedStart,
        input.plannedEnd,
        input.actualStart ?? (status === 'in_progress' || status === 'done' ? todayIso() : null),
        input.actualEnd ?? (status === 'done' ? todayIso() : null),
        status,
        input.notes ?? '',
        pos,
        t,
        t
      )
    this.writeLinks(db, rec, id, input)
    return id
  }

  /** The edit alone: validated and committed with its undo entry, without building the answer. */
  persistMilestoneUpdate(clientId: string, id: string, input: MilestoneInput): void {
    this.persistOnly = true
    try {
      this.updateMilestone(clientId, id, input)
    } finally {
      this.persistOnly = false
    }
  }

  updateMilestone(clientId: string, id: string, input: MilestoneInput): JourneyView {
    const db = this.db(clientId)
    const cur = this.milestone(db, id)
    const label =
      Object.keys(input).every((k) => k === 'plannedStart' || k === 'plannedEnd')
        ? `Move ${quote(cur.title)}`
        : `Edit ${quote(input.title ?? cur.title)}`
    return this.edit(clientId, label, 'Saving the milestone', (db, rec) => {
      const merged = {
        stage_id: input.stageId ?? cur.stage_id,
        title: input.title ?? cur.title,
        kind: input.kind ?? cur.kind,
        owner_side: input.ownerSide ?? cur.owner_side,
        owner_name: input.ownerName !== undefined ? input.ownerName || null : cur.owner_name,
        planned_start: input.plannedStart ?? cur.planned_start,
        planned_end: input.plannedEnd ?? cur.planned_end,
        actual_start: input.actualStart !== undefined ? input.actualStart : cur.actual_start,
        actual_end: input.actualEnd !== undefined ? input.actualEnd : cur.actual_end,
        status: input.status ?? cur.status,
        notes: input.notes ?? cur.notes
      }
      // Recording actual dates as the status moves keeps the actuals the benchmarks calibrate from.
      if (input.status && input.status !== cur.status) {
        if ((merged.status === 'in_progress' || merged.status === 'done') && !merged.actual_start && input.actualStart === undefined)
          merged.actual_start = todayIso()
        if (merged.status === 'done' && !merged.actual_end && input.actualEnd === undefined) merged.actual_end = todayIso()
      }
      checkDates({
        plannedStart: merged.planned_start,
        plannedEnd: merged.planned_end,
        actualStart: merged.actual_start,
        actualEnd: merged.actual_end
      })
      this.checkLinks(db, id, { ...input, title: merged.title })
      rec.touch('milestones', id)
      db.sqlite
        .prepare(
          `UPDATE milestones SET stage_id = @stage_id, title = @title, kind = @kind, owner_side = @owner_side, owner_name = @owner_name,
             planned_start = @planned_start, planned_end = @planned_end, actual_start = @actual_start, actual_end = @actual_end,
             status = @status, notes = @notes, updated_at = @updated_at WHERE id = @id`
        )
        .run({ ...merged, updated_at: now(), id })
      this.writeLinks(db, rec, id, input)
    })
  }

  deleteMilestone(clientId: string, id: string): JourneyView {
    const db = this.db(clientId)
    const cur = this.milestone(db, id)
    return this.edit(clientId, `Delete milestone ${quote(cur.title)}`, 'Deleting the milestone', (db, rec) => {
      rec.touchWhere('milestone_deps', 'milestone_id = ? OR depends_on_id = ?', id, id)
      rec.touchWhere('milestone_partners', 'milestone_id = ?', id)
      rec.touchWhere('hypothesis_milestones', 'milestone_id = ?', id)
      rec.touch('milestones', id)
      db.sqlite.prepare('DELETE FROM milestones WHERE id = ?').run(id)
    })
  }

  // ---------------------------------------------------------------- templates and undo

  /** Replaces the roadmap with a template's; hypotheses stay, re-linked to the stage with the same key. */
  applyTemplate(clientId: string, template: JourneyTemplate, startOn: string): JourneyView {
    return this.edit(clientId, `Start from template ${quote(template.name)}`, 'Applying the template', (db, rec) => {
      const s = db.sqlite
      for (const t of ['journey_meta', 'journey_stages', 'journey_criteria', 'journey_gate_events', 'milestones', 'milestone_deps', 'milestone_partners', 'hypothesis_milestones'] as const)
        rec.touchWhere(t, '1 = 1')
      rec.touchWhere('hypotheses', 'stage_id IS NOT NULL')
      const stageKeyOf = s.prepare('SELECT h.id AS id, st.key AS key FROM hypotheses h JOIN journey_stages st ON st.id = h.stage_id').all() as {
        id: string
        key: string
      }[]
      s.prepare('DELETE FROM journey_stages').run()
      s.prepare('DELETE FROM journey_meta').run()
      const stageIds = instantiate(db, template, startOn, rec)
      const upd = s.prepare('UPDATE hypotheses SET stage_id = ? WHERE id = ?')
      for (const h of stageKeyOf) upd.run(stageIds.get(h.key) ?? null, h.id)
    })
  }

  undo(clientId: string, direction: 'undo' | 'redo'): { label: string | null; undo: ReturnType<typeof undoState> } {
    const db = this.db(clientId)
    const label = undoStep(db.sqlite, direction)
    return { label, undo: undoState(db.sqlite) }
  }

  /** The roadmap as a template: dates become offsets from its first planned start. */
  toTemplate(clientId: string, name: string): JourneyTemplate {
    const v = this.show(clientId)
    const first = v.milestones.reduce((min, m) => (m.plannedStart < min ? m.plannedStart : min), v.milestones[0]?.plannedStart ?? v.startedOn)
    const title = new Map(v.milestones.map((m) => [m.id, m.title]))
    const dayNum = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000)
    return {
      name,
      stages: v.stages.map((st) => ({
        key: st.key,
        name: st.name,
        objectives: st.objectives,
        exitCriteria: st.criteria.map((c) => c.text),
        milestones: v.milestones
          .filter((m) => m.stageId === st.id)
          .map((m) => ({
            title: m.title,
            kind: m.kind,
            owner: m.ownerSide,
            startOffset: dayNum(m.plannedStart) - dayNum(first),
            durationDays: dayNum(m.plannedEnd) - dayNum(m.plannedStart),
            dependsOn: m.dependsOn.map((d) => title.get(d)).filter((t): t is string => !!t)
          }))
      }))
    }
  }
}

function checkDates(d: { plannedStart?: string; plannedEnd?: string; actualStart?: string | null; actualEnd?: string | null }): void {
  if (d.plannedStart && d.plannedEnd && d.plannedEnd < d.plannedStart)
    throw fieldError('plannedEnd', `The end date (${d.plannedEnd}) is before the start date (${d.plannedStart})`)
  if (d.actualStart && d.actualEnd && d.actualEnd < d.actualStart)
    throw fieldError('actualEnd', `The actual end (${d.actualEnd}) is before the actual start (${d.actualStart})`)
}

/** Writes a template's stages, criteria and milestones; returns stage key → new stage id. */
export function instantiate(db: ClientDb, template: JourneyTemplate, startOn: string, rec: UndoRecorder | null): Map<string, string> {
  const s = db.sqlite
  const t = now()
  rec?.touch('journey_meta', 1)
  s.prepare('INSERT INTO journey_meta (id, template_name, started_on, created_at) VALUES (1, ?, ?, ?)').run(template.name, startOn, t)
  const stageIds = new Map<string, string>()
  const byTitle = new Map<string, string>()
  const pending: [string, string[]][] = []
  template.stages.forEach((st, i) => {
    const sid = randomUUID()
    stageIds.set(st.key, sid)
    rec?.touch('journey_stages', sid)
    s.prepare('INSERT INTO journey_stages (id, key, name, position, objectives, gate, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      sid,
      st.key,
      st.name,
      i,
      JSON.stringify(st.objectives),
      'not_started',
      t,
      t
    )
    st.exitCriteria.forEach((c, j) => {
      const cid = randomUUID()
      rec?.touch('journey_criteria', cid)
      s.prepare('INSERT INTO journey_criteria (id, stage_id, position, text, met, evidence) VALUES (?, ?, ?, ?, 0, ?)').run(cid, sid, j, c, '')
    })
    st.milestones.forEach((m, j) => {
      const mid = randomUUID()
      if (!byTitle.has(m.title)) byTitle.set(m.title, mid)
      rec?.touch('milestones', mid)
      const start = addDays(startOn, m.startOffset)
      s.prepare(
        `INSERT INTO milestones (id, stage_id, title, kind, owner_side, planned_start, planned_end, status, notes, position, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'planned', '', ?, ?, ?)`
      ).run(mid, sid, m.title, m.kind, m.owner, start, addDays(start, Math.max(0, m.durationDays)), j, t, t)
      if (m.dependsOn?.length) pending.push([mid, m.dependsOn])
    })
  })
  for (const [mid, titles] of pending)
    for (const title of new Set(titles)) {
      const dep = byTitle.get(title)
      if (!dep || dep === mid) continue
      rec?.touch('milestone_deps', mid, dep)
      s.prepare('INSERT OR IGNORE INTO milestone_deps (milestone_id, depends_on_id) VALUES (?, ?)').run(mid, dep)
    }
  return stageIds
}
