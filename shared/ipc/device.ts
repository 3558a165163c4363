/**
 * Channels that Electron main answers itself (not the backend): the OS keychain, native dialogs. They exist only
 * in the desktop app; other transports (the browser harness) answer them with `UNAVAILABLE`-style errors.
 * Keys never reach the renderer: the remembered passphrase goes renderer → main once, and main unlocks the
 * backend with it later without handing it back.
 */
import { z } from 'zod'
import { anyPassphrase, channel, empty } from './fields'
import { reportDeviceChannels } from './channels/reportDevice'

export interface KeychainStatus {
  /** Whether this device can remember the unlock (an OS keychain that really encrypts is available). */
  available: boolean
  /** Whether an unlock for this vault is remembered on this device. */
  remembered: boolean
  /** Why it is unavailable, in the user's words (null when available). */
  reason: string | null
}

export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]
export const AUTO_LOCK_MINUTES_MAX = 24 * 60

/** Per-device preferences of the desktop app (kept by main in `<userData>/settings.json`). */
export interface DesktopSettings {
  /** Lock the vault after this many minutes without keyboard or mouse activity on the computer; null = never. */
  autoLockMinutes: number | null
  /** Follow the OS light / dark setting, or override it. */
  theme: Theme
}

export const deviceChannels = {
  'device.getSettings': channel<DesktopSettings>()(empty),
  'device.updateSettings': channel<DesktopSettings>()(
    z
      .object({
        autoLockMinutes: z.number().int().min(1).max(AUTO_LOCK_MINUTES_MAX).nullable().optional(),
        theme: z.enum(THEMES).optional()
      })
      .strict()
  ),
  'device.keychainStatus': channel<KeychainStatus>()(empty),
  /** Remember the passphrase of the unlocked vault in the OS keychain (call right after a successful unlock). */
  'device.rememberUnlock': channel<null>()(z.object({ passphrase: anyPassphrase }).strict()),
  'device.forgetUnlock': channel<null>()(empty),
  /** Unlock the vault with the remembered passphrase; forgets it if it no longer fits. */
  'device.unlockRemembered': channel<{ clientCount: number }>()(empty),
  /**
   * The native save dialog for a client handover file. Main only lets `client.handover` write to a path the user
   * picked here, so a compromised renderer cannot write files elsewhere. `null` when the user cancelled.
   */
  'device.chooseHandoverPath': channel<{ path: string } | null>()(
    z.object({ suggestedName: z.string().min(1).max(200) }).strict()
  ),
  ...reportDeviceChannels
} as const

export type DeviceChannels = typeof deviceChannels
export type DeviceChannel = keyof DeviceChannels
export type DeviceInput<C extends DeviceChannel> = z.input<DeviceChannels[C]['input']>
export type DeviceOutput<C extends DeviceChannel> = DeviceChannels[C]['result']

export const DEVICE_CHANNELS = Object.keys(deviceChannels) as DeviceChannel[]

export function isDeviceChannel(name: unknown): name is DeviceChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(deviceChannels, name)
}
