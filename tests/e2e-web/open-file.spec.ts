/**
 * Opening a `.trellis` file from the file manager: main sends `file.opened` once the vault is unlocked; here the
 * harness pushes the same event. The dialog asks for the handover passphrase, imports the file as a new client
 * and switches to it; a wrong passphrase says so and changes nothing.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ClientSummary } from '../../shared/ipc/contract'
import { cleanup, ok, tempDir, unlockedBackend } from '../helpers/vault'
import { backendCall, createVault, expect, test } from './fixtures'

const HANDOVER = 'handover for the client 2026'

test('imports a handover file opened from the file manager and switches to it', async ({ page, harness }, info) => {
  // A consultant's other vault writes the handover file.
  const from = await unlockedBackend()
  const out = tempDir('trellis-e2e-open-')
  const c = await ok<ClientSummary>(from.backend, 'client.create', { name: 'Kestrel Payments' })
  await ok(from.backend, 'partner.create', { clientId: c.id, name: 'Summit Advisory', type: 'si', stage: 'producing' })
  const file = join(out, 'kestrel-handover.trellis')
  await ok(from.backend, 'client.handover', { id: c.id, outPath: file, passphrase: HANDOVER })
  from.backend.close()
  cleanup(from.vaultDir)
  const sum = () => createHash('sha256').update(readFileSync(file)).digest('hex')
  const before = sum()

  try {
    await createVault(page, harness)
    harness.emit('file.opened', { path: file, name: 'kestrel-handover.trellis' })
    const dialog = page.getByRole('dialog', { name: 'Open client file' })
    await expect(dialog).toBeVisible()
    await expect(dialog).toContainText('kestrel-handover.trellis')

    await dialog.getByLabel('Handover passphrase').fill('not the passphrase')
    await dialog.getByRole('button', { name: 'Import and open' }).click()
    await expect(dialog.getByRole('alert')).toHaveText(/That passphrase does not open this file/)
    expect(await backendCall<ClientSummary[]>(harness, 'client.list', {})).toEqual([])
    await page.screenshot({ path: info.outputPath('open-file-dialog.png') })

    await dialog.getByLabel('Handover passphrase').fill(HANDOVER)
    await dialog.getByRole('button', { name: 'Import and open' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('client-title')).toHaveText('Kestrel Payments')
    await expect(page.getByRole('navigation', { name: 'Clients' })).toContainText('Kestrel Payments')
    await expect(page.getByRole('main')).toContainText('Summit Advisory') // the overview of the imported file
    await page.screenshot({ path: info.outputPath('open-file-imported.png') })
    const clients = await backendCall<ClientSummary[]>(harness, 'client.list', {})
    expect(clients.map((x) => x.name)).toEqual(['Kestrel Payments'])
    expect(clients[0].id).not.toBe(c.id)
    expect(sum()).toBe(before)

    // A file that is not a Trellis file says so before any passphrase is asked.
    const bogus = join(out, 'notes.trellis')
    writeFileSync(bogus, 'Meeting notes\n'.repeat(200))
    harness.emit('file.opened', { path: bogus, name: 'notes.trellis' })
    await expect(dialog.getByRole('alert')).toHaveText(/notes\.trellis is not a Trellis client file, or it is damaged/)
    await expect(dialog.getByLabel('Handover passphrase')).toHaveCount(0)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()
  } finally {
    cleanup(out)
  }
})
