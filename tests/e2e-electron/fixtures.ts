/** Each test launches the real app with its own profile and vault folders, and counts foreign requests. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test'
import { ROOT, electronBinary } from './electronBinary'

export { expect }
export const PASSPHRASE = 'correct horse battery staple'
const binary = electronBinary()

interface Fixtures {
  app: ElectronApplication
  page: Page
  /** Every request the renderer made to anything but app://trellis (expected: none). */
  foreignRequests: string[]
  vaultDir: string
}

export const test = base.extend<Fixtures>({
  vaultDir: async ({}, use) => {
    await use(mkdtempSync(join(tmpdir(), 'trellis-e2e-vault-')))
  },
  app: async ({ vaultDir }, use, testInfo) => {
    if (binary.path === null) return testInfo.skip(true, binary.reason)
    const app = await _electron.launch({
      executablePath: binary.path,
      args: [ROOT, `--vault=${vaultDir}`],
      env: {
        ...process.env,
        TRELLIS_USER_DATA: mkdtempSync(join(tmpdir(), 'trellis-e2e-profile-')),
        TRELLIS_KDF_N: '4096',
        TRELLIS_LOG: 'silent',
        ELECTRON_ENABLE_LOGGING: '0'
      }
    })
    await use(app)
    await app.close()
  },
  foreignRequests: async ({}, use) => {
    await use([])
  },
  page: async ({ app, foreignRequests }, use) => {
    const page = await app.firstWindow()
    page.on('request', (r) => {
      if (!r.url().startsWith('app://trellis/') && !r.url().startsWith('data:')) foreignRequests.push(r.url())
    })
    await page.waitForLoadState('domcontentloaded')
    await use(page)
  }
})

// Where Electron cannot run, every test reports itself skipped with the reason (never a silent pass).
test.beforeEach(() => {
  test.skip(!binary.path, binary.reason ?? '')
})

export async function createVault(page: Page): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
  await page.getByLabel('Passphrase again').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Create vault' }).click()
  const key = (await page.getByTestId('recovery-key').textContent())?.trim() ?? ''
  await page.getByLabel('I have saved my recovery key somewhere safe').check()
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByLabel('Recovery key').fill(key)
  await page.getByRole('button', { name: 'Confirm and open the vault' }).click()
  await expect(page.getByRole('navigation', { name: 'Clients' })).toBeVisible()
}
