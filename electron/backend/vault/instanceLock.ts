/**
 * One process at a time works in a vault: the app, a CLI run or a test harness. The lock is SQLite's own file
 * lock on `instance.lock` (an exclusive transaction that stays open while the vault is unlocked), so the operating
 * system releases it when the holder exits or is killed: no stale lock files, no heartbeat. `instance.json`
 * beside it only says who holds it, for a clear message; the lock itself is the truth.
 *
 * Caveat: file locks on network shares are only as good as the share's locking (SMB and NFSv4 honour them).
 */
import { hostname } from 'node:os'
import { join } from 'node:path'
import { accessSync, constants, readFileSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import { AppError, toAppError } from '../errors'
import { writeFileAtomic } from '../fsutil'

export type InstanceKind = 'app' | 'cli' | 'harness' | 'test'

export interface LockOwner {
  pid: number
  kind: InstanceKind
  host: string
  since: string
}

export const LOCK_FILE = 'instance.lock'
export const OWNER_FILE = 'instance.json'

const KIND_TEXT: Record<InstanceKind, string> = {
  app: 'the Trellis app',
  cli: 'a trellis command',
  harness: 'a Trellis test harness',
  test: 'a test'
}

export function readOwner(vaultDir: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(join(vaultDir, OWNER_FILE), 'utf8')) as LockOwner
    return typeof o.pid === 'number' && typeof o.kind === 'string' ? o : null
  } catch {
    return null
  }
}

function busyMessage(owner: LockOwner | null): string {
  if (!owner) return 'This vault is open in another Trellis process. Close or lock it there, then try again.'
  const who = `${KIND_TEXT[owner.kind] ?? 'another Trellis process'} (process ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''})`
  return `This vault is open in ${who} since ${owner.since.slice(0, 16).replace('T', ' ')} UTC. Close or lock it there, then try again.`
}

/** False on a read-only disk or without write permission (access() reports EROFS even to root). */
export function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK)
    return true
  } catch {
    return false
  }
}

export class VaultLock {
  private constructor(
    private db: Database.Database | null,
    readonly vaultDir: string
  ) {}

  /**
   * Takes the vault, waiting up to `waitMs` for another holder to let go; then VAULT_BUSY with who holds it.
   * A read-only vault folder cannot be locked for writing, and needs no lock: nobody can write there.
   */
  static acquire(vaultDir: string, kind: InstanceKind, waitMs = 2000): VaultLock {
    if (!writable(vaultDir)) return new VaultLock(null, vaultDir)
    let db: Database.Database
    try {
      db = new Database(join(vaultDir, LOCK_FILE), { timeout: waitMs })
    } catch (err) {
      throw toAppError(err, 'Opening the vault')
    }
    try {
      db.pragma('journal_mode = MEMORY') // no journal file beside the lock: nothing is ever written to it
      db.exec('BEGIN EXCLUSIVE')
    } catch (err) {
      db.close()
      const code = (err as { code?: string }).code ?? ''
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
        throw new AppError('VAULT_BUSY', busyMessage(readOwner(vaultDir)))
      throw toAppError(err, 'Opening the vault')
    }
    const owner: LockOwner = { pid: process.pid, kind, host: hostname(), since: new Date().toISOString() }
    try {
      writeFileAtomic(join(vaultDir, OWNER_FILE), JSON.stringify(owner))
    } catch {
      // Only the message of a refused process depends on it; the lock already holds.
    }
    return new VaultLock(db, vaultDir)
  }

  /** Who holds the vault right now, or null when nobody does (checked by trying the lock, not by the file). */
  static holder(vaultDir: string): LockOwner | null {
    try {
      VaultLock.acquire(vaultDir, 'cli', 0).release()
      return null
    } catch (err) {
      if (err instanceof AppError && err.code === 'VAULT_BUSY')
        return readOwner(vaultDir) ?? { pid: 0, kind: 'app', host: '', since: '' }
      return null
    }
  }

  get held(): boolean {
    return this.db !== null
  }

  release(): void {
    if (!this.db) return
    const owner = readOwner(this.vaultDir)
    try {
      if (owner?.pid === process.pid) rmSync(join(this.vaultDir, OWNER_FILE), { force: true })
    } catch {
      // The folder became read-only: the note stays (it names a pid that is gone), the lock itself still goes.
    }
    try {
      this.db.exec('ROLLBACK')
    } catch {
      // Closing releases the lock anyway.
    }
    this.db.close()
    this.db = null
  }
}
