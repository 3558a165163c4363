/** The hypothesis register: test cards, evidence, learning cards and decisions (with their whole history). */
import { randomUUID } from 'node:crypto'
import {
  DECISION_STATUS,
  isTestFirst,
  type Decision,
  type EvidenceDirection,
  type EvidenceStrength,
  type HypothesisCategory,
  type HypothesisStatus
} from '../../../../shared/domain/journey'
import type {
  AssumptionPoint,
  DecisionEntry,
  EvidenceEntry,
  HypothesisDetail,
  HypothesisEdit,
  HypothesisRow
} from '../../../../shared/ipc/channels/hypothesis'
import type { ClientDb } from '../../db/clientFile'
import { checkPartners, fieldError, notFound, partnerIdsExisting, quote, replaceLinks, runEdit, type LinkTable } from './common'
import type { JourneyService } from './journey'
import { undoState, type UndoRecorder } from './undo'

const HYPOTHESIS_MILESTONES_BY_HYPOTHESIS: LinkTable = { table: 'hypothesis_milestones', columns: ['hypothesis_id', 'milestone_id'], owner: 0 }
const HYPOTHESIS_PARTNERS: LinkTable = { table: 'hypothesis_partners', columns: ['hypothesis_id', 'partner_id'], owner: 0 }

interface Row {
  id: string
  belief: string
  verify: string
  measure: string
  right_if: string
  category: string
  importance: number
  evidence_strength: string
  status: string
  owner: string | null
  due_date: string | null
  stage_id: string | null
  observed: string
  learned: string
  therefore: string
  decision: string | null
  decided_at: string | null
  created_at: string
  updated_at: string
}

export interface HypothesisInput {
  belief?: string
  verify?: string
  measure?: string
  rightIf?: string
  category?: HypothesisCategory
  importance?: number
  evidenceStrength?: EvidenceStrength
  status?: HypothesisStatus
  owner?: string | null
  dueDate?: string | null
  stageId?: string | null
  milestoneIds?: string[]
  partnerIds?: string[]
  observed?: string
  learned?: string
  therefore?: string
}

export interface HypothesisFilter {
  status?: HypothesisStatus
  category?: HypothesisCategory
  stageId?: string
  search?: string
}

const COLUMNS: Record<keyof Omit<HypothesisInput, 'milestoneIds' | 'partnerIds'>, string> = {
  belief: 'belief',
  verify: 'verify',
  measure: 'measure',
  rightIf: 'right_if',
  category: 'category',
  importance: 'importance',
  evidenceStrength: 'evidence_strength',
  status: 'status',
  owner: 'owner',
  dueDate: 'due_date',
  stageId: 'stage_id',
  observed: 'observed',
  learned: 'learned',
  therefore: 'therefore'
}

