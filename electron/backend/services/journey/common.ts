/** Helpers shared by the journey and hypothesis services. */
import type { ClientDb } from '../../db/clientFile'
import { AppError, toAppError } from '../../errors'
import type { Session } from '../session'
import { UndoRecorder, type UndoTable } from './undo'

/** A validation error tied to one field, in the same "message (field)" form the contract's schemas produce. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION', `${message} (${field})`)
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `There is no such ${what} in this client's file. It may have been deleted.`)
}

export function clientDb(session: Session, clientId: string): ClientDb {
  if (!session.index.get(clientId)) throw new AppError('NOT_FOUND', 'There is no such client in this vault.')
  return session.client(clientId)
}

/**
 * Runs one edit in a transaction together with its undo entry: either both are committed or neither, so every
 * edit is saved the moment it is made and a crash loses nothing half-done.
 */
export function runEdit<T>(db: ClientDb, label: string, what: string, fn: (rec: UndoRecorder) => T): T {
  try {
    return db.sqlite.transaction(() => {
      const rec = new UndoRecorder(db.sqlite)
      const out = fn(rec)
      rec.commit(label)
      return out
    })()
  } catch (err) {
    throw toAppError(err, what)
  }
}

export function quote(s: string, max = 60): string {
  return `“${s.length > max ? `${s.slice(0, max - 1)}…` : s}”`
}

export function partnerIdsExisting(db: ClientDb): Set<string> {
  return new Set((db.sqlite.prepare('SELECT id FROM partners').all() as { id: string }[]).map((r) => r.id))
}

export function checkPartners(db: ClientDb, ids: readonly string[]): void {
  if (!ids.length) return
  const known = partnerIdsExisting(db)
  const missing = ids.filter((id) => !known.has(id))
  if (missing.length) throw fieldError('partnerIds', `${missing.length === 1 ? 'A linked partner does not' : `${missing.length} linked partners do not`} exist in this client`)
}

/** One link table: the column that owns the set and the column it points at, in primary-key order. */
export interface LinkTable {
  table: UndoTable
  columns: readonly [string, string]
  /** Which of the two columns holds the owner. */
  owner: 0 | 1
}

/** Replaces an owner's whole set of links, recording every touched row for undo. */
export function replaceLinks(db: ClientDb, rec: UndoRecorder, link: LinkTable, ownerId: string, others: readonly string[]): void {
  const ownerCol = link.columns[link.owner]
  rec.touchWhere(link.table, `${ownerCol} = ?`, ownerId)
  db.sqlite.prepare(`DELETE FROM ${link.table} WHERE ${ownerCol} = ?`).run(ownerId)
  const insert = db.sqlite.prepare(`INSERT INTO ${link.table} (${link.columns[0]}, ${link.columns[1]}) VALUES (?, ?)`)
  for (const other of new Set(others)) {
    const key = link.owner === 0 ? [ownerId, other] : [other, ownerId]
    rec.touch(link.table, ...key)
    insert.run(...key)
  }
}
