/**
 * Backups from the app: list a client's backups, make one, restore one over the current file (the replaced file is
 * kept as a backup first) and as a new client. The real renderer in Chromium against the real backend.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { BackupInfo, ClientSummary, PartnerRow } from '../../shared/ipc/contract'
import { createClient, createVault, expect, test } from './fixtures'

const SHOTS = resolve(__dirname, '../../test-results/screens')
mkdirSync(SHOTS, { recursive: true })

test('restores a backup as the current file and as a new client, losing nothing', async ({ page, harness, foreignRequests }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  const call = async <T,>(channel: string, input: unknown): Promise<T> => {
    const r = await harness.backend.call(channel, input)
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`)
    return r.data as T
  }
  const names = async (clientId: string) => (await call<PartnerRow[]>('partner.list', { clientId })).map((p) => p.name).sort()

  await createVault(page, harness)
  await createClient(page, 'Copperleaf Robotics')
  const clientId = (await call<ClientSummary[]>('client.list', {}))[0].id
  await call('partner.create', { clientId, name: 'Acme Integrations', type: 'reseller' })

  // A backup made from the app, then a change after it.
  await page.getByRole('button', { name: 'Backups…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Backups of Copperleaf Robotics' })
  // The first change of the day may already have made a daily backup (it is taken when the file is next used).
  await expect(dialog.getByRole('button', { name: 'Back up now' })).toBeEnabled()
  await dialog.getByRole('button', { name: 'Back up now' }).click()
  await expect(dialog.getByTestId('backup-list').locator('tbody tr', { hasText: 'Made by hand' })).toHaveCount(1)
  expect((await call<BackupInfo[]>('backup.list', { clientId })).filter((b) => b.kind === 'manual')).toHaveLength(1)
  await dialog.getByRole('button', { name: 'Close' }).click()
  await call('partner.create', { clientId, name: 'Globex Cloud', type: 'referral' })
  expect(await names(clientId)).toEqual(['Acme Integrations', 'Globex Cloud'])
  await page.getByRole('tab', { name: 'Partners' }).click()
  await page.reload()
  await page.getByTestId('client-list').getByText('Copperleaf Robotics').click()
  await page.getByRole('tab', { name: 'Partners' }).click()
  await expect(page.getByText('Globex Cloud').first()).toBeVisible()

  // Restore it over the current file.
  await page.getByRole('button', { name: 'Backups…' }).click()
  await dialog.getByTestId('backup-list').locator('tbody tr', { hasText: 'Made by hand' }).getByRole('button', { name: /^Restore the backup from/ }).click()
  await expect(dialog.getByTestId('restore-confirm')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/backup-restore.png` })
  await dialog.getByRole('button', { name: /Replace the current file/ }).click()
  await expect(dialog).toBeHidden()
  expect(await names(clientId)).toEqual(['Acme Integrations'])
  // The screen shows the restored file, not what it held before.
  await expect(page.getByText('Acme Integrations').first()).toBeVisible()
  await expect(page.getByText('Globex Cloud')).toHaveCount(0)

  // The replaced file became a backup first: restoring that one brings Globex back, as a new client.
  await page.getByRole('button', { name: 'Backups…' }).click()
  await expect(dialog.getByTestId('backup-list')).toContainText('Safety copy before a restore')
  await page.screenshot({ path: `${SHOTS}/backup-list.png` })
  const backups = await call<BackupInfo[]>('backup.list', { clientId })
  const safety = backups.find((b) => b.kind === 'pre-restore')!
  const row = dialog.getByTestId('backup-list').locator('tbody tr', { hasText: 'Safety copy before a restore' })
  await row.getByRole('button', { name: /^Restore the backup from/ }).click()
  await dialog.getByRole('button', { name: /Restore as a new client/ }).click()
  await expect(dialog).toBeHidden()
  const clients = await call<ClientSummary[]>('client.list', {})
  expect(clients).toHaveLength(2)
  const copy = clients.find((c) => c.id !== clientId)!
  await expect(page.getByTestId('client-title')).toHaveText(copy.name)
  expect(await names(copy.id)).toEqual(['Acme Integrations', 'Globex Cloud'])
  expect(await names(clientId)).toEqual(['Acme Integrations'])
  expect(safety.id).toMatch(/pre-restore/)

  // Retention is the user's: 14 days and 8 weeks unless they change it; a bad number is explained.
  await page.getByRole('button', { name: 'Backups…' }).click()
  await expect(dialog.getByLabel('Days of backups to keep')).toHaveValue('14')
  await expect(dialog.getByLabel('Weeks of backups to keep')).toHaveValue('8')
  await dialog.getByLabel('Days of backups to keep').fill('0')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByRole('alert')).toContainText('Keep at least one daily backup')
  await dialog.getByLabel('Days of backups to keep').fill('30')
  await dialog.getByLabel('Weeks of backups to keep').fill('12')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByRole('status')).toContainText('Saved')
  expect(await call<{ daily: number; weekly: number }>('backup.policy', {})).toEqual({ daily: 30, weekly: 12 })
  await page.screenshot({ path: `${SHOTS}/backup-retention.png` })
  expect(foreignRequests).toEqual([])
})
