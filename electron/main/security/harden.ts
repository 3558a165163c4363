/**
 * Applies the policy of `policy.ts` to Electron: every renderer is sandboxed, navigation, new windows, webviews
 * and permission requests are denied, and the session cancels every request that is not the app's own.
 */
import { app, shell, type Session, type WebContents } from 'electron'
import { isAllowedRequest, windowOpenDecision } from './policy'
import { mainLog } from '../logFile'

/** Before `ready`: sandbox every renderer, whatever a BrowserWindow says. */
export function hardenApp(): void {
  app.enableSandbox()
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents))
}

export function hardenWebContents(contents: WebContents): void {
  // The app is one page; in-page route changes are not navigations, so every navigation is foreign.
  contents.on('will-navigate', (e, url) => {
    e.preventDefault()
    mainLog(`denied navigation (${scheme(url)})`)
  })
  contents.on('will-frame-navigate', (e) => {
    if (e.isMainFrame) return // handled above with the same answer
    e.preventDefault()
    mainLog('denied frame navigation')
  })
  contents.on('will-redirect', (e) => {
    e.preventDefault()
    mainLog('denied redirect')
  })
  contents.on('will-attach-webview', (e) => e.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    const d = windowOpenDecision(url, {
      fromMainWindow: windowOpen?.isMainWindow(contents) ?? false,
      devServerUrl: windowOpen?.devServerUrl
    })
    // Even the presenter is not a native child window: main builds it itself, so it has no `opener` link to
    // the facilitator's page and gets exactly the main window's webPreferences.
    if (d.kind === 'presenter' && windowOpen) windowOpen.openPresenter(d.url)
    else if (d.kind === 'external') void shell.openExternal(d.url)
    else mainLog(`denied window.open (${scheme(url)})`)
    return { action: 'deny' }
  })
}

interface WindowOpenHooks {
  devServerUrl?: string
  isMainWindow(contents: WebContents): boolean
  openPresenter(url: string): void
}
let windowOpen: WindowOpenHooks | null = null

/** Until main sets these (after `ready`), every window.open is denied. */
export function allowPresenterWindows(hooks: WindowOpenHooks): void {
  windowOpen = hooks
}

export function hardenSession(ses: Session, devServerUrl?: string): { blockedRequests: () => number } {
  let blocked = 0
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
  ses.setDisplayMediaRequestHandler((_req, callback) => callback({}))
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, devServerUrl)
    if (!allowed) {
      blocked++
      mainLog(`blocked a ${scheme(details.url)} request from the renderer`)
    }
    callback({ cancel: !allowed })
  })
  return { blockedRequests: () => blocked }
}

// Logs name the scheme only: a URL could carry client data.
function scheme(url: string): string {
  return url.split(':', 1)[0]?.slice(0, 20) ?? '?'
}
