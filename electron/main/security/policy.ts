/**
 * The window's security policy as plain data and pure functions, so tests assert it without Electron.
 * Only *types* come from electron here; `harden.ts` and `protocol.ts` apply this policy.
 */
import { extname, join, normalize, sep } from 'node:path'
import type { WebPreferences } from 'electron'

export const APP_SCHEME = 'app'
export const APP_HOST = 'trellis'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** Every switch of the Electron security checklist, explicitly (defaults change between versions). */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Chromium's spellchecker downloads dictionaries; the app makes no network requests at all.
    spellcheck: false,
    devTools: true
  }
}

/**
 * Served as a response header with every renderer file. No network origin anywhere: scripts only from the app
 * itself, no eval, no plugins, no frames, no form posts. Inline *styles* are allowed because Radix and
 * react-remove-scroll inject `<style>` elements; styles cannot run code.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'manifest-src': "'none'",
  'media-src': "'none'",
  'object-src': "'none'",
  'frame-src': "'none'",
  'child-src': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'none'",
  'base-uri': "'none'"
}
export const CSP = Object.entries(CSP_DIRECTIVES)
  .map(([k, v]) => `${k} ${v}`)
  .join('; ')

/** Headers on every app:// response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer'
}

/** The renderer's own pages: app://trellis/…, or the electron-vite dev server during `npm run dev`. */
export function isOwnRendererUrl(url: string | undefined, devServerUrl?: string): boolean {
  if (!url) return false
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true
  if (devServerUrl) {
    try {
      return u.origin === new URL(devServerUrl).origin
    } catch {
      return false
    }
  }
  return false
}

/**
 * Which requests the app's session lets through: its own files, inline data, and the dev tools. Everything else
 * (http, https, ws, file, ftp, …) is cancelled, so a renderer bug or injected markup cannot reach the network.
 */
export function isAllowedRequest(url: string, devServerUrl?: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  switch (u.protocol) {
    case `${APP_SCHEME}:`:
      return u.host === APP_HOST
    case 'data:':
    case 'devtools:':
      return true
    case 'blob:':
      return u.pathname.startsWith(`${APP_ORIGIN}/`) || isAllowedRequest(u.pathname, devServerUrl)
    default:
      return isOwnRendererUrl(url, devServerUrl) || (devServerUrl ? sameDevHost(u, devServerUrl) : false)
  }
}

// Vite's dev server pushes updates over a websocket on the same host and port.
function sameDevHost(u: URL, devServerUrl: string): boolean {
  const d = new URL(devServerUrl)
  return (u.protocol === 'ws:' || u.protocol === 'wss:') && u.host === d.host
}

/**
 * Links the app may hand to the system browser. Nothing needs it yet, so the list is empty: every
 * `window.open` and link navigation is denied. Add exact origins here (https only), never patterns.
 */
export const EXTERNAL_ALLOW_LIST: readonly string[] = []

export function isAllowedExternal(url: string, allowList: readonly string[] = EXTERNAL_ALLOW_LIST): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && allowList.includes(u.origin)
  } catch {
    return false
  }
}

/**
 * Maps an app:// URL to a file inside the built renderer folder, or null for anything outside it (`..`,
 * encoded separators, other hosts). The path is decoded once and normalised before the containment check.
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  let u: URL
  try {
    u = new URL(requestUrl)
  } catch {
    return null
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null
  let rel: string
  try {
    rel = decodeURIComponent(u.pathname)
  } catch {
    return null
  }
  if (rel.includes('\0') || rel.includes('\\')) return null
  if (rel === '/' || rel === '') rel = '/index.html'
  const root = normalize(rendererDir)
  const file = normalize(join(root, rel))
  return file.startsWith(root + sep) ? file : null
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8'
}

export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

export interface SenderInfo {
  url: string | undefined
  isMainFrame: boolean
  isOurWindow: boolean
  /** The workshop's projector window (opened by main from a `#presenter=` window.open). */
  isPresenterWindow?: boolean
}

/**
 * An IPC call is accepted only from the main frame of our window while it shows our own page, or from the
 * presenter window while it shows the presenter route (the router then allows it only PRESENTER_CHANNELS).
 */
export function isTrustedSender(s: SenderInfo, devServerUrl?: string): boolean {
  if (!s.isMainFrame || !isOwnRendererUrl(s.url, devServerUrl)) return false
  if (s.isOurWindow) return true
  return s.isPresenterWindow === true && presenterWindowUrl(s.url, devServerUrl) !== null
}

/**
 * The one `window.open` the app allows: our own entry page with exactly `#presenter=<clientId>.<assessmentId>`
 * (no query, no other fragment keys). Returns the URL to load, or null for anything else.
 */
export function presenterWindowUrl(url: string | undefined, devServerUrl?: string): string | null {
  if (!url || !isOwnRendererUrl(url, devServerUrl)) return null
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  const page = u.protocol === `${APP_SCHEME}:` ? u.pathname === '/index.html' : u.pathname === '/' || u.pathname === '/index.html'
  if (!page || u.search !== '' || u.username !== '' || u.password !== '') return null
  return PRESENTER_FRAGMENT.test(u.hash) ? u.href : null
}
const PRESENTER_FRAGMENT = /^#presenter=c_[a-z2-7]{16}\.a_[a-z0-9]{12}$/

/** What a `window.open` from a renderer becomes: the presenter window (only from the main window), a link to the system browser, or nothing. */
export function windowOpenDecision(
  url: string,
  o: { fromMainWindow: boolean; devServerUrl?: string; allowList?: readonly string[] }
): { kind: 'presenter'; url: string } | { kind: 'external'; url: string } | { kind: 'deny' } {
  const presenter = o.fromMainWindow ? presenterWindowUrl(url, o.devServerUrl) : null
  if (presenter) return { kind: 'presenter', url: presenter }
  if (isAllowedExternal(url, o.allowList)) return { kind: 'external', url }
  return { kind: 'deny' }
}

/** The presenter window shows one workshop: it may read the room's view and hear these events, nothing else. */
export const PRESENTER_CHANNELS: ReadonlySet<string> = new Set(['workshop.presenter'])
export const PRESENTER_EVENTS: ReadonlySet<string> = new Set(['workshop.changed', 'vault.locked'])