function toRow(r: Row, evidenceCount: number, milestoneIds: string[], partnerIds: string[]): HypothesisRow {
  const row: HypothesisRow = {
    id: r.id,
    belief: r.belief,
    verify: r.verify,
    measure: r.measure,
    rightIf: r.right_if,
    category: r.category as HypothesisCategory,
    importance: r.importance,
    evidenceStrength: r.evidence_strength as EvidenceStrength,
    status: r.status as HypothesisStatus,
    owner: r.owner,
    dueDate: r.due_date,
    stageId: r.stage_id,
    decision: r.decision as Decision | null,
    decidedAt: r.decided_at,
    evidenceCount,
    milestoneIds,
    partnerIds,
    testFirst: false,
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
  row.testFirst = isTestFirst(row)
  return row
}

function group(rows: { k: string; v: string }[], keep?: Set<string>): Map<string, string[]> {
  const m = new Map<string, string[]>()
  for (const r of rows) if (!keep || keep.has(r.v)) m.set(r.k, [...(m.get(r.k) ?? []), r.v])
  return m
}

export class HypothesisService {
  constructor(private readonly journey: JourneyService) {}

  private db(clientId: string): ClientDb {
    // Through the journey service, so stage links have stages to point at.
    return this.journey.db(clientId)
  }

  /** Reads need no journey: a file that cannot be written is read as it is. */
  private readDb(clientId: string): ClientDb {
    return this.journey.readDb(clientId)
  }

  list(clientId: string, f: HypothesisFilter = {}): HypothesisRow[] {
    const db = this.readDb(clientId)
    const s = db.sqlite
    const where: string[] = []
    const params: unknown[] = []
    for (const [col, v] of [['status', f.status], ['category', f.category], ['stage_id', f.stageId]] as const) {
      if (!v) continue
      where.push(`${col} = ?`)
      params.push(v)
    }
    if (f.search?.trim()) {
      where.push(`(belief LIKE ? ESCAPE '\\' OR verify LIKE ? ESCAPE '\\' OR measure LIKE ? ESCAPE '\\' OR right_if LIKE ? ESCAPE '\\' OR coalesce(owner, '') LIKE ? ESCAPE '\\')`)
      const like = `%${f.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      params.push(like, like, like, like, like)
    }
    const rows = s
      .prepare(`SELECT * FROM hypotheses ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC`)
      .all(...params) as Row[]
    const counts = new Map(
      (s.prepare('SELECT hypothesis_id AS h, count(*) AS n FROM hypothesis_evidence GROUP BY hypothesis_id').all() as { h: string; n: number }[]).map((r) => [r.h, r.n])
    )
    const ms = group(s.prepare('SELECT hypothesis_id AS k, milestone_id AS v FROM hypothesis_milestones').all() as { k: string; v: string }[])
    const ps = group(s.prepare('SELECT hypothesis_id AS k, partner_id AS v FROM hypothesis_partners').all() as { k: string; v: string }[], partnerIdsExisting(db))
    return rows.map((r) => toRow(r, counts.get(r.id) ?? 0, ms.get(r.id) ?? [], ps.get(r.id) ?? []))
  }

  private detail(db: ClientDb, id: string): HypothesisDetail {
    const s = db.sqlite
    const r = s.prepare('SELECT * FROM hypotheses WHERE id = ?').get(id) as Row | undefined
    if (!r) throw notFound('hypothesis')
    const evidence = (s.prepare('SELECT * FROM hypothesis_evidence WHERE hypothesis_id = ? ORDER BY date DESC, created_at DESC').all(id) as {
      id: string
      date: string
      source: string
      observation: string
      direction: string
      created_at: string
    }[]).map<EvidenceEntry>((e) => ({
      id: e.id,
      date: e.date,
      source: e.source,
      observation: e.observation,
      direction: e.direction as EvidenceDirection,
      createdAt: e.created_at
    }))
    const decisions = (s.prepare('SELECT * FROM hypothesis_decisions WHERE hypothesis_id = ? ORDER BY decided_at, rowid').all(id) as {
      id: string
      decision: string
      observed: string
      learned: string
      therefore: string
      status_before: string
      decided_at: string
    }[]).map<DecisionEntry>((d) => ({
      id: d.id,
      decision: d.decision as Decision,
      observed: d.observed,
      learned: d.learned,
      therefore: d.therefore,
      statusBefore: d.status_before as HypothesisStatus,
      decidedAt: d.decided_at
    }))
    const ms = (s.prepare('SELECT milestone_id AS v FROM hypothesis_milestones WHERE hypothesis_id = ?').all(id) as { v: string }[]).map((x) => x.v)
    const known = partnerIdsExisting(db)
    const ps = (s.prepare('SELECT partner_id AS v FROM hypothesis_partners WHERE hypothesis_id = ?').all(id) as { v: string }[])
      .map((x) => x.v)
      .filter((p) => known.has(p))
    return { ...toRow(r, evidence.length, ms, ps), observed: r.observed, learned: r.learned, therefore: r.therefore, evidence, decisions }
  }

  get(clientId: string, id: string): HypothesisDetail {
    return this.detail(this.readDb(clientId), id)
  }

  private edit(clientId: string, label: string, what: string, fn: (db: ClientDb, rec: UndoRecorder) => string | null): HypothesisEdit {
    const db = this.db(clientId)
    const id = runEdit(db, label, what, (rec) => fn(db, rec))
    return { hypothesis: id ? this.detail(db, id) : null, undo: undoState(db.sqlite) }
  }

  private checkLinks(db: ClientDb, input: HypothesisInput): void {
    if (input.stageId && !db.sqlite.prepare('SELECT 1 FROM journey_stages WHERE id = ?').get(input.stageId))
      throw fieldError('stageId', 'That stage does not exist')
    if (input.milestoneIds?.length) {
      const known = new Set((db.sqlite.prepare('SELECT id FROM milestones').all() as { id: string }[]).map((r) => r.id))
      if (input.milestoneIds.some((m) => !known.has(m))) throw fieldError('milestoneIds', 'A linked milestone does not exist')
    }
    if (input.partnerIds) checkPartners(db, input.partnerIds)
  }

  private writeLinks(db: ClientDb, rec: UndoRecorder, id: string, input: HypothesisInput): void {
    if (input.milestoneIds) replaceLinks(db, rec, HYPOTHESIS_MILESTONES_BY_HYPOTHESIS, id, input.milestoneIds)
    if (input.partnerIds) replaceLinks(db, rec, HYPOTHESIS_PARTNERS, id, input.partnerIds)
  }


  create(clientId: string, input: HypothesisInput & { belief: string }): HypothesisEdit {
    return this.edit(clientId, `Add hypothesis ${quote(input.belief)}`, 'Saving the hypothesis', (db, rec) => {
      this.checkLinks(db, input)
      const id = randomUUID()
      const t = new Date().toISOString()
      rec.touch('hypotheses', id)
      db.sqlite
        .prepare(
          `INSERT INTO hypotheses (id, belief, verify, measure, right_if, category, importance, evidence_strength, status, owner, due_date, stage_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          id,
          input.belief,
          input.verify ?? '',
          input.measure ?? '',
          input.rightIf ?? '',
          input.category ?? 'strategy',
          input.importance ?? 3,
          input.evidenceStrength ?? 'none',
          input.status ?? 'untested',
          input.owner || null,
          input.dueDate ?? null,
          input.stageId ?? null,
          t,
          t
        )
      this.writeLinks(db, rec, id, input)
      return id
    })
  }

  update(clientId: string, id: string, input: HypothesisInput): HypothesisEdit {
    const db = this.db(clientId)
    const cur = this.detail(db, id)
    return this.edit(clientId, `Edit hypothesis ${quote(input.belief ?? cur.belief)}`, 'Saving the hypothesis', (db, rec) => {
      this.checkLinks(db, input)
      const sets: string[] = []
      const params: unknown[] = []
      for (const [k, col] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
        const v = input[k]
        if (v === undefined) continue
        sets.push(`${col} = ?`)
        params.push(k === 'owner' ? v || null : v)
      }
      rec.touch('hypotheses', id)
      if (sets.length)
        db.sqlite.prepare(`UPDATE hypotheses SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...params, new Date().toISOString(), id)
      this.writeLinks(db, rec, id, input)
      return id
    })
  }

  delete(clientId: string, id: string): HypothesisEdit {
    const db = this.db(clientId)
    const cur = this.detail(db, id)
    return this.edit(clientId, `Delete hypothesis ${quote(cur.belief)}`, 'Deleting the hypothesis', (db, rec) => {
      for (const t of ['hypothesis_milestones', 'hypothesis_partners', 'hypothesis_evidence', 'hypothesis_decisions'] as const)
        rec.touchWhere(t, 'hypothesis_id = ?', id)
      rec.touch('hypotheses', id)
      db.sqlite.prepare('DELETE FROM hypotheses WHERE id = ?').run(id)
      return null
    })
  }

  addEvidence(
    clientId: string,
    e: { hypothesisId: string; date: string; source: string; observation: string; direction: EvidenceDirection }
  ): HypothesisEdit {
    return this.edit(clientId, 'Record evidence', 'Saving the evidence', (db, rec) => {
      const h = db.sqlite.prepare('SELECT status FROM hypotheses WHERE id = ?').get(e.hypothesisId) as { status: string } | undefined
      if (!h) throw notFound('hypothesis')
      const id = randomUUID()
      const t = new Date().toISOString()
      rec.touch('hypothesis_evidence', id)
      rec.touch('hypotheses', e.hypothesisId)
      db.sqlite
        .prepare('INSERT INTO hypothesis_evidence (id, hypothesis_id, date, source, observation, direction, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, e.hypothesisId, e.date, e.source, e.observation, e.direction, t)
      // Evidence arriving means the belief is being tested, and is no longer without any evidence; how strong
      // the evidence is stays the consultant's judgement.
      db.sqlite
        .prepare(
          `UPDATE hypotheses SET status = CASE status WHEN 'untested' THEN 'testing' ELSE status END,
             evidence_strength = CASE evidence_strength WHEN 'none' THEN 'anecdotal' ELSE evidence_strength END, updated_at = ? WHERE id = ?`
        )
        .run(t, e.hypothesisId)
      return e.hypothesisId
    })
  }

  removeEvidence(clientId: string, evidenceId: string): HypothesisEdit {
    return this.edit(clientId, 'Remove evidence', 'Removing the evidence', (db, rec) => {
      const e = db.sqlite.prepare('SELECT hypothesis_id AS h FROM hypothesis_evidence WHERE id = ?').get(evidenceId) as { h: string } | undefined
      if (!e) throw notFound('evidence entry')
      rec.touch('hypothesis_evidence', evidenceId)
      db.sqlite.prepare('DELETE FROM hypothesis_evidence WHERE id = ?').run(evidenceId)
      return e.h
    })
  }

  /** Records a decision and its learning card. The previous decisions stay in the history. */
  decide(clientId: string, d: { id: string; decision: Decision; observed: string; learned: string; therefore: string }): HypothesisEdit {
    return this.edit(clientId, `Decide: ${d.decision.replace('_', ' ')}`, 'Saving the decision', (db, rec) => {
      const h = db.sqlite.prepare('SELECT status FROM hypotheses WHERE id = ?').get(d.id) as { status: string } | undefined
      if (!h) throw notFound('hypothesis')
      const id = randomUUID()
      const t = new Date().toISOString()
      rec.touch('hypothesis_decisions', id)
      rec.touch('hypotheses', d.id)
      db.sqlite
        .prepare('INSERT INTO hypothesis_decisions (id, hypothesis_id, decision, observed, learned, therefore, status_before, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, d.id, d.decision, d.observed, d.learned, d.therefore, h.status, t)
      db.sqlite
        .prepare('UPDATE hypotheses SET decision = ?, decided_at = ?, status = ?, observed = ?, learned = ?, therefore = ?, updated_at = ? WHERE id = ?')
        .run(d.decision, t, DECISION_STATUS[d.decision], d.observed, d.learned, d.therefore, t, d.id)
      return d.id
    })
  }

  map(clientId: string): AssumptionPoint[] {
    return this.list(clientId).map((h) => ({
      id: h.id,
      belief: h.belief,
      importance: h.importance,
      evidenceStrength: h.evidenceStrength,
      status: h.status,
      category: h.category,
      testFirst: h.testFirst
    }))
  }
}
