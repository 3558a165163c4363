/**
 * The Benchmark page and the Cockpit in Chromium against the real backend: percentile bars with their definitions,
 * the radar, the cohort picker's "not enough peers", no other client named on a client's page; the cockpit's
 * flags and due list, one click from a line to its client, and the cockpit's filters surviving a trip to a client.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ClientSummary } from '../../shared/ipc/contract'
import { createVault, expect, PASSPHRASE, test } from './fixtures'

const SHOTS = join(__dirname, '../../.reports/screens')

type Harness = { backend: { call(c: string, i: unknown): Promise<{ ok: boolean; data?: unknown; error?: { message: string } }> } }
async function call<T>(harness: Harness, channel: string, input: unknown): Promise<T> {
  const r = await harness.backend.call(channel, input)
  if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`)
  return r.data as T
}

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }))

/** The whole page: the main pane scrolls, so the window is made as tall as its content for the picture. */
async function shot(page: import('@playwright/test').Page, name: string) {
  const size = page.viewportSize()!
  const height = await page.locator('main').evaluate((el) => el.scrollHeight)
  await page.setViewportSize({ width: size.width, height: Math.min(4000, Math.max(size.height, height)) })
  await page.screenshot({ path: join(SHOTS, name) })
  await page.setViewportSize(size)
}

async function seeded(page: import('@playwright/test').Page, harness: Harness & { url: string }) {
  await createVault(page as never, harness as never)
  await call(harness, 'demo.seed', { clients: 8, partners: 40, seed: 5 })
  const clients = await call<ClientSummary[]>(harness, 'client.list', {})
  // Lock and unlock so the sidebar lists the clients seeded behind the page's back.
  await page.getByRole('button', { name: 'Lock vault' }).click()
  await page.getByLabel('Passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByTestId('client-list').getByRole('button', { name: clients[0].name })).toBeVisible()
  return clients
}

test('a client against its peers: percentile bars with definitions, radar, cohorts and "not enough peers"', async ({ page, harness, foreignRequests }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1366, height: 900 })
  const clients = await seeded(page, harness)
  const me = clients[0]
  await page.getByTestId('client-list').getByRole('button', { name: me.name }).click()
  await page.getByRole('tab', { name: 'Benchmark' }).click()
  const bench = page.getByTestId('benchmark')
  await expect(bench.getByTestId('cohort-size')).toHaveText('8')
  await expect(bench.getByTestId('own-attributes')).toContainText('This client:')
  const activation = bench.getByTestId('figure-activationRate')
  await expect(activation).toContainText('Activation rate')
  await expect(activation).toContainText(/P25 \d+ %/)
  await expect(activation).toContainText(/\d+(st|nd|rd|th) percentile · 7 peers · higher is better/)
  await expect(activation).toContainText('Activation rate = partners signed in the period')
  await expect(bench.getByRole('img', { name: "This client's maturity against the cohort median" })).toBeVisible()
  // No other client is named anywhere on this client's page.
  const text = await bench.innerText()
  for (const c of clients.slice(1)) expect(text).not.toContain(c.name)
  await shot(page, 'benchmark-all.png')

  // A narrow cohort: fewer than five other clients → "not enough peers", the cohort size says so.
  await bench.getByLabel('Region').selectOption(me.segment.region!)
  await expect(bench.getByTestId('cohort-size')).not.toHaveText('8')
  await expect(activation.getByTestId('not-enough-peers')).toContainText('this figure, at least 5 are needed')
  await shot(page, 'benchmark-cohort.png')
  await bench.getByRole('button', { name: 'All clients' }).click()
  await expect(bench.getByTestId('cohort-size')).toHaveText('8')
  expect(foreignRequests).toEqual([])
})

test('the cockpit: flags and due items across clients, one click to a client, filters kept', async ({ page, harness, foreignRequests }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1366, height: 900 })
  const clients = await seeded(page, harness)
  await page.getByRole('button', { name: 'Cockpit' }).click()
  const cockpit = page.getByTestId('cockpit')
  await expect(cockpit.getByTestId('cockpit-client')).toHaveCount(8)
  const dueCount = Number(await cockpit.getByTestId('due-count').textContent())
  expect(dueCount).toBeGreaterThan(0)
  await expect(cockpit.getByTestId('due-line').first()).toBeVisible()
  await shot(page, 'cockpit.png')

  // Sort clients by red health, most first.
  await cockpit.getByRole('button', { name: 'Red health', exact: true }).click()
  await expect(cockpit.getByRole('columnheader', { name: /Red health/ })).toHaveAttribute('aria-sort', 'descending')
  const reds = await cockpit.getByTestId('cockpit-client').evaluateAll((rows) => rows.map((r) => Number(r.querySelectorAll('td')[7]?.textContent ?? '0')))
  expect(reds).toEqual([...reds].sort((a, b) => b - a))

  // Filter: one client by name, milestones only.
  const target = clients[2]
  await cockpit.getByLabel('Find a client').fill(target.name)
  await expect(cockpit.getByTestId('cockpit-client')).toHaveCount(1)
  for (const k of ['Actions', 'Hypothesis tests', 'Credential rotations', 'Joint goals']) await cockpit.getByRole('checkbox', { name: k }).uncheck()
  const lines = cockpit.getByTestId('due-line')
  const n = await lines.count()
  for (let i = 0; i < n; i++) await expect(lines.nth(i)).toContainText(target.name)

  // One click from a due line (or a flag) to its client, at the section that deals with it.
  if (n > 0) {
    await lines.first().click()
    await expect(page.getByTestId('client-title')).toHaveText(target.name)
    await expect(page.getByRole('tab', { name: 'Journey' })).toHaveAttribute('aria-selected', 'true')
  } else {
    await cockpit.getByTestId('cockpit-client').getByRole('button', { name: target.name }).click()
    await expect(page.getByTestId('client-title')).toHaveText(target.name)
  }
  // Switch to another client, then back to the cockpit: its filters are where they were.
  await page.getByTestId('client-list').getByRole('button', { name: clients[3].name }).click()
  await expect(page.getByTestId('client-title')).toHaveText(clients[3].name)
  await page.getByRole('button', { name: 'Cockpit' }).click()
  await expect(cockpit.getByLabel('Find a client')).toHaveValue(target.name)
  await expect(cockpit.getByRole('checkbox', { name: 'Actions' })).not.toBeChecked()
  await expect(cockpit.getByRole('checkbox', { name: 'Milestones' })).toBeChecked()
  await expect(cockpit.getByRole('columnheader', { name: /Red health/ })).toHaveAttribute('aria-sort', 'descending')
  await expect(cockpit.getByTestId('cockpit-client')).toHaveCount(1)

  // A red flag opens the client where it can be dealt with.
  await cockpit.getByLabel('Find a client').fill('')
  const flag = cockpit.getByRole('button', { name: /: \d+ red health$/ }).first()
  const flagName = ((await flag.getAttribute('aria-label')) ?? '').replace(/: \d+ red health$/, '')
  await flag.click()
  await expect(page.getByTestId('client-title')).toHaveText(flagName)
  await expect(page.getByRole('tab', { name: 'Partners' })).toHaveAttribute('aria-selected', 'true')
  expect(foreignRequests).toEqual([])
})
