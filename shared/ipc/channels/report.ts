import { z } from 'zod'
import {
  LOGO_DATA_URI,
  LOGO_MAX_BYTES,
  PAPERS,
  REPORT_FORMATS,
  SECTION_KEYS,
  type Branding,
  type ReportExportRecord,
  type Paper,
  type ReportFormat,
  type ReportSettings,
  type SectionKey
} from '../../report/model'
import type { Cohort, CohortKey } from '../../benchmark/metrics'
import { channel, clientId, isoDate } from '../fields'
import { cohortInput } from './benchmark'

export type { Branding, ReportExportRecord, ReportFormat, ReportSettings, SectionKey }

const logo = z
  .string()
  .max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 40, 'The logo is too large (the limit is 1 MB)')
  .regex(LOGO_DATA_URI, 'A logo must be a PNG, JPEG, WebP or SVG image')
  .nullable()

export const brandingSchema = z
  .object({
    firmName: z.string().trim().min(1, 'Enter your firm’s name').max(120, 'The firm name is limited to 120 characters'),
    firmLogo: logo,
    accent: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'The accent colour is a hex colour such as #0f6e6e').transform((s) => s.toLowerCase()),
    confidentiality: z.string().trim().max(240, 'The confidentiality line is limited to 240 characters'),
    preparedBy: z.string().trim().max(120, 'The name is limited to 120 characters')
  })
  .strict()

const sectionList = z
  .array(z.enum(SECTION_KEYS, { error: `A section is one of: ${SECTION_KEYS.join(', ')}` }))
  .min(1, 'Pick at least one section')
  .max(SECTION_KEYS.length)
  .refine((xs) => new Set(xs).size === xs.length, 'A section can appear only once')

export const reportSettingsSchema = z
  .object({
    sections: sectionList,
    paper: z.enum(PAPERS),
    summary: z.string().max(8000, 'The executive summary is limited to 8,000 characters'),
    clientLogo: logo,
    confidentiality: z.string().trim().max(240, 'The confidentiality line is limited to 240 characters'),
    title: z.string().trim().min(1, 'The report needs a title').max(120, 'The title is limited to 120 characters'),
    cohort: cohortInput
  })
  .strict()

/** What one rendering uses; every field falls back to the client's saved report settings. */
const renderChoices = {
  clientId,
  sections: sectionList.optional(),
  paper: z.enum(PAPERS).optional(),
  /** The benchmark section's cohort; default the client's saved one. */
  cohort: cohortInput.optional(),
  /** The day the report speaks of (tests and regeneration); default today. */
  asOf: isoDate.optional()
}

/** What one rendering used, each choice resolved (given, else the client's saved one, else today). */
export interface ReportChoices {
  sections: SectionKey[]
  paper: Paper
  cohort: Cohort
  asOf: string
}

export interface ReportPreview {
  html: string
  /** The choices this HTML was rendered with (the app's print path records its export with them). */
  choices: ReportChoices
  /** Sections left out because there is nothing to show, with why. */
  omitted: { section: SectionKey; reason: string }[]
  /** The generated draft of key facts for the executive summary. */
  draft: string[]
}

/**
 * The cohorts the report's benchmark section can use for one client: the one asked about with its size, and for each
 * cohort key the values that, added to it, still leave at least 5 other clients (counts only, never a name).
 */
export interface ReportCohorts {
  cohort: Cohort
  label: string
  /** Other readable clients in `cohort`. */
  peers: number
  options: { key: CohortKey; value: string; label: string; peers: number }[]
  /** The least number of other clients a cohort needs to be offered. */
  minPeers: number
}

export interface ReportExportResult {
  path: string
  bytes: number
  format: ReportFormat
  /** PDF only. */
  pages: number | null
  record: ReportExportRecord
  /** Sections asked for but left out (nothing to show), with why. */
  omitted: { section: SectionKey; reason: string }[]
}

/** Pushed while an export runs (and once more when it ends). */
export interface ReportProgress {
  jobId: string
  clientId: string
  step: 'collect' | 'render' | 'print' | 'write' | 'done' | 'cancelled' | 'failed'
  done: number
  total: number
}

export const jobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'Not an export job id')

export const reportChannels = {
  'report.branding.get': channel<Branding>()(z.object({}).strict()),
  'report.branding.update': channel<Branding>()(z.object({ patch: brandingSchema.partial().strict() }).strict()),
  'report.settings.get': channel<ReportSettings>()(z.object({ clientId }).strict()),
  'report.settings.update': channel<ReportSettings>()(z.object({ clientId, patch: reportSettingsSchema.partial().strict() }).strict()),
  /** The report as the HTML that exports print (the app shows it in a sandboxed frame). */
  'report.preview': channel<ReportPreview>()(
    z.object({ ...renderChoices, purpose: z.enum(['preview', 'print']).default('preview') }).strict()
  ),
  /**
   * Writes the report to `outPath` atomically (a temporary file, then rename). An existing file needs `force`;
   * on any failure the old file is left as it was. Progress goes out as `report.progressed` events.
   */
  'report.export': channel<ReportExportResult>()(
    z
      .object({
        ...renderChoices,
        format: z.enum(REPORT_FORMATS, { error: 'The format is pdf, html or md' }),
        outPath: z.string().min(1, 'Say where to save the report').max(4096),
        force: z.boolean().default(false),
        jobId: jobId.optional()
      })
      .strict()
  ),
  /** The cohorts with enough peers for this client's benchmark section (see ReportCohorts). */
  'report.cohorts': channel<ReportCohorts>()(z.object({ clientId, cohort: cohortInput.default({}), asOf: isoDate.optional() }).strict()),
  /**
   * The Report screen is open: start the PDF printer (headless Chromium) ahead of the first export, or keep a running
   * one from closing for being idle. `ready` is false where this host has no Chromium. The app's own PDF path prints
   * with Electron and does not use it.
   */
  'report.prepare': channel<{ ready: boolean }>()(z.object({ clientId }).strict()),
  /** Stops a running export; the target file is not touched. */
  'report.cancel': channel<{ cancelled: boolean }>()(z.object({ jobId }).strict()),
  /**
   * The app's print path: Electron main printed the preview HTML itself and hands over the PDF bytes to be written
   * atomically and recorded. Main answers this channel only for itself (never forwarded from a window).
   */
  'report.saveRendered': channel<ReportExportResult>()(
    z
      .object({
        clientId,
        format: z.enum(REPORT_FORMATS),
        outPath: z.string().min(1).max(4096),
        force: z.boolean().default(false),
        dataBase64: z.string().max(200_000_000),
        paper: z.enum(PAPERS),
        sections: sectionList,
        /** The cohort and day the printed HTML was rendered with (ReportPreview.choices). */
        cohort: cohortInput.optional(),
        asOf: isoDate.optional()
      })
      .strict()
  ),
  /** Every export of this client, newest first, with the choices to regenerate it. */
  'report.history': channel<ReportExportRecord[]>()(z.object({ clientId }).strict())
} as const
