/**
 * The app's PDF path: main asks the backend for the report's HTML (the same the preview shows), prints it with
 * Electron's Chromium in a hidden hardened window (`reportWindow.ts`), and hands the bytes back to the backend,
 * which writes them atomically and records the export. The target must be a path the user picked in the save
 * dialog. No electron import here, so the rules are tested in Node.
 */
import type { ReportExportResult, ReportPreview, ReportProgress } from '../../shared/ipc/channels/report'
import type { DeviceInput } from '../../shared/ipc/device'
import type { Result } from '../../shared/ipc/errors'
import type { Paper } from '../../shared/report/model'
import type { BackendLike, SavePathGrants } from './router'

export interface ReportPrintDeps {
  backend: BackendLike
  grants: SavePathGrants
  /** Prints one self-contained HTML document; `isCancelled` is polled between steps. */
  printHtml(html: string, paper: Paper, isCancelled: () => boolean): Promise<Buffer>
  emit(event: 'report.progressed', payload: ReportProgress): void
}

export interface ReportPrinter {
  exportPdf(input: DeviceInput<'device.exportReportPdf'> & { force: boolean }): Promise<Result<ReportExportResult>>
  /** True when the job is one of main's (then main cancels it). */
  cancel(jobId: string): boolean
}

const cancelled = (): Result<never> => ({ ok: false, error: { code: 'CANCELLED', message: 'The export was cancelled; no file was written.' } })

export function createReportPrinter(deps: ReportPrintDeps): ReportPrinter {
  const jobs = new Map<string, { cancelled: boolean }>()
  return {
    cancel(jobId) {
      const j = jobs.get(jobId)
      if (!j) return false
      j.cancelled = true
      return true
    },
    async exportPdf(input) {
      if (!deps.grants.allows(input.outPath))
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Choose where to save the report with the Save dialog first.' } }
      if (jobs.has(input.jobId)) return { ok: false, error: { code: 'CONFLICT', message: 'An export with this job id is already running.' } }
      const job = { cancelled: false }
      jobs.set(input.jobId, job)
      const step = (s: ReportProgress['step'], done: number) => deps.emit('report.progressed', { jobId: input.jobId, clientId: input.clientId, step: s, done, total: 3 })
      try {
        step('render', 0)
        const p = await deps.backend.call('report.preview', {
          clientId: input.clientId,
          sections: input.sections,
          paper: input.paper,
          ...(input.cohort ? { cohort: input.cohort } : {}),
          ...(input.asOf ? { asOf: input.asOf } : {}),
          purpose: 'print'
        })
        if (!p.ok) return p as Result<never>
        const preview = p.data as ReportPreview
        if (job.cancelled) return (step('cancelled', 1), cancelled())
        step('print', 1)
        let pdf: Buffer
        try {
          pdf = await deps.printHtml(preview.html, input.paper, () => job.cancelled)
        } catch {
          step('failed', 1)
          return { ok: false, error: { code: 'INTERNAL', message: 'Printing the report to PDF failed. Try again.' } }
        }
        if (job.cancelled) return (step('cancelled', 2), cancelled())
        step('write', 2)
        const r = await deps.backend.call('report.saveRendered', {
          clientId: input.clientId,
          format: 'pdf',
          outPath: input.outPath,
          force: input.force,
          dataBase64: pdf.toString('base64'),
          // Recorded with the choices the printed HTML was rendered with (the saved cohort, today), to regenerate it.
          paper: preview.choices.paper,
          sections: preview.choices.sections,
          cohort: preview.choices.cohort,
          asOf: preview.choices.asOf
        })
        step(r.ok ? 'done' : 'failed', 3)
        if (r.ok) deps.grants.revoke(input.outPath)
        return r as Result<ReportExportResult>
      } finally {
        jobs.delete(input.jobId)
      }
    }
  }
}
