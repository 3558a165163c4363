/**
 * Client-ready reports: per-client settings, the vault-level branding, the model → HTML / Markdown / PDF, atomic
 * export to a file the user named, progress and cancel, and the record of every export on the client.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { basename, dirname, isAbsolute } from 'node:path'
import { COHORT_KEYS, COHORT_VALUES, MIN_PEERS, cohortValueLabel, describeCohort, inCohort, type Cohort, type CohortAttributes, type CohortKey } from '../../../../shared/benchmark/metrics'
import { cohortInput } from '../../../../shared/ipc/channels/benchmark'
import type { ReportChoices, ReportCohorts, ReportExportResult, ReportPreview, ReportProgress } from '../../../../shared/ipc/channels/report'
import { renderHtml } from '../../../../shared/report/html'
import { renderMarkdown } from '../../../../shared/report/markdown'
import {
  DEFAULT_REPORT_SETTINGS,
  FORMAT_LABELS,
  PAPERS,
  SECTION_KEYS,
  type ReportExportRecord,
  type ReportFormat,
  type ReportModel,
  type ReportSettings,
  type Paper,
  type SectionKey
} from '../../../../shared/report/model'
import type { ClientDb } from '../../db/clientFile'
import { AppError, toAppError } from '../../errors'
import { fsyncDir } from '../../fsutil'
import { log } from '../../log'
import { createJourneyServices } from '../journey/index'
import { PortfolioService } from '../portfolio'
import type { Session } from '../session'
import { workshopServices } from '../workshops'
import { BrandingStore } from './branding'
import { countPdfPages, sharedChromium, type PrintResult } from './chromium'
import { benchmarkSection } from './benchmark'
import { buildReportModel } from './model'
import { benchmarkForClient, peerAttributesFor } from '../benchmark/index'

export interface RenderChoices {
  clientId: string
  sections?: SectionKey[]
  paper?: Paper
  cohort?: Cohort
  asOf?: string
}

export interface PdfPrinter {
  print(html: string, paper: Paper, isCancelled: () => boolean): Promise<PrintResult>
  /** Optional: start up ahead of a print (resolves when ready). */
  warm?(): Promise<void> | void
  /** Optional: stop, so no process outlives the unlocked vault. */
  close?(): Promise<void>
  readonly running?: boolean
}

/** Anonymous aggregates for one client (the benchmark feature provides them); null = not available, with why. */
export type BenchmarkSource = (clientId: string, asOf: string, cohort: Cohort) => Promise<{ section: ReportModel['benchmark']; reason: string }>

export type ProgressListener = (p: ReportProgress) => void

const today = () => new Date().toISOString().slice(0, 10)

export class ReportService {
  readonly branding: BrandingStore
  private readonly journey
  private readonly workshops
  private readonly portfolio: PortfolioService
  private readonly jobs = new Map<string, { cancelled: boolean }>()
  /** Replaced by tests and by hosts without Chromium; the default starts a warm headless Chromium on first use. */
  printer: () => PdfPrinter = () => sharedChromium()
  benchmark: BenchmarkSource = async (clientId, asOf, cohort) => benchmarkSection(await benchmarkForClient(this.session, clientId, cohort, asOf))
  /** The other clients' cohort attributes (anonymous), for the cohort picker. */
  peers: (clientId: string, asOf: string) => Promise<CohortAttributes[]> = (clientId, asOf) => peerAttributesFor(this.session, clientId, asOf)

  /** The printer this service started or printed with since the unlock (closed on lock). */
  private used: PdfPrinter | null = null

  constructor(private readonly session: Session) {
    // Locking (and closing the backend) ends the printer: no browser outlives the unlocked vault.
    session.beforeLock.push(() => void this.releasePrinter())
    this.branding = new BrandingStore(session)
    this.journey = createJourneyServices(session).journey
    this.workshops = workshopServices(session).workshops
    this.portfolio = new PortfolioService(session)
  }

  private db(clientId: string): ClientDb {
    if (!this.session.index.get(clientId)) throw new AppError('NOT_FOUND', 'There is no such client in this vault.')
    return this.session.client(clientId)
  }

  // ---------------------------------------------------------------- settings

  settings(clientId: string): ReportSettings {
    return readSettings(this.db(clientId))
  }

