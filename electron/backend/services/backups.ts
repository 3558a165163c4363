/**
 * Rolling encrypted backups of each client file in `backups/<clientId>/`: one when a changed client file closes,
 * one a day while it stays open and changes, and safety copies before a restore or a migration. A backup is a
 * `VACUUM INTO` copy on the keyed connection, so it is encrypted with the client's own key and is as compact as
 * the file itself. Retention (a vault-level setting in `backups/policy.json`) keeps the newest backup of each of
 * the last N days and M weeks; backups made by hand and safety copies are kept for the whole retention span.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { format, getISOWeek, getISOWeekYear } from 'date-fns'
import { z } from 'zod'
import {
  DEFAULT_BACKUP_POLICY,
  type BackupInfo,
  type BackupKind,
  type BackupPolicy
} from '../../../shared/ipc/channels/backup'
import type { ClientSummary } from '../../../shared/ipc/contract'
import type { Segment } from '../../../shared/domain/segment'
import { AppError, toAppError } from '../errors'
import { openClientFile, type ClientDb, type Sqlite } from '../db/clientFile'
import { recordChanges } from '../db/derivedWrites'
import { profile } from '../db/schema/index'
import { fsyncDir, removeDatabaseFiles, writeFileAtomic } from '../fsutil'
import { log } from '../log'
import { newClientId, rekeyAsNewClient, suffixedName } from './clients'
import type { Session } from './session'

const DAY = 86_400_000
const NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-([a-z][a-z0-9-]*)\.trellis$/

/** The clock backups read; tests move it forward to simulate days and weeks. */
export const backupClock = { now: (): number => Date.now() }

const policySchema = z.object({ daily: z.number().int().min(1).max(366), weekly: z.number().int().min(0).max(520) })

interface Parsed extends BackupInfo {
  at: number
}

function kindOf(label: string): BackupKind {
  if (label.startsWith('pre-migration')) return 'pre-migration'
  if (label.startsWith('pre-restore')) return 'pre-restore'
  if (label.startsWith('daily')) return 'daily'
  if (label.startsWith('manual')) return 'manual'
  return 'close'
}

