import { create } from 'zustand'
import { clearClientScopedState } from './clientScope'
import { useClients } from './clients'

/** Where the user is: a top-level area (null = clients) and the open client's section. */
interface NavState {
  area: string | null
  section: string
  openArea(id: string | null): void
  openSection(id: string): void
  openClient(id: string): void
}

export const useNav = create<NavState>()((set) => ({
  area: null,
  section: 'overview',
  openArea(id) {
    if (id !== null) useClients.getState().select(null)
    clearClientScopedState()
    set({ area: id })
  },
  openSection: (id) => set({ section: id }),
  openClient(id) {
    set({ area: null })
    useClients.getState().select(id)
  }
}))
