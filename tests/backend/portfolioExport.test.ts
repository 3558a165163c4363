import * as XLSX from '@e965/xlsx'
import Papa from 'papaparse'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientSummary } from '../../shared/ipc/contract'
import { escapeCell } from '../../electron/backend/services/portfolioExport'
import { cleanup, err, ok, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

type Exported = { fileName: string; mime: string; base64: string; rows: number }

// Names a CRM export or a partner could hand the consultant; each would run as a formula if written raw.
// (Tab and CR cannot start a stored name: every text field is trimmed on save; the unit test covers them.)
const HOSTILE = ['=HYPERLINK("http://x.example","click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)']

describe('spreadsheet formula escaping', () => {
  it('prefixes an apostrophe to text starting with = + - @ tab or CR, and to nothing else', () => {
    const all = [...HOSTILE, '\tTabbed', '\rCarriage']
    expect(all.map(escapeCell)).toEqual(all.map((s) => `'${s}`))
    for (const s of ['Apex', 'a=b', '', ' =x', "'quoted", '2024-03-01', 'Zeta-Labs']) expect(escapeCell(s)).toBe(s)
  })
})

describe('portfolio export', () => {
  async function seeded() {
    const { backend: b, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    const c = await ok<ClientSummary>(b, 'client.create', { name: 'Harbor Payments' })
    const apex = await ok<{ id: string }>(b, 'partner.create', { clientId: c.id, name: 'Apex Integrations', type: 'technology', tier: 'Gold', stage: 'signed', signedAt: '2026-01-05', notes: 'Zürich office' })
    await ok(b, 'partner.opportunity.save', { clientId: c.id, partnerId: apex.id, name: 'Globex', kind: 'sourced', amount: 48000, currency: 'USD', stage: 'won', openedAt: '2026-02-01' })
    for (const [i, name] of HOSTILE.entries()) await ok(b, 'partner.create', { clientId: c.id, name, type: 'referral', owner: i === 0 ? '=cmd' : null })
    return { b, clientId: c.id }
  }

  it('writes CSV with a BOM, labels not codes, numbers as numbers and every formula-like cell escaped', async () => {
    const { b, clientId } = await seeded()
    const f = await ok<Exported>(b, 'portfolio.export', { clientId, format: 'csv', asOf: '2026-03-01' })
    expect(f).toMatchObject({ fileName: 'Harbor-Payments-partners-2026-03-01.csv', mime: 'text/csv', rows: 5 })
    const bytes = Buffer.from(f.base64, 'base64')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const parsed = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true }).data
    expect(parsed[0].slice(0, 6)).toEqual(['Partner', 'Domain', 'Type', 'Tier', 'Their tier for us', 'Lifecycle stage'])
    const apex = parsed.find((r) => r[0] === 'Apex Integrations')!
    expect(apex).toEqual(expect.arrayContaining(['Technology / integration', 'Gold', 'Signed', '2026-01-05', '48000', 'Zürich office']))
    // No cell of the file starts with a formula character.
    for (const row of parsed.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    expect(parsed.map((r) => r[0]).filter((n) => n.startsWith("'")).sort()).toEqual(HOSTILE.map((s) => `'${s}`).sort())
    expect(parsed.some((r) => r.includes("'=cmd"))).toBe(true)
  })

  it('writes XLSX with text cells only as text (no formulas) and amounts as numbers', async () => {
    const { b, clientId } = await seeded()
    const f = await ok<Exported>(b, 'portfolio.export', { clientId, format: 'xlsx' })
    expect(f.fileName).toMatch(/^Harbor-Payments-partners-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const wb = XLSX.read(Buffer.from(f.base64, 'base64'), { type: 'buffer', cellFormula: true })
    expect(wb.SheetNames).toEqual(['Partners'])
    const ws = wb.Sheets.Partners
    const cells = Object.entries(ws).filter(([k]) => !k.startsWith('!')).map(([, c]) => c as XLSX.CellObject)
    expect(cells.filter((c) => c.f !== undefined)).toEqual([])
    for (const c of cells) if (c.t === 's') expect(String(c.v)).not.toMatch(/^[=+\-@\t\r]/)
    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(ws, { header: 1, raw: true })
    const apex = rows.find((r) => r[0] === 'Apex Integrations')!
    expect(apex[rows[0].indexOf('Sourced pipeline')]).toBe(48000)
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(HOSTILE.map((s) => `'${s}`)))
  })

  it('refuses an unknown format and an unknown client', async () => {
    const { b, clientId } = await seeded()
    expect((await err(b, 'portfolio.export', { clientId, format: 'pdf' })).code).toBe('VALIDATION')
    expect((await err(b, 'portfolio.export', { clientId: `c_aaaaaaaaaaaaaaaa`, format: 'csv' })).code).toBe('NOT_FOUND')
  })
})
