/**
 * The journey and hypothesis screens' state for the open client. Every edit goes straight to the backend, which
 * commits it with its undo entry (no save button); the store shows the answer. Undo/redo is shared by both
 * screens because the backend keeps one undo log per client file.
 */
import { create } from 'zustand'
import type {
  Channel,
  HypothesisDetail,
  HypothesisEdit,
  HypothesisRow,
  Input,
  JourneyView,
  MilestoneView,
  PartnerRow,
  UndoState
} from '../../../../shared/ipc/contract'
import { api, ApiError, errorText } from '../../api'
import { registerClientScopedReset } from '../../state/clientScope'

type JourneyChannel = {
  [C in Channel]: Input<C> extends { clientId: string } ? (C extends `journey.${string}` | `milestone.${string}` ? C : never) : never
}[Channel]
type HypothesisChannel = Extract<Channel, `hypothesis.${'create' | 'update' | 'delete' | 'addEvidence' | 'removeEvidence' | 'decide'}`>

/** A validation message says which field it is about at its end: "… (plannedEnd)". */
export interface FieldError {
  field: string | null
  message: string
}
export function toFieldError(e: unknown): FieldError {
  const message = errorText(e)
  const m = e instanceof ApiError && e.code === 'VALIDATION' ? /^(.*) \(([\w.]+)\)$/.exec(message) : null
  return m ? { field: m[2], message: m[1] } : { field: null, message }
}

interface State {
  clientId: string | null
  journey: JourneyView | null
  hypotheses: HypothesisRow[] | null
  selected: HypothesisDetail | null
  /** For linking milestones and hypotheses to partners. */
  partners: PartnerRow[] | null
  undo: UndoState
  /** The last undo or redo, for the status line. */
  notice: string | null
  error: string | null
  captureOpen: boolean
  loadJourney(clientId: string): Promise<void>
  loadHypotheses(clientId: string): Promise<void>
  loadPartners(clientId: string): Promise<void>
  select(clientId: string, id: string | null): Promise<void>
  /** Runs a journey edit; resolves to null, or the error for the field it concerns. */
  editJourney<C extends JourneyChannel>(channel: C, input: Input<C>, optimistic?: Partial<MilestoneView> & { id: string }): Promise<FieldError | null>
  editHypothesis<C extends HypothesisChannel>(channel: C, input: Input<C>): Promise<FieldError | HypothesisEdit>
  undoRedo(clientId: string, direction: 'undo' | 'redo'): Promise<void>
  setCapture(open: boolean): void
}

const EMPTY_UNDO: UndoState = { undoLabel: null, redoLabel: null }
const initial = {
  clientId: null,
  journey: null,
  hypotheses: null,
  selected: null,
  partners: null,
  undo: EMPTY_UNDO,
  notice: null,
  error: null,
  captureOpen: false
}

export const useJourney = create<State>()((set, get) => ({
  ...initial,

  async loadJourney(clientId) {
    try {
      const journey = await api.call('journey.show', { clientId })
      if (get().clientId !== clientId && get().clientId !== null) return
      set({ clientId, journey, undo: journey.undo, error: null })
    } catch (e) {
      set({ error: errorText(e) })
    }
  },

  async loadHypotheses(clientId) {
    try {
      const hypotheses = await api.call('hypothesis.list', { clientId })
      if (get().clientId !== clientId && get().clientId !== null) return
      set({ clientId, hypotheses, error: null })
    } catch (e) {
      set({ error: errorText(e) })
    }
  },

  async loadPartners(clientId) {
    try {
      const partners = await api.call('partner.list', { clientId })
      if (get().clientId !== clientId && get().clientId !== null) return
      set({ partners })
    } catch {
      // Links to partners are optional; the screens work without the list.
    }
  },

  async select(clientId, id) {
    if (!id) return set({ selected: null })
    try {
      set({ selected: await api.call('hypothesis.get', { clientId, id }) })
    } catch (e) {
      set({ error: errorText(e), selected: null })
    }
  },

  async editJourney(channel, input, optimistic) {
    const before = get().journey
    if (optimistic && before)
      set({ journey: { ...before, milestones: before.milestones.map((m) => (m.id === optimistic.id ? { ...m, ...optimistic } : m)) } })
    try {
      const journey = (await api.call(channel, input as never)) as JourneyView
      set({ journey, undo: journey.undo, notice: null, error: null })
      return null
    } catch (e) {
      if (optimistic) set({ journey: before })
      return toFieldError(e)
    }
  },

  async editHypothesis(channel, input) {
    try {
      const r = (await api.call(channel, input as never)) as HypothesisEdit
      const clientId = (input as { clientId: string }).clientId
      set({ undo: r.undo, notice: null, error: null, selected: r.hypothesis ?? null })
      await get().loadHypotheses(clientId)
      // Links to milestones show on the roadmap too.
      if (get().journey) await get().loadJourney(clientId)
      return r
    } catch (e) {
      return toFieldError(e)
    }
  },

  async undoRedo(clientId, direction) {
    try {
      const r = await api.call(direction === 'undo' ? 'journey.undo' : 'journey.redo', { clientId })
      set({
        undo: r.undo,
        notice: r.label ? `${direction === 'undo' ? 'Undone' : 'Redone'}: ${r.label}` : `Nothing to ${direction}`
      })
      await Promise.all([get().loadJourney(clientId), get().loadHypotheses(clientId)])
      const sel = get().selected
      if (sel) {
        try {
          set({ selected: await api.call('hypothesis.get', { clientId, id: sel.id }) })
        } catch {
          set({ selected: null })
        }
      }
    } catch (e) {
      set({ error: errorText(e) })
    }
  },

  setCapture: (open) => set({ captureOpen: open })
}))

registerClientScopedReset(() => useJourney.setState(initial))

/** True when a key press belongs to a text field (where Ctrl+Z undoes typing, not the last edit). */
export function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null
  if (!t) return false
  return t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || (t.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((t as HTMLInputElement).type))
}

/** Ctrl/Cmd+Z undoes the last edit on these screens; Ctrl/Cmd+Shift+Z or Ctrl+Y redoes. */
export function undoKey(e: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || isTyping(e)) return null
  const k = e.key.toLowerCase()
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo'
  if (k === 'y' && !e.shiftKey) return 'redo'
  return null
}

/** Ctrl/Cmd+Shift+H (anywhere on these screens, even while typing) opens hypothesis capture. */
export function isCaptureKey(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'h'
}
