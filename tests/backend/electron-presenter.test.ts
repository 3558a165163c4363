/**
 * The presenter (projector) window in the desktop app, without Electron: which window.open becomes a presenter
 * window, that it is trusted for the room's view only (router against a real backend on a real vault), that it
 * hears only its events and closes on lock, and where it is placed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Result } from '../../shared/ipc/errors'
import type { ClientSummary, PresenterState, WorkshopState } from '../../shared/ipc/contract'
import { PresenterHost, presenterBounds, type PresenterWin } from '../../electron/main/presenter'
import { SavePathGrants, createRouter, type DeviceHandlers } from '../../electron/main/router'
import {
  APP_ENTRY_URL,
  isTrustedSender,
  presenterWindowUrl,
  windowOpenDecision,
  type SenderInfo
} from '../../electron/main/security/policy'
import { cleanup, ok, unlockedBackend } from '../helpers/vault'

const CLIENT = 'c_abcdefghijklmnop'
const ASSESSMENT = 'a_0123456789ab'
const PRESENTER = `${APP_ENTRY_URL}#presenter=${CLIENT}.${ASSESSMENT}`

describe('which window.open becomes the presenter window', () => {
  it('accepts exactly our entry page with a presenter fragment', () => {
    expect(presenterWindowUrl(PRESENTER)).toBe(PRESENTER)
    const dev = 'http://localhost:5173/'
    expect(presenterWindowUrl(`http://localhost:5173/#presenter=${CLIENT}.${ASSESSMENT}`, dev)).not.toBeNull()
  })

  it.each([
    ['no fragment', APP_ENTRY_URL],
    ['another page', `app://trellis/other.html#presenter=${CLIENT}.${ASSESSMENT}`],
    ['a query', `${APP_ENTRY_URL}?x=1#presenter=${CLIENT}.${ASSESSMENT}`],
    ['extra fragment keys', `${PRESENTER}&token=abc`],
    ['a bad client id', `${APP_ENTRY_URL}#presenter=c_ABC.${ASSESSMENT}`],
    ['path traversal', `app://trellis/../index.html#presenter=${CLIENT}.${ASSESSMENT}x`],
    ['another host', `app://evil/index.html#presenter=${CLIENT}.${ASSESSMENT}`],
    ['the web', `https://example.invalid/index.html#presenter=${CLIENT}.${ASSESSMENT}`],
    ['a file', `file:///index.html#presenter=${CLIENT}.${ASSESSMENT}`],
    ['garbage', 'not a url']
  ])('refuses %s', (_why, url) => {
    expect(presenterWindowUrl(url)).toBeNull()
    expect(windowOpenDecision(url, { fromMainWindow: true })).toEqual({ kind: 'deny' })
  })

  it('opens a presenter only when the main window asks', () => {
    expect(windowOpenDecision(PRESENTER, { fromMainWindow: true })).toEqual({ kind: 'presenter', url: PRESENTER })
    // The presenter window (or any other page) cannot open more windows.
    expect(windowOpenDecision(PRESENTER, { fromMainWindow: false })).toEqual({ kind: 'deny' })
  })

  it('still sends only allow-listed https origins to the system browser', () => {
    expect(windowOpenDecision('https://docs.example.invalid/x', { fromMainWindow: true, allowList: ['https://docs.example.invalid'] })).toEqual({
      kind: 'external',
      url: 'https://docs.example.invalid/x'
    })
    expect(windowOpenDecision('https://docs.example.invalid/x', { fromMainWindow: true })).toEqual({ kind: 'deny' })
  })

  it('trusts the presenter window only while it shows the presenter route', () => {
    const s: SenderInfo = { url: PRESENTER, isMainFrame: true, isOurWindow: false, isPresenterWindow: true }
    expect(isTrustedSender(s)).toBe(true)
    expect(isTrustedSender({ ...s, url: APP_ENTRY_URL })).toBe(false)
    expect(isTrustedSender({ ...s, isMainFrame: false })).toBe(false)
    expect(isTrustedSender({ ...s, isPresenterWindow: false })).toBe(false)
    expect(isTrustedSender({ ...s, url: 'https://example.invalid/#presenter=x' })).toBe(false)
  })
})

describe('the presenter window in the router', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach(cleanup))

  it('reads the room view and nothing else', async () => {
    const { backend, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    const c = await ok<ClientSummary>(backend, 'client.create', { name: 'Northwind Analytics' })
    const w = await ok<WorkshopState>(backend, 'workshop.create', {
      clientId: c.id,
      sessionId: 'facilitator-1',
      title: 'Q3 review',
      heldOn: '2026-09-14',
      participants: [{ name: 'Ana Lima', role: 'VP Sales', side: 'client' }],
      dimensions: [{ id: 'strategy', timeBoxMinutes: 20 }]
    })
    const calls: string[] = []
    const route = createRouter({
      backend: { call: (ch, i) => (calls.push(ch), backend.call(ch, i)) },
      device: {} as DeviceHandlers,
      grantedSavePaths: new SavePathGrants(),
      isTrustedSender: (s) => isTrustedSender(s)
    })
    const url = `${APP_ENTRY_URL}#presenter=${c.id}.${w.assessment.id}`
    const sender: SenderInfo = { url, isMainFrame: true, isOurWindow: false, isPresenterWindow: true }

    const view = (await route(sender, 'workshop.presenter', { clientId: c.id, assessmentId: w.assessment.id })) as Result<PresenterState>
    expect(view.ok).toBe(true)
    if (view.ok) expect(view.data.title).toBe('Q3 review')

    for (const [channel, input] of [
      ['client.list', {}],
      ['workshop.get', { clientId: c.id, assessmentId: w.assessment.id }],
      ['vault.lock', {}],
      ['keychain.status', {}]
    ] as const) {
      const r = await route(sender, channel, input)
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(calls).toEqual(['workshop.presenter'])
    backend.close()
  })
})

class FakeWin implements PresenterWin {
  destroyed = false
  shown = 0
  sent: [string, unknown][] = []
  constructor(
    public url: string,
    private readonly onClosed: () => void,
    readonly contents = {}
  ) {}
  isDestroyed = () => this.destroyed
  loadURL = (u: string) => void (this.url = u)
  currentURL = () => this.url
  show = () => void this.shown++
  close = () => {
    this.destroyed = true
    this.onClosed()
  }
  send = (e: string, p: unknown) => void this.sent.push([e, p])
  isSender = (s: unknown) => s === this.contents
}

describe('PresenterHost', () => {
  function host() {
    const made: FakeWin[] = []
    const h = new PresenterHost((url, onClosed) => {
      const w = new FakeWin(url, onClosed)
      made.push(w)
      return w
    })
    return { h, made }
  }

  it('keeps one presenter window and moves it to the workshop asked for', () => {
    const { h, made } = host()
    h.open(PRESENTER)
    h.open(PRESENTER)
    const other = `${APP_ENTRY_URL}#presenter=${CLIENT}.a_zzzzzzzzzzzz`
    h.open(other)
    expect(made).toHaveLength(1)
    expect(made[0].url).toBe(other)
    expect(made[0].shown).toBe(2)
    expect(h.isPresenter(made[0].contents)).toBe(true)
    expect(h.isPresenter({})).toBe(false)
  })

  it('forwards only the presenter events and closes on lock', () => {
    const { h, made } = host()
    h.open(PRESENTER)
    h.forward('workshop.changed', { n: 1 })
    h.forward('client.changed', { secret: true })
    h.forward('benchmark.progressed', {})
    expect(made[0].sent).toEqual([['workshop.changed', { n: 1 }]])
    h.forward('vault.locked', { reason: 'idle' })
    expect(made[0].destroyed).toBe(true)
    expect(h.isOpen()).toBe(false)
    expect(h.isPresenter(made[0].contents)).toBe(false)
    // Reopening after unlock makes a fresh window.
    h.open(PRESENTER)
    expect(made).toHaveLength(2)
  })

  it('forgets a window the user closed', () => {
    const { h, made } = host()
    h.open(PRESENTER)
    made[0].close()
    expect(h.isOpen()).toBe(false)
    h.forward('workshop.changed', {})
    expect(made[0].sent).toEqual([])
  })
})

describe('presenterBounds', () => {
  const laptop = { id: 1, workArea: { x: 0, y: 0, width: 1440, height: 900 } }
  const projector = { id: 2, workArea: { x: 1440, y: 0, width: 1920, height: 1080 } }

  it('fills the display the facilitator is not on', () => {
    expect(presenterBounds([laptop, projector], 1)).toEqual({ bounds: projector.workArea, otherDisplay: true })
    expect(presenterBounds([laptop, projector], 2)).toEqual({ bounds: laptop.workArea, otherDisplay: true })
  })

  it('opens a centred window when there is one display', () => {
    expect(presenterBounds([laptop], 1)).toEqual({ bounds: { x: 80, y: 50, width: 1280, height: 800 }, otherDisplay: false })
    expect(presenterBounds([], null).otherDisplay).toBe(false)
  })
})

describe('the presenter BrowserWindow', () => {
  it('uses the same hardened webPreferences and preload as the main window', async () => {
    const { readFileSync } = await import('node:fs')
    const src = readFileSync(new URL('../../electron/main/presenterWindow.ts', import.meta.url), 'utf8')
    expect(src).toMatch(/webPreferences: secureWebPreferences\(o\.preload\)/)
    expect(src).not.toMatch(/sandbox:\s*false|contextIsolation:\s*false|nodeIntegration:\s*true|webSecurity:\s*false/)
  })
})
