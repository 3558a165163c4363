/**
 * The vault stops being writable while a client is open (its folder and files made immutable, as when a drive is
 * remounted read-only after an error): the app shows a read-only banner, a refused change says what happened,
 * reading goes on, and once the folder is writable again "Check again" clears the banner and saving works.
 * Needs chattr +i (root on ext4 or similar); elsewhere it reports itself skipped.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ClientSummary } from '../../shared/ipc/contract'
import { canChattr } from '../helpers/damage'
import { createClient, createVault, expect, test } from './fixtures'

const SHOTS = resolve(__dirname, '../../test-results/screens')
mkdirSync(SHOTS, { recursive: true })

/** Every folder and file of the vault (the backend maps no WAL index `-shm` from it, so there is none to spare). */
function vaultPaths(vaultDir: string): string[] {
  const out = [vaultDir]
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      out.push(p)
      if (e.isDirectory()) walk(p)
    }
  }
  walk(vaultDir)
  return out
}

test('keeps working read-only with a banner when the vault stops being writable, and recovers', async ({ page, harness, vaultDir, foreignRequests }) => {
  test.skip(!canChattr(SHOTS), 'needs chattr +i (root on a file system that supports it)')
  await page.setViewportSize({ width: 1280, height: 800 })
  await createVault(page, harness)
  await createClient(page, 'Granite Security')
  await expect(page.getByTestId('read-only-banner')).toHaveCount(0)

  const frozen = vaultPaths(vaultDir)
  execFileSync('chattr', ['+i', ...frozen])
  try {
    await page.getByRole('button', { name: 'Rename' }).click()
    const dialog = page.getByRole('dialog', { name: 'Rename Granite Security' })
    await dialog.getByLabel('New name').fill('Granite Security Group')
    await dialog.getByRole('button', { name: 'Rename' }).click()
    await expect(dialog.getByRole('alert')).toHaveText(/cannot save to the vault folder|cannot be written/)
    await expect(page.getByTestId('read-only-banner')).toContainText('Read-only')
    await page.screenshot({ path: `${SHOTS}/read-only-banner.png` })
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    // Reading goes on: other sections load from the same files.
    await page.getByRole('tab', { name: 'Workshops' }).click()
    await expect(page.getByTestId('workshops-empty')).toBeVisible()
    await expect(page.getByTestId('read-only-banner')).toBeVisible()
  } finally {
    execFileSync('chattr', ['-i', ...frozen])
  }

  await page.getByTestId('read-only-banner').getByRole('button', { name: 'Check again' }).click()
  await expect(page.getByTestId('read-only-banner')).toHaveCount(0)
  await page.getByRole('button', { name: 'Rename' }).click()
  const dialog = page.getByRole('dialog', { name: 'Rename Granite Security' })
  await dialog.getByLabel('New name').fill('Granite Security Group')
  await dialog.getByRole('button', { name: 'Rename' }).click()
  await expect(page.getByTestId('client-title')).toHaveText('Granite Security Group')
  const clients = await harness.backend.call('client.list', {})
  expect(clients.ok && (clients.data as ClientSummary[]).map((c) => c.name)).toEqual(['Granite Security Group'])
  expect(foreignRequests).toEqual([])
})
