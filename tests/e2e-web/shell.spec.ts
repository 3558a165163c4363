import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { createClient, createVault, expect, PASSPHRASE, test } from './fixtures'

const SHOTS = resolve(__dirname, '../../test-results/screens')
mkdirSync(SHOTS, { recursive: true })

interface Summary {
  id: string
  name: string
}

test('two clients each show only their own partners, switching with the quick switcher', async ({ page, harness, foreignRequests }) => {
  await createVault(page, harness)
  await createClient(page, 'Northwind Analytics')
  await expect(page.getByTestId('overview-empty')).toBeVisible()
  await createClient(page, 'Bluefin Health')

  // Distinct partners straight into each client's encrypted file, through the harness's backend.
  const list = await harness.backend.call('client.list', {})
  if (!list.ok) throw new Error(list.error.message)
  const byName = Object.fromEntries((list.data as Summary[]).map((c) => [c.name, c.id]))
  for (const [client, partners] of [
    ['Northwind Analytics', ['Apex Integrations', 'Summit Consulting']],
    ['Bluefin Health', ['Zenith Resellers']]
  ] as const) {
    for (const name of partners) {
      const r = await harness.backend.call('partner.create', { clientId: byName[client], name, type: 'reseller', stage: 'signed' })
      expect(r.ok).toBe(true)
    }
  }

  const switchTo = async (query: string, name: string) => {
    await page.keyboard.press('Control+k')
    const input = page.getByPlaceholder('Switch to a client…')
    await expect(input).toBeFocused()
    await input.fill(query)
    await page.keyboard.press('Enter')
    await expect(page.getByPlaceholder('Switch to a client…')).toBeHidden()
    await expect(page.getByTestId('client-title')).toHaveText(name)
  }

  await switchTo('north', 'Northwind Analytics')
  const recent = page.getByTestId('recent-partners')
  await expect(page.getByTestId('partner-count')).toHaveText('2')
  await expect(recent).toContainText('Apex Integrations')
  await expect(recent).toContainText('Summit Consulting')
  await expect(page.getByText('Zenith Resellers')).toHaveCount(0)

  await switchTo('blue', 'Bluefin Health')
  await expect(page.getByTestId('partner-count')).toHaveText('1')
  await expect(recent).toContainText('Zenith Resellers')
  await expect(page.getByText('Apex Integrations')).toHaveCount(0)
  await expect(page.getByText('Summit Consulting')).toHaveCount(0)

  // And back again: nothing of Bluefin stays on screen.
  await switchTo('nwa', 'Northwind Analytics')
  await expect(recent).toContainText('Apex Integrations')
  await expect(page.getByText('Zenith Resellers')).toHaveCount(0)

  expect(foreignRequests).toEqual([])
})

test('a wrong passphrase gives a clear error, the right one unlocks', async ({ page, harness, foreignRequests }) => {
  await createVault(page, harness)
  await createClient(page, 'Copperleaf Labs')
  await page.getByRole('button', { name: 'Lock vault' }).click()

  const pass = page.getByLabel('Passphrase')
  await expect(pass).toBeVisible()
  // Locking forgets every client on screen.
  await expect(page.getByText('Copperleaf Labs')).toHaveCount(0)
  await pass.fill('not the passphrase')
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('alert')).toHaveText(/Wrong passphrase/)
  await page.screenshot({ path: `${SHOTS}/unlock-wrong-passphrase.png` })
  await expect(page.getByRole('navigation', { name: 'Clients' })).toHaveCount(0)

  await pass.fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('navigation', { name: 'Clients' })).toContainText('Copperleaf Labs')
  expect(foreignRequests).toEqual([])
})

test('after an unlock the client that was open last opens again', async ({ page, harness }) => {
  await createVault(page, harness)
  await createClient(page, 'Northwind Analytics')
  await createClient(page, 'Bluefin Health')
  // Not simply the newest: switch back to the first, then lock.
  await page.getByRole('navigation', { name: 'Clients' }).getByText('Northwind Analytics').click()
  await expect(page.getByTestId('client-title')).toHaveText('Northwind Analytics')
  await page.getByRole('button', { name: 'Lock vault' }).click()
  await expect(page.getByTestId('client-title')).toHaveCount(0)
  await page.getByLabel('Passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByTestId('client-title')).toHaveText('Northwind Analytics')
  await page.screenshot({ path: `${SHOTS}/reopen-last-client.png` })
})

test('the recovery key unlocks when the passphrase is lost; a malformed one is explained', async ({ page, harness, foreignRequests }) => {
  const key = await createVault(page, harness)
  await page.getByRole('button', { name: 'Lock vault' }).click()
  await page.getByRole('button', { name: /Use your recovery key/ }).click()
  const field = page.getByLabel('Recovery key')
  await field.fill('ABCD-1234')
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('alert')).toHaveText(/not a recovery key/)
  await field.fill(key.toLowerCase())
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('navigation', { name: 'Clients' })).toBeVisible()
  expect(foreignRequests).toEqual([])
})

