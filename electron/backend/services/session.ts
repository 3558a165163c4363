/**
 * The unlocked state of one vault: the vault key, the index, and an LRU of open client files so switching
 * between clients is instant. Locking closes every file and forgets every key.
 */
import { readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../errors'
import { log } from '../log'
import { openClientFile, type ClientDb, type MigrationSet } from '../db/clientFile'
import { Vault, type VaultOptions } from '../vault/vault'
import { VaultIndex } from '../vault/index'
import { VaultLock, writable } from '../vault/instanceLock'
import { clearLeftovers } from '../vault/leftovers'
import { ReadOnlyMirror } from '../vault/readOnly'
import { subkey } from '../vault/keys'

const MAX_OPEN_CLIENTS = 12

export interface SessionOptions extends VaultOptions {
  vaultDir: string
  migrations: MigrationSet
}

export class Session {
  readonly vault: Vault
  private indexDb: VaultIndex | null = null
  private open = new Map<string, ClientDb>()
  private instance: VaultLock | null = null
  private mirror: ReadOnlyMirror | null = null
  /** Files opened from private copies because the vault stopped being writable after unlock. */
  private lateMirror: ReadOnlyMirror | null = null
  private readonly lateMirrored = new Set<string>()
  /** Run before a client file's connection closes (backups on close); a failing hook never blocks the close. */
  readonly beforeClose: ((id: string, db: ClientDb) => void)[] = []
  /** Run before the files close and the keys are dropped on lock (what should be kept of this unlock). */
  readonly beforeLock: (() => void)[] = []
  /** Run each time an open client file is handed out (the daily backup while a client stays open). */
  readonly onAccess: ((id: string, db: ClientDb) => void)[] = []

  constructor(readonly opts: SessionOptions) {
    this.vault = new Vault(opts.vaultDir)
  }

  get index(): VaultIndex {
    if (!this.indexDb) throw new AppError('VAULT_LOCKED', 'The vault is locked. Unlock it with your passphrase.')
    return this.indexDb
  }

  /**
   * Opens the index after an unlock; a missing or damaged index is rebuilt from the client files. On a writable
   * vault, what an interrupted write left is cleared and a whole client file the index misses (a create or import
   * cut off just before listing it) is listed through `adopt`.
   */
  attachIndex(rebuild: () => void, adopt: (id: string) => boolean = () => false): { rebuilt: boolean } {
    // One process per vault: a second app, CLI run or harness waits briefly, then gets VAULT_BUSY and stays locked.
    try {
      this.instance ??= VaultLock.acquire(this.vault.dir, this.opts.instanceKind ?? 'app', this.opts.lockWaitMs)
    } catch (err) {
      this.vault.lock()
      throw err
    }
    if (!writable(this.vault.dir)) {
      this.mirror = new ReadOnlyMirror()
      log.warn('the vault folder cannot be written: opened read-only')
    }
    const key = subkey(this.vault.key(), 'index')
    const path = this.mirror ? this.mirror.copy(this.vault.indexPath) : this.vault.indexPath
    const fresh = !existsSync(path)
    let rebuilt = false
    try {
      this.indexDb = VaultIndex.open(path, key)
    } catch (err) {
      if (err instanceof AppError && err.code === 'FROM_FUTURE_VERSION') throw err
      VaultIndex.remove(path)
      this.indexDb = VaultIndex.open(path, key)
      rebuild()
      rebuilt = true
    }
    if (!rebuilt && fresh && this.clientFileIds().length > 0) {
      rebuild()
      rebuilt = true
    }
    // Read-only: the index is a private copy (rebuilt there if need be); nothing may change it now.
    if (this.mirror) this.indexDb.db.pragma('query_only = ON')
    else {
      const index = this.indexDb
      clearLeftovers(this.vault, (id) => index.get(id) !== null)
      if (!rebuilt)
        for (const id of this.clientFileIds())
          if (!index.get(id) && adopt(id)) log.warn('a client file missing from the index (an interrupted write) was listed again')
    }
    return { rebuilt }
  }

  /** True when the vault folder cannot be written: everything reads, every write answers READ_ONLY. */
  get readOnly(): boolean {
    return this.mirror !== null
  }

  /** For writes that would otherwise fail deep inside SQLite with a less telling error. */
  requireWritable(): void {
    if (this.mirror)
      throw new AppError('READ_ONLY', 'The vault folder cannot be written (read-only disk or no permission): Trellis shows it but cannot save changes.')
  }

  /** Ids of every `<id>.trellis` file in the clients folder. */
  clientFileIds(): string[] {
    if (!existsSync(this.vault.clientsDir)) return []
    return readdirSync(this.vault.clientsDir)
      .filter((f) => /^c_[a-z2-7]{16}\.trellis$/.test(f))
      .map((f) => f.slice(0, -'.trellis'.length))
  }

  /** An open connection to a client file (cached). */
  client(id: string): ClientDb {
    const hit = this.open.get(id)
    if (hit) {
      this.open.delete(id)
      this.open.set(id, hit)
      for (const h of this.onAccess) h(id, hit)
      return hit
    }
    const file = this.vault.clientFile(id)
    let db: ClientDb
    try {
      db = openClientFile(this.mirror ? this.mirror.copy(file) : file, this.vault.clientKey(id), {
        readonly: this.mirror !== null,
        exclusive: true,
        migrations: this.opts.migrations,
        backupDir: join(this.vault.backupsDir, id)
      })
    } catch (err) {
      // The vault stopped being writable mid-session (full or read-only disk, locked files): read this file from a
      // private copy, as for a vault that was read-only from the start, until writing works again.
      if (this.mirror || !(err instanceof AppError) || !['IO', 'READ_ONLY', 'DISK_FULL'].includes(err.code)) throw err
      if (writable(this.vault.dir) && writable(file)) throw err
      this.lateMirror ??= new ReadOnlyMirror()
      db = openClientFile(this.lateMirror.copy(file), this.vault.clientKey(id), { readonly: true, exclusive: true, migrations: this.opts.migrations })
      this.lateMirrored.add(id)
    }
    this.open.set(id, db)
    if (this.open.size > MAX_OPEN_CLIENTS) {
      const [oldest, odb] = this.open.entries().next().value as [string, ClientDb]
      this.open.delete(oldest)
      this.closeDb(oldest, odb)
    }
    return db
  }

  /**
   * A plaintext image of a client file this session holds open, for a reader in another thread (the benchmark):
   * the session's connections hold their files exclusively, so nobody else can open them meanwhile. Null when the
   * file is not open here. The image lives in memory only and is marked a rollback-journal database so it opens
   * from a buffer.
   */
  snapshot(id: string): Buffer | null {
    const db = this.open.get(id)
    if (!db) return null
    const image = db.sqlite.serialize()
    // Bytes 18 and 19 are the write and read format versions: 2 = WAL, which a database in memory cannot be.
    image[18] = 1
    image[19] = 1
    return image
  }

  closeClient(id: string): void {
    const db = this.open.get(id)
    if (db) {
      this.open.delete(id)
      this.closeDb(id, db)
    }
  }

  private closeDb(id: string, db: ClientDb): void {
    for (const h of this.beforeClose) {
      try {
        h(id, db)
      } catch (err) {
        log.warn('a hook before closing a client file failed', err)
      }
    }
    db.close()
  }

  /**
   * The vault is writable again: every file opened meanwhile (from a private copy, or by SQLite read-only in place)
   * is closed, so the next use opens it for writing.
   */
  reopenWritable(): void {
    for (const id of [...this.open.keys()]) this.closeClient(id)
    this.lateMirrored.clear()
    this.lateMirror?.dispose()
    this.lateMirror = null
  }

  lock(): void {
    if (this.vault.unlocked)
      for (const h of this.beforeLock) {
        try {
          h()
        } catch (err) {
          log.warn('a hook before locking failed', err)
        }
      }
    for (const [id, db] of this.open) this.closeDb(id, db)
    this.open.clear()
    this.indexDb?.close()
    this.indexDb = null
    this.vault.lock()
    // Last: backups made while closing files still happen under the lock.
    this.instance?.release()
    this.instance = null
    this.mirror?.dispose()
    this.mirror = null
    this.lateMirrored.clear()
    this.lateMirror?.dispose()
    this.lateMirror = null
  }
}