  updateSettings(clientId: string, patch: Partial<ReportSettings>): ReportSettings {
    const db = this.db(clientId)
    this.session.requireWritable()
    try {
      const up = db.sqlite.prepare('INSERT INTO report_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      db.sqlite.transaction(() => {
        for (const [k, v] of Object.entries(patch)) if (v !== undefined) up.run(k, JSON.stringify(v))
      })()
    } catch (err) {
      throw toAppError(err, 'Saving the report settings')
    }
    return readSettings(db)
  }

  history(clientId: string): ReportExportRecord[] {
    const rows = this.db(clientId)
      .sqlite.prepare(
        'SELECT id, exported_at AS exportedAt, format, paper, sections, as_of AS asOf, cohort, file_name AS fileName, bytes FROM report_exports ORDER BY exported_at DESC, rowid DESC'
      )
      .all() as (Omit<ReportExportRecord, 'sections' | 'cohort'> & { sections: string; cohort: string | null })[]
    return rows.map((r) => ({ ...r, sections: parseSections(r.sections), cohort: parseCohort(r.cohort) }))
  }

  /**
   * The cohorts the benchmark section can compare this client with: `cohort` with its number of peers, and every
   * value of every cohort key that, put into `cohort`, leaves at least MIN_PEERS other clients. Counts only.
   */
  async cohorts(clientId: string, cohort: Cohort = {}, asOf: string = today()): Promise<ReportCohorts> {
    this.db(clientId)
    const peers = await this.peers(clientId, asOf)
    const count = (c: Cohort) => peers.filter((a) => inCohort(a, c)).length
    const options: ReportCohorts['options'] = []
    for (const key of COHORT_KEYS)
      for (const value of COHORT_VALUES[key]) {
        const n = count({ ...cohort, [key]: value })
        if (n >= MIN_PEERS) options.push({ key: key as CohortKey, value, label: cohortValueLabel(key, value), peers: n })
      }
    return { cohort, label: describeCohort(cohort), peers: count(cohort), options, minPeers: MIN_PEERS }
  }

  /**
   * The Report screen opened (or its preview changed): start the PDF printer now, so the first export does not wait
   * for Chromium, or keep a running one from closing for being idle. Resolves when it is ready; false when this host
   * has no Chromium (the export says how to install it).
   */
  async prepare(clientId: string): Promise<{ ready: boolean }> {
    this.db(clientId)
    let printer: PdfPrinter
    try {
      printer = this.printer()
    } catch {
      return { ready: false }
    }
    this.used = printer
    await printer.warm?.()
    return { ready: printer.running ?? true }
  }

  /** Closes the printer this service used (on lock and close). */
  async releasePrinter(): Promise<void> {
    const p = this.used
    this.used = null
    await p?.close?.().catch((err: unknown) => log.warn('closing the PDF printer failed', err))
  }

  // ---------------------------------------------------------------- rendering

  /** Each choice as given, else the client's saved one, else today: what a rendering uses and an export records. */
  choices(c: RenderChoices): ReportChoices {
    const settings = readSettings(this.db(c.clientId))
    return { sections: c.sections ?? settings.sections, paper: c.paper ?? settings.paper, cohort: c.cohort ?? settings.cohort, asOf: c.asOf ?? today() }
  }

  async model(c: RenderChoices): Promise<ReportModel> {
    const summary = this.session.index.get(c.clientId)
    if (!summary) throw new AppError('NOT_FOUND', 'There is no such client in this vault.')
    const db = this.session.client(c.clientId)
    const settings = readSettings(db)
    const { asOf, sections, paper, cohort } = this.choices(c)
    // The benchmark reads every client file (incrementally, in workers): only when the section is wanted.
    const bench = sections.includes('benchmark')
      ? await this.benchmark(c.clientId, asOf, cohort).catch((err: unknown) => {
          log.warn('the benchmark for a report failed', err)
          return { section: null, reason: 'The benchmark could not be computed just now; try again.' }
        })
      : { section: null, reason: '' }
    const hasJourney = !!db.sqlite.prepare('SELECT 1 FROM journey_meta WHERE id = 1').get()
    const partnerCount = (db.sqlite.prepare('SELECT count(*) AS n FROM partners').get() as { n: number }).n
    const overview = partnerCount > 0 ? this.portfolio.overview(c.clientId, asOf) : null
    return buildReportModel({
      clientName: summary.name,
      segment: summary.segment as unknown as Record<string, string | null>,
      db,
      settings,
      branding: this.branding.get(),
      asOf,
      sections,
      paper,
      journey: hasJourney ? this.journey.view(c.clientId, db) : null,
      maturity: this.workshops.history(c.clientId),
      portfolio: overview ? { rows: overview.rows, summary: overview.summary, currency: overview.settings.currency } : null,
      benchmark: bench.section,
      benchmarkReason: bench.reason
    })
  }

  async preview(c: RenderChoices & { purpose?: 'preview' | 'print' }): Promise<ReportPreview> {
    // Resolved once, so the HTML and the choices handed back (and recorded by the app's print path) agree.
    const choices = this.choices(c)
    const m = await this.model({ clientId: c.clientId, ...choices })
    return { html: renderHtml(m, { preview: c.purpose !== 'print' }), choices, omitted: m.omitted, draft: m.summary.draft }
  }

  // ---------------------------------------------------------------- export

  cancel(jobId: string): { cancelled: boolean } {
    const j = this.jobs.get(jobId)
    if (!j) return { cancelled: false }
    j.cancelled = true
    return { cancelled: true }
  }

  async export(
    input: RenderChoices & { format: ReportFormat; outPath: string; force: boolean; jobId?: string },
    onProgress: ProgressListener = () => {}
  ): Promise<ReportExportResult> {
    const jobId = input.jobId ?? randomBytes(9).toString('base64url')
    if (this.jobs.has(jobId)) throw new AppError('CONFLICT', 'An export with this job id is already running.')
    const job = { cancelled: false }
    this.jobs.set(jobId, job)
    const total = input.format === 'pdf' ? 4 : 3
    let done = 0
    const step = (s: ReportProgress['step']) => onProgress({ jobId, clientId: input.clientId, step: s, done, total })
    const check = () => {
      if (job.cancelled) throw new AppError('CANCELLED', 'The export was cancelled; no file was written.')
    }
    try {
      checkTarget(input.outPath, input.format, input.force)
      // Chromium starts while the model is built.
      if (input.format === 'pdf') {
        this.used = this.printer()
        void this.used.warm?.()
      }
      step('collect')
      const choices = this.choices(input)
      const m = await this.model({ clientId: input.clientId, ...choices })
      done++
      check()
      step('render')
      const html = input.format === 'md' ? null : renderHtml(m)
      let data: Buffer
      let pages: number | null = null
      if (input.format === 'md') data = Buffer.from(renderMarkdown(m), 'utf8')
      else if (input.format === 'html') data = Buffer.from(html!, 'utf8')
      else {
        done++
        check()
        step('print')
        const r = await (this.used ?? this.printer()).print(html!, m.paper, () => job.cancelled)
        if (r.blockedRequests.length) {
          log.error(`report PDF: the page tried ${r.blockedRequests.length} network requests; export refused`)
          throw new AppError('INTERNAL', 'The report tried to load something from the network while printing; nothing was written.')
        }
        data = r.pdf
        pages = countPdfPages(data)
      }
      done++
      check()
      step('write')
      writeAtomic(input.outPath, data, input.force)
      done++
      const record = this.record(input.clientId, { format: input.format, ...choices, fileName: basename(input.outPath), bytes: data.length })
      step('done')
      return { path: input.outPath, bytes: data.length, format: input.format, pages, record, omitted: m.omitted }
    } catch (err) {
      step(err instanceof AppError && err.code === 'CANCELLED' ? 'cancelled' : 'failed')
      throw err
    } finally {
      this.jobs.delete(jobId)
    }
  }

  /** Writes bytes rendered elsewhere (the app's print path) and records the export. */
  saveRendered(input: {
    clientId: string
    format: ReportFormat
    outPath: string
    force: boolean
    data: Buffer
    paper: Paper
    sections: SectionKey[]
    cohort?: Cohort
    asOf?: string
  }): ReportExportResult {
    this.db(input.clientId)
    checkTarget(input.outPath, input.format, input.force)
    writeAtomic(input.outPath, input.data, input.force)
    const choices = this.choices(input)
    const record = this.record(input.clientId, { format: input.format, ...choices, fileName: basename(input.outPath), bytes: input.data.length })
    return { path: input.outPath, bytes: input.data.length, format: input.format, pages: input.format === 'pdf' ? countPdfPages(input.data) : null, record, omitted: [] }
  }

  private record(clientId: string, r: Omit<ReportExportRecord, 'id' | 'exportedAt' | 'cohort'> & { cohort: Cohort }): ReportExportRecord {
    const rec: ReportExportRecord = {
      id: `r_${randomBytes(9).toString('base64url')}`,
      exportedAt: new Date().toISOString(),
      format: r.format,
      paper: r.paper,
      sections: r.sections,
      asOf: r.asOf,
      cohort: r.cohort,
      fileName: r.fileName,
      bytes: r.bytes
    }
    // A read-only vault still exports (the file goes elsewhere); only the record cannot be kept.
    if (this.session.readOnly) return rec
    try {
      this.db(clientId)
        .sqlite.prepare('INSERT INTO report_exports (id, exported_at, as_of, format, paper, sections, cohort, file_name, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(rec.id, rec.exportedAt, rec.asOf, rec.format, rec.paper, JSON.stringify(rec.sections), JSON.stringify(rec.cohort), rec.fileName, rec.bytes)
    } catch (err) {
      log.warn('the report was written but its export record could not be saved', err)
    }
    return rec
  }
}

