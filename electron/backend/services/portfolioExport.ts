/**
 * The portfolio as a spreadsheet (CSV or XLSX): one row per partner with what the table shows. Text that a
 * spreadsheet would read as a formula (= + - @, tab, carriage return) is escaped so opening the file never runs it:
 * partner names and notes come from CRMs and partners, not only from the consultant.
 */
import Papa from 'papaparse'
import { LIFECYCLE_LABELS, PARTNER_TYPE_LABELS } from '../../../shared/domain/partner'
import type { PortfolioRow } from '../../../shared/ipc/channels/portfolio'
import { WARNING_LABELS } from '../../../shared/portfolio/metrics'
import { AppError } from '../errors'
import type { PortfolioService } from './portfolio'
import type { Session } from './session'
import { writeSpreadsheet } from './xlsxFile'

export type ExportFormat = 'csv' | 'xlsx'
export interface ExportedFile {
  fileName: string
  mime: string
  /** The file's bytes, base64 (XLSX is binary). */
  base64: string
  rows: number
}

const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A text cell a spreadsheet shows as typed. OWASP's advice for CSV injection: prefix a leading = + - @ tab or CR
 * with an apostrophe, which Excel, LibreOffice and Sheets treat as "this is text" and do not display.
 */
export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

type Cell = string | number | null
const COLUMNS: [string, (r: PortfolioRow) => Cell][] = [
  ['Partner', (r) => r.name],
  ['Domain', (r) => r.domain],
  ['Type', (r) => PARTNER_TYPE_LABELS[r.type]],
  ['Tier', (r) => r.tier],
  ['Their tier for us', (r) => r.partnerTiersUs],
  ['Lifecycle stage', (r) => LIFECYCLE_LABELS[r.stage]],
  ['Signed', (r) => r.signedAt],
  ['First commercial event', (r) => r.activatedAt],
  ['Owner', (r) => r.owner],
  ['Health', (r) => r.health],
  ['Health band', (r) => (r.healthBand === 'unknown' ? 'not scored' : r.healthBand)],
  ['Sourced pipeline', (r) => r.sourced],
  ['Influenced pipeline', (r) => r.influenced],
  ['Last meeting', (r) => r.lastMeetingAt],
  ['Open actions', (r) => r.openActions],
  ['Activation topics agreed', (r) => r.topicsAgreed],
  ['Warnings', (r) => r.warnings.map((w) => WARNING_LABELS[w]).join('; ')],
  ['Notes', (r) => r.notes]
]

/** Header and rows, every text cell escaped; numbers stay numbers. */
export function exportTable(rows: PortfolioRow[]): Cell[][] {
  const safe = (v: Cell): Cell => (typeof v === 'string' ? escapeCell(v) : v)
  return [COLUMNS.map(([h]) => h), ...rows.map((r) => COLUMNS.map(([, get]) => safe(get(r))))]
}

export class PortfolioExportService {
  constructor(
    private readonly session: Session,
    private readonly portfolio: PortfolioService
  ) {}

  export(clientId: string, format: ExportFormat, asOf?: string): ExportedFile {
    const client = this.session.index.get(clientId)
    if (!client) throw new AppError('NOT_FOUND', 'There is no such client in this vault.')
    const rows = [...this.portfolio.table(clientId, asOf)].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }))
    const cells = exportTable(rows)
    const day = asOf ?? new Date().toISOString().slice(0, 10)
    const base = `${client.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'client'}-partners-${day}`
    if (format === 'xlsx')
      return {
        fileName: `${base}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        base64: writeSpreadsheet('Partners', cells).toString('base64'),
        rows: rows.length
      }
    // Already escaped above; a BOM so Excel reads accents as UTF-8; CRLF as spreadsheets expect.
    const csv = Papa.unparse(cells.map((r) => r.map((v) => (v === null ? '' : v))), { escapeFormulae: false, newline: '\r\n' })
    return { fileName: `${base}.csv`, mime: 'text/csv', base64: Buffer.from(`\ufeff${csv}\r\n`, 'utf8').toString('base64'), rows: rows.length }
  }
}
