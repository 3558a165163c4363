import { create } from 'zustand'
import { api, errorText } from '../api'
import type { ClientOverview } from '../../../shared/ipc/contract'
import { registerClientScopedReset } from './clientScope'

/** The open client's overview (segment, partner counts, recent partners). Client-scoped: cleared on switch. */
interface OverviewState {
  clientId: string | null
  overview: ClientOverview | null
  loading: boolean
  error: string | null
  load(clientId: string): Promise<void>
}

const initial = { clientId: null, overview: null, loading: false, error: null }

export const useOverview = create<OverviewState>()((set, get) => ({
  ...initial,
  async load(clientId) {
    set({ clientId, overview: null, loading: true, error: null })
    try {
      const overview = await api.call('client.open', { id: clientId })
      // A slow answer for a client the user has already left must not show up under the next one.
      if (get().clientId === clientId) set({ overview, loading: false })
    } catch (e) {
      if (get().clientId === clientId) set({ loading: false, error: errorText(e) })
    }
  }
}))

registerClientScopedReset(() => useOverview.setState(initial))
