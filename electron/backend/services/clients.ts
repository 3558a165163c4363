/** Client lifecycle: the client file is the source of truth, the index mirrors it for fast listing. */
import { randomBytes } from 'node:crypto'
import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { count, desc, eq } from 'drizzle-orm'
import type { ClientOverview, ClientSummary, DoctorReport } from '../../../shared/ipc/contract'
import { LIFECYCLE_STAGES, type LifecycleStage } from '../../../shared/domain/partner'
import type { Segment } from '../../../shared/domain/segment'
import { AppError, toAppError } from '../errors'
import { applyKey, openClientFile, type ClientDb } from '../db/clientFile'
import { partners, profile } from '../db/schema/index'
import { fsyncDir } from '../fsutil'
import type { Session } from './session'
import { toPartnerRow } from './partners'
import { runDoctor } from './doctor'

const B32 = 'abcdefghijklmnopqrstuvwxyz234567'
export function newClientId(): string {
  const bytes = randomBytes(16)
  let id = 'c_'
  for (let i = 0; i < 16; i++) id += B32[bytes[i] & 31]
  return id
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
    let db: ClientDb | null = null
    try {
      const key = vault.newClientKey(id)
      db = openClientFile(path, key, { create: true, migrations: this.session.opts.migrations })
      db.orm
        .insert(profile)
        .values({ id: 1, clientId: id, name, ...EMPTY_SEGMENT, ...segment, archived: false, createdAt: now, updatedAt: now })
        .run()
      const summary = readProfile(db)
      db.close()
      db = null
      this.session.index.upsert(summary)
      return summary
    } catch (err) {
      db?.close()
      for (const f of [path, `${path}-wal`, `${path}-shm`, vault.clientKeyFile(id)]) rmSync(f, { force: true })
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
      const path = vault.clientFile(id)
      for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true })
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
        copy.pragma(`rekey='${passphrase.replace(/'/g, "''")}'`)
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

