/**
 * `electron-vite build` of the whole app (it needs no Electron binary), then checks on what it produced: the
 * sandboxed preload is one CommonJS file that requires only `electron` and exposes exactly `trellis.call/on`
 * (run here in a VM against a recording stand-in for electron's renderer modules), main's bundle never loads
 * the SQLite driver (SQL stays off the main thread), and the backend bundle never loads electron.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')
let out = ''

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'trellis-build-'))
  execFileSync('npx', ['electron-vite', 'build', '--outDir', out, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'pipe' })
}, 180_000)
afterAll(() => rmSync(out, { recursive: true, force: true }))

const requires = (src: string) => [...src.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])

describe('built main and backend bundles', () => {
  it('main loads electron but never the SQLite driver or drizzle', () => {
    const src = readFileSync(join(out, 'main/index.js'), 'utf8')
    const deps = requires(src)
    expect(deps).toContain('electron')
    expect(deps.filter((d) => /better-sqlite3|drizzle/.test(d))).toEqual([])
    for (const chunk of deps.filter((d) => d.startsWith('./chunks/')))
      expect(requires(readFileSync(join(out, 'main', chunk), 'utf8')).filter((d) => /better-sqlite3|drizzle|electron/.test(d))).toEqual([])
  })

  it('the backend bundle (utilityProcess) never loads electron', () => {
    const deps = requires(readFileSync(join(out, 'main/backend.js'), 'utf8'))
    expect(deps).toContain('better-sqlite3')
    expect(deps).not.toContain('electron')
  })

  it('the renderer page loads only its own files', () => {
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8')
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])
    expect(refs.length).toBeGreaterThan(0)
    for (const r of refs) expect(r).toMatch(/^\.?\/?assets\//)
  })
})

describe('built preload', () => {
  const src = () => readFileSync(join(out, 'preload/index.js'), 'utf8')

  it('is CommonJS and requires only electron', () => {
    expect(src()).not.toMatch(/^\s*(import|export)\s/m)
    expect(requires(src())).toEqual(['electron'])
  })

  it('exposes exactly window.trellis = { call, on }, forwarding to the two IPC channels', async () => {
    const exposed: Record<string, Record<string, (...a: unknown[]) => unknown>> = {}
    const invoked: unknown[][] = []
    const listeners = new Map<string, Set<(...a: unknown[]) => void>>()
    let failNext = false
    const electron = {
      contextBridge: { exposeInMainWorld: (k: string, v: Record<string, (...a: unknown[]) => unknown>) => (exposed[k] = v) },
      ipcRenderer: {
        invoke: (...a: unknown[]) => {
          invoked.push(a)
          return failNext ? Promise.reject(new Error('gone')) : Promise.resolve({ ok: true, data: a.slice(1) })
        },
        on: (ch: string, l: (...a: unknown[]) => void) => {
          if (!listeners.has(ch)) listeners.set(ch, new Set())
          listeners.get(ch)!.add(l)
        },
        removeListener: (ch: string, l: (...a: unknown[]) => void) => listeners.get(ch)?.delete(l)
      }
    }
    const module = { exports: {} }
    runInNewContext(src(), {
      require: (id: string) => {
        if (id !== 'electron') throw new Error(`the preload required ${id}`)
        return electron
      },
      module,
      exports: module.exports
    })
    expect(Object.keys(exposed)).toEqual(['trellis'])
    const bridge = exposed.trellis
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on'])

    expect(await bridge.call('client.list', { includeArchived: true })).toEqual({ ok: true, data: ['client.list', { includeArchived: true }] })
    expect(invoked).toEqual([['trellis:call', 'client.list', { includeArchived: true }]])
    failNext = true
    expect(await bridge.call('vault.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })

    const got: unknown[] = []
    const off = bridge.on('vault.locked', (p: unknown) => got.push(p)) as () => void
    const fire = (...a: unknown[]) => listeners.get('trellis:event')?.forEach((l) => l({ sender: 'secret' }, ...a))
    fire('vault.locked', { reason: 'system' })
    fire('other.event', { x: 1 })
    expect(got).toEqual([{ reason: 'system' }]) // the IpcRendererEvent never reaches the page
    off()
    fire('vault.locked', { reason: 'user' })
    expect(got).toHaveLength(1)
    expect(listeners.get('trellis:event')?.size).toBe(0)
    expect(() => bridge.on('vault.locked', 'not a function')).toThrow(/listener must be a function/)
  })
})
