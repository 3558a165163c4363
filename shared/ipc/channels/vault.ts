import { z } from 'zod'
import { anyPassphrase, channel, empty, passphrase, recoveryKey } from '../fields'

export interface VaultStatus {
  /** Whether a vault exists in the configured folder. */
  exists: boolean
  unlocked: boolean
  /** Shown in settings so the consultant knows where the data lives. */
  location: string
  /** The vault folder cannot be written (read-only disk or no permission): everything reads, nothing saves. */
  readOnly?: boolean
  /** The vault was writable at unlock but no longer is (disk full, read-only disk, locked files): shown as a banner. */
  writeProblem?: WriteProblem | null
  /** Unlocked: the client that was open last (in this unlock, or before the vault last locked), to reopen it. */
  lastClientId?: string | null
}

/** Why writes fail right now, in words for the banner. */
export interface WriteProblem {
  problem: 'read-only' | 'disk-full'
  message: string
}

export interface DoctorReport {
  clientsFound: number
  indexRebuilt: boolean
  /** Client files that cannot be read (left untouched), each with the reason. */
  problems: { file: string; code: string; message: string }[]
  /** Other files in the clients folder (dropped there by hand, leftovers): never opened, never changed. */
  ignored: { file: string; reason: string }[]
}

export const vaultChannels = {
  'vault.status': channel<VaultStatus>()(empty),
  'vault.create': channel<{ recoveryKey: string }>()(z.object({ passphrase }).strict()),
  'vault.unlock': channel<{ clientCount: number }>()(
    z.union([z.object({ passphrase: anyPassphrase }).strict(), z.object({ recoveryKey }).strict()])
  ),
  'vault.lock': channel<null>()(empty),
  'vault.changePassphrase': channel<null>()(z.object({ current: anyPassphrase, next: passphrase }).strict()),
  /** A new passphrase set with the recovery key, when the passphrase is lost. */
  'vault.resetPassphrase': channel<null>()(z.object({ recoveryKey, next: passphrase }).strict()),
  'vault.doctor': channel<DoctorReport>()(empty)
} as const
