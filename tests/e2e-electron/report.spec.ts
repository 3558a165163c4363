/**
 * Reports in the real app: the save dialog picks the file (stubbed in main to answer a temp path), the PDF is
 * printed by Electron's own printToPDF in a hidden window from the preview's HTML, and an HTML export goes to the
 * picked path only. Checked with poppler: A4 pages, text of every section title.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createVault, expect, test } from './fixtures'

test('exports a client report as PDF and HTML through the save dialog', async ({ app, page, foreignRequests }) => {
  const out = mkdtempSync(join(tmpdir(), 'trellis-e2e-el-report-'))
  await createVault(page)
  await page.getByRole('main').getByRole('button', { name: 'Load sample data' }).click()
  const first = page.getByTestId('client-list').getByRole('button').first()
  await expect(first).toBeVisible({ timeout: 60_000 })
  await first.click()
  await page.getByRole('tab', { name: 'Report' }).click()
  await expect(page.frameLocator('[data-testid="report-preview"]').locator('#sec-summary h1')).toHaveText('Executive summary')

  const answer = async (file: string) =>
    app.evaluate(({ dialog }, path) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as typeof dialog.showSaveDialog
    }, join(out, file))

  await answer('report.pdf')
  await page.getByRole('button', { name: 'PDF…' }).click()
  await expect(page.getByTestId('export-done')).toContainText(/Saved PDF, \d+ pages/, { timeout: 60_000 })
  const info = execFileSync('pdfinfo', [join(out, 'report.pdf')], { encoding: 'utf8' })
  expect(info).toMatch(/\(A4\)/)
  expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThan(4)
  const text = execFileSync('pdftotext', [join(out, 'report.pdf'), '-'], { encoding: 'utf8' })
  for (const t of ['Executive summary', 'Maturity results', 'The next 90 days']) expect(text).toContain(t)

  await answer('report.html')
  await page.getByRole('button', { name: 'HTML…' }).click()
  await expect(page.getByTestId('export-done')).toContainText('Saved HTML')
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain("default-src 'none'")
  expect(foreignRequests).toEqual([])
})
