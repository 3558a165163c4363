/** The loopback harness: bound to 127.0.0.1 only, refuses sockets without the per-run token or from other origins. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { startHarness, WS_PATH, type Harness } from '../../electron/backend/harness/server'
import { cleanup, tempDir, TEST_KDF } from '../helpers/vault'

const open: Harness[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const h of open.splice(0)) await h.close()
  for (const d of dirs.splice(0)) cleanup(d)
})

async function harness(): Promise<Harness> {
  const vaultDir = tempDir()
  const staticDir = tempDir('trellis-static-')
  dirs.push(vaultDir, staticDir)
  mkdirSync(join(staticDir, 'assets'))
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Trellis</title>')
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {}')
  const h = await startHarness({ vaultDir, staticDir, kdfCost: TEST_KDF })
  open.push(h)
  return h
}

function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
}

function get(h: Harness, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.origin}${path}`, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('loopback harness', () => {
  it('listens on 127.0.0.1 with a random token in the URL fragment', async () => {
    const a = await harness()
    const b = await harness()
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/)
    expect(a.token).not.toBe(b.token)
    expect((a.server.address() as { address: string }).address).toBe('127.0.0.1')
  })

  it('answers contract calls over the socket with the token, and pushes events', async () => {
    const h = await harness()
    const ws = await connect(`ws://127.0.0.1:${new URL(h.origin).port}${WS_PATH}?token=${h.token}`)
    // A queue, so two awaited messages never race for one listener.
    const inbox: unknown[] = []
    const waiting: ((m: unknown) => void)[] = []
    ws.on('message', (m) => {
      const msg = JSON.parse(String(m))
      const w = waiting.shift()
      if (w) w(msg)
      else inbox.push(msg)
    })
    const next = () => (inbox.length ? Promise.resolve(inbox.shift()) : new Promise<unknown>((r) => waiting.push(r)))
    ws.send(JSON.stringify({ id: 1, channel: 'vault.status', input: {} }))
    expect(await next()).toMatchObject({ id: 1, result: { ok: true, data: { exists: false, unlocked: false } } })
    ws.send(JSON.stringify({ id: 2, channel: 'client.list', input: {} }))
    expect(await next()).toMatchObject({ id: 2, result: { ok: false, error: { code: 'VAULT_LOCKED' } } })
    ws.send(JSON.stringify({ id: 3, channel: 'vault.create', input: { passphrase: 'correct horse battery staple' } }))
    expect(await next()).toMatchObject({ id: 3, result: { ok: true } })
    ws.send(JSON.stringify({ id: 4, channel: 'vault.lock', input: {} }))
    expect([await next(), await next()]).toEqual(
      expect.arrayContaining([{ event: 'vault.locked', payload: { reason: 'user' } }, { id: 4, result: { ok: true, data: null } }])
    )
    ws.close()
  })

  it('refuses a socket without the token, with a wrong token, or from another origin', async () => {
    const h = await harness()
    const base = `ws://127.0.0.1:${new URL(h.origin).port}${WS_PATH}`
    await expect(connect(base)).rejects.toThrow(/401/)
    await expect(connect(`${base}?token=${'x'.repeat(h.token.length)}`)).rejects.toThrow(/401/)
    await expect(connect(`${base}?token=${h.token}`, { origin: 'http://evil.invalid' })).rejects.toThrow(/401/)
    await expect(connect(`${base}?token=${h.token}`, { host: 'rebound.invalid' })).rejects.toThrow(/401/)
    const ok = await connect(`${base}?token=${h.token}`, { origin: h.origin })
    ok.close()
  })

  it('serves the renderer, falls back to index.html, and never leaves its folder', async () => {
    const h = await harness()
    expect(await get(h, '/assets/app.js')).toEqual({ status: 200, body: 'export {}' })
    expect((await get(h, '/some/route')).body).toContain('<title>Trellis</title>')
    const escape = await get(h, '/..%2f..%2f..%2fetc%2fpasswd')
    expect(escape.status).toBe(403)
  })
})
