/**
 * The open client's workshops: the list, the history, and the workshop being facilitated. Client-scoped: cleared
 * on every client switch. Every change goes straight to the backend (which commits it) and the store keeps the
 * state the backend answers with, so what is on screen is what is on disk.
 */
import { create } from 'zustand'
import type { Comparison, ScoreSummary } from '../../../../shared/domain/assessment'
import type { AssessmentSummary, WorkshopState } from '../../../../shared/ipc/contract'
import { api, ApiError, errorText } from '../../api'
import { registerClientScopedReset } from '../../state/clientScope'

export type WorkshopView =
  | { kind: 'list' }
  | { kind: 'setup' }
  | { kind: 'run'; assessmentId: string }
  | { kind: 'results'; assessmentId: string }
  | { kind: 'compare'; a: string; b: string }

const SESSION_KEY = 'trellis.workshop.session'

/** This window's facilitator identity; kept across reloads of the same window, new for every other window. */
export function facilitatorSession(): string {
  let s = sessionStorage.getItem(SESSION_KEY)
  if (!s) {
    s = `fw-${crypto.randomUUID()}`
    sessionStorage.setItem(SESSION_KEY, s)
  }
  return s
}

interface WorkshopStore {
  clientId: string | null
  view: WorkshopView
  list: AssessmentSummary[] | null
  history: ScoreSummary[] | null
  /** The workshop being run or viewed. */
  state: WorkshopState | null
  /** Another facilitator window holds the workshop: offer to take over. */
  conflict: string | null
  error: string | null
  busy: boolean
  show(view: WorkshopView): void
  loadList(clientId: string): Promise<void>
  /** Opens a workshop for facilitation (takes the lease). */
  openRun(clientId: string, assessmentId: string, takeOver?: boolean): Promise<void>
  loadResults(clientId: string, assessmentId: string): Promise<void>
  /** Runs one change on the workshop being facilitated. */
  change<C extends RunChannel>(channel: C, input: Omit<RunInput<C>, 'clientId' | 'assessmentId' | 'sessionId'>): Promise<boolean>
  compare(clientId: string, a: string, b: string): Promise<Comparison | null>
}

type RunChannel =
  | 'workshop.navigate'
  | 'workshop.vote'
  | 'workshop.reveal'
  | 'workshop.consensus'
  | 'workshop.note'
  | 'workshop.addParticipant'
  | 'workshop.removeParticipant'
  | 'workshop.setTimeBox'
  | 'workshop.finish'
  | 'workshop.createActions'
type RunInput<C extends RunChannel> = Parameters<typeof api.call<C>>[1]

const initial = {
  clientId: null,
  view: { kind: 'list' } as WorkshopView,
  list: null,
  history: null,
  state: null,
  conflict: null,
  error: null,
  busy: false
}

export const useWorkshops = create<WorkshopStore>()((set, get) => ({
  ...initial,
  show: (view) => set({ view, error: null, conflict: null }),
  async loadList(clientId) {
    set({ clientId, error: null })
    try {
      const [list, history] = await Promise.all([api.call('workshop.list', { clientId }), api.call('workshop.history', { clientId })])
      if (get().clientId === clientId) set({ list, history })
    } catch (e) {
      if (get().clientId === clientId) set({ error: errorText(e) })
    }
  },
  async openRun(clientId, assessmentId, takeOver = false) {
    set({ clientId, error: null, conflict: null })
    try {
      const state = await api.call('workshop.open', { clientId, assessmentId, sessionId: facilitatorSession(), takeOver })
      if (get().clientId === clientId) set({ state })
    } catch (e) {
      if (get().clientId !== clientId) return
      if (e instanceof ApiError && e.code === 'CONFLICT') set({ conflict: e.message, state: null })
      else set({ error: errorText(e) })
    }
  },
  async loadResults(clientId, assessmentId) {
    set({ clientId, error: null })
    try {
      const state = await api.call('workshop.get', { clientId, assessmentId })
      if (get().clientId === clientId) set({ state })
    } catch (e) {
      if (get().clientId === clientId) set({ error: errorText(e) })
    }
  },
  async change(channel, input) {
    const { clientId, state } = get()
    if (!clientId || !state) return false
    try {
      const next = await api.call(channel, {
        ...input,
        clientId,
        assessmentId: state.assessment.id,
        sessionId: facilitatorSession()
      } as RunInput<typeof channel>)
      // Answers can arrive out of order under load; keep the newest revision.
      const cur = get().state
      if (get().clientId === clientId && (!cur || cur.assessment.id !== next.assessment.id || next.assessment.revision >= cur.assessment.revision))
        set({ state: next, error: null })
      return true
    } catch (e) {
      if (get().clientId !== clientId) return false
      if (e instanceof ApiError && e.code === 'CONFLICT' && /another facilitator window/.test(e.message)) set({ conflict: e.message })
      else set({ error: errorText(e) })
      return false
    }
  },
  async compare(clientId, a, b) {
    try {
      return await api.call('workshop.compare', { clientId, a, b })
    } catch (e) {
      set({ error: errorText(e) })
      return null
    }
  }
}))

registerClientScopedReset(() => useWorkshops.setState(initial))
