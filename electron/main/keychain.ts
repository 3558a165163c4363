/**
 * "Remember the unlock on this device": the vault passphrase encrypted by the OS keychain (Electron safeStorage,
 * async API), stored in `<userData>/remembered-unlock.json` per vault folder. Linux's `basic_text` backend only
 * obfuscates with a fixed key, so it is refused. The passphrase never goes back to the renderer: main unlocks
 * the backend with it. No electron import: index.ts plugs safeStorage in as a `Keystore`.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { KeychainStatus } from '../../shared/ipc/device'

export interface Keystore {
  platform: NodeJS.Platform
  /** `safeStorage.getSelectedStorageBackend()` on Linux. */
  linuxBackend(): string
  isAvailable(): Promise<boolean>
  encrypt(plain: string): Promise<Buffer>
  decrypt(blob: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
}

type Store = Record<string, string>

export class RememberedUnlock {
  constructor(
    private readonly keystore: Keystore,
    private readonly file: string,
    private readonly vaultDir: string
  ) {}

  async status(): Promise<KeychainStatus> {
    const reason = await this.unavailableReason()
    return { available: reason === null, remembered: reason === null && this.read()[this.vaultDir] !== undefined, reason }
  }

  async remember(passphrase: string): Promise<void> {
    const reason = await this.unavailableReason()
    if (reason) throw new KeychainUnavailable(reason)
    const blob = await this.keystore.encrypt(passphrase)
    this.write({ ...this.read(), [this.vaultDir]: blob.toString('base64') })
  }

  forget(): void {
    const store = this.read()
    if (!(this.vaultDir in store)) return
    delete store[this.vaultDir]
    this.write(store)
  }

  /** The remembered passphrase, or null when there is none or the keychain cannot give it back. */
  async recall(): Promise<string | null> {
    if (await this.unavailableReason()) return null
    const b64 = this.read()[this.vaultDir]
    if (!b64) return null
    try {
      const { result, shouldReEncrypt } = await this.keystore.decrypt(Buffer.from(b64, 'base64'))
      if (shouldReEncrypt) await this.remember(result)
      return result
    } catch {
      // The OS key changed (new keychain, other user): the entry is useless.
      this.forget()
      return null
    }
  }

  isRemembered(): boolean {
    return this.read()[this.vaultDir] !== undefined
  }

  private async unavailableReason(): Promise<string | null> {
    // Asking first also initialises the async encryptor, after which Linux reports the store it picked.
    const available = await this.keystore.isAvailable()
    if (this.keystore.platform === 'linux' && ['basic_text', 'unknown'].includes(this.keystore.linuxBackend()))
      return 'This computer has no password keyring that Trellis can use (such as GNOME Keyring or KWallet), so the passphrase cannot be remembered safely.'
    if (!available) return 'The system keychain is not available right now.'
    return null
  }

  private read(): Store {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'))
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {}
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'))
    } catch {
      return {}
    }
  }

  private write(store: Store): void {
    if (Object.keys(store).length === 0) {
      rmSync(this.file, { force: true })
      return
    }
    mkdirSync(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, JSON.stringify(store), { mode: 0o600 })
    renameSync(tmp, this.file)
  }
}

export class KeychainUnavailable extends Error {}
