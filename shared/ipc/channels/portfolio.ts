import { z } from 'zod'
import type { PortfolioSettings, HealthBand } from '../../domain/portfolio'
import type { PortfolioSummary, WarningKind } from '../../portfolio/metrics'
import type { ImportKind, ImportPreview, ImportResult } from '../../portfolio/importTypes'
import { IMPORT_FIELDS } from '../../portfolio/importTypes'
import { channel, clientId, isoDate } from '../fields'
import type { PartnerRecord } from './partner'

/**
 * `portfolio.importProgressed`: where a running import is (counts only). `checking` reads and checks the rows (it
 * can be cancelled, nothing is written yet); `writing` is the one transaction (short, all or nothing); then `done`,
 * `cancelled` or `failed`.
 */
export interface PortfolioImportProgressed {
  jobId: string
  clientId: string
  step: 'checking' | 'writing' | 'done' | 'cancelled' | 'failed'
  done: number
  total: number
}

const importJobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'Not an import job id')

/** One row of the portfolio table: the record plus what is computed about it. */
export interface PortfolioRow extends PartnerRecord {
  /** The first commercial event: the recorded date or the first sourced opportunity, whichever is earlier. */
  activatedAt: string | null
  health: number | null
  healthBand: HealthBand
  sourced: number
  influenced: number
  lastMeetingAt: string | null
  openActions: number
  topicsAgreed: number
  warnings: WarningKind[]
}

const importKind = z.enum(['partners', 'opportunities'])
const importInput = z
  .object({
    clientId,
    kind: importKind,
    /** The raw bytes of the file, base64: the backend detects BOM, UTF-8 or Windows-1252. */
    fileBase64: z.string().max(80_000_000, 'The file is too large to import (limit about 60 MB)'),
    fileName: z.string().max(500).optional(),
    /** Target field → source column header; absent fields are guessed. */
    mapping: z.record(z.string(), z.string().nullable()).optional(),
    dateFormat: z.enum(['auto', 'ymd', 'mdy', 'dmy']).default('auto'),
    onDuplicate: z.enum(['skip', 'update']).default('skip')
  })
  .strict()

export const portfolioChannels = {
  'portfolio.summary': channel<PortfolioSummary>()(z.object({ clientId, asOf: isoDate.optional() }).strict()),
  'portfolio.table': channel<PortfolioRow[]>()(z.object({ clientId, asOf: isoDate.optional() }).strict()),
  /** Table, summary and settings from one computation: what the Partners screen shows. */
  'portfolio.overview': channel<{ rows: PortfolioRow[]; summary: PortfolioSummary; settings: PortfolioSettings }>()(
    z.object({ clientId, asOf: isoDate.optional() }).strict()
  ),
  'portfolio.settings.get': channel<PortfolioSettings>()(z.object({ clientId }).strict()),
  'portfolio.settings.update': channel<PortfolioSettings>()(
    z
      .object({
        clientId,
        patch: z
          .object({
            paperWindowDays: z.number().int().min(7, 'The window is at least 7 days').max(730, 'The window is at most two years'),
            healthWeights: z
              .object({ commercial: z.number().min(0).max(100), engagement: z.number().min(0).max(100), relationship: z.number().min(0).max(100) })
              .strict()
              .refine((w) => w.commercial + w.engagement + w.relationship > 0, 'At least one weight must be above zero'),
            cadenceDays: z.record(z.string().max(60), z.number().int().min(1).max(365)),
            currency: z.string().regex(/^[A-Z]{3}$/, 'Currency is a three-letter code such as USD'),
            savedViews: z.array(z.object({ name: z.string().trim().min(1).max(80), state: z.record(z.string(), z.unknown()) }).strict()).max(50)
          })
          .partial()
          .strict()
      })
      .strict()
  ),
  /** The portfolio as a spreadsheet, formula-like text escaped; bytes in base64. */
  'portfolio.export': channel<{ fileName: string; mime: string; base64: string; rows: number }>()(
    z.object({ clientId, format: z.enum(['csv', 'xlsx']), asOf: isoDate.optional() }).strict()
  ),
  /** Parses and checks a CRM export; writes nothing. */
  'portfolio.import.preview': channel<ImportPreview>()(importInput),
  /**
   * Writes the rows the preview accepted, in one transaction. Rows with errors need `skipInvalid`. Progress goes out
   * as `portfolio.importProgressed` events under `jobId`.
   */
  'portfolio.import.commit': channel<ImportResult>()(
    importInput
      .extend({ confirm: z.literal(true, { error: 'Confirm the import first' }), skipInvalid: z.boolean().default(false), jobId: importJobId.optional() })
      .strict()
  ),
  /** Stops a running import while its rows are checked; once it writes, it finishes (one short transaction). */
  'portfolio.import.cancel': channel<{ cancelled: boolean }>()(z.object({ jobId: importJobId }).strict())
} as const

export type { ImportKind as PortfolioImportKind, ImportPreview as PortfolioImportPreview, ImportResult as PortfolioImportResult }
export { IMPORT_FIELDS as PORTFOLIO_IMPORT_FIELDS }
