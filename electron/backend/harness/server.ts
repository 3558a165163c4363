/**
 * Loopback harness: the real backend behind a 127.0.0.1-only HTTP + WebSocket server with a random per-run
 * token, so the real renderer can be driven in a plain browser (dev and tests only; never packaged — nothing in
 * the Electron build imports this file).
 *
 * Wire format (JSON text frames):
 *   renderer → harness  { id, channel, input }
 *   harness → renderer  { id, result }          result = { ok, data } | { ok: false, error: { code, message } }
 *   harness → renderer  { event, payload }      pushed backend events
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { createBackend, type Backend } from '../backend'
import type { VaultOptions } from '../vault/vault'
import type { EventName, Events } from '../../../shared/ipc/contract'

export const WS_PATH = '/trellis-ws'

export interface HarnessOptions {
  vaultDir: string
  /** Built renderer to serve; defaults to the repository's `out/web`. */
  staticDir?: string
  kdfCost?: VaultOptions['kdfCost']
  /** Replaces static serving (the dev server passes Vite's middleware here). */
  handler?: (req: IncomingMessage, res: ServerResponse) => void
}

export interface Harness {
  /** Page address; the token travels in the fragment, which browsers never send to the server. */
  url: string
  origin: string
  token: string
  backend: Backend
  server: ReturnType<typeof createServer>
  /**
   * Pushes an event to every connected page as if main sent it (e.g. `file.opened`, which comes from the OS through
   * main, not from the backend). Tests only; nothing on the socket can trigger it.
   */
  emit<E extends EventName>(event: E, payload: Events[E]): void
  close(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json'
}

export function defaultStaticDir(): string {
  return resolve(__dirname, '../../../out/web')
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function serveStatic(root: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)
    let file = normalize(join(root, pathname))
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end()
      return
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('The web renderer is not built: run `npm run build:web`.')
      return
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff'
    })
    if (req.method === 'HEAD') res.end()
    else createReadStream(file).pipe(res)
  }
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const token = randomBytes(24).toString('base64url')
  const backend = createBackend({ vaultDir: opts.vaultDir, kdfCost: opts.kdfCost, instanceKind: 'harness' })
  const handler = opts.handler ?? serveStatic(resolve(opts.staticDir ?? defaultStaticDir()))
  const server = createServer((req, res) => handler(req, res))
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 })
  let host = ''

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== WS_PATH) {
      // Another upgrade listener (Vite's HMR in dev) may own this path; otherwise refuse it.
      if (server.listenerCount('upgrade') <= 1) socket.destroy()
      return
    }
    // The token proves the page came from this run; the Host and Origin checks stop DNS-rebinding pages.
    const origin = req.headers.origin
    if (!sameToken(url.searchParams.get('token'), token) || req.headers.host !== host || (origin && origin !== `http://${host}`)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  wss.on('connection', (ws: WebSocket) => {
    const off = backend.onEvent((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }))
    })
    ws.on('close', off)
    ws.on('message', async (raw) => {
      let msg: { id?: unknown; channel?: unknown; input?: unknown }
      try {
        msg = JSON.parse(String(raw))
      } catch {
        return
      }
      if (typeof msg !== 'object' || msg === null || (typeof msg.id !== 'number' && typeof msg.id !== 'string')) return
      const result = await backend.call(String(msg.channel), msg.input)
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.id, result }))
    })
  })

  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => ok())
  })
  const port = (server.address() as AddressInfo).port
  host = `127.0.0.1:${port}`
  const origin = `http://${host}`

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    backend,
    server,
    emit(event, payload) {
      for (const c of wss.clients) if (c.readyState === c.OPEN) c.send(JSON.stringify({ event, payload }))
    },
    async close() {
      for (const c of wss.clients) c.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((ok) => server.close(() => ok()))
      backend.close()
    }
  }
}
