/**
 * The benchmark's incremental cache: one encrypted SQLCipher file per vault (`benchmark-cache.db`, keyed by a
 * subkey of the vault key) holding each client file's last result under the change marker it was computed for.
 * It is only a cache: a damaged or foreign one is thrown away and rebuilt by the next run. It is opened for each
 * operation and closed again, so nothing stays open or decrypted after the vault locks. During a run one worker
 * thread holds it and writes every result (pool.ts), so the backend's thread never waits on its writes, commits or
 * checkpoint; the backend's thread reads it before and after runs.
 */
import Database from 'better-sqlite3'
import { accessSync, constants, existsSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { calibrateUsualDurations, type ClientAggregates } from '../../../../shared/benchmark/metrics'
import { MILESTONE_KIND_KEYS, type MilestoneKind, type UsualDurations } from '../../../../shared/domain/journey'
import type { Calibration } from '../../../../shared/ipc/channels/benchmark'
import { applyKey } from '../../db/key'

const CACHE_VERSION = 1
const CALIBRATION_META = 'calibration'

/** The calibration as stored: the usual durations the journey uses, and what the Calibration view shows. */
export interface StoredCalibration {
  asOf: string
  usual: UsualDurations
  calibrated: Calibration['calibrated']
  clients: Calibration['clients']
}

export interface CacheEntry {
  clientId: string
  marker: string
  ok: boolean
  /** JSON: ClientAggregates when ok, else { reason, message }. */
  aggregates: string
  /** JSON: CockpitFacts when ok, else null. */
  cockpit: string | null
}

export class AggregateCache {
  private constructor(private readonly db: Database.Database) {}

  /** `path` null: a cache in memory only (a read-only vault, whose folder cannot hold one). `key`: raw, or hex. */
  static open(path: string | null, key: Buffer | string): AggregateCache {
    // A file or folder that cannot be written is refused here, with an error that says so: SQLite would fall back
    // to a read-only connection and fail later with a bare I/O error (a lock it cannot take).
    if (path) for (const p of existsSync(path) ? [dirname(path), path] : [dirname(path)]) accessSync(p, constants.W_OK)
    const tryOpen = (): AggregateCache => {
      const db = new Database(path ?? ':memory:')
      try {
        // SQLCipher keys files only; an in-memory cache never reaches the disk.
        if (path) applyKey(db, key)
        // One connection at a time, so no mapped `-shm` beside it (see db/clientFile.ts): during a run the worker
        // that writes it, otherwise the backend's thread. Opening it while the other holds it waits, then fails.
        db.pragma('locking_mode = EXCLUSIVE')
        db.pragma('busy_timeout = 2000')
        const version = db.pragma('user_version', { simple: true }) as number
        if (version !== 0 && version !== CACHE_VERSION) throw new Error('another cache version')
        db.pragma('journal_mode = WAL')
        // A cache: losing the last write on power loss costs one recomputation, not data.
        db.pragma('synchronous = NORMAL')
        db.pragma('temp_store = MEMORY')
        // Written once: opening an existing cache writes nothing.
        if (version === 0)
          db.exec(`
            BEGIN IMMEDIATE;
            CREATE TABLE IF NOT EXISTS entries (
              client_id TEXT PRIMARY KEY, marker TEXT NOT NULL, ok INTEGER NOT NULL, aggregates TEXT NOT NULL, cockpit TEXT
            );
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            PRAGMA user_version = ${CACHE_VERSION};
            COMMIT;`)
        return new AggregateCache(db)
      } catch (err) {
        db.close()
        throw err
      }
    }
    try {
      return tryOpen()
    } catch (err) {
      if (!path) throw new Error('the in-memory benchmark cache could not be created')
      // Only damage (or another cache version) is thrown away. Busy is another connection at work, and a folder
      // that cannot be written (read-only, full) is not the file's fault: the file stays for when it can be.
      const code = (err as { code?: string }).code ?? ''
      if (code && !code.startsWith('SQLITE_NOTADB') && !code.startsWith('SQLITE_CORRUPT')) throw err
      for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix)
      return tryOpen()
    }
  }

  markers(): Map<string, string> {
    const rows = this.db.prepare('SELECT client_id, marker FROM entries').raw().all() as [string, string][]
    return new Map(rows)
  }

  entries(what: 'aggregates' | 'cockpit'): { clientId: string; ok: boolean; json: string | null }[] {
    const rows = this.db.prepare(`SELECT client_id, ok, ${what === 'cockpit' ? 'CASE WHEN ok THEN cockpit ELSE aggregates END' : 'aggregates'} FROM entries`).raw().all() as [string, number, string | null][]
    return rows.map(([clientId, ok, json]) => ({ clientId, ok: ok === 1, json }))
  }

  /** Files skipped at their last reading: { reason, message } JSON by client id. */
  skips(): { clientId: string; json: string }[] {
    return (this.db.prepare('SELECT client_id, aggregates FROM entries WHERE ok = 0').raw().all() as [string, string][]).map(([clientId, json]) => ({ clientId, json }))
  }

  put(rows: readonly CacheEntry[]): void {
    if (rows.length === 0) return
    const st = this.db.prepare(
      `INSERT INTO entries (client_id, marker, ok, aggregates, cockpit) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(client_id) DO UPDATE SET marker = excluded.marker, ok = excluded.ok, aggregates = excluded.aggregates, cockpit = excluded.cockpit`
    )
    this.db.transaction(() => {
      for (const r of rows) st.run(r.clientId, r.marker, r.ok ? 1 : 0, r.aggregates, r.cockpit)
    })()
  }

  /** Forgets clients whose files are gone. */
  keepOnly(ids: ReadonlySet<string>): void {
    const gone = [...this.markers().keys()].filter((id) => !ids.has(id))
    if (gone.length === 0) return
    const st = this.db.prepare('DELETE FROM entries WHERE client_id = ?')
    this.db.transaction(() => {
      for (const id of gone) st.run(id)
    })()
  }

  /**
   * The milestone-duration calibration from every cached client's aggregates (after a run that read some file
   * again): the median actual duration per kind over clients with done milestones of that kind.
   */
  recalibrate(asOf: string): void {
    // Only the durations are parsed in JavaScript: SQLite's JSON reader picks them out of each client's aggregates.
    const all = (this.db.prepare(`SELECT json_extract(aggregates, '$.milestoneDurations') FROM entries WHERE ok = 1`).pluck().all() as (string | null)[]).map(
      (json) => ({ milestoneDurations: JSON.parse(json ?? '{}') as ClientAggregates['milestoneDurations'] })
    )
    const clients: Partial<Record<MilestoneKind, number>> = {}
    for (const k of MILESTONE_KIND_KEYS) {
      const n = all.filter((a) => a.milestoneDurations[k]).length
      if (n) clients[k] = n
    }
    const c: StoredCalibration = { asOf, ...calibrateUsualDurations(all), clients }
    this.setMeta(CALIBRATION_META, JSON.stringify(c))
  }

  calibration(): StoredCalibration | null {
    const raw = this.getMeta(CALIBRATION_META)
    return raw ? (JSON.parse(raw) as StoredCalibration) : null
  }

  getMeta(key: string): string | null {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
  }

  close(): void {
    this.db.close()
  }
}
