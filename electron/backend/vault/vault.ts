/**
 * A vault is a folder: `vault.json` (header: KDF parameters and the wrapped vault key), `index.db` (an encrypted,
 * rebuildable list of clients), `clients/<id>.trellis` (one SQLCipher-4 file per client) beside
 * `clients/<id>.key` (that file's random key, wrapped by the vault key), and `backups/`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError, toAppError } from '../errors'
import { writeFileAtomic } from '../fsutil'
import type { InstanceKind } from './instanceLock'
import {
  decodeRecoveryKey,
  encodeRecoveryKey,
  newKdfParams,
  randomKey,
  recoveryKek,
  stretchPassphrase,
  unwrap,
  wrap,
  type KdfParams
} from './keys'

export const VAULT_FORMAT = 'trellis-vault'
export const VAULT_VERSION = 1

const wrappedSchema = z.object({ iv: z.string(), tag: z.string(), ct: z.string() })
const headerSchema = z.object({
  format: z.literal(VAULT_FORMAT),
  version: z.number().int(),
  vaultId: z.string(),
  createdAt: z.string(),
  kdf: z.object({
    alg: z.literal('scrypt'),
    N: z.number().int().min(2 ** 10).max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.string()
  }),
  slots: z.object({ passphrase: wrappedSchema, recovery: wrappedSchema })
})
export type VaultHeader = z.infer<typeof headerSchema>

const keyFileSchema = z.object({ v: z.literal(1), clientId: z.string(), key: wrappedSchema })

export interface VaultOptions {
  /** Lower scrypt cost; tests use it to keep thousands of unlocks fast. Stored in the header. */
  kdfCost?: { N?: number; r?: number; p?: number }
  /** Who takes the vault's instance lock at unlock (named to a process that is refused), default 'app'. */
  instanceKind?: InstanceKind
  /** How long an unlock waits for another process to let go of the vault before VAULT_BUSY (default 2 s). */
  lockWaitMs?: number
}

export class Vault {
  private vaultKey: Buffer | null = null

  constructor(readonly dir: string) {}

  get headerPath(): string {
    return join(this.dir, 'vault.json')
  }
  get indexPath(): string {
    return join(this.dir, 'index.db')
  }
  get clientsDir(): string {
    return join(this.dir, 'clients')
  }
  get backupsDir(): string {
    return join(this.dir, 'backups')
  }
  clientFile(id: string): string {
    return join(this.clientsDir, `${id}.trellis`)
  }
  clientKeyFile(id: string): string {
    return join(this.clientsDir, `${id}.key`)
  }

  exists(): boolean {
    return existsSync(this.headerPath)
  }

  get unlocked(): boolean {
    return this.vaultKey !== null
  }

  /** The vault key, or VAULT_LOCKED. Never leaves the backend. */
  key(): Buffer {
    if (!this.vaultKey) throw new AppError('VAULT_LOCKED', 'The vault is locked. Unlock it with your passphrase.')
    return this.vaultKey
  }

  async create(passphrase: string, opts: VaultOptions = {}): Promise<{ recoveryKey: string }> {
    if (this.exists()) throw new AppError('VAULT_EXISTS', `A vault already exists in ${this.dir}.`)
    const vaultKey = randomKey()
    const recovery = randomKey()
    const kdf = newKdfParams(opts.kdfCost)
    const kek = await stretchPassphrase(passphrase, kdf)
    const header: VaultHeader = {
      format: VAULT_FORMAT,
      version: VAULT_VERSION,
      vaultId: randomKey().subarray(0, 8).toString('hex'),
      createdAt: new Date().toISOString(),
      kdf,
      slots: { passphrase: wrap(kek, vaultKey, 'slot:passphrase'), recovery: wrap(recoveryKek(recovery), vaultKey, 'slot:recovery') }
    }
    try {
      mkdirSync(this.clientsDir, { recursive: true, mode: 0o700 })
      mkdirSync(this.backupsDir, { recursive: true, mode: 0o700 })
      writeFileAtomic(this.headerPath, JSON.stringify(header, null, 2))
    } catch (err) {
      throw toAppError(err, 'Creating the vault')
    }
    this.vaultKey = vaultKey
    return { recoveryKey: encodeRecoveryKey(recovery) }
  }

