/**
 * The Report section's state for the open client: its saved report choices, the consultant's branding, the live
 * preview (the exact HTML the export prints), the running export with its progress, and the export history.
 */
import { create } from 'zustand'
import type { Branding, ReportExportRecord, ReportExportResult, ReportProgress, ReportSettings } from '../../../../shared/ipc/contract'
import type { Cohort } from '../../../../shared/benchmark/metrics'
import type { Paper, ReportFormat, SectionKey } from '../../../../shared/report/model'
import { api, errorText } from '../../api'
import { registerClientScopedReset } from '../../state/clientScope'

export const IN_APP = import.meta.env.VITE_TRANSPORT !== 'ws'

/** A recorded export's choices, to make it again (a cohort of null: not recorded, the saved one is used). */
export interface Regeneration {
  sections: SectionKey[]
  paper: Paper
  cohort: Cohort | null
  asOf: string
}

interface Running {
  jobId: string
  format: ReportFormat
  progress: ReportProgress | null
}

interface State {
  clientId: string | null
  settings: ReportSettings | null
  branding: Branding | null
  html: string | null
  draft: string[]
  omitted: { section: SectionKey; reason: string }[]
  history: ReportExportRecord[]
  previewing: boolean
  error: string | null
  running: Running | null
  last: ReportExportResult | null
  /** An export refused because the file exists: the app asks before replacing it. */
  confirmReplace: { format: ReportFormat; path: string; choice?: Regeneration } | null
  /** Browser build only: the folder exports are saved in (a path on the machine running Trellis). */
  folder: string
  load(clientId: string): Promise<void>
  refreshPreview(): Promise<void>
  saveSettings(patch: Partial<ReportSettings>): Promise<void>
  saveBranding(patch: Partial<Branding>): Promise<void>
  exportTo(format: ReportFormat, path: string, force?: boolean, choice?: Regeneration): Promise<void>
  cancel(): Promise<void>
  dismiss(): void
}

const initial = {
  clientId: null,
  settings: null,
  branding: null,
  html: null,
  draft: [],
  omitted: [],
  history: [],
  previewing: false,
  error: null,
  running: null,
  last: null,
  confirmReplace: null,
  folder: ''
}

let previewSeq = 0

/**
 * Outside the app the backend prints PDFs with headless Chromium: start it while the consultant looks at the preview
 * (and keep it from closing as idle while they work on it), so the export does not wait for it. The app prints
 * with its own Electron and needs nothing started. A failure only means the export starts it.
 */
function prepare(clientId: string): void {
  if (!IN_APP) void api.call('report.prepare', { clientId }).catch(() => undefined)
}

function newJobId(): string {
  const bytes = new Uint8Array(12)
  crypto.getRandomValues(bytes)
  return `job-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

export const useReport = create<State>((set, get) => ({
  ...initial,

  async load(clientId) {
    set({ ...initial, clientId, folder: get().folder })
    try {
      const [settings, branding, history] = await Promise.all([
        api.call('report.settings.get', { clientId }),
        api.call('report.branding.get', {}),
        api.call('report.history', { clientId })
      ])
      if (get().clientId !== clientId) return
      set({ settings, branding, history })
      prepare(clientId)
      await get().refreshPreview()
    } catch (e) {
      if (get().clientId === clientId) set({ error: errorText(e) })
    }
  },

  async refreshPreview() {
    const { clientId, settings } = get()
    if (!clientId || !settings) return
    const seq = ++previewSeq
    set({ previewing: true })
    try {
      const p = await api.call('report.preview', { clientId, sections: settings.sections, paper: settings.paper })
      // Only the newest answer for the client still open is shown.
      if (seq !== previewSeq || get().clientId !== clientId) return
      set({ html: p.html, draft: p.draft, omitted: p.omitted, previewing: false })
    } catch (e) {
      if (seq === previewSeq && get().clientId === clientId) set({ error: errorText(e), previewing: false })
    }
  },

  async saveSettings(patch) {
    const { clientId, settings } = get()
    if (!clientId || !settings) return
    set({ settings: { ...settings, ...patch }, error: null })
    try {
      const next = await api.call('report.settings.update', { clientId, patch })
      if (get().clientId !== clientId) return
      set({ settings: next })
      prepare(clientId)
      await get().refreshPreview()
    } catch (e) {
      if (get().clientId === clientId) set({ settings, error: errorText(e) })
    }
  },

  async saveBranding(patch) {
    const before = get().branding
    try {
      const branding = await api.call('report.branding.update', { patch })
      set({ branding, error: null })
      await get().refreshPreview()
    } catch (e) {
      set({ branding: before, error: errorText(e) })
    }
  },

  async exportTo(format, path, force = false, choice) {
    const { clientId, settings } = get()
    if (!clientId || !settings || get().running) return
    const jobId = newJobId()
    set({ running: { jobId, format, progress: null }, error: null, last: null, confirmReplace: null })
    const off = api.on('report.progressed', (p) => {
      if (p.jobId === jobId && get().running?.jobId === jobId) set({ running: { jobId, format, progress: p } })
    })
    const sections = choice?.sections ?? settings.sections
    const paper = choice?.paper ?? settings.paper
    // A regeneration also keeps the recorded day and cohort; a new export uses today and the saved cohort.
    const again = choice ? { asOf: choice.asOf, ...(choice.cohort ? { cohort: choice.cohort } : {}) } : {}
    try {
      const r =
        IN_APP && format === 'pdf'
          ? await api.call('device.exportReportPdf', { clientId, outPath: path, force, sections, paper, jobId, ...again })
          : await api.call('report.export', { clientId, format, outPath: path, force, sections, paper, jobId, ...again })
      if (get().clientId !== clientId) return
      const history = await api.call('report.history', { clientId })
      if (get().clientId === clientId) set({ last: r, history, running: null })
    } catch (e) {
      if (get().clientId !== clientId) return
      const conflict = (e as { code?: string }).code === 'CONFLICT' && !force
      set({ running: null, error: conflict ? null : errorText(e), confirmReplace: conflict ? { format, path, choice } : null })
    } finally {
      off()
    }
  },

  async cancel() {
    const r = get().running
    if (r) await api.call('report.cancel', { jobId: r.jobId }).catch(() => undefined)
  },

  dismiss() {
    set({ error: null, last: null, confirmReplace: null })
  }
}))

registerClientScopedReset(() => useReport.setState({ ...initial }))
