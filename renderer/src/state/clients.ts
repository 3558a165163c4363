import { create } from 'zustand'
import { api } from '../api'
import type { ClientSummary } from '../../../shared/ipc/contract'
import type { Segment } from '../../../shared/domain/segment'
import { clearClientScopedState } from './clientScope'

/** The vault's client list (names and segments only) and which client is open. */
interface ClientsState {
  clients: ClientSummary[]
  loaded: boolean
  showArchived: boolean
  /** The open client; null shows the home screen. */
  currentId: string | null
  load(): Promise<void>
  setShowArchived(v: boolean): void
  select(id: string | null): void
  create(name: string, segment?: Partial<Segment>): Promise<ClientSummary>
  rename(id: string, name: string): Promise<void>
  updateSegment(id: string, segment: Partial<Segment>): Promise<void>
  archive(id: string, archived: boolean): Promise<void>
  remove(id: string): Promise<void>
  /** Adds realistic fictional clients with partners (demo.seed) and reloads the list. */
  loadSample(): Promise<number>
  reset(): void
}

const byName = (a: ClientSummary, b: ClientSummary) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })

export const useClients = create<ClientsState>()((set, get) => {
  const replace = (c: ClientSummary) => set({ clients: get().clients.map((x) => (x.id === c.id ? c : x)).sort(byName) })
  return {
    clients: [],
    loaded: false,
    showArchived: false,
    currentId: null,

    async load() {
      const clients = await api.call('client.list', { includeArchived: true })
      set({ clients: [...clients].sort(byName), loaded: true })
    },

    setShowArchived: (v) => set({ showArchived: v }),

    select(id) {
      if (id === get().currentId) return
      // Clear the previous client's data before anything of the next one can render.
      clearClientScopedState()
      set({ currentId: id })
    },

    async create(name, segment) {
      const c = await api.call('client.create', { name, segment })
      set({ clients: [...get().clients, c].sort(byName) })
      return c
    },

    async rename(id, name) {
      replace(await api.call('client.rename', { id, name }))
    },

    async updateSegment(id, segment) {
      replace(await api.call('client.updateSegment', { id, segment }))
    },

    async archive(id, archived) {
      replace(await api.call('client.archive', { id, archived }))
    },

    async remove(id) {
      await api.call('client.delete', { id })
      if (get().currentId === id) get().select(null)
      set({ clients: get().clients.filter((c) => c.id !== id) })
    },

    async loadSample() {
      // A fresh seed each time, so loading twice gives new fictional companies rather than numbered copies.
      const seed = Math.floor(Math.random() * 2 ** 31)
      const { created } = await api.call('demo.seed', { clients: 6, partners: 40, seed })
      await get().load()
      return created
    },

    reset: () => set({ clients: [], loaded: false, currentId: null, showArchived: false })
  }
})

export function visibleClients(s: Pick<ClientsState, 'clients' | 'showArchived'>): ClientSummary[] {
  return s.showArchived ? s.clients : s.clients.filter((c) => !c.archived)
}