  readHeader(): VaultHeader {
    if (!this.exists()) throw new AppError('VAULT_NOT_FOUND', `There is no vault in ${this.dir}. Create one first.`)
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(this.headerPath, 'utf8'))
    } catch {
      throw new AppError('FILE_CORRUPT', 'The vault header (vault.json) is damaged and cannot be read.')
    }
    const probe = z.object({ format: z.string(), version: z.number() }).safeParse(raw)
    if (probe.success && probe.data.format === VAULT_FORMAT && probe.data.version > VAULT_VERSION)
      throw new AppError('FROM_FUTURE_VERSION', 'This vault was written by a newer version of Trellis. Update Trellis to open it.')
    const parsed = headerSchema.safeParse(raw)
    if (!parsed.success) throw new AppError('FILE_CORRUPT', 'The vault header (vault.json) is damaged or not a Trellis vault.')
    return parsed.data
  }

  async unlock(secret: { passphrase: string } | { recoveryKey: string }): Promise<void> {
    const header = this.readHeader()
    let vaultKey: Buffer | null
    if ('passphrase' in secret) {
      const kek = await stretchPassphrase(secret.passphrase, header.kdf as KdfParams)
      vaultKey = unwrap(kek, header.slots.passphrase, 'slot:passphrase')
      if (!vaultKey) throw new AppError('KEY_INVALID', 'Wrong passphrase. Check it and try again, or use your recovery key.')
    } else {
      const recovery = decodeRecoveryKey(secret.recoveryKey)
      if (!recovery)
        throw new AppError('KEY_INVALID', 'That is not a recovery key: it has 52 letters and digits in groups of four.')
      vaultKey = unwrap(recoveryKek(recovery), header.slots.recovery, 'slot:recovery')
      if (!vaultKey) throw new AppError('KEY_INVALID', 'Wrong recovery key. Check each group and try again.')
    }
    this.vaultKey = vaultKey
  }

  lock(): void {
    this.vaultKey?.fill(0)
    this.vaultKey = null
  }

  /** Re-wraps the vault key only: client files and their keys are not touched. */
  async changePassphrase(current: string, next: string, opts: VaultOptions = {}): Promise<void> {
    const header = this.readHeader()
    const oldKek = await stretchPassphrase(current, header.kdf as KdfParams)
    const vaultKey = unwrap(oldKek, header.slots.passphrase, 'slot:passphrase')
    if (!vaultKey) throw new AppError('KEY_INVALID', 'The current passphrase is wrong; the passphrase was not changed.')
    const kdf = newKdfParams(opts.kdfCost ?? { N: header.kdf.N, r: header.kdf.r, p: header.kdf.p })
    const kek = await stretchPassphrase(next, kdf)
    const updated: VaultHeader = { ...header, kdf, slots: { ...header.slots, passphrase: wrap(kek, vaultKey, 'slot:passphrase') } }
    try {
      writeFileAtomic(this.headerPath, JSON.stringify(updated, null, 2))
    } catch (err) {
      throw toAppError(err, 'Changing the passphrase')
    }
    this.vaultKey = vaultKey
  }

  /**
   * Sets a new passphrase with the recovery key, for when the passphrase is lost. Like a change, it re-wraps the
   * vault key only; the recovery key stays valid.
   */
  async resetPassphrase(recoveryKeyText: string, next: string, opts: VaultOptions = {}): Promise<void> {
    const header = this.readHeader()
    const recovery = decodeRecoveryKey(recoveryKeyText)
    if (!recovery) throw new AppError('KEY_INVALID', 'That is not a recovery key: it has 52 letters and digits in groups of four.')
    const vaultKey = unwrap(recoveryKek(recovery), header.slots.recovery, 'slot:recovery')
    if (!vaultKey) throw new AppError('KEY_INVALID', 'Wrong recovery key; the passphrase was not changed.')
    const kdf = newKdfParams(opts.kdfCost ?? { N: header.kdf.N, r: header.kdf.r, p: header.kdf.p })
    const kek = await stretchPassphrase(next, kdf)
    const updated: VaultHeader = { ...header, kdf, slots: { ...header.slots, passphrase: wrap(kek, vaultKey, 'slot:passphrase') } }
    try {
      writeFileAtomic(this.headerPath, JSON.stringify(updated, null, 2))
    } catch (err) {
      throw toAppError(err, 'Resetting the passphrase')
    }
    this.vaultKey = vaultKey
  }

  // ---- per-client keys ----
  newClientKey(id: string): Buffer {
    const key = randomKey()
    const body = { v: 1 as const, clientId: id, key: wrap(this.key(), key, `client:${id}`) }
    writeFileAtomic(this.clientKeyFile(id), JSON.stringify(body))
    return key
  }

  clientKey(id: string): Buffer {
    const vaultKey = this.key()
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(this.clientKeyFile(id), 'utf8'))
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT')
        throw new AppError('FILE_MISSING', 'The key file of this client is missing, so its data cannot be decrypted.')
      throw new AppError('FILE_CORRUPT', 'The key file of this client is damaged.')
    }
    const parsed = keyFileSchema.safeParse(raw)
    if (!parsed.success || parsed.data.clientId !== id)
      throw new AppError('FILE_CORRUPT', 'The key file of this client is damaged.')
    const key = unwrap(vaultKey, parsed.data.key, `client:${id}`)
    if (!key) throw new AppError('KEY_INVALID', 'The key file of this client belongs to another vault or was altered.')
    return key
  }
}
