/** The main window: the security checklist comes from security/policy.ts. */
import { BrowserWindow } from 'electron'
import { secureWebPreferences } from './security/policy'

export function createMainWindow(o: { preload: string; url: string }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Trellis',
    backgroundColor: '#f7f7f5',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(o.preload)
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(o.url)
  return win
}
