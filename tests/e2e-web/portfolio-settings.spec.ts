import { join } from 'node:path'
import type { ClientSummary } from '../../shared/ipc/contract'
import type { PortfolioSettings } from '../../shared/domain/portfolio'
import { createClient, createVault, expect, test } from './fixtures'

const SHOTS = join(__dirname, '../../.reports/screens')
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)

async function call<T>(harness: { backend: { call(c: string, i: unknown): Promise<{ ok: boolean; data?: unknown; error?: { message: string } }> } }, channel: string, input: unknown): Promise<T> {
  const r = await harness.backend.call(channel, input)
  if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`)
  return r.data as T
}

test('portfolio settings: paper-partner window, cadence per tier and health weights change the warnings', async ({ page, harness }) => {
  await createVault(page, harness)
  await createClient(page, 'Northwind Analytics')
  const [client] = await call<ClientSummary[]>(harness, 'client.list', {})
  const p = await call<{ id: string }>(harness, 'partner.create', { clientId: client.id, name: 'Summit Consulting', type: 'si', tier: 'Gold', stage: 'activating', signedAt: daysAgo(60) })
  await call(harness, 'partner.meeting.save', { clientId: client.id, partnerId: p.id, date: daysAgo(20), kind: 'check-in' })
  await call(harness, 'partner.create', { clientId: client.id, name: 'Apex Integrations', type: 'technology', tier: 'Strategic' })

  await page.getByRole('tab', { name: 'Partners' }).click()
  await expect(page.getByTestId('portfolio-rules')).toContainText('Paper partner after 90 days')
  const warnings = page.getByRole('group', { name: 'Warnings by kind' })
  await expect(page.getByTestId('portfolio-summary')).toContainText('0 of 1 signed')

  await page.getByRole('button', { name: 'Settings…' }).click()
  const panel = page.getByTestId('portfolio-settings')
  await expect(panel.getByLabel('Paper-partner window in days')).toHaveValue('90')
  // A tier partners use without a cadence is listed so it can be given one.
  await expect(panel.getByLabel('Meeting cadence for Strategic in days')).toHaveValue('')
  await expect(panel.getByLabel('Meeting cadence for Gold in days')).toHaveValue('30')
  await expect(panel.getByTestId('share-commercial')).toHaveText('40 %')

  await panel.getByLabel('Paper-partner window in days').fill('30')
  await panel.getByLabel('Meeting cadence for Gold in days').fill('14')
  await panel.getByLabel('Meeting cadence for Strategic in days').fill('21')
  await panel.getByLabel('Commercial weight').fill('0')
  await expect(panel.getByTestId('share-engagement')).toHaveText('50 %')
  await panel.getByLabel('New tier name').fill('Registered plus')
  await panel.getByRole('button', { name: 'Add tier' }).click()
  await panel.getByRole('button', { name: 'Remove tier Platinum' }).click()
  await page.screenshot({ path: join(SHOTS, 'portfolio-settings.png'), fullPage: true })
  await panel.getByRole('button', { name: 'Save settings' }).click()
  await expect(panel.getByRole('status')).toHaveText('Saved. Warnings and health scores now follow these rules.')

  const s = await call<PortfolioSettings>(harness, 'portfolio.settings.get', { clientId: client.id })
  expect(s.paperWindowDays).toBe(30)
  expect(s.healthWeights).toEqual({ commercial: 0, engagement: 30, relationship: 30 })
  expect(s.cadenceDays).toEqual({ Gold: 14, Silver: 45, Registered: 90, Strategic: 21, 'Registered plus': 30 })

  // A bad value is refused with the reason, and nothing changes.
  await panel.getByLabel('Paper-partner window in days').fill('3')
  await panel.getByRole('button', { name: 'Save settings' }).click()
  await expect(panel.getByRole('alert')).toContainText('The window is at least 7 days')
  expect((await call<PortfolioSettings>(harness, 'portfolio.settings.get', { clientId: client.id })).paperWindowDays).toBe(30)

  await panel.getByRole('button', { name: '← Back to partners' }).click()
  await expect(page.getByTestId('portfolio-rules')).toContainText('Paper partner after 30 days · Health = commercial 0')
  await expect(warnings).toContainText('Paper partner')
  await expect(warnings).toContainText('No recent meeting')
  await expect(page.getByTestId('portfolio-summary')).toContainText('1 of 1 signed')
  await page.screenshot({ path: join(SHOTS, 'portfolio-after-settings.png') })
})
