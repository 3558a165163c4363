/**
 * A vault on a read-only disk (a write-protected stick, a read-only share, a folder without write permission).
 * SQLite cannot open a WAL-mode file there (it needs to create the `-shm` index beside it), so each file is read
 * from a private copy in the OS temp folder instead: the same encrypted bytes, opened read-only, deleted on lock
 * (or, after a crash, by the next start: tempFolders).
 * Nothing decrypted ever touches the disk, and every write answers READ_ONLY.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import { ownedTempDir } from '../tempFolders'

export class ReadOnlyMirror {
  private dir: string | null = ownedTempDir('trellis-readonly-')
  private copies = new Map<string, string>()

  /** The private copy of `path` (and of its WAL, so committed but unmerged writes are read too). */
  copy(path: string): string {
    if (!this.dir) throw new Error('the read-only mirror was disposed')
    const hit = this.copies.get(path)
    if (hit) return hit
    const out = join(this.dir, `${this.copies.size}-${basename(path)}`)
    if (existsSync(path)) copyFileSync(path, out)
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${out}-wal`)
    this.copies.set(path, out)
    return out
  }

  /** Forgets one copy, so the next open reads the file afresh. */
  drop(path: string): void {
    const c = this.copies.get(path)
    if (!c) return
    for (const f of [c, `${c}-wal`, `${c}-shm`]) rmSync(f, { force: true })
    this.copies.delete(path)
  }

  dispose(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true })
    this.dir = null
    this.copies.clear()
  }
}
