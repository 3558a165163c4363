/**
 * Undo by row images. An edit registers every row it is about to change (`touch`); at commit the recorder
 * stores each row's image before and after the edit in `journey_undo`, inside the edit's own transaction.
 * Undo writes the before-images back, redo the after-images. Generic over the journey tables, so a new kind of
 * edit is undoable as soon as it touches the rows it changes (including the rows a cascade would delete).
 */
import type { Sqlite } from '../../db/clientFile'
import type { UndoState } from '../../../../shared/ipc/channels/journey'
import { AppError } from '../../errors'

/** Tables in foreign-key order: parents before children. */
const TABLES: Record<string, readonly string[]> = {
  journey_meta: ['id'],
  journey_stages: ['id'],
  journey_criteria: ['id'],
  journey_gate_events: ['id'],
  milestones: ['id'],
  milestone_deps: ['milestone_id', 'depends_on_id'],
  milestone_partners: ['milestone_id', 'partner_id'],
  hypotheses: ['id'],
  hypothesis_milestones: ['hypothesis_id', 'milestone_id'],
  hypothesis_partners: ['hypothesis_id', 'partner_id'],
  hypothesis_evidence: ['id'],
  hypothesis_decisions: ['id']
}
export type UndoTable = keyof typeof TABLES
const ORDER = Object.keys(TABLES)

/** Kept entries; the screens promise at least 20. */
export const UNDO_DEPTH = 100

type Row = Record<string, unknown>
/** table → list of [primary key values, row or null when absent] */
type Images = Record<string, [unknown[], Row | null][]>

function pkOf(table: string, row: Row): unknown[] {
  return TABLES[table].map((c) => row[c])
}

export class UndoRecorder {
  private touched = new Map<string, Map<string, { pk: unknown[]; before: Row | null }>>()

  constructor(private readonly db: Sqlite) {}

  private select(table: string, pk: unknown[]): Row | null {
    const where = TABLES[table].map((c) => `"${c}" = ?`).join(' AND ')
    return (this.db.prepare(`SELECT * FROM "${table}" WHERE ${where}`).get(...pk) as Row | undefined) ?? null
  }

  /** Registers one row (by primary key values in TABLES order) before it is inserted, changed or deleted. */
  touch(table: UndoTable, ...pk: unknown[]): void {
    let m = this.touched.get(table)
    if (!m) this.touched.set(table, (m = new Map()))
    const key = JSON.stringify(pk)
    if (!m.has(key)) m.set(key, { pk, before: this.select(table, pk) })
  }

  /** Registers every row matching a condition (e.g. the children a delete will cascade to). */
  touchWhere(table: UndoTable, where: string, ...params: unknown[]): void {
    const rows = this.db.prepare(`SELECT * FROM "${table}" WHERE ${where}`).all(...params) as Row[]
    let m = this.touched.get(table)
    if (!m) this.touched.set(table, (m = new Map()))
    for (const r of rows) {
      const pk = pkOf(table, r)
      const key = JSON.stringify(pk)
      if (!m.has(key)) m.set(key, { pk, before: r })
    }
  }

  /** Writes the log entry; call inside the edit's transaction, after the edit. Drops the redo branch. */
  commit(label: string): void {
    const before: Images = {}
    const after: Images = {}
    let changed = false
    for (const [table, m] of this.touched) {
      before[table] = []
      after[table] = []
      for (const { pk, before: b } of m.values()) {
        const a = this.select(table, pk)
        if (JSON.stringify(a) !== JSON.stringify(b)) changed = true
        before[table].push([pk, b])
        after[table].push([pk, a])
      }
    }
    this.touched.clear()
    if (!changed) return
    this.db.prepare('DELETE FROM journey_undo WHERE undone = 1').run()
    this.db
      .prepare('INSERT INTO journey_undo (at, label, before, after, undone) VALUES (?, ?, ?, ?, 0)')
      .run(new Date().toISOString(), label, JSON.stringify(before), JSON.stringify(after))
    this.db
      .prepare('DELETE FROM journey_undo WHERE seq <= (SELECT max(seq) FROM journey_undo) - ?')
      .run(UNDO_DEPTH)
  }
}

function restore(db: Sqlite, images: Images): void {
  // Deferred checks: rows come back in table order, but a child may be restored in the same step as its parent.
  db.pragma('defer_foreign_keys = ON')
  for (const table of [...ORDER].reverse()) {
    for (const [pk, row] of images[table] ?? []) {
      if (row) continue
      const where = TABLES[table].map((c) => `"${c}" = ?`).join(' AND ')
      db.prepare(`DELETE FROM "${table}" WHERE ${where}`).run(...pk)
    }
  }
  for (const table of ORDER) {
    for (const [, row] of images[table] ?? []) {
      if (!row) continue
      const cols = Object.keys(row)
      const pkCols = TABLES[table]
      const updates = cols.filter((c) => !pkCols.includes(c))
      // An upsert, never INSERT OR REPLACE: a replace deletes first, and the delete would cascade to children.
      const sql =
        `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})` +
        ` ON CONFLICT(${pkCols.map((c) => `"${c}"`).join(', ')}) DO ` +
        (updates.length ? `UPDATE SET ${updates.map((c) => `"${c}" = excluded."${c}"`).join(', ')}` : 'NOTHING')
      db.prepare(sql).run(...cols.map((c) => row[c]))
    }
  }
}

export function undoState(db: Sqlite): UndoState {
  const u = db.prepare('SELECT label FROM journey_undo WHERE undone = 0 ORDER BY seq DESC LIMIT 1').get() as
    | { label: string }
    | undefined
  const r = db.prepare('SELECT label FROM journey_undo WHERE undone = 1 ORDER BY seq ASC LIMIT 1').get() as
    | { label: string }
    | undefined
  return { undoLabel: u?.label ?? null, redoLabel: r?.label ?? null }
}

/** Undoes the latest edit (or redoes the earliest undone one). Returns its label, or null when there is none. */
export function undoStep(db: Sqlite, direction: 'undo' | 'redo'): string | null {
  const entry = (
    direction === 'undo'
      ? db.prepare('SELECT seq, label, before AS images FROM journey_undo WHERE undone = 0 ORDER BY seq DESC LIMIT 1').get()
      : db.prepare('SELECT seq, label, after AS images FROM journey_undo WHERE undone = 1 ORDER BY seq ASC LIMIT 1').get()
  ) as { seq: number; label: string; images: string } | undefined
  if (!entry) return null
  try {
    db.transaction(() => {
      restore(db, JSON.parse(entry.images) as Images)
      db.prepare('UPDATE journey_undo SET undone = ? WHERE seq = ?').run(direction === 'undo' ? 1 : 0, entry.seq)
    })()
  } catch (err) {
    const code = (err as { code?: string }).code ?? ''
    if (code.startsWith('SQLITE_CONSTRAINT'))
      throw new AppError('CONFLICT', `“${entry.label}” cannot be ${direction === 'undo' ? 'undone' : 'redone'}: the data it touched has changed since.`)
    throw err
  }
  return entry.label
}
