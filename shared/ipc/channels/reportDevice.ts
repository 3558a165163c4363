/**
 * The report's desktop-only channels, answered by Electron main: the native save dialog (main then lets
 * `report.export` write only to the path picked there) and printing the PDF with Electron's own Chromium
 * (`webContents.printToPDF` in a hidden, hardened window), from the same HTML the preview shows.
 */
import { z } from 'zod'
import { PAPERS, REPORT_FORMATS, SECTION_KEYS } from '../../report/model'
import { channel, clientId, isoDate } from '../fields'
import { cohortInput } from './benchmark'
import { jobId, type ReportExportResult } from './report'

export const reportDeviceChannels = {
  /** `null` when the user cancelled. */
  'device.chooseReportPath': channel<{ path: string } | null>()(
    z.object({ suggestedName: z.string().min(1).max(200), format: z.enum(REPORT_FORMATS) }).strict()
  ),
  'device.exportReportPdf': channel<ReportExportResult>()(
    z
      .object({
        clientId,
        outPath: z.string().min(1).max(4096),
        force: z.boolean().default(false),
        sections: z.array(z.enum(SECTION_KEYS)).min(1).max(SECTION_KEYS.length),
        paper: z.enum(PAPERS),
        /** A regeneration passes the recorded cohort and day; a new export leaves them to the saved choice and today. */
        cohort: cohortInput.optional(),
        asOf: isoDate.optional(),
        jobId
      })
      .strict()
  )
} as const
