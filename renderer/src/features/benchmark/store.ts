import { create } from 'zustand'
import type { Cohort } from '../../../../shared/benchmark/metrics'
import type { BenchmarkProgressed, ClientBenchmark, Cockpit, CockpitDueItem } from '../../../../shared/ipc/contract'
import { api, errorText } from '../../api'
import { registerClientScopedReset } from '../../state/clientScope'

/** Progress of the run in flight (one per vault, shared by the benchmark page and the cockpit). */
export interface RunProgress {
  done: number
  total: number
  skipped: number
}

/** Calls `fn` while listening for run progress; the listener goes when the call ends. */
async function withProgress<T>(onProgress: (p: RunProgress) => void, fn: () => Promise<T>): Promise<T> {
  const off = api.on('benchmark.progressed', (p: BenchmarkProgressed) => onProgress({ done: p.done, total: p.total, skipped: p.skipped }))
  try {
    return await fn()
  } finally {
    off()
  }
}

export async function cancelRun(): Promise<void> {
  await api.call('benchmark.cancel', {})
}

// ---------------------------------------------------------------------------------------------- benchmark page

/** The open client's benchmark and the cohort it is compared with. Client-scoped: reset on every switch. */
interface BenchmarkState {
  clientId: string | null
  cohort: Cohort
  result: ClientBenchmark | null
  loading: boolean
  progress: RunProgress | null
  error: string | null
  load(clientId: string, cohort?: Cohort): Promise<void>
  setCohort(cohort: Cohort): Promise<void>
}

const initialBenchmark = { clientId: null, cohort: {}, result: null, loading: false, progress: null, error: null }

export const useBenchmark = create<BenchmarkState>()((set, get) => ({
  ...initialBenchmark,
  async load(clientId, cohort = {}) {
    set({ clientId, cohort, loading: true, error: null, progress: null })
    try {
      const result = await withProgress(
        (progress) => get().clientId === clientId && set({ progress }),
        () => api.call('benchmark.client', { clientId, cohort })
      )
      // An answer for a client or cohort the user has already left must not show.
      if (get().clientId === clientId && get().cohort === cohort) set({ result, loading: false, progress: null })
    } catch (e) {
      if (get().clientId === clientId) set({ loading: false, progress: null, error: errorText(e) })
    }
  },
  async setCohort(cohort) {
    const id = get().clientId
    if (id) await get().load(id, cohort)
  }
}))
registerClientScopedReset(() => useBenchmark.setState(initialBenchmark))

// ---------------------------------------------------------------------------------------------- cockpit

/** The cockpit's data: names of every client, so it is dropped whenever client data is (switch, lock). */
interface CockpitState {
  cockpit: Cockpit | null
  loading: boolean
  progress: RunProgress | null
  error: string | null
  load(): Promise<void>
}

const initialCockpit = { cockpit: null, loading: false, progress: null, error: null }

export const useCockpit = create<CockpitState>()((set) => ({
  ...initialCockpit,
  async load() {
    set({ loading: true, error: null, progress: null })
    try {
      const cockpit = await withProgress((progress) => set({ progress }), () => api.call('cockpit.show', {}))
      set({ cockpit, loading: false, progress: null })
    } catch (e) {
      set({ loading: false, progress: null, error: errorText(e) })
    }
  }
}))
registerClientScopedReset(() => useCockpit.setState(initialCockpit))

export type FlagKey = 'paperPartners' | 'overdueMilestones' | 'partnersNotMet' | 'importantUntested' | 'redHealth'
export type ClientSortKey = 'name' | 'stage' | 'maturity' | FlagKey
export type DueSortKey = 'dueOn' | 'clientName' | 'kind' | 'title'

/**
 * How the consultant looks at the cockpit. Deliberately not client-scoped: it holds no client data, and opening a
 * client from the cockpit and coming back must find the same view.
 */
interface CockpitFilters {
  search: string
  onlyFlagged: boolean
  showArchived: boolean
  dueKinds: CockpitDueItem['kind'][]
  clientSort: { key: ClientSortKey; desc: boolean }
  dueSort: { key: DueSortKey; desc: boolean }
  set(patch: Partial<Omit<CockpitFilters, 'set'>>): void
}

export const ALL_DUE_KINDS: CockpitDueItem['kind'][] = ['milestone', 'action', 'hypothesis', 'credential', 'goal']

export const useCockpitFilters = create<CockpitFilters>()((set) => ({
  search: '',
  onlyFlagged: false,
  showArchived: false,
  dueKinds: ALL_DUE_KINDS,
  clientSort: { key: 'name', desc: false },
  dueSort: { key: 'dueOn', desc: false },
  set: (patch) => set(patch)
}))
