import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ClientSummary, PortfolioRow } from '../../shared/ipc/contract'
import { createClient, createVault, expect, test } from './fixtures'

const SHOTS = join(__dirname, '../../test-results/screens')
const figures: Record<string, number> = {}

async function call<T>(harness: { backend: { call(c: string, i: unknown): Promise<{ ok: boolean; data?: unknown; error?: { message: string } }> } }, channel: string, input: unknown): Promise<T> {
  const r = await harness.backend.call(channel, input)
  if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`)
  return r.data as T
}

test.afterAll(() => {
  mkdirSync(join(__dirname, '../../.reports'), { recursive: true })
  writeFileSync(join(__dirname, '../../.reports/partners-e2e-figures.json'), JSON.stringify(figures, null, 2))
})

test('the portfolio table renders and scrolls 5,000 partners, filters, groups and edits inline', async ({ page, harness, foreignRequests }) => {
  test.setTimeout(180_000)
  await createVault(page, harness)
  await call(harness, 'demo.seed', { clients: 1, partners: 5000, seed: 11 })
  const [client] = await call<ClientSummary[]>(harness, 'client.list', {})
  // Lock and unlock so the client list shows the client seeded behind the page's back.
  await page.getByRole('button', { name: 'Lock vault' }).click()
  await page.getByLabel('Passphrase').fill('correct horse battery staple')
  await page.getByRole('button', { name: 'Unlock' }).click()
  await page.getByTestId('client-list').getByRole('button', { name: client.name }).click()
  await expect(page.getByTestId('client-title')).toHaveText(client.name)

  const t0 = Date.now()
  await page.getByRole('tab', { name: 'Partners' }).click()
  await expect(page.getByTestId('partner-row').first()).toBeVisible()
  figures.renderMs5000 = Date.now() - t0
  await expect(page.getByTestId('row-count')).toHaveText('5,000 partners')
  // Virtualised: only the rows on screen (plus overscan) are in the DOM.
  expect(await page.getByTestId('partner-row').count()).toBeLessThan(60)
  await page.screenshot({ path: join(SHOTS, 'partners-table.png') })

  // Scroll to the bottom in steps, counting animation frames, then check the last partner is shown.
  const scroll = await page.getByTestId('portfolio-scroll').evaluate(async (el) => {
    const start = performance.now()
    let frames = 0
    let longest = 0
    let last = start
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
      el.scrollTop += 400
      await new Promise((r) => requestAnimationFrame(() => r(null)))
      const now = performance.now()
      longest = Math.max(longest, now - last)
      last = now
      frames++
    }
    return { ms: performance.now() - start, frames, longestFrameMs: longest }
  })
  figures.scrollToEndMs = Math.round(scroll.ms)
  figures.scrollFrames = scroll.frames
  figures.longestScrollFrameMs = Math.round(scroll.longestFrameMs)
  const rows = await call<PortfolioRow[]>(harness, 'portfolio.table', { clientId: client.id })
  const lastName = [...rows].map((r) => r.name).sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).at(-1)!
  await expect(page.getByTestId('portfolio-scroll')).toContainText(lastName)
  // Rows are recycled as they scroll, yet stay in row order in the page: Tab goes down the rows as shown.
  const order = await page.getByTestId('partner-row').evaluateAll((els) => els.map((e) => Number(e.getAttribute('aria-rowindex'))))
  expect(order).toEqual([...order].sort((a, b) => a - b))
  const focusedRow = () => page.evaluate(() => Number(document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')))
  await page.getByTestId('partner-row').nth(order.length - 8).locator('.partner-link').focus()
  const from = await focusedRow()
  for (let i = 0; i < 8 && (await focusedRow()) === from; i++) await page.keyboard.press('Tab')
  expect(await focusedRow()).toBe(from + 1)

  // Filter: one keystroke narrows 5,000 rows.
  const filter = page.getByLabel('Filter partners')
  const target = rows[1234]
  const tf = Date.now()
  await filter.fill(target.name)
  await expect(page.getByTestId('row-count')).toHaveText(/ of 5,000 partners/)
  figures.filterMs = Date.now() - tf
  await expect(page.getByTestId('partner-row').first()).toContainText(target.name)

  // Inline edit of the stage; it lands in the encrypted file.
  const nextStage = target.stage === 'dormant' ? 'producing' : 'dormant'
  await page.getByRole('button', { name: `Edit stage of ${target.name}` }).click()
  await page.getByLabel(`Stage of ${target.name}`).selectOption(nextStage)
  await expect
    .poll(async () => (await call<PortfolioRow[]>(harness, 'portfolio.table', { clientId: client.id })).find((r) => r.id === target.id)?.stage)
    .toBe(nextStage)
  await page.getByRole('button', { name: `Edit owner of ${target.name}` }).click()
  await page.getByLabel(`owner of ${target.name}`).fill('Jo Example')
  await page.keyboard.press('Enter')
  await expect
    .poll(async () => (await call<PortfolioRow[]>(harness, 'portfolio.table', { clientId: client.id })).find((r) => r.id === target.id)?.owner)
    .toBe('Jo Example')

  // Group by stage.
  await filter.fill('')
  await page.getByLabel('Group by').selectOption('stage')
  await expect(page.getByRole('button', { name: /Stage: Prospect/ })).toBeVisible()
  // The groups (folded at first) follow the lifecycle, not the partners' names.
  await expect
    .poll(() => page.locator('.group-toggle strong').allTextContents())
    .toEqual(['Prospect', 'Qualifying', 'Signed', 'Activating', 'Producing', 'Dormant', 'Exited'])
  // By health, most at risk first.
  await page.getByLabel('Group by').selectOption('health')
  await expect(page.locator('.group-toggle strong').first()).toHaveText('At risk')
  await page.getByLabel('Group by').selectOption('stage')
  await page.getByRole('button', { name: /Stage: Producing/ }).click()
  await expect(page.getByTestId('partner-row').first()).toBeVisible()
  // Editing the owner scrolled the table sideways to that cell; the picture shows it from its left edge.
  await page.getByTestId('portfolio-scroll').evaluate((el) => (el.scrollLeft = 0))
  await expect(page.getByTestId('partner-row').first().locator('.partner-link')).toBeVisible()
  await page.screenshot({ path: join(SHOTS, 'partners-grouped.png') })
  // On a wide screen the table takes the width there is, past the other sections' reading width.
  await page.setViewportSize({ width: 1920, height: 1080 })
  await expect.poll(() => page.getByTestId('portfolio-scroll').evaluate((el) => el.clientWidth)).toBeGreaterThan(1500)
  await page.screenshot({ path: join(SHOTS, 'partners-grouped-1920.png') })
  expect(foreignRequests).toEqual([])
})

test('a partner page: record a meeting and see the warnings update; the health score explains itself', async ({ page, harness }) => {
  await createVault(page, harness)
  await createClient(page, 'Northwind Analytics')
  const [client] = await call<ClientSummary[]>(harness, 'client.list', {})
  const p = await call<{ id: string }>(harness, 'partner.create', {
    clientId: client.id,
    name: 'Summit Consulting',
    type: 'si',
    stage: 'activating',
    tier: 'Gold',
    signedAt: '2025-01-10'
  })
  await call(harness, 'partner.create', { clientId: client.id, name: 'Apex Integrations', type: 'technology', stage: 'producing', signedAt: '2025-02-01', firstCommercialAt: '2025-03-01' })
  await call(harness, 'partner.health.record', { clientId: client.id, partnerId: p.id, date: '2026-01-05', scores: [{ signal: 'two-way', score: 1 }, { signal: 'truth-told', score: 0 }] })

  await page.getByRole('tab', { name: 'Partners' }).click()
  await expect(page.getByTestId('portfolio-summary')).toContainText('Paper partners')
  await expect(page.getByTestId('warnings')).toContainText('No recent meeting')
  await page.screenshot({ path: join(SHOTS, 'partners-summary.png') })
  await page.getByRole('button', { name: 'Summit Consulting', exact: true }).click()
  const warnings = page.getByTestId('partner-warnings')
  await expect(warnings).toContainText('Never met')
  await expect(warnings).toContainText('Next step:')

  await page.getByRole('tab', { name: 'Meetings & actions' }).click()
  await page.getByLabel('Meeting kind').selectOption('dtr')
  await page.getByLabel('Attendees').fill('Dana, Ben')
  await page.getByRole('button', { name: 'Record meeting' }).click()
  await expect(page.getByRole('cell', { name: 'Define-the-relationship', exact: true })).toBeVisible()
  await expect(warnings).not.toContainText('Never met')
  await expect(warnings).toContainText('Paper partner')

  await page.getByRole('tab', { name: 'Health' }).click()
  await page.getByRole('button', { name: /Relationship:/ }).click()
  await expect(page.getByTestId('health-score')).toContainText('Give before take (two-way): 50')
  await page.screenshot({ path: join(SHOTS, 'partner-health.png') })

  await page.getByRole('tab', { name: 'Activation plan' }).click()
  await page.getByLabel('State of Resources each side commits').selectOption('declined')
  await expect(warnings).toContainText('Not bought in')
  await page.screenshot({ path: join(SHOTS, 'partner-plan.png') })

  await page.getByRole('button', { name: '← All partners' }).click()
  await expect(page.getByTestId('warnings')).toContainText('Not bought in')
})
