import { join } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientSummary, PortfolioImportPreview, PortfolioImportResult, PortfolioRow } from '../../shared/ipc/contract'
import { checksums, cleanup, err, ok, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

async function setup() {
  const { backend, vaultDir } = await unlockedBackend()
  dirs.push(vaultDir)
  const c = await ok<ClientSummary>(backend, 'client.create', { name: 'Harbor Payments' })
  return { b: backend, vaultDir, clientId: c.id }
}

/** Excel's day number for a calendar date, as Excel stores a date cell. */
const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000
const dateCell = (iso: string, z = 'm/d/yy'): XLSX.CellObject => ({ t: 'n', v: serial(iso), z })

function workbook(sheets: Record<string, (string | number | XLSX.CellObject | null)[][]>): string {
  const wb = XLSX.utils.book_new()
  for (const [name, rows] of Object.entries(sheets)) {
    const ws: XLSX.WorkSheet = {}
    let maxC = 0
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        maxC = Math.max(maxC, c)
        if (v === null) return
        ws[XLSX.utils.encode_cell({ r, c })] = typeof v === 'object' ? v : typeof v === 'number' ? { t: 'n', v } : { t: 's', v }
      })
    )
    ws['!ref'] = rows.length ? XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length - 1, c: maxC } }) : undefined
    XLSX.utils.book_append_sheet(wb, ws, name)
  }
  return (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64')
}

describe('CRM import from Excel', () => {
  it('reads partners from a workbook: header below a title, date cells, blank rows, the first sheet with data', async () => {
    const { b, clientId } = await setup()
    const file = workbook({
      Notes: [],
      Partners: [
        ['Partner export, November', null, null, null, null],
        [],
        ['Account Name', 'Website', 'Partner Type', 'Partner Tier', 'Date Signed'],
        ['Apex Integrations', 'https://apex.example', 'Technology Partner', 'Gold', dateCell('2025-03-02')],
        [],
        ['Beacon Advisory', 'beacon.example', 'System Integrator', 2, dateCell('2026-01-15', 'yyyy-mm-dd')],
        ['Cascade', null, 'Carrier pigeon', null, 'soon']
      ]
    })
    const p = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'partners', fileBase64: file, fileName: 'export.xlsx' })
    expect(p).toMatchObject({ encoding: 'excel', delimiter: '', headerLine: 3, fileErrors: [] })
    expect(p.notes).toContain('The workbook has 2 sheets; the sheet “Partners” is read.')
    expect(p.mapping).toMatchObject({ name: 'Account Name', domain: 'Website', type: 'Partner Type', tier: 'Partner Tier', signedAt: 'Date Signed' })
    expect(p.counts).toEqual({ total: 3, create: 2, update: 0, skip: 0, error: 1 })
    // Lines are spreadsheet row numbers, so the consultant finds the row in Excel.
    expect(p.rows.map((r) => r.line)).toEqual([4, 6, 7])
    expect(p.rows[0].values).toMatchObject({ name: 'Apex Integrations', domain: 'apex.example', type: 'technology', signedAt: '2025-03-02', stage: 'signed' })
    expect(p.rows[1].values).toMatchObject({ tier: '2', signedAt: '2026-01-15', type: 'si' })
    expect(p.rows[2].messages).toEqual([
      expect.stringMatching(/^Unknown partner type “Carrier pigeon”/),
      '“soon” in the signed date is not a date (expected e.g. 2024-03-31).'
    ])
    const r = await ok<PortfolioImportResult>(b, 'portfolio.import.commit', { clientId, kind: 'partners', fileBase64: file, confirm: true, skipInvalid: true })
    expect(r).toMatchObject({ created: 2, rejected: 1 })
    const rows = await ok<PortfolioRow[]>(b, 'portfolio.table', { clientId })
    expect(rows.map((x) => [x.name, x.signedAt]).sort()).toEqual([
      ['Apex Integrations', '2025-03-02'],
      ['Beacon Advisory', '2026-01-15']
    ])
  })

  it('reads deals with numeric amounts and formula cells by their value, never running a formula', async () => {
    const { b, clientId } = await setup()
    await ok(b, 'partner.create', { clientId, name: 'Apex Integrations', type: 'technology', stage: 'signed', signedAt: '2026-01-01' })
    const file = workbook({
      Deals: [
        ['Deal Name', 'Partner', 'Amount', 'Deal Stage', 'Create Date', 'Attribution'],
        ['Globex rollout', 'Apex Integrations', 48000, 'Closed Won', dateCell('2026-03-15'), 'Partner Sourced'],
        ['Initech pilot', 'Apex Integrations', { t: 'n', v: 12500.5, f: 'SUM(C2:C2)/4' }, 'Contract Sent', dateCell('2026-03-20'), 'influenced'],
        ['=HYPERLINK("http://x","y")', 'Apex Integrations', 10, 'won', '2026-03-21', 'sourced']
      ]
    })
    const p = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'opportunities', fileBase64: file })
    expect(p.fileErrors).toEqual([])
    expect(p.rows[0].values).toMatchObject({ amount: 48000, stage: 'won', kind: 'sourced', openedAt: '2026-03-15' })
    expect(p.rows[1].values).toMatchObject({ amount: 12500.5, stage: 'negotiation', openedAt: '2026-03-20' })
    // Text that looks like a formula stays text (it is escaped again on export).
    expect(p.rows[2].values.name).toBe('=HYPERLINK("http://x","y")')
    const r = await ok<PortfolioImportResult>(b, 'portfolio.import.commit', { clientId, kind: 'opportunities', fileBase64: file, confirm: true })
    expect(r.created).toBe(3)
    expect((await ok<PortfolioRow[]>(b, 'portfolio.table', { clientId }))[0]).toMatchObject({ sourced: 48010, influenced: 12500.5 })
  })

  it('refuses a damaged workbook in plain words and leaves the client file as it was', async () => {
    const { b, vaultDir, clientId } = await setup()
    await ok(b, 'partner.create', { clientId, name: 'Apex Integrations', type: 'technology' })
    const good = Buffer.from(workbook({ Partners: [['Name', 'Type'], ['Beacon', 'SI']] }), 'base64')
    const damaged = Buffer.concat([good.subarray(0, 200), Buffer.alloc(300, 7)]).toString('base64')
    b.session.closeClient(clientId)
    const before = checksums(join(vaultDir, 'clients'))
    const p = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'partners', fileBase64: damaged })
    expect(p.fileErrors).toEqual(['The Excel file cannot be read (it may be damaged). Open it in Excel and save it again, or export it as CSV.'])
    const e = await err(b, 'portfolio.import.commit', { clientId, kind: 'partners', fileBase64: damaged, confirm: true, skipInvalid: true })
    expect(e).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^Nothing was imported: The Excel file cannot be read/) })
    b.session.closeClient(clientId)
    expect(checksums(join(vaultDir, 'clients'))).toEqual(before)
    // An empty workbook is an empty file.
    const empty = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'partners', fileBase64: workbook({ Sheet1: [] }) })
    expect(empty.fileErrors).toEqual(['The file is empty.'])
  })
})
