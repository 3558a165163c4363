/**
 * The renderer exactly as the desktop app ships it (the Electron build, transport = window.trellis), served with
 * the app:// protocol's file mapping and security headers (electron/main/security/policy.ts), in Chromium. Its
 * `window.trellis` goes through main's real router (channel checks, device channels, save-dialog gate) to a real
 * backend on an encrypted vault — everything of the desktop path except Electron itself, which cannot run here.
 * It proves the production CSP lets the app work (no violation while creating a vault and a client) and that
 * the page reaches nothing but its own origin.
 */
import { execFileSync } from 'node:child_process'
import { createCipheriv, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { createBackend, type Backend } from '../../electron/backend/backend'
import { createDevice } from '../../electron/main/deviceHandlers'
import { RememberedUnlock } from '../../electron/main/keychain'
import { SettingsFile } from '../../electron/main/settings'
import { SavePathGrants, createRouter } from '../../electron/main/router'
import { APP_ENTRY_URL, APP_ORIGIN, SECURITY_HEADERS, contentTypeOf, resolveRendererFile } from '../../electron/main/security/policy'

const ROOT = resolve(__dirname, '../..')
const PASSPHRASE = 'correct horse battery staple'
let out = ''
let server: Server
let origin = ''

test.beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'trellis-electron-renderer-'))
  execFileSync('npx', ['electron-vite', 'build', '--outDir', out, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'pipe' })
  const rendererDir = join(out, 'renderer')
  // The same mapping and headers as protocol.ts, with http://127.0.0.1:port standing in for app://trellis.
  server = createServer((req, res) => {
    const file = resolveRendererFile(rendererDir, `${APP_ORIGIN}${req.url ?? '/'}`)
    let body: Buffer | null = null
    try {
      body = file ? readFileSync(file) : null
    } catch {
      body = null
    }
    res.writeHead(body ? 200 : 404, { ...SECURITY_HEADERS, ...(file && body ? { 'Content-Type': contentTypeOf(file) } : {}) })
    res.end(body ?? undefined)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

test.afterAll(async () => {
  await new Promise((r) => server?.close(r))
  rmSync(out, { recursive: true, force: true })
})

test('the shipped renderer runs under the production CSP through main’s router, and reaches nothing else', async ({ page }) => {
  const vaultDir = mkdtempSync(join(tmpdir(), 'trellis-e2e-vault-'))
  const backend: Backend = createBackend({ vaultDir, kdfCost: { N: 2 ** 12 } })
  const key = randomBytes(32)
  const device = createDevice({
    backend,
    keychain: new RememberedUnlock(
      {
        platform: 'linux',
        linuxBackend: () => 'gnome_libsecret',
        isAvailable: async () => true,
        encrypt: async (s) => {
          const iv = randomBytes(12)
          const c = createCipheriv('aes-256-gcm', key, iv)
          return Buffer.concat([iv, c.update(s), c.final(), c.getAuthTag()])
        },
        decrypt: async () => {
          throw new Error('not used here')
        }
      },
      join(vaultDir, '..', `remembered-${Date.now()}.json`),
      vaultDir
    ),
    grants: new SavePathGrants(),
    showSaveDialog: async () => null,
    settings: new SettingsFile(join(vaultDir, '..', `settings-${Date.now()}.json`))
  })
  const route = createRouter({
    backend,
    device: device.handlers,
    grantedSavePaths: new SavePathGrants(),
    isTrustedSender: () => true, // the sender check itself is covered in tests/backend/electron-main-routing.test.ts
    afterBackendCall: device.afterBackendCall
  })

  const isForeign = (url: string) => !url.startsWith(`${origin}/`) && !url.startsWith('data:')
  const foreign: string[] = []
  const foreignAnswered: string[] = []
  page.on('request', (r) => void (isForeign(r.url()) && foreign.push(r.url())))
  page.on('requestfinished', (r) => void (isForeign(r.url()) && foreignAnswered.push(r.url())))
  // What the preload does, over Playwright's binding instead of Electron's IPC.
  await page.exposeBinding('__trellisInvoke', (_src, channel: unknown, input: unknown) =>
    route({ url: APP_ENTRY_URL, isMainFrame: true, isOurWindow: true }, channel, input)
  )
  backend.onEvent((event, payload) => void page.evaluate(([e, p]) => (window as unknown as { __trellisEmit(e: string, p: unknown): void }).__trellisEmit(e, p), [event, payload] as const).catch(() => {}))
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>
    const listeners = new Set<[string, (p: unknown) => void]>()
    w.__cspViolations = [] as string[]
    document.addEventListener('securitypolicyviolation', (e) => (w.__cspViolations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`))
    w.__trellisEmit = (e: string, p: unknown) => listeners.forEach(([n, l]) => n === e && l(p))
    w.trellis = Object.freeze({
      call: (c: string, i: unknown) => (w.__trellisInvoke as (c: string, i: unknown) => Promise<unknown>)(c, i),
      on: (e: string, l: (p: unknown) => void) => {
        const entry: [string, (p: unknown) => void] = [e, l]
        listeners.add(entry)
        return () => listeners.delete(entry)
      }
    })
  })

  const response = await page.goto(`${origin}/index.html`)
  expect(response?.headers()['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy'])

  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
  await page.getByLabel('Passphrase again').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Create vault' }).click()
  const recovery = (await page.getByTestId('recovery-key').textContent())?.trim() ?? ''
  await page.getByLabel('I have saved my recovery key somewhere safe').check()
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByLabel('Recovery key').fill(recovery)
  await page.getByRole('button', { name: 'Confirm and open the vault' }).click()
  await expect(page.getByRole('navigation', { name: 'Clients' })).toBeVisible()

  await page.getByRole('button', { name: 'New client' }).click()
  const dialog = page.getByRole('dialog', { name: 'New client' })
  await dialog.getByLabel('Client name').fill('Northwind Analytics')
  await dialog.getByRole('button', { name: 'Create client' }).click()
  await expect(page.getByTestId('client-title')).toHaveText('Northwind Analytics')
  await page.screenshot({ path: join(ROOT, 'test-results/electron-renderer.png') })

  // The app itself asked for nothing outside its origin.
  expect(foreign).toEqual([])

  // The CSP holds: a fetch and an image from elsewhere are refused by the browser, never answered.
  const attempts = await page.evaluate(async () => {
    const fetched = await fetch('https://example.invalid/x').then(
      () => 'reached',
      () => 'blocked'
    )
    const img = await new Promise((r) => {
      const i = new Image()
      i.onload = () => r('loaded')
      i.onerror = () => r('blocked')
      i.src = 'https://example.invalid/pixel.png'
    })
    return { fetched, img }
  })
  expect(attempts).toEqual({ fetched: 'blocked', img: 'blocked' })
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)
  // Exactly the two deliberate attempts; the app itself caused none.
  expect(violations.filter((v) => !v.includes('example.invalid'))).toEqual([])
  expect(violations.length).toBeGreaterThanOrEqual(2)
  expect(foreignAnswered).toEqual([])

  // The vault really holds the client, through the same router the app uses.
  const list = await route({ url: APP_ENTRY_URL, isMainFrame: true, isOurWindow: true }, 'client.list', {})
  expect(list.ok && (list.data as { name: string }[]).map((c) => c.name)).toEqual(['Northwind Analytics'])
  backend.close()
  rmSync(vaultDir, { recursive: true, force: true })
})
