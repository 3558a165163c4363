/** The main window: the security checklist comes from security/policy.ts; size and place from settings.ts. */
import { BrowserWindow, nativeTheme, screen } from 'electron'
import { secureWebPreferences } from './security/policy'
import { MIN_SIZE, restoreBounds, type SettingsFile } from './settings'

export function createMainWindow(o: { preload: string; url: string; settings: SettingsFile }): BrowserWindow {
  const { bounds, maximized } = restoreBounds(
    o.settings.get().window,
    screen.getAllDisplays().map((d) => d.workArea)
  )
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Trellis',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d1c' : '#f7f7f5',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(o.preload)
  })
  win.once('ready-to-show', () => {
    if (maximized) win.maximize()
    win.show()
  })
  // Remember where the window was (its normal bounds, also when maximized) for the next start.
  win.on('close', () => o.settings.update({ window: { bounds: win.getNormalBounds(), maximized: win.isMaximized() } }))
  void win.loadURL(o.url)
  return win
}