test('rename, archive, show archived and delete a client (delete needs the name typed)', async ({ page, harness, foreignRequests }) => {
  await createVault(page, harness)
  await createClient(page, 'Harbor Logistics')
  const sidebar = page.getByTestId('client-list')

  await page.getByRole('button', { name: 'Rename' }).click()
  const rename = page.getByRole('dialog')
  await rename.getByLabel('New name').fill('Harbor Freight Logistics')
  await rename.getByRole('button', { name: 'Rename' }).click()
  await expect(page.getByTestId('client-title')).toHaveText('Harbor Freight Logistics')
  await expect(sidebar).toContainText('Harbor Freight Logistics')

  await page.getByRole('button', { name: 'Archive' }).click()
  await expect(page.getByRole('button', { name: 'Unarchive' })).toBeVisible()
  await page.getByRole('button', { name: 'Lock vault' }).click()
  await page.getByLabel('Passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(sidebar).toContainText('All clients are archived')
  await page.screenshot({ path: `${SHOTS}/all-archived.png` })
  await page.getByLabel(/Show archived/).check()
  await sidebar.getByRole('button', { name: /Harbor Freight Logistics/ }).click()

  await page.getByRole('button', { name: 'Delete…' }).click()
  const del = page.getByRole('dialog')
  const confirm = del.getByRole('button', { name: 'Delete client' })
  await expect(confirm).toBeDisabled()
  await del.getByLabel(/to confirm/).fill('Harbor')
  await page.screenshot({ path: `${SHOTS}/delete-client.png` })
  await expect(confirm).toBeDisabled()
  await del.getByLabel(/to confirm/).fill('Harbor Freight Logistics')
  await confirm.click()
  await expect(del).toBeHidden()
  await expect(sidebar).toContainText('No clients yet')
  const list = await harness.backend.call('client.list', { includeArchived: true })
  expect(list.ok && list.data).toEqual([])
  expect(foreignRequests).toEqual([])
})

test('a duplicate client name is refused in plain language', async ({ page, harness }) => {
  await createVault(page, harness)
  await createClient(page, 'Lumen Payments')
  await page.getByRole('button', { name: 'New client' }).click()
  const dialog = page.getByRole('dialog', { name: 'New client' })
  await dialog.getByLabel('Client name').fill('lumen payments')
  await dialog.getByRole('button', { name: 'Create client' }).click()
  await expect(dialog.getByRole('alert')).toContainText('already exists')
})

test('sample data fills the vault with clients that have partners', async ({ page, harness }) => {
  await createVault(page, harness)
  await page.getByRole('button', { name: 'Load sample data' }).first().click()
  const items = page.getByTestId('client-list').getByRole('button')
  await expect(items).toHaveCount(6)
  await items.first().click()
  await expect(page.getByTestId('overview')).toBeVisible()
  await expect(page.getByTestId('partner-count')).toHaveText('40')
  await page.screenshot({ path: `${SHOTS}/sample-overview.png` })
})

test('changing the passphrase: the old one stops working, the new one unlocks', async ({ page, harness, foreignRequests }) => {
  await createVault(page, harness)
  await page.getByRole('button', { name: 'Change passphrase…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Change vault passphrase' })
  await dialog.getByLabel('Current passphrase').fill('not it at all')
  await dialog.getByLabel('New passphrase', { exact: true }).fill('a brand new passphrase')
  await dialog.getByLabel('New passphrase again').fill('a brand new passphrase')
  await dialog.getByRole('button', { name: 'Change passphrase' }).click()
  await expect(dialog.getByRole('alert')).toContainText(/passphrase/i)
  await dialog.getByLabel('Current passphrase').fill(PASSPHRASE)
  await dialog.getByRole('button', { name: 'Change passphrase' }).click()
  await expect(dialog).toContainText('now opens with the new passphrase')
  await dialog.getByRole('button', { name: 'Done' }).click()

  await page.getByRole('button', { name: 'Lock vault' }).click()
  await page.getByLabel('Passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('alert')).toHaveText(/Wrong passphrase/)
  await page.getByLabel('Passphrase').fill('a brand new passphrase')
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('navigation', { name: 'Clients' })).toBeVisible()
  expect(foreignRequests).toEqual([])
})

test('handover in the browser build explains that it needs the desktop app', async ({ page, harness }) => {
  await createVault(page, harness)
  await createClient(page, 'Quarry Energy')
  await page.getByRole('button', { name: 'Hand over…' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Passphrase for the client').fill('client passphrase 1')
  await dialog.getByLabel('Passphrase again').fill('client passphrase 2')
  await dialog.getByRole('button', { name: 'Choose where to save…' }).click()
  await expect(dialog.getByRole('alert')).toContainText('not the same')
  await dialog.getByLabel('Passphrase again').fill('client passphrase 1')
  await dialog.getByRole('button', { name: 'Choose where to save…' }).click()
  await expect(dialog.getByRole('alert')).toContainText('needs the desktop app')
})