function parseSections(s: string): SectionKey[] {
  try {
    const xs = JSON.parse(s) as unknown
    return Array.isArray(xs) ? xs.filter((x): x is SectionKey => (SECTION_KEYS as readonly string[]).includes(x as string)) : []
  } catch {
    return []
  }
}

/** A recorded cohort; null when the row predates it (NULL) or does not parse. */
function parseCohort(s: string | null): Cohort | null {
  if (s === null) return null
  try {
    const c = cohortInput.safeParse(JSON.parse(s))
    return c.success ? c.data : null
  } catch {
    return null
  }
}

export function readSettings(db: ClientDb): ReportSettings {
  const out: ReportSettings = { ...DEFAULT_REPORT_SETTINGS }
  const rows = db.sqlite.prepare('SELECT key, value FROM report_settings').all() as { key: string; value: string }[]
  for (const r of rows) {
    if (!(r.key in out)) continue
    try {
      const v = JSON.parse(r.value) as unknown
      if (r.key === 'sections') {
        const xs = parseSections(r.value)
        if (xs.length) out.sections = xs
      } else if (r.key === 'paper') {
        if ((PAPERS as readonly unknown[]).includes(v)) out.paper = v as Paper
      } else if (r.key === 'clientLogo') out.clientLogo = typeof v === 'string' ? v : null
      else if (r.key === 'cohort') {
        const c = cohortInput.safeParse(v)
        if (c.success) out.cohort = c.data
      }
      else if (typeof v === 'string') (out as unknown as Record<string, unknown>)[r.key] = v
    } catch {
      // A value that does not parse keeps its default: the report still renders.
    }
  }
  return out
}

