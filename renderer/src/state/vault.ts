import { create } from 'zustand'
import { api, errorText } from '../api'
import type { VaultStatus } from '../../../shared/ipc/contract'
import type { KeychainStatus } from '../../../shared/ipc/device'
import { clearClientScopedState } from './clientScope'
import { useClients } from './clients'

export type VaultPhase = 'loading' | 'unreachable' | 'create' | 'recovery' | 'locked' | 'unlocked'

interface VaultState {
  phase: VaultPhase
  location: string
  /** Shown exactly once, right after the vault is created; dropped when the user confirms. */
  recoveryKey: string | null
  busy: boolean
  error: string | null
  /** Desktop only: whether this device can remember (or remembers) the unlock; null in the browser build. */
  keychain: KeychainStatus | null
  refresh(): Promise<void>
  create(passphrase: string): Promise<boolean>
  confirmRecoveryKey(): Promise<void>
  /** `remember`: after a passphrase unlock, keep it in the OS keychain of this device. */
  unlock(secret: { passphrase: string } | { recoveryKey: string }, remember?: boolean): Promise<boolean>
  unlockRemembered(): Promise<boolean>
  forgetRemembered(): Promise<void>
  lock(): Promise<void>
  /** The backend locked (idle, system, another window): forget everything client-related. */
  lockedElsewhere(): void
  clearError(): void
}

/** Null where there is no keychain at all (the browser build answers device channels with an error). */
async function keychainStatus(): Promise<KeychainStatus | null> {
  try {
    return await api.call('device.keychainStatus', {})
  } catch {
    return null
  }
}

/**
 * After an unlock: the client list, and the client that was open last opens again (when it still exists and is
 * not archived). `lastClientId` comes with the vault status; asked here when the caller has none.
 */
async function loadClients(lastClientId?: string | null): Promise<void> {
  const clients = useClients.getState()
  await clients.load()
  let id = lastClientId
  if (id === undefined) id = (await api.call('vault.status', {}).catch(() => null))?.lastClientId ?? null
  if (id && useClients.getState().clients.some((c) => c.id === id && !c.archived)) useClients.getState().select(id)
}

function forgetEverything(): void {
  clearClientScopedState()
  useClients.getState().reset()
}

export const useVault = create<VaultState>()((set, get) => ({
  phase: 'loading',
  location: '',
  recoveryKey: null,
  busy: false,
  error: null,
  keychain: null,

  async refresh() {
    try {
      // Both asked at once: the first screen waits for one round trip, not two.
      const [s, keychain]: [VaultStatus, KeychainStatus | null] = await Promise.all([
        api.call('vault.status', {}),
        keychainStatus()
      ])
      if (s.exists && !s.unlocked) {
        set({ location: s.location, keychain, error: null })
        // At app start only: a remembered unlock opens the vault straight away (never after a manual lock).
        if (keychain?.remembered && (await get().unlockRemembered())) return
      }
      set({ location: s.location, phase: !s.exists ? 'create' : s.unlocked ? 'unlocked' : 'locked' })
      if (s.unlocked) await loadClients(s.lastClientId ?? null)
    } catch (e) {
      set({ phase: 'unreachable', error: errorText(e) })
    }
  },

  async create(passphrase) {
    set({ busy: true, error: null })
    try {
      const { recoveryKey } = await api.call('vault.create', { passphrase })
      set({ busy: false, phase: 'recovery', recoveryKey })
      return true
    } catch (e) {
      set({ busy: false, error: errorText(e) })
      return false
    }
  },

  async confirmRecoveryKey() {
    set({ recoveryKey: null, phase: 'unlocked' })
    await useClients.getState().load()
  },

  async unlock(secret, remember = false) {
    set({ busy: true, error: null })
    try {
      await api.call('vault.unlock', secret)
    } catch (e) {
      set({ busy: false, error: errorText(e) })
      return false
    }
    if (remember && 'passphrase' in secret) {
      // Best effort: the vault is open either way; the next start simply asks for the passphrase again.
      await api.call('device.rememberUnlock', { passphrase: secret.passphrase }).catch(() => undefined)
    }
    set({ busy: false, phase: 'unlocked' })
    await loadClients()
    return true
  },

  async unlockRemembered() {
    set({ busy: true, error: null })
    try {
      await api.call('device.unlockRemembered', {})
      set({ busy: false, phase: 'unlocked' })
      await loadClients()
      return true
    } catch (e) {
      set({ busy: false, phase: 'locked', error: errorText(e), keychain: await keychainStatus() })
      return false
    }
  },

  async forgetRemembered() {
    try {
      await api.call('device.forgetUnlock', {})
    } catch (e) {
      set({ error: errorText(e) })
    }
    set({ keychain: await keychainStatus() })
  },

  async lock() {
    forgetEverything()
    set({ phase: 'locked', recoveryKey: null, error: null })
    try {
      await api.call('vault.lock', {})
    } catch (e) {
      set({ error: errorText(e) })
    }
  },

  lockedElsewhere() {
    if (get().phase !== 'unlocked') return
    forgetEverything()
    set({ phase: 'locked', recoveryKey: null })
  },

  clearError: () => set({ error: null })
}))
