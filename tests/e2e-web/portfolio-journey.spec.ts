import { join } from 'node:path'
import type { ClientSummary, PartnerDetail, PortfolioRow } from '../../shared/ipc/contract'
import { backendCall as call, createClient, createVault, expect, test } from './fixtures'

const SHOTS = join(__dirname, '../../.reports/screens')

// A partner-tool export with a title line and a name column the app cannot guess ("Org").
const CSV = [
  'Partner accounts,,,,,',
  'Org,Web,Partner Type,Stage,Date Signed,Manager',
  'Summit Consulting,summit.example,System Integrator,Active,2025-01-10,Dana',
  'Apex Integrations,apex.example,Technology,Active,2025-02-01,Ben'
].join('\r\n')

test('the portfolio from a CRM export: import, fix the mapping, edit a partner inline, record a meeting, warnings follow', async ({ page, harness, foreignRequests }) => {
  test.setTimeout(120_000)
  await createVault(page, harness)
  await createClient(page, 'Northwind Analytics')
  const [client] = await call<ClientSummary[]>(harness, 'client.list', {})

  // Import a CSV whose name column has to be mapped by hand.
  await page.getByRole('tab', { name: 'Partners' }).click()
  await page.getByRole('button', { name: 'Import…' }).click()
  const panel = page.getByTestId('import-panel')
  await page.getByLabel('CRM export file').setInputFiles({ name: 'partners.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) })
  await expect(panel.getByRole('alert').filter({ hasText: 'No column is mapped to Partner name' })).toBeVisible()
  await page.getByLabel('Column for Partner name').selectOption('Org')
  await expect(page.getByTestId('import-counts')).toContainText('2 rows: 2 new partners')
  await page.getByRole('button', { name: 'Import 2 partners' }).click()
  await expect(page.getByTestId('import-result')).toContainText('Imported: 2 new partners, 0 updates.')
  await page.getByRole('button', { name: '← Back to partners' }).click()
  await expect(page.getByTestId('row-count')).toHaveText('2 partners')

  // Both are active, signed long ago, never met: paper partners with no recent meeting.
  const warnings = page.getByTestId('warnings')
  const chip = (label: string) => warnings.getByRole('group', { name: 'Warnings by kind' }).getByRole('button', { name: new RegExp(`^${label}`) })
  await expect(chip('No recent meeting')).toHaveText('No recent meeting 2')
  await expect(chip('Paper partner')).toHaveText('Paper partner 2')
  await page.screenshot({ path: join(SHOTS, 'journey-imported.png') })

  // Inline edit in the table: Apex goes dormant, so it stops counting as an active partner.
  await page.getByRole('button', { name: 'Edit stage of Apex Integrations' }).click()
  await page.getByLabel('Stage of Apex Integrations').selectOption('dormant')
  await expect(chip('No recent meeting')).toHaveText('No recent meeting 1')
  await expect(chip('Paper partner')).toHaveText('Paper partner 1')
  const rows = await call<PortfolioRow[]>(harness, 'portfolio.table', { clientId: client.id })
  expect(rows.find((r) => r.name === 'Apex Integrations')).toMatchObject({ stage: 'dormant', warnings: [] })

  // Record a meeting with Summit on its page: "never met" goes away there and in the portfolio's warnings.
  await page.getByRole('button', { name: 'Summit Consulting', exact: true }).click()
  const partnerWarnings = page.getByTestId('partner-warnings')
  await expect(partnerWarnings).toContainText('Never met')
  await page.getByRole('tab', { name: 'Meetings & actions' }).click()
  await page.getByLabel('Meeting kind').selectOption('check-in')
  await page.getByLabel('Attendees').fill('Dana, Priya')
  await page.getByRole('button', { name: 'Record meeting' }).click()
  await expect(page.getByRole('cell', { name: 'Dana, Priya' })).toBeVisible()
  await expect(partnerWarnings).not.toContainText('Never met')
  await expect(partnerWarnings).toContainText('Paper partner')
  await page.getByRole('button', { name: '← All partners' }).click()
  await expect(chip('Paper partner')).toHaveText('Paper partner 1')
  await expect(chip('No recent meeting')).toHaveCount(0)
  await expect(page.getByTestId('partner-row').filter({ hasText: 'Summit Consulting' })).not.toContainText('No recent meeting')
  await page.screenshot({ path: join(SHOTS, 'journey-after-meeting.png') })
  const summit = await call<PartnerDetail>(harness, 'partner.get', { clientId: client.id, partnerId: rows.find((r) => r.name === 'Summit Consulting')!.id })
  expect(summit.meetings.map((m) => m.attendees)).toEqual(['Dana, Priya'])
  expect(foreignRequests).toEqual([])
})

test('a long import shows its progress and can be cancelled with nothing written, then runs to the end', async ({ page, harness }) => {
  test.setTimeout(240_000)
  await createVault(page, harness)
  await createClient(page, 'Harbor Payments')
  const [client] = await call<ClientSummary[]>(harness, 'client.list', {})
  const file = (n: number, name: string) => ({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(
      ['Company name,Partner Type,Tier,Lifecycle Stage,Signed Date', ...Array.from({ length: n }, (_, i) => `Partner ${i} Ltd,Referral,Silver,signed,2026-0${(i % 9) + 1}-15`)].join('\r\n')
    )
  })

  await page.getByRole('tab', { name: 'Partners' }).click()
  await page.getByRole('button', { name: 'Import…' }).click()
  // Big enough that the import is still running when Cancel is pressed.
  await page.getByLabel('CRM export file').setInputFiles(file(60_000, 'all-accounts.csv'))
  await expect(page.getByTestId('import-counts')).toContainText('60,000 rows: 60,000 new partners', { timeout: 60_000 })
  // On a quiet machine the rows are checked in well under a second, faster than a test can see the count and then
  // click. So the page itself presses Cancel in the frame the first count from the backend (not the 0 shown at the
  // start) is painted: a real click on the real button, while rows are still being checked.
  const pressed = page.evaluate(
    `new Promise((resolve) => {
      const press = () => {
        const box = document.querySelector('[data-testid="import-progress"]')
        const button = box && [...box.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Cancel import')
        if (!box || !button || !/Checking rows: [1-9][\\d,]* of 60,000/.test(box.textContent)) return false
        button.click()
        resolve(box.textContent)
        return true
      }
      const seen = new MutationObserver(() => { if (press()) seen.disconnect() })
      seen.observe(document.body, { subtree: true, childList: true, characterData: true })
    })`
  )
  await page.getByRole('button', { name: 'Import 60,000 partners' }).click()
  const progress = page.getByTestId('import-progress')
  expect(await pressed).toMatch(/Checking rows: [1-9][\d,]* of 60,000/)
  await expect(page.getByTestId('import-cancelled')).toHaveText('Import cancelled: nothing was written. The file and the mapping are still here.')
  await page.screenshot({ path: join(SHOTS, 'import-cancelled.png') })
  await expect(progress).toBeHidden()
  await expect(page.getByRole('button', { name: 'Import 60,000 partners' })).toBeEnabled()
  expect(await call<PortfolioRow[]>(harness, 'portfolio.table', { clientId: client.id })).toEqual([])

  // A smaller file, to the end: the bar shows, then the result.
  await page.getByLabel('CRM export file').setInputFiles(file(5000, 'new-accounts.csv'))
  await expect(page.getByTestId('import-counts')).toContainText('5,000 rows: 5,000 new partners', { timeout: 60_000 })
  await page.getByRole('button', { name: 'Import 5,000 partners' }).click()
  await expect(page.getByTestId('import-result')).toContainText('Imported: 5,000 new partners, 0 updates.', { timeout: 60_000 })
  await expect(page.getByTestId('import-cancelled')).toBeHidden()
  expect((await call<PortfolioRow[]>(harness, 'portfolio.table', { clientId: client.id })).length).toBe(5000)
})
