import { create } from 'zustand'
import { api, errorText } from '../api'
import type { VaultStatus } from '../../../shared/ipc/contract'
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
  refresh(): Promise<void>
  create(passphrase: string): Promise<boolean>
  confirmRecoveryKey(): Promise<void>
  unlock(secret: { passphrase: string } | { recoveryKey: string }): Promise<boolean>
  lock(): Promise<void>
  /** The backend locked (idle, system, another window): forget everything client-related. */
  lockedElsewhere(): void
  clearError(): void
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

  async refresh() {
    try {
      const s: VaultStatus = await api.call('vault.status', {})
      set({ location: s.location, phase: !s.exists ? 'create' : s.unlocked ? 'unlocked' : 'locked', error: null })
      if (s.unlocked) await useClients.getState().load()
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

  async unlock(secret) {
    set({ busy: true, error: null })
    try {
      await api.call('vault.unlock', secret)
      set({ busy: false, phase: 'unlocked' })
      await useClients.getState().load()
      return true
    } catch (e) {
      set({ busy: false, error: errorText(e) })
      return false
    }
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
