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
    // An area shows cross-client views only: close the open client (which clears its data) first.
    const clients = useClients.getState()
    if (clients.currentId !== null) clients.select(null)
    else clearClientScopedState()
    set({ area: id })
  },
  openSection: (id) => set({ section: id }),
  openClient(id) {
    set({ area: null })
    useClients.getState().select(id)
  }
}))
