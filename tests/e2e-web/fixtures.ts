/**
 * Each test gets its own temporary vault and its own loopback harness serving the built renderer (out/web),
 * and every request the page makes is recorded: anything not addressed to the harness is a failure.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { defaultStaticDir, startHarness, type Harness } from '../../electron/backend/harness/server'

export const PASSPHRASE = 'correct horse battery staple'

interface Fixtures {
  vaultDir: string
  harness: Harness
  /** URLs of requests that did not go to the harness (must stay empty). */
  foreignRequests: string[]
}

export const test = base.extend<Fixtures>({
  vaultDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-e2e-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  harness: async ({ vaultDir }, use) => {
    if (!existsSync(join(defaultStaticDir(), 'index.html')))
      throw new Error('The web renderer is not built: run `npm run build:web` first (npm test does it).')
    const h = await startHarness({ vaultDir, kdfCost: { N: 2 ** 12 } })
    await use(h)
    await h.close()
  },
  foreignRequests: async ({ page, harness }, use) => {
    const foreign: string[] = []
    const local = (url: string) => url.startsWith(`${harness.origin}/`) || url.startsWith(`ws://${harness.origin.slice('http://'.length)}/`)
    page.context().on('request', (r) => {
      if (!local(r.url())) foreign.push(r.url())
    })
    page.on('websocket', (ws) => {
      if (!local(ws.url())) foreign.push(ws.url())
    })
    await use(foreign)
  }
})

export { expect }

/** Opens the app and creates a vault, stepping through the one-time recovery key; returns the key. */
export async function createVault(page: Page, harness: Harness): Promise<string> {
  await page.goto(harness.url)
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
  await page.getByLabel('Passphrase again').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Create vault' }).click()
  const key = (await page.getByTestId('recovery-key').textContent())?.trim() ?? ''
  expect(key).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){12}$/)
  await page.getByLabel('I have saved my recovery key somewhere safe').check()
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByLabel('Recovery key').fill(key)
  await page.getByRole('button', { name: 'Confirm and open the vault' }).click()
  await expect(page.getByRole('navigation', { name: 'Clients' })).toBeVisible()
  return key
}

export async function createClient(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New client' }).click()
  const dialog = page.getByRole('dialog', { name: 'New client' })
  await dialog.getByLabel('Client name').fill(name)
  await dialog.getByRole('button', { name: 'Create client' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('client-title')).toHaveText(name)
}
