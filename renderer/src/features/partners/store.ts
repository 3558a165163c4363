import { create } from 'zustand'
import type { PortfolioSettings } from '../../../../shared/domain/portfolio'
import type { PartnerDetail, PortfolioRow } from '../../../../shared/ipc/contract'
import type { PortfolioSummary } from '../../../../shared/portfolio/metrics'
import { api, errorText } from '../../api'
import { registerClientScopedReset } from '../../state/clientScope'

/** The open client's portfolio: table rows, summary, settings and the open partner. Client-scoped. */
interface PortfolioState {
  clientId: string | null
  rows: PortfolioRow[] | null
  summary: PortfolioSummary | null
  settings: PortfolioSettings | null
  loading: boolean
  error: string | null
  /** The partner page open in the section (null: the table). */
  partnerId: string | null
  detail: PartnerDetail | null
  load(clientId: string): Promise<void>
  refresh(): Promise<void>
  openPartner(id: string | null): Promise<void>
  reloadDetail(): Promise<void>
  /** Inline edit from the table: optimistic, rolled back with the error on failure. */
  updateField(partnerId: string, patch: Partial<Pick<PortfolioRow, 'tier' | 'stage' | 'owner' | 'name'>>): Promise<void>
  saveSettings(patch: Partial<PortfolioSettings>): Promise<void>
}

const initial = { clientId: null, rows: null, summary: null, settings: null, loading: false, error: null, partnerId: null, detail: null }

export const usePortfolio = create<PortfolioState>()((set, get) => ({
  ...initial,
  async load(clientId) {
    set({ ...initial, clientId, loading: true })
    await get().refresh()
  },
  async refresh() {
    const clientId = get().clientId
    if (!clientId) return
    try {
      const { rows, summary, settings } = await api.call('portfolio.overview', { clientId })
      // An answer for a client the user has already left must not show under the next one.
      if (get().clientId === clientId) set({ rows, summary, settings, loading: false, error: null })
    } catch (e) {
      if (get().clientId === clientId) set({ loading: false, error: errorText(e) })
    }
  },
  async openPartner(id) {
    set({ partnerId: id, detail: null })
    if (id) await get().reloadDetail()
    else await get().refresh()
  },
  async reloadDetail() {
    const { clientId, partnerId } = get()
    if (!clientId || !partnerId) return
    try {
      const detail = await api.call('partner.get', { clientId, partnerId })
      if (get().clientId === clientId && get().partnerId === partnerId) set({ detail, error: null })
    } catch (e) {
      if (get().clientId === clientId) set({ error: errorText(e) })
    }
  },
  async updateField(partnerId, patch) {
    const { clientId, rows } = get()
    if (!clientId || !rows) return
    const before = rows.find((r) => r.id === partnerId)
    set({ rows: rows.map((r) => (r.id === partnerId ? { ...r, ...patch } : r)), error: null })
    try {
      await api.call('partner.update', { clientId, partnerId, patch })
      void get().refresh()
    } catch (e) {
      if (get().clientId === clientId)
        set({ rows: (get().rows ?? []).map((r) => (r.id === partnerId && before ? before : r)), error: errorText(e) })
    }
  },
  async saveSettings(patch) {
    const clientId = get().clientId
    if (!clientId) return
    try {
      const settings = await api.call('portfolio.settings.update', { clientId, patch })
      if (get().clientId === clientId) set({ settings })
      await get().refresh()
    } catch (e) {
      set({ error: errorText(e) })
    }
  }
}))

registerClientScopedReset(() => usePortfolio.setState(initial))