function parseName(name: string): { at: number; kind: BackupKind } | null {
  const m = NAME.exec(name)
  if (!m) return null
  const at = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`)
  return Number.isNaN(at) ? null : { at, kind: kindOf(m[6]) }
}

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-')
}

function readProfileRow(db: ClientDb) {
  const p = db.orm.select().from(profile).where(eq(profile.id, 1)).get()
  if (!p) throw new AppError('FILE_FOREIGN', 'The backup has no client profile; it is not a Trellis client file.')
  return p
}

function toSummary(p: typeof profile.$inferSelect): ClientSummary {
  return {
    id: p.clientId,
    name: p.name,
    segment: { companyStage: p.companyStage, arrBand: p.arrBand, salesMotion: p.salesMotion, region: p.region } as Segment,
    archived: p.archived,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt
  }
}

export class BackupService {
  /** Record changes (`recordChanges`) of each connection at its last backup, so an unchanged file is not copied again. */
  private changesAtBackup = new WeakMap<Sqlite, number>()
  /** Newest backup time per client, read from the folder once and then kept up to date. */
  private lastAt = new Map<string, number>()

  constructor(private readonly session: Session) {
    session.beforeClose.push((id, db) => this.safely(id, () => this.maybeBackup(id, db, 'close', 0)))
    session.onAccess.push((id, db) => this.safely(id, () => this.maybeBackup(id, db, 'daily', DAY)))
  }

  dir(clientId: string): string {
    return join(this.session.vault.backupsDir, clientId)
  }

  private get policyPath(): string {
    return join(this.session.vault.backupsDir, 'policy.json')
  }

  policy(): BackupPolicy {
    try {
      const parsed = policySchema.safeParse(JSON.parse(readFileSync(this.policyPath, 'utf8')))
      if (parsed.success) return parsed.data
    } catch {
      // No policy saved yet (or an unreadable one): the defaults apply.
    }
    return { ...DEFAULT_BACKUP_POLICY }
  }

  setPolicy(p: BackupPolicy): BackupPolicy {
    this.session.requireWritable()
    try {
      mkdirSync(this.session.vault.backupsDir, { recursive: true, mode: 0o700 })
      writeFileAtomic(this.policyPath, JSON.stringify({ daily: p.daily, weekly: p.weekly }))
    } catch (err) {
      throw toAppError(err, 'Saving the backup settings')
    }
    for (const id of this.session.clientFileIds()) this.prune(id)
    return this.policy()
  }

  /** Backups of one client, newest first. */
  list(clientId: string): BackupInfo[] {
    this.requireListed(clientId)
    return this.scan(clientId).map(({ at: _at, ...info }) => info)
  }

  private scan(clientId: string): Parsed[] {
    const dir = this.dir(clientId)
    if (!existsSync(dir)) return []
    const out: Parsed[] = []
    for (const name of readdirSync(dir)) {
      const p = parseName(name)
      if (!p) continue
      out.push({ id: name, kind: p.kind, at: p.at, createdAt: new Date(p.at).toISOString(), bytes: statSync(join(dir, name)).size })
    }
    return out.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
  }

  /** A backup now, whatever changed (the CLI's and the settings screen's "Back up now"). */
  create(clientId: string): BackupInfo {
    this.session.requireWritable()
    this.requireListed(clientId)
    const db = this.session.client(clientId)
    const name = this.write(clientId, db.sqlite, 'manual')
    return this.list(clientId).find((b) => b.id === name)!
  }

  /**
   * Restores a backup as the current file, or as a new client beside it. The file it replaces is first kept as a
   * `pre-restore` backup, and the new file is verified (decrypts, passes integrity_check, is this client) before
   * it takes the old one's place by an atomic rename.
   */
  restore(clientId: string, backupId: string, asNew = false): ClientSummary {
    this.session.requireWritable()
    this.requireListed(clientId)
    const source = join(this.dir(clientId), backupId)
    if (!parseName(backupId) || !existsSync(source))
      throw new AppError('NOT_FOUND', 'There is no such backup of this client. List the backups to see which exist.')
    const vault = this.session.vault
    const key = vault.clientKey(clientId)
    const targetId = asNew ? newClientId() : clientId
    const tmp = join(vault.clientsDir, `${targetId}.restore.tmp`)
    let newKeyWritten = false
    try {
      removeDatabaseFiles(tmp)
      copyFileSync(source, tmp)
      // Opening migrates an older backup to this version's schema; no safety copy of a copy is needed.
      const db = openClientFile(tmp, key, { migrations: this.session.opts.migrations })
      let restored: ClientSummary
      try {
        const check = db.sqlite.pragma('integrity_check', { simple: true })
        if (check !== 'ok') throw new AppError('FILE_CORRUPT', 'That backup is damaged; pick an older one.')
        const row = readProfileRow(db)
        if (row.clientId !== clientId) throw new AppError('FILE_FOREIGN', 'That backup belongs to another client.')
        const name = this.freeName(row.name, asNew ? null : clientId, asNew)
        if (name !== row.name || asNew) {
          db.orm
            .update(profile)
            .set({ name, clientId: targetId, updatedAt: new Date().toISOString() })
            .where(eq(profile.id, 1))
            .run()
        }
        restored = toSummary(readProfileRow(db))
        if (asNew) {
          newKeyWritten = true
          rekeyAsNewClient(db.sqlite, vault, targetId)
        }
      } finally {
        db.close()
      }
      if (!asNew) this.replaceCurrent(clientId, tmp)
      else {
        renameSync(tmp, vault.clientFile(targetId))
        fsyncDir(vault.clientsDir)
      }
      this.session.index.upsert(restored)
      log.info(`backup restored ${asNew ? 'as a new client' : 'over the current file'}`)
      return restored
    } catch (err) {
      removeDatabaseFiles(tmp)
      if (newKeyWritten) rmSync(vault.clientKeyFile(targetId), { force: true })
      throw toAppError(err, 'Restoring the backup')
    }
  }

  /** Keeps the current file as a `pre-restore` backup, then moves the verified copy into its place. */
  private replaceCurrent(clientId: string, verified: string): void {
    const vault = this.session.vault
    const path = vault.clientFile(clientId)
    let db: ClientDb | null = null
    try {
      db = this.session.client(clientId)
    } catch {
      // The current file cannot be opened (damaged, say): keep its raw bytes instead of a clean copy.
    }
    if (db) this.write(clientId, db.sqlite, 'pre-restore')
    else if (existsSync(path)) {
      mkdirSync(this.dir(clientId), { recursive: true, mode: 0o700 })
      const out = join(this.dir(clientId), this.freeFileName(clientId, 'pre-restore'))
      copyFileSync(path, `${out}.tmp`)
      renameSync(`${out}.tmp`, out)
    }
    // Closing checkpoints the WAL into the file; the close backup is skipped, the pre-restore copy has it all.
    if (db) this.changesAtBackup.set(db.sqlite, Number.POSITIVE_INFINITY)
    this.session.closeClient(clientId)
    const wal = `${path}-wal`
    if (existsSync(wal) && statSync(wal).size > 0)
      throw new AppError('VAULT_BUSY', 'Another Trellis process still has this client open; close it and restore again.')
    // A leftover WAL must never be replayed onto the restored file, so it goes before the rename.
    for (const f of [wal, `${path}-shm`]) rmSync(f, { force: true })
    renameSync(verified, path)
    fsyncDir(vault.clientsDir)
  }

  private freeName(name: string, selfId: string | null, asNew: boolean): string {
    const taken = (n: string) => {
      const other = this.session.index.findByName(n)
      return other !== null && other.id !== selfId
    }
    return suffixedName(name, 'restored', taken, asNew)
  }

  private requireListed(clientId: string): void {
    if (!this.session.index.get(clientId)) throw new AppError('NOT_FOUND', 'There is no such client in this vault.')
  }

  private safely(clientId: string, fn: () => void): void {
    try {
      fn()
    } catch (err) {
      // A failed backup (disk full, read-only) must never stop the work it rides on; it is logged by id only.
      log.warn(`backup of ${clientId} failed: ${toAppError(err).code}`)
    }
  }

  private lastBackupAt(clientId: string): number {
    let at = this.lastAt.get(clientId)
    if (at === undefined) {
      at = this.scan(clientId).find((b) => b.kind !== 'pre-migration')?.at ?? 0
      this.lastAt.set(clientId, at)
    }
    return at
  }

  private maybeBackup(clientId: string, db: ClientDb, kind: 'close' | 'daily', minAge: number): void {
    const changes = recordChanges(db.sqlite)
    if (changes <= (this.changesAtBackup.get(db.sqlite) ?? 0)) return
    if (minAge > 0 && backupClock.now() - this.lastBackupAt(clientId) < minAge) return
    if (db.sqlite.inTransaction) return
    this.write(clientId, db.sqlite, kind)
  }

  private freeFileName(clientId: string, label: string): string {
    const base = `${stamp(backupClock.now())}-${label}`
    let name = `${base}.trellis`
    for (let n = 2; existsSync(join(this.dir(clientId), name)); n++) name = `${base}-${n}.trellis`
    return name
  }

  /** Writes one backup (to a temporary name first, so a crash never leaves a half backup under a real name). */
  private write(clientId: string, sqlite: Sqlite, label: string): string {
    const dir = this.dir(clientId)
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      const name = this.freeFileName(clientId, label)
      const tmp = join(dir, `${name}.tmp`)
      rmSync(tmp, { force: true })
      const changes = recordChanges(sqlite)
      try {
        sqlite.prepare('VACUUM INTO ?').run(tmp)
        renameSync(tmp, join(dir, name))
      } catch (err) {
        rmSync(tmp, { force: true })
        throw err
      }
      fsyncDir(dir)
      this.changesAtBackup.set(sqlite, changes)
      this.lastAt.set(clientId, backupClock.now())
      this.prune(clientId)
      return name
    } catch (err) {
      throw toAppError(err, 'Writing the backup')
    }
  }

  /** Applies the retention policy to one client's backups; also clears temporary files a crash left behind. */
  prune(clientId: string): void {
    const dir = this.dir(clientId)
    if (!existsSync(dir)) return
    for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) rmSync(join(dir, name), { force: true })
    const { daily, weekly } = this.policy()
    const keep = new Set<string>()
    const days = new Set<string>()
    const weeks = new Set<string>()
    const now = backupClock.now()
    const span = Math.max(daily, weekly * 7) * DAY
    for (const b of this.scan(clientId)) {
      if (b.kind === 'manual' || b.kind === 'pre-restore' || b.kind === 'pre-migration') {
        if (now - b.at < span) keep.add(b.id)
        continue
      }
      const d = new Date(b.at)
      const day = format(d, 'yyyy-MM-dd')
      const week = `${getISOWeekYear(d)}-${getISOWeek(d)}`
      // Sorted newest first, so the first backup seen of a day or week is the newest one of it.
      if (!days.has(day) && days.size < daily) {
        days.add(day)
        keep.add(b.id)
      }
      if (!weeks.has(week) && weeks.size < weekly) {
        weeks.add(week)
        keep.add(b.id)
      }
    }
    for (const b of this.scan(clientId)) if (!keep.has(b.id)) rmSync(join(dir, b.id), { force: true })
  }
}
