/**
 * The Report section in Chromium against the real backend: live preview (the export's HTML in a sandboxed
 * frame), sections picked and ordered, the executive summary and the firm's branding reaching the preview, and
 * exports to a folder the user types: HTML, a PDF with progress, the replace question for an existing file, and
 * the export history; the benchmark section's cohort picker offering only cohorts with five or more other clients.
 * Screenshots go to .reports/screens/.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sharedChromium } from '../../electron/backend/services/report/chromium'
import type { ClientSummary } from '../../shared/ipc/contract'
import { backendCall as call, createVault, expect, PASSPHRASE, test } from './fixtures'

const SHOTS = join(__dirname, '../../.reports/screens')
mkdirSync(SHOTS, { recursive: true })

test('a consultant shapes a client report, previews it and exports HTML and PDF', async ({ page, harness, foreignRequests }) => {
  const out = mkdtempSync(join(tmpdir(), 'trellis-e2e-report-'))
  try {
    await createVault(page, harness)
    await page.getByRole('main').getByRole('button', { name: 'Load sample data' }).click()
    const clients = page.getByTestId('client-list').getByRole('button')
    await expect(clients.first()).toBeVisible({ timeout: 60_000 })
    await clients.first().click()
    const name = (await page.getByTestId('client-title').textContent())!.trim()
    await page.getByRole('tab', { name: 'Report' }).click()
    // Opening the Report screen starts the PDF printer ahead of the first export (the harness prints in this process).
    await expect.poll(() => sharedChromium().running, { timeout: 20_000 }).toBe(true)
    const printerPid = sharedChromium().pid

    // The preview is the report itself, in a frame that runs no script.
    const preview = page.getByTestId('report-preview')
    await expect(preview).toHaveAttribute('sandbox', '')
    const frame = page.frameLocator('[data-testid="report-preview"]')
    await expect(frame.locator('.cover-client')).toHaveText(name)
    await expect(frame.locator('#sec-summary h1')).toHaveText('Executive summary')
    await expect(frame.locator('svg.chart')).not.toHaveCount(0)
    // The sample has six clients: five peers, enough for the anonymous benchmark (and no other client is named).
    await expect(frame.locator('#sec-benchmark .lede')).toContainText('Compared anonymously with 5 other programs')
    const others = (await page.getByTestId('client-list').getByRole('button').allTextContents()).map((t) => t.trim()).filter((t) => t && t !== name)
    expect(others.length).toBe(5)
    const reportText = await frame.locator('body').textContent()
    for (const o of others) expect(reportText).not.toContain(o)

    // Pick and order: drop the learning section, move the next 90 days up to second place.
    await page.getByTestId('section-learning').getByRole('checkbox').uncheck()
    await expect(frame.locator('#sec-learning')).toHaveCount(0)
    const actionsAt = () => page.locator('.section-list li.on').evaluateAll((els) => els.findIndex((e) => (e as HTMLElement).dataset.testid === 'section-actions'))
    for (let at = await actionsAt(); at > 1; at--) {
      await page.getByRole('button', { name: 'Move The next 90 days up' }).click()
      await expect.poll(actionsAt).toBe(at - 1)
    }
    await expect(page.locator('.section-list li.on').nth(1)).toHaveAttribute('data-testid', 'section-actions')
    await expect(frame.locator('section[data-section]').nth(1)).toHaveAttribute('data-section', 'actions')

    // The executive summary, written with the generated draft at hand.
    await page.getByText(/Draft of key facts/).click()
    await expect(page.locator('.draft-box li').first()).toContainText('stage')
    await page.getByTestId('summary-text').fill('The program is ready to scale: activation doubled since spring.')
    await page.getByTestId('summary-text').blur()
    await expect(frame.locator('.summary-text p.first')).toHaveText('The program is ready to scale: activation doubled since spring.')

    // Branding for every client: firm name on the cover and in the running header.
    await page.getByText('Your branding (every client’s report)').click()
    const firm = page.getByLabel('Firm name')
    await firm.fill('Fernhill Partner Advisory')
    await firm.blur()
    await expect(frame.locator('.firm-word')).toHaveText('Fernhill Partner Advisory')
    await page.screenshot({ path: join(SHOTS, 'report-section.png') })

    // Export HTML, then PDF with its progress, into a folder typed by the user.
    await page.getByTestId('export-folder').fill(out)
    await page.getByRole('button', { name: 'HTML', exact: true }).click()
    await expect(page.getByTestId('export-done')).toContainText('Saved HTML')
    const date = new Date().toISOString().slice(0, 10)
    const base = join(out, `${name.replace(/\s+/g, '-')}-report-${date}`)
    expect(readFileSync(`${base}.html`, 'utf8')).toContain('The program is ready to scale')

    await page.getByRole('button', { name: 'PDF', exact: true }).click()
    await expect(page.getByTestId('export-progress')).toBeVisible()
    await expect(page.getByTestId('export-done')).toContainText(/Saved PDF, \d+ pages/, { timeout: 60_000 })
    const info = execFileSync('pdfinfo', [`${base}.pdf`], { encoding: 'utf8' })
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThan(4)
    // Printed by the browser started when the screen opened.
    expect(sharedChromium().pid).toBe(printerPid)

    // The same file again: the app asks before replacing it; keeping the old file changes nothing.
    const before = readFileSync(`${base}.html`)
    await page.getByRole('button', { name: 'HTML', exact: true }).click()
    const ask = page.getByRole('alertdialog', { name: 'Replace the file?' })
    await expect(ask).toContainText('already exists. Replace it?')
    await ask.getByRole('button', { name: 'Keep the old file' }).click()
    expect(readFileSync(`${base}.html`).equals(before)).toBe(true)
    await page.getByRole('button', { name: 'HTML', exact: true }).click()
    await ask.getByRole('button', { name: 'Replace' }).click()
    await expect(page.getByTestId('export-done')).toContainText('Saved HTML')

    // Every export is recorded on the client, newest first, with the day and the benchmark cohort.
    const history = page.getByTestId('report-history')
    await expect(history.getByRole('row')).toHaveCount(4)
    await expect(history.getByRole('row').nth(1)).toContainText('HTML · A4 · 8 sections · benchmark: All clients')
    await expect(history.getByRole('row').nth(2)).toContainText('PDF · A4')

    // Made again from the history after the consultant switched to US Letter: the recorded A4 and sections.
    await page.getByRole('radio', { name: 'US Letter' }).check()
    await expect(frame.locator('body')).toHaveClass(/paper-letter/)
    await history.getByRole('row').nth(2).getByRole('button', { name: 'Again' }).click()
    await ask.getByRole('button', { name: 'Replace' }).click()
    await expect(page.getByTestId('export-done')).toContainText(/Saved PDF, \d+ pages/, { timeout: 60_000 })
    expect(execFileSync('pdfinfo', [`${base}.pdf`], { encoding: 'utf8' })).toMatch(/Page size:\s+594\.96 x 841\.92 pts \(A4\)/)
    await expect(history.getByRole('row')).toHaveCount(5)
    await expect(history.getByRole('row').nth(1)).toContainText('PDF · A4 · 8 sections · benchmark: All clients')
    await page.screenshot({ path: join(SHOTS, 'report-exported.png'), fullPage: true })
    // The side panel scrolls on its own (a full-page shot stops above the history): the history by itself.
    await history.screenshot({ path: join(SHOTS, 'report-history.png') })
    expect(existsSync(`${base}.pdf`)).toBe(true)
    expect(foreignRequests).toEqual([])
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
})

test('the benchmark section compares with a cohort the consultant picks, offered only with five or more peers', async ({ page, harness, foreignRequests }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1366, height: 900 })
  await createVault(page, harness)
  await call(harness, 'demo.seed', { clients: 8, partners: 30, seed: 5 })
  const clients = await call<ClientSummary[]>(harness, 'client.list', {})
  // Six growth companies (this one and five peers) and two start-ups, all in EMEA.
  for (const [i, c] of clients.entries()) await call(harness, 'client.updateSegment', { id: c.id, segment: { companyStage: i < 6 ? 'growth' : 'startup', region: 'emea' } })
  const me = clients[0]
  await page.getByRole('button', { name: 'Lock vault' }).click()
  await page.getByLabel('Passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await page.getByTestId('client-list').getByRole('button', { name: me.name }).click()
  await page.getByRole('tab', { name: 'Report' }).click()

  const picker = page.getByTestId('report-cohort')
  const frame = page.frameLocator('[data-testid="report-preview"]')
  await expect(picker.getByTestId('report-cohort-size')).toContainText('Compared anonymously with 7 other clients (All clients).')
  await expect(frame.locator('#sec-benchmark .lede')).toContainText('Compared anonymously with 7 other programs (all clients)')
  // Growth leaves five other clients, EMEA seven; start-ups are two, too few to be offered.
  const stage = picker.getByLabel('Company stage')
  await expect(stage.locator('option')).toHaveText(['Any', 'Growth (5 peers)'])
  await expect(picker.getByLabel('Region').locator('option')).toHaveText(['Any', 'EMEA (7 peers)'])
  await stage.selectOption('growth')
  await expect(picker.getByTestId('report-cohort-size')).toContainText('Compared anonymously with 5 other clients (Growth).')
  await expect(frame.locator('#sec-benchmark .lede')).toContainText('Compared anonymously with 5 other programs (Growth)')
  const text = await frame.locator('body').textContent()
  for (const c of clients.slice(1)) expect(text).not.toContain(c.name)
  await picker.screenshot({ path: join(SHOTS, 'report-cohort.png') })
  await page.screenshot({ path: join(SHOTS, 'report-cohort-page.png') })

  // The choice is kept with the client's report choices.
  expect((await call<{ cohort: unknown }>(harness, 'report.settings.get', { clientId: me.id })).cohort).toEqual({ companyStage: 'growth' })
  await picker.getByRole('button', { name: 'All clients' }).click()
  await expect(frame.locator('#sec-benchmark .lede')).toContainText('Compared anonymously with 7 other programs (all clients)')
  expect(foreignRequests).toEqual([])
})
