import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as XLSX from '@e965/xlsx'
import type { ClientSummary, PortfolioRow } from '../../shared/ipc/contract'
import { createClient, createVault, expect, test } from './fixtures'

const SHOTS = join(__dirname, '../../.reports/screens')

async function call<T>(harness: { backend: { call(c: string, i: unknown): Promise<{ ok: boolean; data?: unknown; error?: { message: string } }> } }, channel: string, input: unknown): Promise<T> {
  const r = await harness.backend.call(channel, input)
  if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`)
  return r.data as T
}

// A Salesforce-style export: a title line above the headers, a partner-name column the app cannot guess ("Org"),
// one partner that already exists, one bad date and a quoted value with a comma.
const CSV = [
  'Partner accounts export,,,,,',
  'Org,Web,Partner Type,Stage,Date Signed,Manager',
  'Acme Cloud,acme.example,Technology,Active,2025-01-10,Dana',
  'Brightpath Consulting,brightpath.example,Consulting partner,Signed,2025-03-02,Ben',
  '"Cobalt, Inc.",cobalt.example,Reseller,Prospect,,Dana',
  'Delta Systems,delta.example,Referral,Signed,2025-31-31,Ben',
  'Evergreen MSP,evergreen.example,MSP,Live,2024-11-20,'
].join('\r\n')

test('import CSV and fix mapping: guessed columns, a fixed mapping, row problems in plain words, one transaction', async ({ page, harness, foreignRequests }) => {
  await createVault(page, harness)
  await createClient(page, 'Northwind Analytics')
  const [client] = await call<ClientSummary[]>(harness, 'client.list', {})
  await call(harness, 'partner.create', { clientId: client.id, name: 'Acme Cloud', type: 'technology' })

  await page.getByRole('tab', { name: 'Partners' }).click()
  await page.getByRole('button', { name: 'Import…' }).click()
  const panel = page.getByTestId('import-panel')
  await page.getByLabel('CRM export file').setInputFiles({ name: 'partners-export.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) })

  // The name column is not guessed: the file cannot be imported until it is mapped.
  await expect(panel.getByRole('alert').filter({ hasText: 'No column is mapped to Partner name' })).toBeVisible()
  await expect(page.getByTestId('import-file-facts')).toContainText('column headers on line 2')
  await expect(page.getByLabel('Column for Partner type')).toHaveValue('Partner Type')
  await expect(page.getByLabel('Column for Signed date')).toHaveValue('Date Signed')
  await page.screenshot({ path: join(SHOTS, 'import-unmapped.png'), fullPage: true })

  await page.getByLabel('Column for Partner name').selectOption('Org')
  await page.getByLabel('Column for Domain / website').selectOption('Web')
  await expect(page.getByTestId('import-counts')).toContainText('5 rows: 3 new partners, 1 already here or repeated, 1 row with problems')
  await expect(page.getByTestId('import-problems')).toContainText('Line 6: “2025-31-31” in the signed date is not a date')
  // Rows with problems block the import until the consultant chooses to leave them out.
  const importButton = page.getByRole('button', { name: 'Import 3 partners' })
  await expect(importButton).toBeDisabled()
  await expect(page.getByRole('table', { name: 'Import preview' })).toContainText('Cobalt, Inc.')
  await page.screenshot({ path: join(SHOTS, 'import-mapped.png'), fullPage: true })

  await page.getByLabel(/Leave out the 1 row with problems/).check()
  await importButton.click()
  await expect(page.getByTestId('import-result')).toContainText('Imported: 3 new partners, 0 updates.')
  const rows = await call<PortfolioRow[]>(harness, 'portfolio.table', { clientId: client.id })
  expect(rows.map((r) => r.name).sort()).toEqual(['Acme Cloud', 'Brightpath Consulting', 'Cobalt, Inc.', 'Evergreen MSP'])
  const bright = rows.find((r) => r.name === 'Brightpath Consulting')!
  expect([bright.type, bright.stage, bright.signedAt, bright.owner, bright.domain]).toEqual(['si', 'signed', '2025-03-02', 'Ben', 'brightpath.example'])

  await page.getByRole('button', { name: '← Back to partners' }).click()
  await expect(page.getByTestId('row-count')).toHaveText('4 partners')
  expect(foreignRequests).toEqual([])
})

test('import deals from an Excel workbook: the backend reads it, the preview shows labels, the pipeline updates', async ({ page, harness }) => {
  await createVault(page, harness)
  await createClient(page, 'Harbor Payments')
  const [client] = await call<ClientSummary[]>(harness, 'client.list', {})
  await call(harness, 'partner.create', { clientId: client.id, name: 'Apex Integrations', type: 'technology', stage: 'signed', signedAt: '2026-01-01' })
  const ws = XLSX.utils.aoa_to_sheet([
    ['Deal Name', 'Partner', 'Amount', 'Deal Stage', 'Create Date', 'Attribution'],
    ['Globex rollout', 'Apex Integrations', 48000, 'Closed Won', '2026-03-15', 'Partner Sourced'],
    ['Initech pilot', 'Apex Integrations', 12500, 'Contract Sent', '2026-03-20', 'Influenced']
  ])
  const wb = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(wb, ws, 'Deals')
  const buffer = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer

  await page.getByRole('tab', { name: 'Partners' }).click()
  await page.getByRole('button', { name: 'Import…' }).click()
  await page.getByLabel('What the file holds').selectOption('opportunities')
  await page.getByLabel('CRM export file').setInputFiles({ name: 'deals.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer })
  await expect(page.getByTestId('import-file-facts')).toHaveText('An Excel workbook, column headers on row 1.')
  await expect(page.getByTestId('import-counts')).toHaveText('2 rows: 2 new deals')
  const sample = page.getByRole('table', { name: 'Import preview' })
  await expect(sample).toContainText('Won')
  await expect(sample).toContainText('Sourced')
  await expect(sample).toContainText('48,000')
  await page.screenshot({ path: join(SHOTS, 'import-xlsx.png') })
  await page.getByRole('button', { name: 'Import 2 deals' }).click()
  await expect(page.getByTestId('import-result')).toContainText('Imported: 2 new deals')
  const rows = await call<PortfolioRow[]>(harness, 'portfolio.table', { clientId: client.id })
  expect(rows[0]).toMatchObject({ sourced: 48000, influenced: 12500, activatedAt: '2026-03-15' })
})

test('export the portfolio as Excel and CSV from the toolbar, formula-like names escaped', async ({ page, harness }) => {
  await createVault(page, harness)
  await createClient(page, 'Quarry Cloud')
  const [client] = await call<ClientSummary[]>(harness, 'client.list', {})
  await call(harness, 'partner.create', { clientId: client.id, name: 'Apex Integrations', type: 'technology', tier: 'Gold' })
  await call(harness, 'partner.create', { clientId: client.id, name: '=HYPERLINK("http://x.example","open")', type: 'referral' })
  await page.getByRole('tab', { name: 'Partners' }).click()
  await page.getByText('Export', { exact: true }).click()
  await page.screenshot({ path: join(SHOTS, 'export-menu.png') })

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel workbook (.xlsx)' }).click()])
  expect(xlsx.suggestedFilename()).toMatch(/^Quarry-Cloud-partners-\d{4}-\d{2}-\d{2}\.xlsx$/)
  const wb = XLSX.read(readFileSync(await xlsx.path()), { type: 'buffer', cellFormula: true })
  const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Partners, { header: 1 })
  expect(rows.map((r) => r[0])).toEqual(['Partner', '\'=HYPERLINK("http://x.example","open")', 'Apex Integrations'])

  await page.getByText('Export', { exact: true }).click()
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV file' }).click()])
  const text = readFileSync(await csv.path(), 'utf8')
  expect(text).toContain('"\'=HYPERLINK(""http://x.example"",""open"")"')
  expect(text).toContain('Apex Integrations,,Technology / integration,Gold')
})
