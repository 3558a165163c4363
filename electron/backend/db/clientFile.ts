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
import { applyKey } from './key'
import * as schema from './schema/index'

export type Orm = BetterSQLite3Database<typeof schema>
export type Sqlite = Database.Database

export interface ClientDb {
  sqlite: Sqlite
  orm: Orm
  close(): void
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

export { applyKey } from './key'

/** Recognisable file types, so a file that is not a Trellis client file is named for what it is. */
const MAGICS: [Buffer, string][] = [
  [SQLITE_MAGIC, 'a plain, unencrypted SQLite database'],
  [Buffer.from('%PDF-'), 'a PDF document'],
  [Buffer.from('PK\x03\x04', 'latin1'), 'a ZIP archive (or an Office document)'],
  [Buffer.from('\x89PNG', 'latin1'), 'a PNG image']
]
// No magic shorter than four bytes: an encrypted file starts with a random salt, and a short magic would match
// one real client file in a few hundred.

/** What a file's first bytes say it is; null when they look like random (possibly encrypted) data. */
export function sniffFileType(head: Buffer): string | null {
  for (const [magic, what] of MAGICS) if (head.length >= magic.length && head.subarray(0, magic.length).equals(magic)) return what
  // Encrypted pages look random; text is printable ASCII / UTF-8 with line breaks.
  const sample = head.subarray(0, 512)
  if (sample.length === 0) return 'an empty file'
  let printable = 0
  for (const b of sample) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09 || b >= 0xc2) printable++
  return printable === sample.length ? 'a text file' : null
}

export function readHead(path: string, bytes = 512): Buffer {
  const head = Buffer.alloc(bytes)
  const fd = openSync(path, 'r')
  try {
    return head.subarray(0, readSync(fd, head, 0, bytes, 0))
  } finally {
    closeSync(fd)
  }
}

/** Cheap checks on the raw bytes before SQLite sees the file, so each kind of bad file gets its own message. */
function inspectFile(path: string): void {
  if (!existsSync(path)) throw new AppError('FILE_MISSING', 'The client file is missing from the vault folder.')
  const size = statSync(path).size
  if (size === 0) throw new AppError('FILE_CORRUPT', 'The client file is empty (0 bytes); it was truncated.')
  const kind = sniffFileType(readHead(path))
  if (kind) throw new AppError('FILE_FOREIGN', `The client file is ${kind}, not an encrypted Trellis client file.`)
  if (size < 1024 || size % 1024 !== 0)
    throw new AppError('FILE_CORRUPT', `The client file is truncated or damaged (${size} bytes is not a whole number of pages).`)
}

/**
 * A file shorter than its own header says was cut off (a copy or sync that stopped half-way). Only checked
 * without a WAL, whose frames may legitimately hold pages beyond the end of the main file.
 */
function checkLength(sqlite: Sqlite, path: string): void {
  const wal = `${path}-wal`
  if (existsSync(wal) && statSync(wal).size > 0) return
  const pages = sqlite.pragma('page_count', { simple: true }) as number
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number
  const size = statSync(path).size
  if (pages * pageSize > size)
    throw new AppError(
      'FILE_CORRUPT',
      `The client file is truncated: it holds ${Math.floor(size / pageSize)} of its ${pages} pages. Restore it from a backup.`
    )
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
  /**
   * Hold the file for this connection alone, with the WAL index in this process's memory instead of a `-shm` file
   * mapped beside it. A mapped file fails with SIGBUS (the process dies) when its disk goes away or the file is
   * locked against change under it; plain reads and writes fail with an error the app can report. The session's
   * connections use it; other readers get a snapshot from the session (`Session.snapshot`). Ignored read-only.
   */
  exclusive?: boolean
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
    // Before the first read: a WAL file's index goes to shared memory at its first access. A read-only connection
    // cannot take the write lock this needs; those read private copies in the OS temp folder (vault/readOnly.ts).
    if (opts.exclusive && !opts.readonly) sqlite.pragma('locking_mode = EXCLUSIVE')
    let version: number
    try {
      version = sqlite.pragma('user_version', { simple: true }) as number
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get()
    } catch (err) {
      const code = (err as { code?: string }).code ?? ''
      if (code === 'SQLITE_NOTADB')
        throw new AppError(
          'FILE_CORRUPT',
          'The client file cannot be decrypted with its key: its first page is damaged, or it is not this client’s file.'
        )
      // The first page decrypted, so the key is right; what follows does not fit it.
      if (code.startsWith('SQLITE_CORRUPT'))
        throw new AppError(
          'FILE_CORRUPT',
          'The client file is truncated or damaged: it decrypts, but it is shorter than its header says or its structure is broken (a copy or sync that stopped half-way?). Restore it from a backup.'
        )
      throw err
    }
    if (!opts.create) checkLength(sqlite, path)
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
