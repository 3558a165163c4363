/**
 * The vault index: an encrypted SQLCipher file listing clients so the list is instant without opening
 * every client file. It is a cache — each client file holds its own profile — so `doctor` can rebuild it.
 */
import Database from 'better-sqlite3'
import { existsSync, rmSync } from 'node:fs'
import type { ClientSummary } from '../../../shared/ipc/contract'
import type { Segment } from '../../../shared/domain/segment'
import { AppError } from '../errors'
import { applyKey, type Sqlite } from '../db/clientFile'

const INDEX_VERSION = 1

export interface IndexRow {
  id: string
  name: string
  company_stage: string | null
  arr_band: string | null
  sales_motion: string | null
  region: string | null
  archived: number
  created_at: string
  updated_at: string
}

export function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim()
}

export function rowToSummary(r: IndexRow): ClientSummary {
  return {
    id: r.id,
    name: r.name,
    segment: {
      companyStage: r.company_stage,
      arrBand: r.arr_band,
      salesMotion: r.sales_motion,
      region: r.region
    } as Segment,
    archived: r.archived === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}

export class VaultIndex {
  private constructor(readonly db: Sqlite) {}

  /** Opens the index; throws FILE_CORRUPT when it cannot be read, so the caller can rebuild it. */
  static open(path: string, key: Buffer): VaultIndex {
    const db = new Database(path)
    try {
      applyKey(db, key)
      // Only the session opens the index: its WAL index stays in memory, never a mapped `-shm` (see clientFile.ts).
      db.pragma('locking_mode = EXCLUSIVE')
      const version = db.pragma('user_version', { simple: true }) as number
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = FULL')
      db.pragma('temp_store = MEMORY')
      db.pragma('busy_timeout = 5000')
      if (version === 0) {
        db.exec(`
          CREATE TABLE IF NOT EXISTS clients (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            company_stage TEXT, arr_band TEXT, sales_motion TEXT, region TEXT,
            archived INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
          );
          PRAGMA user_version = ${INDEX_VERSION};`)
      } else if (version !== INDEX_VERSION) {
        throw new AppError('FROM_FUTURE_VERSION', 'The vault index was written by another version of Trellis.')
      }
      return new VaultIndex(db)
    } catch (err) {
      db.close()
      if (err instanceof AppError) throw err
      throw new AppError('FILE_CORRUPT', 'The vault index is damaged.')
    }
  }

  static remove(path: string): void {
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix)
  }

  list(includeArchived: boolean): ClientSummary[] {
    const rows = this.db
      .prepare(`SELECT * FROM clients ${includeArchived ? '' : 'WHERE archived = 0'} ORDER BY name_key`)
      .all() as IndexRow[]
    return rows.map(rowToSummary)
  }

  get(id: string): ClientSummary | null {
    const row = this.db.prepare('SELECT * FROM clients WHERE id = ?').get(id) as IndexRow | undefined
    return row ? rowToSummary(row) : null
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n
  }

  findByName(name: string): ClientSummary | null {
    const row = this.db.prepare('SELECT * FROM clients WHERE name_key = ?').get(nameKey(name)) as IndexRow | undefined
    return row ? rowToSummary(row) : null
  }

  upsert(c: ClientSummary): void {
    this.db
      .prepare(
        `INSERT INTO clients (id, name, name_key, company_stage, arr_band, sales_motion, region, archived, created_at, updated_at)
         VALUES (@id, @name, @name_key, @company_stage, @arr_band, @sales_motion, @region, @archived, @created_at, @updated_at)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,
           company_stage = excluded.company_stage, arr_band = excluded.arr_band, sales_motion = excluded.sales_motion,
           region = excluded.region, archived = excluded.archived, updated_at = excluded.updated_at`
      )
      .run({
        id: c.id,
        name: c.name,
        name_key: nameKey(c.name),
        company_stage: c.segment.companyStage,
        arr_band: c.segment.arrBand,
        sales_motion: c.segment.salesMotion,
        region: c.segment.region,
        archived: c.archived ? 1 : 0,
        created_at: c.createdAt,
        updated_at: c.updatedAt
      })
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM clients WHERE id = ?').run(id)
  }

  replaceAll(clients: ClientSummary[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM clients').run()
      for (const c of clients) this.upsert(c)
    })()
  }

  close(): void {
    this.db.close()
  }
}
