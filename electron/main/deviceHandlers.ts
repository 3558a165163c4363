/**
 * Main's own channels (shared/ipc/device.ts). No electron import: the keychain and the save dialog are plugged
 * in, so the rules are tested in Node.
 *
 * The remembered passphrase must be the one that really unlocks the vault: main notes a salted hash of the
 * passphrase of the last successful `vault.create` / `vault.unlock` / `vault.changePassphrase` (never the
 * passphrase itself) and `device.rememberUnlock` accepts only that one.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { DesktopSettings } from '../../shared/ipc/device'
import type { Result } from '../../shared/ipc/errors'
import { KeychainUnavailable, type RememberedUnlock } from './keychain'
import type { BackendLike, DeviceHandlers, SavePathGrants } from './router'
import type { SettingsFile } from './settings'
import type { ReportPrinter } from './reportPrint'
import type { ReportFormat } from '../../shared/report/model'

export interface DeviceDeps {
  backend: BackendLike
  keychain: RememberedUnlock
  grants: SavePathGrants
  /** The native save dialog; null when cancelled. */
  showSaveDialog(suggestedName: string): Promise<string | null>
  settings: SettingsFile
  /** Applies changed preferences (the theme) at once. */
  onSettingsChanged?(s: DesktopSettings): void
  /** Reports: the save dialog for a report file and the app's PDF printer (absent where the app cannot print). */
  report?: { printer: ReportPrinter; showSaveDialog(suggestedName: string, format: ReportFormat): Promise<string | null> }
}

export interface Device {
  handlers: DeviceHandlers
  /** Router hook: watches unlocks and passphrase changes. */
  afterBackendCall(channel: string, input: unknown, result: Result<unknown>): Promise<void>
}

export function createDevice(deps: DeviceDeps): Device {
  const salt = randomBytes(16)
  let verified: Buffer | null = null
  const digest = (p: string) => createHash('sha256').update(salt).update(p, 'utf8').digest()
  const matchesVerified = (p: string) => verified !== null && timingSafeEqual(verified, digest(p))

  const handlers: DeviceHandlers = {
    'device.getSettings': async () => ({ ok: true, data: deps.settings.preferences() }),

    'device.updateSettings': async (patch) => {
      const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      deps.settings.update(clean)
      const now = deps.settings.preferences()
      deps.onSettingsChanged?.(now)
      return { ok: true, data: now }
    },

    'device.keychainStatus': async () => ({ ok: true, data: await deps.keychain.status() }),

    'device.rememberUnlock': async ({ passphrase }) => {
      const status = await deps.backend.call('vault.status', {})
      if (!status.ok) return status
      if (!(status.data as { unlocked: boolean }).unlocked)
        return { ok: false, error: { code: 'VAULT_LOCKED', message: 'Unlock the vault first.' } }
      if (!matchesVerified(passphrase))
        return { ok: false, error: { code: 'KEY_INVALID', message: 'That is not the passphrase this vault was unlocked with.' } }
      try {
        await deps.keychain.remember(passphrase)
        return { ok: true, data: null }
      } catch (e) {
        return unavailable(e)
      }
    },

    'device.forgetUnlock': async () => {
      deps.keychain.forget()
      return { ok: true, data: null }
    },

    'device.unlockRemembered': async () => {
      const passphrase = await deps.keychain.recall()
      if (passphrase === null)
        return { ok: false, error: { code: 'NOT_FOUND', message: 'This device does not remember the passphrase. Enter it to unlock.' } }
      const r = await deps.backend.call('vault.unlock', { passphrase })
      if (!r.ok && r.error.code === 'KEY_INVALID') {
        deps.keychain.forget()
        return {
          ok: false,
          error: { code: 'KEY_INVALID', message: 'The remembered passphrase no longer unlocks this vault (was it changed?). Enter it to unlock.' }
        }
      }
      if (r.ok) verified = digest(passphrase)
      return r as Result<{ clientCount: number }>
    },

    'device.chooseHandoverPath': async ({ suggestedName }) => {
      const path = await deps.showSaveDialog(suggestedName)
      if (path === null) return { ok: true, data: null }
      deps.grants.grant(path)
      return { ok: true, data: { path } }
    },

    'device.chooseReportPath': async ({ suggestedName, format }) => {
      if (!deps.report) return { ok: false, error: { code: 'FORBIDDEN', message: 'Saving reports is not available here.' } }
      const path = await deps.report.showSaveDialog(suggestedName, format)
      if (path === null) return { ok: true, data: null }
      deps.grants.grant(path)
      return { ok: true, data: { path } }
    },

    'device.exportReportPdf': async (input) => {
      if (!deps.report) return { ok: false, error: { code: 'FORBIDDEN', message: 'Printing reports is not available here.' } }
      return deps.report.printer.exportPdf(input)
    }
  }

  async function afterBackendCall(channel: string, input: unknown, result: Result<unknown>): Promise<void> {
    if (!result.ok) return
    const i = input as { passphrase?: unknown; next?: unknown }
    if ((channel === 'vault.create' || channel === 'vault.unlock') && typeof i.passphrase === 'string') verified = digest(i.passphrase)
    else if ((channel === 'vault.create' || channel === 'vault.unlock')) verified = null // unlocked with the recovery key
    else if ((channel === 'vault.changePassphrase' || channel === 'vault.resetPassphrase') && typeof i.next === 'string') {
      verified = digest(i.next)
      // Keep a remembered unlock working after the change.
      if (deps.keychain.isRemembered()) await deps.keychain.remember(i.next).catch(() => deps.keychain.forget())
    } else if (channel === 'vault.lock') verified = null
  }

  return { handlers, afterBackendCall }
}

function unavailable(e: unknown): Result<never> {
  if (e instanceof KeychainUnavailable) return { ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message: e.message } }
  return { ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'The system keychain refused to store the passphrase.' } }
}
