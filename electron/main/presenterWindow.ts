/** Real BrowserWindows for `PresenterHost`: the same hardened webPreferences and preload as the main window. */
import { BrowserWindow, screen } from 'electron'
import { IPC_EVENT } from '../../shared/ipc/bridge'
import { PresenterHost, presenterBounds, type PresenterWin } from './presenter'
import { secureWebPreferences } from './security/policy'

export function createPresenterHost(o: { preload: string; mainWindow: () => BrowserWindow | null }): PresenterHost {
  return new PresenterHost((url, onClosed) => {
    const main = o.mainWindow()
    const mainDisplay = main && !main.isDestroyed() ? screen.getDisplayMatching(main.getBounds()).id : null
    const { bounds, otherDisplay } = presenterBounds(screen.getAllDisplays(), mainDisplay)
    const win = new BrowserWindow({
      ...bounds,
      show: false,
      title: 'Trellis — workshop',
      backgroundColor: '#101312',
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(o.preload)
    })
    win.once('ready-to-show', () => {
      // On the projector the room sees the whole screen; on the laptop's own screen, a normal window.
      if (otherDisplay) win.setFullScreen(true)
      win.show()
    })
    win.on('closed', onClosed)
    void win.loadURL(url)
    const handle: PresenterWin = {
      isDestroyed: () => win.isDestroyed(),
      loadURL: (u) => void win.loadURL(u),
      currentURL: () => win.webContents.getURL(),
      show: () => {
        win.show()
        win.focus()
      },
      close: () => win.close(),
      send: (event, payload) => win.webContents.send(IPC_EVENT, event, payload),
      isSender: (s) => !win.isDestroyed() && s === win.webContents
    }
    return handle
  })
}