// ---------------------------------------------------------------- files

const EXTENSIONS: Record<ReportFormat, string[]> = { pdf: ['.pdf'], html: ['.html', '.htm'], md: ['.md', '.markdown'] }

/** Refuses an unusable target before any work is done, with a message that says what to do. */
export function checkTarget(path: string, format: ReportFormat, force: boolean): void {
  if (!isAbsolute(path)) throw new AppError('VALIDATION', 'The report path must be a full path to a file.')
  const name = basename(path)
  if (!EXTENSIONS[format].some((e) => name.toLowerCase().endsWith(e)))
    throw new AppError('VALIDATION', `A ${FORMAT_LABELS[format]} report’s file name ends with ${EXTENSIONS[format][0]} (not “${name}”).`)
  const dir = dirname(path)
  let d
  try {
    d = statSync(dir)
  } catch {
    throw new AppError('FILE_MISSING', `The folder ${dir} does not exist. Create it or choose another folder.`)
  }
  if (!d.isDirectory()) throw new AppError('VALIDATION', `${dir} is not a folder.`)
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new AppError('VALIDATION', `${path} is a folder, not a file.`)
    if (!force) throw new AppError('CONFLICT', `${name} already exists. Replace it (--force, or confirm in the app) or choose another name; it was left as it is.`)
  }
}

/** Temporary file in the same folder, fsync, rename: readers see the old file or the whole new one. */
export function writeAtomic(path: string, data: Buffer, force: boolean): void {
  const tmp = `${dirname(path)}/.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    const fd = openSync(tmp, 'wx', 0o600)
    try {
      for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    if (!force && existsSync(path)) throw new AppError('CONFLICT', `${basename(path)} appeared while the report was being written; it was left as it is.`)
    renameSync(tmp, path)
    fsyncDir(dirname(path))
  } catch (err) {
    rmSync(tmp, { force: true })
    if (err instanceof AppError) throw err
    const code = (err as { code?: string }).code ?? ''
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new AppError('READ_ONLY', `The report cannot be saved in ${dirname(path)}: permission denied or a read-only disk. Choose another folder.`)
    if (code === 'ENOSPC') throw new AppError('DISK_FULL', `The disk holding ${dirname(path)} is full; the report was not saved.`)
    throw toAppError(err, 'Saving the report')
  }
}
