/**
 * Prints report HTML with Electron's own Chromium: a hidden window with JavaScript off, in its own in-memory
 * session that cancels every request (the report carries everything inside; its CSP forbids the network too),
 * no navigation, no new windows, no permissions. The same `@page` rules as the headless path give the same pages.
 */
import { BrowserWindow, session } from 'electron'
import type { Paper } from '../../shared/report/model'

const PARTITION = 'report-print'
let hardened = false

function printSession(): Electron.Session {
  const s = session.fromPartition(PARTITION, { cache: false })
  if (!hardened) {
    s.webRequest.onBeforeRequest((details, cb) => cb({ cancel: !details.url.startsWith('data:') }))
    s.setPermissionRequestHandler((_wc, _perm, cb) => cb(false))
    s.setPermissionCheckHandler(() => false)
    hardened = true
  }
  return s
}

export async function printReportHtml(html: string, paper: Paper, isCancelled: () => boolean): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: {
      session: printSession(),
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      images: true,
      devTools: false
    }
  })
  try {
    win.webContents.on('will-navigate', (e) => e.preventDefault())
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`)
    if (isCancelled()) throw new Error('cancelled')
    return await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, pageSize: paper === 'a4' ? 'A4' : 'Letter', generateTaggedPDF: true })
  } finally {
    win.destroy()
  }
}
