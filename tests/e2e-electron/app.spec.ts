/** The real desktop app: startup, the preload bridge, the security checklist, a first vault and client. */
import { PASSPHRASE, createVault, expect, test } from './fixtures'

test('starts on the create-vault screen in one sandboxed window', async ({ app, page, foreignRequests }) => {
  await expect(page.getByRole('button', { name: 'Create vault' })).toBeVisible()
  expect(await page.title()).toBe('Trellis')
  expect(page.url()).toBe('app://trellis/index.html')
  expect(app.windows()).toHaveLength(1)
  // The renderer process runs sandboxed (Chromium marks it with --enable-sandbox unless --no-sandbox was given).
  const rendererSandboxed = await app.evaluate(({ app: a }) =>
    a.getAppMetrics().filter((m) => m.type === 'Tab').every((m) => m.sandboxed !== false)
  )
  expect(rendererSandboxed).toBe(true)
  expect(foreignRequests).toEqual([])
})

test('window.trellis exposes only call and on; no Node in the page', async ({ page }) => {
  const shape = await page.evaluate(() => ({
    keys: Object.keys((window as unknown as { trellis: object }).trellis).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    electron: typeof (window as unknown as { electron?: unknown }).electron
  }))
  expect(shape).toEqual({ keys: ['call', 'on'], require: 'undefined', process: 'undefined', electron: 'undefined' })
  const unknown = await page.evaluate(() =>
    (window as unknown as { trellis: { call(c: string, i: unknown): Promise<unknown> } }).trellis.call('vault.nuke', {})
  )
  expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
})

test('serves the CSP header, denies navigation and window.open, and makes no network request', async ({ app, page, foreignRequests }) => {
  const csp = await page.evaluate(() => fetch('/index.html').then((r) => r.headers.get('content-security-policy')))
  expect(csp).toContain("default-src 'none'")
  expect(csp).toContain("script-src 'self'")
  expect(csp).not.toMatch(/https?:|wss?:/)

  const opened = await page.evaluate(() => window.open('https://example.invalid/') === null)
  expect(opened).toBe(true)
  await page.evaluate(() => {
    window.location.href = 'https://example.invalid/'
  })
  await page.evaluate(() => {
    window.location.href = 'file:///etc/passwd'
  })
  // A denied navigation leaves the page where it was; a round trip through IPC proves the page is still ours.
  await expect(page.getByRole('button', { name: 'Create vault' })).toBeVisible()
  expect(page.url()).toBe('app://trellis/index.html')
  const fetched = await page.evaluate(() =>
    fetch('https://example.invalid/').then(
      () => 'reached',
      () => 'blocked'
    )
  )
  expect(fetched).toBe('blocked')
  expect(app.windows()).toHaveLength(1)
  expect(foreignRequests.filter((u) => !u.startsWith('https://example.invalid/') && !u.startsWith('file:'))).toEqual([])
  // The attempts above were refused before leaving the app: nothing else was requested.
})

test('creates a vault and a client, and locks when the backend process dies', async ({ app, page, foreignRequests }) => {
  await createVault(page)
  await page.getByRole('button', { name: 'New client' }).click()
  const dialog = page.getByRole('dialog', { name: 'New client' })
  await dialog.getByLabel('Client name').fill('Northwind Analytics')
  await dialog.getByRole('button', { name: 'Create client' }).click()
  await expect(page.getByTestId('client-title')).toHaveText('Northwind Analytics')

  // Kill the backend's utilityProcess: the app restarts it and the renderer returns to the unlock screen.
  const pid = await app.evaluate(({ app: a }) => a.getAppMetrics().find((m) => m.serviceName === 'Trellis backend')?.pid)
  expect(pid).toBeGreaterThan(0)
  process.kill(pid as number, 'SIGKILL')
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible()
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByText('Northwind Analytics').first()).toBeVisible()
  expect(foreignRequests).toEqual([])
})
