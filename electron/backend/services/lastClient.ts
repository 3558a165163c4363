/**
 * Which client was open last, so the app reopens it after the next unlock. Kept in the vault folder
 * (`settings/last-client.json`, the client's id encrypted with a key derived from the vault key), written once when
 * the vault locks or the app quits rather than on every switch, and never on a vault that cannot be written.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../fsutil'
import { log } from '../log'
import { subkey, unwrap, wrap } from '../vault/keys'
import type { Session } from './session'

const fileSchema = z.object({ v: z.literal(1), data: z.object({ iv: z.string(), tag: z.string(), ct: z.string() }) })
const AAD = 'last-client'

export class LastClient {
  /** Opened in this unlock; undefined until a client is opened. */
  private opened: string | undefined
  /** What the file says, read once per unlock. */
  private saved: string | null | undefined

  constructor(private readonly session: Session) {
    session.beforeLock.push(() => this.save())
  }

  private get path(): string {
    return join(this.session.vault.dir, 'settings', 'last-client.json')
  }

  private key(): Buffer {
    return subkey(this.session.vault.key(), 'last-client')
  }

  opening(id: string): void {
    this.opened = id
  }

  /** The client open last (in this unlock, or when the vault last locked); null when none or unreadable. */
  get(): string | null {
    if (this.opened) return this.opened
    if (this.saved === undefined) this.saved = this.read()
    return this.saved
  }

  private read(): string | null {
    if (!existsSync(this.path)) return null
    try {
      const file = fileSchema.parse(JSON.parse(readFileSync(this.path, 'utf8')))
      const plain = unwrap(this.key(), file.data, AAD)
      const id = plain ? (JSON.parse(plain.toString('utf8')) as { clientId?: unknown }).clientId : null
      return typeof id === 'string' ? id : null
    } catch {
      // Only a convenience: a damaged or foreign file means no client is reopened.
      return null
    }
  }

  private save(): void {
    const id = this.opened
    this.opened = undefined
    this.saved = undefined
    if (!id || this.session.readOnly || !this.session.vault.unlocked) return
    try {
      mkdirSync(join(this.session.vault.dir, 'settings'), { recursive: true, mode: 0o700 })
      writeFileAtomic(this.path, JSON.stringify({ v: 1, data: wrap(this.key(), Buffer.from(JSON.stringify({ clientId: id }), 'utf8'), AAD) }))
    } catch (err) {
      log.warn('the last open client could not be remembered', err)
    }
  }
}
