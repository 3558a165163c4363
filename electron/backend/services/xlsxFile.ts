/**
 * Excel workbooks for CRM import and portfolio export, through SheetJS (@e965/xlsx 0.20.3, pinned: the npm `xlsx`
 * package stopped at 0.18.5, which has known prototype-pollution and ReDoS flaws fixed in 0.19.3 and 0.20.2).
 * Only the backend loads it, so the renderer bundle stays small. Formulas are never evaluated: a cell's cached
 * value is read, and exported cells are written as plain strings or numbers.
 */
import * as XLSX from '@e965/xlsx'
import type { RawRow } from './csvImport'

/** XLSX (a zip) or the older XLS (a compound document). */
export function isSpreadsheet(bytes: Buffer): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  const cfb = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0
  return zip || cfb
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** A cell as the CSV reader would have seen it: dates as YYYY-MM-DD, numbers without grouping. */
function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return ''
  if (cell.t === 'd' && cell.v instanceof Date) {
    const d = cell.v
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  }
  if (cell.t === 'n' && typeof cell.v === 'number') {
    // Excel stores dates as day numbers with a date format; read the calendar date, free of time zones.
    const fmt = cell.z ?? ''
    if (fmt && XLSX.SSF.is_date(fmt)) {
      const p = XLSX.SSF.parse_date_code(cell.v)
      if (p) return `${p.y}-${pad(p.m)}-${pad(p.d)}`
    }
    return String(cell.v)
  }
  if (cell.t === 'b') return cell.v ? 'TRUE' : 'FALSE'
  if (cell.t === 'e') return ''
  return String(cell.v)
}

export interface SheetRows {
  rows: RawRow[]
  sheet: string
  sheetCount: number
}

/** The first sheet with data, as rows that remember their spreadsheet row number; blank rows are dropped. */
export function readSpreadsheet(bytes: Buffer): SheetRows {
  let wb: XLSX.WorkBook
  try {
    wb = XLSX.read(bytes, { type: 'buffer', cellFormula: false, cellHTML: false, cellStyles: false, cellDates: false, cellNF: true })
  } catch (err) {
    const why = /password|encrypt/i.test(String(err)) ? 'it is password-protected' : 'it may be damaged'
    throw new SpreadsheetError(`The Excel file cannot be read (${why}). Open it in Excel and save it again, or export it as CSV.`)
  }
  const names = wb.SheetNames.filter((n) => wb.Sheets[n]?.['!ref'])
  const sheet = names[0] ?? wb.SheetNames[0]
  const ws = sheet ? wb.Sheets[sheet] : undefined
  if (!ws || !ws['!ref']) return { rows: [], sheet: sheet ?? '', sheetCount: wb.SheetNames.length }
  const range = XLSX.utils.decode_range(ws['!ref'])
  const rows: RawRow[] = []
  for (let r = range.s.r; r <= range.e.r; r++) {
    const cells: string[] = []
    for (let c = range.s.c; c <= range.e.c; c++) cells.push(cellText(ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined).trim())
    if (cells.every((x) => x === '')) continue
    rows.push({ line: r + 1, cells, error: null })
  }
  return { rows, sheet, sheetCount: wb.SheetNames.length }
}

export class SpreadsheetError extends Error {}

/** One sheet from rows of strings and numbers; strings stay strings (never formulas). */
export function writeSpreadsheet(sheetName: string, rows: (string | number | null)[][]): Buffer {
  const ws = XLSX.utils.aoa_to_sheet(rows.map((r) => r.map((v) => (v === null ? '' : v))))
  const wb = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(wb, ws, sheetName.slice(0, 31))
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer
}
