/** Client lifecycle: the client file is the source of truth, the index mirrors it for fast listing. */
import { randomBytes } from 'node:crypto'
import { closeSync, copyFileSync, existsSync, openSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { count, desc, eq } from 'drizzle-orm'
import type { ClientImportResult, ClientOverview, ClientSummary, DoctorReport } from '../../../shared/ipc/contract'
import { LIFECYCLE_STAGES, type LifecycleStage } from '../../../shared/domain/partner'
import type { Segment } from '../../../shared/domain/segment'
import { AppError, toAppError } from '../errors'
import { applyKey, openClientFile, readHead, sniffFileType, type ClientDb, type Sqlite } from '../db/clientFile'
import { partners, profile } from '../db/schema/index'
import { applyPassphrase, passphraseLiteral } from '../db/key'
import { fsyncDir, removeDatabaseFiles } from '../fsutil'
import type { Session } from './session'
import type { Vault } from '../vault/vault'
import { toPartnerRow } from './partners'
import { runDoctor } from './doctor'

const B32 = 'abcdefghijklmnopqrstuvwxyz234567'
export function newClientId(): string {
  const bytes = randomBytes(16)
  let id = 'c_'
  for (let i = 0; i < 16; i++) id += B32[bytes[i] & 31]
  return id
}

/**
 * Gives an open client file (a copy not yet in the vault) its own fresh raw random key, written wrapped beside it
 * as every client's key is. Used by restore-as-new and by imports.
 */
export function rekeyAsNewClient(sqlite: Sqlite, vault: Vault, id: string): void {
  const key = vault.newClientKey(id)
  sqlite.pragma('journal_mode = DELETE') // rekey rewrites every page under a rollback journal
  sqlite.pragma(`rekey="x'${key.toString('hex')}'"`)
}

/** `name` if free, else `name (suffix)`, `name (suffix) 2`, … (at most 120 characters). */
export function suffixedName(name: string, suffix: string, taken: (n: string) => boolean, always = false): string {
  if (!always && !taken(name)) return name
  const base = `${name} (${suffix})`
  let candidate = base
  for (let n = 2; taken(candidate); n++) candidate = `${base.slice(0, 110)} ${n}`
  return candidate.slice(0, 120)
}

const EMPTY_SEGMENT: Segment = { companyStage: null, arrBand: null, salesMotion: null, region: null }

function readProfile(db: ClientDb): ClientSummary {
  const p = db.orm.select().from(profile).where(eq(profile.id, 1)).get()
  if (!p) throw new AppError('FILE_FOREIGN', 'The client file has no client profile; it is not a Trellis client file.')
  return {
    id: p.clientId,
    name: p.name,
    segment: {
      companyStage: p.companyStage,
      arrBand: p.arrBand,
      salesMotion: p.salesMotion,
      region: p.region
    } as Segment,
    archived: p.archived,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt
  }
}

export class ClientService {
  constructor(private readonly session: Session) {}

  list(includeArchived = false): ClientSummary[] {
    return this.session.index.list(includeArchived)
  }

  private requireListed(id: string): ClientSummary {
    const c = this.session.index.get(id)
    if (!c) throw new AppError('NOT_FOUND', 'There is no such client in this vault.')
    return c
  }

  private assertNameFree(name: string, exceptId?: string): void {
    const other = this.session.index.findByName(name)
    if (other && other.id !== exceptId)
      throw new AppError('CONFLICT', `A client named “${other.name}” already exists. Choose another name.`)
  }

  create(name: string, segment: Partial<Segment> = {}): ClientSummary {
    this.assertNameFree(name)
    const vault = this.session.vault
    const id = newClientId()
    const now = new Date().toISOString()
    const path = vault.clientFile(id)
    // Built under a temporary name that exists before the key does, so a crash at any point leaves either a whole
    // client file or leftovers the next unlock clears (vault/leftovers.ts), never a file without its profile.
    const tmp = join(vault.clientsDir, `${id}.create.tmp`)
    let db: ClientDb | null = null
    let named = false
    try {
      closeSync(openSync(tmp, 'w', 0o600))
      const key = vault.newClientKey(id)
      db = openClientFile(tmp, key, { create: true, migrations: this.session.opts.migrations })
      db.orm
        .insert(profile)
        .values({ id: 1, clientId: id, name, ...EMPTY_SEGMENT, ...segment, archived: false, createdAt: now, updatedAt: now })
        .run()
      const summary = readProfile(db)
      db.close()
      db = null
      renameSync(tmp, path)
      named = true
      fsyncDir(vault.clientsDir)
      this.session.index.upsert(summary)
      return summary
    } catch (err) {
      db?.close()
      removeDatabaseFiles(tmp)
      if (named) removeDatabaseFiles(path)
      rmSync(vault.clientKeyFile(id), { force: true })
      throw toAppError(err, 'Creating the client')
    }
  }

  /** Opens a client and loads what its overview screen shows. */
  open(id: string): ClientOverview {
    this.requireListed(id)
    const db = this.session.client(id)
    try {
      const client = readProfile(db)
      const byStage = db.orm.select({ stage: partners.stage, n: count() }).from(partners).groupBy(partners.stage).all()
      const partnersByStage = Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, 0])) as Record<LifecycleStage, number>
      let partnerCount = 0
      for (const r of byStage) {
        if (r.stage in partnersByStage) partnersByStage[r.stage as LifecycleStage] = r.n
        partnerCount += r.n
      }
      const recent = db.orm.select().from(partners).orderBy(desc(partners.updatedAt)).limit(8).all()
      return { client, partnerCount, partnersByStage, recentPartners: recent.map(toPartnerRow) }
    } catch (err) {
      throw toAppError(err, 'Opening the client')
    }
  }

  private updateProfile(id: string, patch: Partial<typeof profile.$inferInsert>): ClientSummary {
    this.requireListed(id)
    const db = this.session.client(id)
    try {
      db.orm
        .update(profile)
        .set({ ...patch, updatedAt: new Date().toISOString() })
        .where(eq(profile.id, 1))
        .run()
      const summary = readProfile(db)
      this.session.index.upsert(summary)
      return summary
    } catch (err) {
      throw toAppError(err, 'Saving the client')
    }
  }

  rename(id: string, name: string): ClientSummary {
    this.assertNameFree(name, id)
    return this.updateProfile(id, { name })
  }

  updateSegment(id: string, segment: Partial<Segment>): ClientSummary {
    return this.updateProfile(id, segment)
  }

  archive(id: string, archived: boolean): ClientSummary {
    return this.updateProfile(id, { archived })
  }

  /** Removes the client's file, key and backups. The UI asks for confirmation first. */
  delete(id: string): void {
    this.requireListed(id)
    const vault = this.session.vault
    this.session.closeClient(id)
    try {
      // The key goes first: without it, whatever remains of the file is unreadable.
      rmSync(vault.clientKeyFile(id), { force: true })
      removeDatabaseFiles(vault.clientFile(id))
      rmSync(join(vault.backupsDir, id), { recursive: true, force: true })
      fsyncDir(vault.clientsDir)
      this.session.index.remove(id)
    } catch (err) {
      throw toAppError(err, 'Deleting the client')
    }
  }

  /**
   * A standalone copy keyed with a passphrase the client is given; the stock `sqlcipher` 4 tool opens it with
   * `PRAGMA key='<passphrase>'`. Written next to its destination, then renamed, so a failure leaves no half file.
   */
  handover(id: string, outPath: string, passphrase: string, overwrite = false): { path: string; bytes: number } {
    this.requireListed(id)
    if (existsSync(outPath) && !overwrite)
      throw new AppError('CONFLICT', `${outPath} already exists. Choose another file name or allow overwriting.`)
    const folder = dirname(outPath)
    if (!existsSync(folder)) throw new AppError('NOT_FOUND', `The folder ${folder} does not exist.`)
    if (!statSync(folder).isDirectory()) throw new AppError('NOT_FOUND', `${folder} is a file, not a folder.`)
    if (existsSync(outPath) && statSync(outPath).isDirectory())
      throw new AppError('CONFLICT', `${outPath} is a folder. Give the name of the file to write.`)
    const db = this.session.client(id)
    const tmp = `${outPath}.${process.pid}.tmp`
    try {
      rmSync(tmp, { force: true })
      // VACUUM INTO reads through the connection (WAL included): no checkpoint, so a failed copy changes no file.
      db.sqlite.prepare('VACUUM INTO ?').run(tmp)
      const copy = new Database(tmp)
      try {
        applyKey(copy, this.session.vault.clientKey(id))
        copy.pragma('journal_mode = DELETE') // rekey needs a rollback journal, and the stock tool reads one file
        copy.pragma(`rekey=${passphraseLiteral(passphrase)}`)
      } finally {
        copy.close()
      }
      renameSync(tmp, outPath)
      fsyncDir(dirname(outPath))
      return { path: outPath, bytes: statSync(outPath).size }
    } catch (err) {
      rmSync(tmp, { force: true })
      if ((err as { code?: string }).code === 'SQLITE_CANTOPEN')
        throw new AppError('READ_ONLY', `The handover copy cannot be written in ${folder} (no permission, or a read-only disk).`)
      throw toAppError(err, 'Writing the handover copy')
    }
  }

  /**
   * Opens a `.trellis` file from outside the app. A file of this vault's clients folder answers with its client;
   * any other is read as a handover file (SQLCipher 4 keyed with `passphrase`): copied next to the vault's files,
   * checked, given a fresh raw key and a new id (and a suffixed name on a clash), then renamed into place. The
   * original is only ever read; on any failure the copy and its key are removed.
   */
  importFile(path: string, passphrase: string | undefined): ClientImportResult {
    let real: string
    try {
      real = realpathSync(path)
    } catch {
      throw new AppError('NOT_FOUND', `The file ${basename(path)} does not exist (moved or deleted?).`)
    }
    if (!statSync(real).isFile()) throw new AppError('NOT_FOUND', `${basename(path)} is a folder, not a Trellis file.`)
    const vault = this.session.vault
    const own = /^(c_[a-z2-7]{16})\.trellis$/.exec(basename(real))
    if (own && existsSync(vault.clientsDir) && dirname(real) === realpathSync(vault.clientsDir)) {
      const listed = this.session.index.get(own[1])
      if (listed) return { client: listed, outcome: 'existing' }
    }
    const size = statSync(real).size
    const kind = sniffFileType(readHead(real))
    if (size === 0 || kind || size < 1024 || size % 1024 !== 0)
      throw new AppError('FILE_CORRUPT', `${basename(path)} is ${kind ?? 'damaged or truncated'}, not a Trellis client or handover file.`)
    if (!passphrase) throw new AppError('KEY_INVALID', 'Enter the handover passphrase this file was given with.')
    this.session.requireWritable()
    const id = newClientId()
    const tmp = join(vault.clientsDir, `${id}.import.tmp`)
    let keyWritten = false
    try {
      removeDatabaseFiles(tmp)
      copyFileSync(real, tmp)
      // The handover passphrase: PBKDF2 in SQLCipher 4's defaults, as the stock tool opens it.
      const raw = new Database(tmp, { fileMustExist: true })
      try {
        applyPassphrase(raw, passphrase)
        let version: number
        try {
          raw.prepare('SELECT count(*) FROM sqlite_master').get()
          version = raw.pragma('user_version', { simple: true }) as number
        } catch (err) {
          const code = (err as { code?: string }).code ?? ''
          if (code === 'SQLITE_NOTADB')
            throw new AppError('KEY_INVALID', 'That passphrase does not open this file. Check it with whoever gave you the file.')
          if (code.startsWith('SQLITE_CORRUPT'))
            throw new AppError('FILE_CORRUPT', `${basename(path)} is damaged (it decrypts, but its structure is broken).`)
          throw err
        }
        const migrations = this.session.opts.migrations
        if (version > migrations.version)
          throw new AppError(
            'FROM_FUTURE_VERSION',
            `${basename(path)} was written by a newer version of Trellis (schema ${version}; this version knows ${migrations.version}). Update Trellis to import it.`
          )
        if (version === 0) throw new AppError('FILE_CORRUPT', `${basename(path)} is an encrypted database, but not a Trellis client file.`)
        if (raw.pragma('integrity_check', { simple: true }) !== 'ok')
          throw new AppError('FILE_CORRUPT', `${basename(path)} is damaged; ask for a new handover file.`)
        keyWritten = true
        rekeyAsNewClient(raw, vault, id)
      } finally {
        raw.close()
      }
      // From here it is an ordinary client file: opening migrates an older schema.
      const db = openClientFile(tmp, vault.clientKey(id), { migrations: this.session.opts.migrations })
      let summary: ClientSummary
      try {
        let row: ClientSummary
        try {
          row = readProfile(db)
        } catch {
          throw new AppError('FILE_CORRUPT', `${basename(path)} is an encrypted database, but not a Trellis client file.`)
        }
        const name = suffixedName(row.name, 'imported', (n) => this.session.index.findByName(n) !== null)
        db.orm
          .update(profile)
          .set({ name, clientId: id, updatedAt: new Date().toISOString() })
          .where(eq(profile.id, 1))
          .run()
        db.sqlite.pragma('wal_checkpoint(TRUNCATE)')
        db.sqlite.pragma('journal_mode = DELETE')
        summary = readProfile(db)
      } finally {
        db.close()
      }
      for (const f of [`${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
      renameSync(tmp, vault.clientFile(id))
      fsyncDir(vault.clientsDir)
      this.session.index.upsert(summary)
      return { client: summary, outcome: 'imported' }
    } catch (err) {
      removeDatabaseFiles(tmp)
      if (keyWritten) rmSync(vault.clientKeyFile(id), { force: true })
      throw toAppError(err, 'Importing the file')
    }
  }

  /**
   * Lists a whole client file the index does not know (a create or import cut off between renaming the file into
   * place and listing it). False when it cannot be read as this client; `doctor` then says why.
   */
  adopt(id: string): boolean {
    const vault = this.session.vault
    let db: ClientDb | null = null
    try {
      // Opened directly, not through the session: no backup hooks for a file that is only being looked at. A file of
      // an older schema is migrated here, so it gets its pre-migration copy like any other open; held exclusively,
      // as the session holds files, so no `-shm` is mapped from the vault.
      db = openClientFile(vault.clientFile(id), vault.clientKey(id), {
        exclusive: true,
        migrations: this.session.opts.migrations,
        backupDir: join(vault.backupsDir, id)
      })
      const summary = readProfile(db)
      if (summary.id !== id) return false
      const name = suffixedName(summary.name, 'recovered', (n) => this.session.index.findByName(n) !== null)
      this.session.index.upsert({ ...summary, name })
      return true
    } catch {
      return false
    } finally {
      db?.close()
    }
  }

  /** Rebuilds the index from the client files and their keys; see services/doctor.ts. */
  doctor(): DoctorReport {
    return runDoctor(this.session, (id) => readProfile(this.session.client(id)))
  }

  /** Cheap change marker for caches: the file's size and modification time. */
  changeMarker(id: string): string {
    const st = statSync(this.session.vault.clientFile(id))
    const wal = `${this.session.vault.clientFile(id)}-wal`
    const w = existsSync(wal) ? statSync(wal) : null
    return `${st.size}:${st.mtimeMs}:${w?.size ?? 0}:${w?.mtimeMs ?? 0}`
  }
}

