/**
 * Writes of data derived from a client file's own records (the stored portfolio summaries) change no record, so
 * "has anything changed since the last backup?" must not count them. Each connection's derived row changes are
 * counted here, apart from `total_changes()`.
 */
import type { Sqlite } from './clientFile'

const derived = new WeakMap<Sqlite, number>()

/** Runs `fn` (a write of derived data only) and sets its row changes apart from the records'. */
export function derivedWrite<T>(sqlite: Sqlite, fn: () => T): T {
  const before = totalChanges(sqlite)
  try {
    return fn()
  } finally {
    derived.set(sqlite, (derived.get(sqlite) ?? 0) + totalChanges(sqlite) - before)
  }
}

/** Rows of records inserted, changed or deleted on this connection since it opened: derived writes left out. */
export function recordChanges(sqlite: Sqlite): number {
  return totalChanges(sqlite) - (derived.get(sqlite) ?? 0)
}

const totalChanges = (sqlite: Sqlite) => sqlite.prepare('SELECT total_changes()').pluck().get() as number
