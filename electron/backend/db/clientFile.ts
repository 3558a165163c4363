/**
 * Opening one client file: SQLCipher 4 format with a raw 256-bit key (no per-file key stretching, so opening
 * is sub-millisecond), classification of bad files into clear errors, and migrations after a backup copy.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { AppError, toAppError } from '../errors'
import * as schema from './schema/index'

export type Orm = BetterSQLite3Database<typeof schema>
export type Sqlite = Database.Database

export interface ClientDb {
  sqlite: Sqlite
  orm: Orm
  close(): void
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

/** Key pragmas must come first: cipher and legacy select the SQLCipher 4 format before the key is applied. */
export function applyKey(db: Sqlite, key: Buffer): void {
  db.pragma(`cipher='sqlcipher'`)
  db.pragma('legacy=4')
  db.pragma(`key="x'${key.toString('hex')}'"`)
}

/** Cheap checks on the raw bytes before SQLite sees the file, so each kind of bad file gets its own message. */
function inspectFile(path: string): void {
  if (!existsSync(path)) throw new AppError('FILE_MISSING', 'The client file is missing from the vault folder.')
  const size = statSync(path).size
  if (size === 0) throw new AppError('FILE_CORRUPT', 'The client file is empty (0 bytes); it was truncated.')
  const head = Buffer.alloc(16)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, head, 0, 16, 0)
  } finally {
    closeSync(fd)
  }
  if (head.equals(SQLITE_MAGIC))
    throw new AppError('FILE_FOREIGN', 'The client file is a plain, unencrypted SQLite database, not a Trellis client file.')
  if (size < 1024 || size % 1024 !== 0)
    throw new AppError('FILE_CORRUPT', `The client file is truncated or damaged (${size} bytes is not a whole number of pages).`)
}

export interface MigrationSet {
  dir: string
  /** Number of migrations this build knows; stored in `PRAGMA user_version` after migrating. */
  version: number
}

export function loadMigrations(resourcesDir: string): MigrationSet {
  const dir = join(resourcesDir, 'migrations')
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
  return { dir, version: journal.entries.length }
}

export interface OpenOptions {
  readonly?: boolean
  create?: boolean
  migrations: MigrationSet
  /** Where a copy is written before migrating an existing file. */
  backupDir?: string
}

export function openClientFile(path: string, key: Buffer, opts: OpenOptions): ClientDb {
  if (!opts.create) inspectFile(path)
  let sqlite: Sqlite
  try {
    sqlite = new Database(path, { readonly: !!opts.readonly, fileMustExist: !opts.create })
  } catch (err) {
    throw toAppError(err, 'Opening the client file')
  }
  try {
    applyKey(sqlite, key)
    let version: number
    try {
      version = sqlite.pragma('user_version', { simple: true }) as number
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get()
    } catch (err) {
      const code = (err as { code?: string }).code ?? ''
      if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
        throw new AppError('FILE_CORRUPT', 'The client file cannot be decrypted: it is damaged, or it is not a Trellis file.')
      throw err
    }
    if (version > opts.migrations.version)
      throw new AppError(
        'FROM_FUTURE_VERSION',
        `This client file was written by a newer version of Trellis (schema ${version}; this version knows ${opts.migrations.version}). Update Trellis to open it; the file was left untouched.`
      )
    sqlite.pragma('busy_timeout = 5000')
    sqlite.pragma('temp_store = MEMORY')
    sqlite.pragma('foreign_keys = ON')
    if (!opts.readonly) {
      sqlite.pragma('journal_mode = WAL')
      sqlite.pragma('synchronous = FULL')
    }
    const orm = drizzle(sqlite, { schema })
    if (version < opts.migrations.version) {
      if (opts.readonly)
        throw new AppError('FROM_FUTURE_VERSION', 'This client file needs an upgrade before it can be read; open it in Trellis once.')
      if (version > 0 && opts.backupDir) backupCopy(sqlite, opts.backupDir, `pre-migration-v${version}`)
      migrate(orm, { migrationsFolder: opts.migrations.dir })
      sqlite.pragma(`user_version = ${opts.migrations.version}`)
    }
    return { sqlite, orm, close: () => sqlite.close() }
  } catch (err) {
    sqlite.close()
    throw toAppError(err, 'Opening the client file')
  }
}

/** An encrypted copy with the same key (the SQLite backup API does not work on encrypted files). */
export function backupCopy(sqlite: Sqlite, dir: string, label: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const out = join(dir, `${stamp}-${label}.trellis`)
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  sqlite.prepare('VACUUM INTO ?').run(out)
  return out
}
