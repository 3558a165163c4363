import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClientSummary } from '../../shared/ipc/contract'
import { cliFor } from '../helpers/cli'
import { cleanup, tempDir } from '../helpers/vault'

let vault: string
let cli: ReturnType<typeof cliFor>
let client: ClientSummary

beforeAll(async () => {
  vault = tempDir('trellis-cli-export-')
  cli = cliFor(vault)
  expect((await cli(['vault', 'init', '--json'])).code).toBe(0)
  client = JSON.parse((await cli(['client', 'create', '--name', 'Granite Security', '--json'])).stdout)
}, 180_000)
afterAll(() => cleanup(vault))

describe('trellis export partners', { timeout: 240_000 }, () => {
  it('writes CSV and XLSX with formula-like text escaped, refuses to overwrite, and explains bad usage', async () => {
    const csvIn = join(vault, 'in.csv')
    writeFileSync(csvIn, 'Name,Type,Tier\nApex Integrations,Technology,Gold\n"@SUM(A1:A2)",Referral,\n')
    expect((await cli(['import', 'partners', client.id, csvIn])).code).toBe(0)

    const out = join(vault, 'portfolio.csv')
    const r = await cli(['export', 'partners', 'Granite Security', '--format', 'csv', '--out', out, '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'csv', partners: 2 })
    const text = readFileSync(out, 'utf8')
    expect(text.split('\r\n')[1]).toMatch(/^'@SUM\(A1:A2\),,Referral,/)

    const again = await cli(['export', 'partners', client.id, '--format', 'csv', '--out', out])
    expect(again.code).not.toBe(0)
    expect(again.stderr).toContain('already exists; pass --force')

    const xlsx = join(vault, 'portfolio.xlsx')
    const x = await cli(['export', 'partners', client.id, '--format', 'xlsx', '--out', xlsx])
    expect(x.code).toBe(0)
    expect(x.stdout).toMatch(/^Wrote 2 partner\(s\) of “Granite Security” as Excel to /)
    const wb = XLSX.read(readFileSync(xlsx), { type: 'buffer' })
    expect(XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Partners, { header: 1 }).map((row) => row[0])).toEqual(['Partner', "'@SUM(A1:A2)", 'Apex Integrations'])

    const bad = await cli(['export', 'partners', client.id, '--format', 'pdf', '--out', join(vault, 'x.pdf')])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('Give --format csv or --format xlsx.')
    expect(existsSync(join(vault, 'x.pdf'))).toBe(false)
  })
})
