/**
 * Each test gets its own temporary vault and its own loopback harness serving the built renderer (out/web).
 * For every test, whether it asks for them or not (`auto` fixtures):
 * - every request the page makes is counted, and any not addressed to the harness is blocked and fails the test;
 * - the backend's log is kept (and appended to the run's log, `logs.ts`), and after the test it must not contain the
 *   name of any client or partner the test's vault held.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { defaultStaticDir, startHarness, type Harness } from '../../electron/backend/harness/server'
import { setLogSink } from '../../electron/backend/log'
import { appendRunLog, appendRunTally } from './logs'

export const PASSPHRASE = 'correct horse battery staple'

interface Fixtures {
  vaultDir: string
  harness: Harness
  /** URLs of requests that did not go to the harness (must stay empty; they are blocked too). */
  foreignRequests: string[]
  /** Client and partner names the test's vault held, and the backend's log lines: checked against each other. */
  privacy: { names: Set<string>; log: string[] }
}

/** Names a call brings into the vault or shows from it. */
function namesOf(channel: string, input: unknown, data: unknown): string[] {
  const out: string[] = []
  const name = (v: unknown) => {
    if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') out.push((v as { name: string }).name)
  }
  if (['client.create', 'client.rename', 'partner.create'].includes(channel)) name(input)
  if (['client.list', 'partner.list', 'portfolio.table'].includes(channel) && Array.isArray(data)) data.forEach(name)
  if (channel === 'client.create' || channel === 'client.open') name(data)
  return out.map((n) => n.trim()).filter((n) => n.length >= 4)
}

export const test = base.extend<Fixtures>({
  vaultDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-e2e-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  privacy: [
    async ({}, use, info) => {
      const p = { names: new Set<string>(), log: [] as string[] }
      setLogSink((line) => {
        p.log.push(line)
        process.stderr.write(`${line}\n`)
      })
      await use(p)
      setLogSink((line) => process.stderr.write(`${line}\n`))
      appendRunLog(info.titlePath.join(' › '), p.log, p.names)
      const text = p.log.join('\n')
      const leaked = [...p.names].filter((n) => text.includes(n))
      expect(leaked, 'client or partner names in the backend log').toEqual([])
    },
    { auto: true }
  ],
  harness: async ({ vaultDir, privacy }, use) => {
    if (!existsSync(join(defaultStaticDir(), 'index.html')))
      throw new Error('The web renderer is not built: run `npm run build:web` first (npm test does it).')
    const h = await startHarness({ vaultDir, kdfCost: { N: 2 ** 12 } })
    // Every call's names are collected, whoever makes it (the page, or the test itself).
    const call = h.backend.call.bind(h.backend)
    h.backend.call = async (channel, input) => {
      const r = await call(channel, input)
      for (const n of namesOf(channel, input, r.ok ? r.data : null)) privacy.names.add(n)
      return r
    }
    await use(h)
    if (h.backend.session.vault.unlocked) {
      const all = await h.backend.call('client.list', { archived: true })
      if (all.ok) for (const c of all.data as { id: string }[]) await h.backend.call('partner.list', { clientId: c.id })
    }
    await h.close()
  },
  foreignRequests: [
    async ({ page }, use, info) => {
      const foreign: string[] = []
      let counted = 0
      // Decided at request time: the harness (and its port) may start after the page.
      const local = (url: string) => /^(http|ws):\/\/127\.0\.0\.1:\d+\//.test(url) || url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')
      await page.context().route(
        () => true,
        (route) => {
          counted++
          const url = route.request().url()
          if (local(url)) return route.continue()
          foreign.push(url)
          return route.abort('blockedbyclient')
        }
      )
      page.on('websocket', (ws) => {
        counted++
        if (!local(ws.url())) foreign.push(ws.url())
      })
      await use(foreign)
      appendRunTally(info.titlePath.join(' › '), counted, foreign)
      expect(foreign, 'requests from the renderer to anywhere but the harness').toEqual([])
    },
    { auto: true }
  ]
})

export { expect }

/** One call straight to the test's backend (seeding behind the page's back); a refusal throws with its message. */
export async function backendCall<T>(harness: Harness, channel: string, input: unknown): Promise<T> {
  const r = await harness.backend.call(channel, input)
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`)
  return r.data as T
}

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
