/**
 * Whether the vault can be written right now. A vault that was writable at unlock can stop being so mid-session:
 * the disk fills, the USB drive is remounted read-only after an error, someone locks the folder. SQLite then
 * reports only a generic I/O error; this service looks at the files themselves (access(W_OK) sees read-only mounts
 * and immutable files, statfs sees a full disk), turns the error into READ_ONLY / DISK_FULL with a message a
 * person understands, and tells the app, which keeps working read-only with a banner until writing works again.
 * Nothing is lost: a refused write is rolled back whole, and every write acknowledged before stays on disk.
 */
import { accessSync, constants, existsSync, readdirSync, statfsSync } from 'node:fs'
import { join } from 'node:path'
import type { WriteProblem } from '../../../shared/ipc/channels/vault'
import { AppError } from '../errors'
import { log } from '../log'
import type { Session } from './session'

const MESSAGES: Record<WriteProblem['problem'], string> = {
  'read-only':
    'Trellis cannot save to the vault folder any more: the disk became read-only or the files are locked against changes. Everything stays readable; this change was not saved. Make the folder writable again (or reconnect the drive), then try again.',
  'disk-full': 'The disk holding the vault is full: this change was not saved. Everything stays readable; free some space, then try again.'
}

/** Below this much free space a write will fail, whatever SQLite says. */
const FULL_BELOW_BYTES = 16 * 1024

export class WriteHealth {
  private state: WriteProblem | null = null
  private readonly listeners = new Set<(p: WriteProblem | null) => void>()

  constructor(private readonly session: Session) {}

  onChange(listener: (p: WriteProblem | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The current problem, looked at afresh (cheap: a few access() calls and one statfs). */
  current(): WriteProblem | null {
    if (!this.session.vault.unlocked) return this.set(null)
    // A vault opened read-only from the start is served from private copies: the status says readOnly already.
    if (this.session.readOnly) return this.set(null)
    return this.set(this.probe())
  }

  /** A call failed: when the vault stopped being writable, say so plainly (and tell the app). */
  failed(e: AppError): AppError {
    if (e.code !== 'READ_ONLY' && e.code !== 'DISK_FULL' && e.code !== 'IO' && e.code !== 'INTERNAL') return e
    if (!this.session.vault.unlocked || this.session.readOnly) return e
    const p = this.set(this.probe())
    // READ_ONLY and DISK_FULL already say what happened; a bare I/O error gets the reason found on disk.
    if (!p || e.code === 'READ_ONLY' || e.code === 'DISK_FULL') return e
    return new AppError(p.problem === 'read-only' ? 'READ_ONLY' : 'DISK_FULL', p.message)
  }

  /** Before each call, while a problem is shown: is it gone? Then files read from copies reopen for writing. */
  settle(): void {
    if (this.state) this.current()
  }

  private probe(): WriteProblem | null {
    const v = this.session.vault
    const paths = [v.dir, v.clientsDir]
    if (existsSync(v.clientsDir))
      for (const f of readdirSync(v.clientsDir)) if (/^c_[a-z2-7]{16}\.(trellis|key|trellis-wal)$/.test(f)) paths.push(join(v.clientsDir, f))
    for (const p of paths) {
      try {
        accessSync(p, constants.W_OK)
      } catch (err) {
        const code = (err as { code?: string }).code
        if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return { problem: 'read-only', message: MESSAGES['read-only'] }
      }
    }
    try {
      const s = statfsSync(v.dir)
      if (s.bavail * s.bsize < FULL_BELOW_BYTES) return { problem: 'disk-full', message: MESSAGES['disk-full'] }
    } catch {
      // No statfs here: the error code SQLite gave stands.
    }
    return null
  }

  private set(p: WriteProblem | null): WriteProblem | null {
    if ((p?.problem ?? null) !== (this.state?.problem ?? null)) {
      log.warn(p ? `vault cannot be written (${p.problem}); serving read-only` : 'vault writable again')
      this.state = p
      if (!p) this.session.reopenWritable()
      for (const l of this.listeners) l(p)
    }
    return p
  }
}
