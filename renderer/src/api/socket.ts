import type { Result } from '../../../shared/ipc/errors'
import type { Transport } from './transport'

const WS_PATH = '/trellis-ws'
const TOKEN_KEY = 'trellis.harness.token'

/**
 * Browser development and e2e tests: the loopback harness (electron/backend/harness/server.ts) serves this page
 * and a WebSocket on the same 127.0.0.1 origin. The per-run token arrives in the URL fragment (never sent to
 * the server with page requests); it is moved to sessionStorage so a reload keeps working.
 */
export function readToken(): string {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash)
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1])
    history.replaceState(null, '', location.pathname + location.search)
    return m[1]
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

export function wsTransport(): Transport {
  const token = readToken()
  const url = `ws://${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`
  let socket: WebSocket | null = null
  let opened: Promise<WebSocket> | null = null
  let nextId = 1
  const pending = new Map<number, (r: Result<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()

  const failAll = (message: string) => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'BACKEND_RESTARTED', message } })
    pending.clear()
  }

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(url)
      ws.onopen = () => {
        socket = ws
        resolve(ws)
      }
      ws.onerror = () => reject(new Error('Could not reach the Trellis backend.'))
      ws.onclose = () => {
        socket = null
        opened = null
        failAll('The connection to the Trellis backend was lost. Reload the page to reconnect.')
      }
      ws.onmessage = (ev) => {
        const msg = JSON.parse(String(ev.data)) as { id?: number; result?: Result<unknown>; event?: string; payload?: unknown }
        if (typeof msg.id === 'number') {
          pending.get(msg.id)?.(msg.result as Result<unknown>)
          pending.delete(msg.id)
        } else if (msg.event) {
          for (const l of listeners.get(msg.event) ?? []) l(msg.payload)
        }
      }
    })
    return opened
  }

  return {
    async call(channel, input) {
      let ws: WebSocket
      try {
        ws = socket ?? (await connect())
      } catch (e) {
        return { ok: false, error: { code: 'BACKEND_RESTARTED', message: (e as Error).message } }
      }
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        ws.send(JSON.stringify({ id, channel, input }))
      })
    },
    on(event, listener) {
      void connect().catch(() => undefined)
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      return () => set.delete(listener)
    }
  }
}
