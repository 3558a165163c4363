/**
 * Electron main: owns the window, menus, dialogs and the OS keychain, and forwards calls to the backend
 * process. It never runs SQL and never sees client keys (only, briefly, a passphrase it is asked to remember).
 */
import { join } from 'node:path'
import { BrowserWindow, Menu, app, dialog, ipcMain, nativeTheme, powerMonitor, safeStorage, session, shell } from 'electron'
import { IPC_CALL, IPC_EVENT } from '../../shared/ipc/bridge'
import type { BackendClient } from '../backend/rpc/client'
import { startBackend } from './backendHost'
import { createDevice } from './deviceHandlers'
import { createReportPrinter } from './reportPrint'
import { printReportHtml } from './reportWindow'
import { RememberedUnlock, type Keystore } from './keychain'
import { logStream, mainLog, openLog } from './logFile'
import { menuTemplate } from './menu'
import { appPaths } from './paths'
import { registerAppScheme, serveRenderer } from './protocol'
import { SavePathGrants, createRouter } from './router'
import { SettingsFile, watchForLock } from './settings'
import { allowPresenterWindows, hardenApp, hardenSession } from './security/harden'
import { createPresenterHost } from './presenterWindow'
import { APP_ENTRY_URL, isTrustedSender } from './security/policy'
import { createMainWindow } from './window'
import { OpenedFiles, trackUnlock, watchOpenedFiles } from './fileOpen'

// Tests run each app instance with its own profile, so single-instance locks and keychain files never collide.
if (process.env.TRELLIS_USER_DATA) app.setPath('userData', process.env.TRELLIS_USER_DATA)

let window: BrowserWindow | null = null
let backend: BackendClient | null = null

let presenter: ReturnType<typeof createPresenterHost> | null = null

function send(event: string, payload: unknown): void {
  if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, event, payload)
  presenter?.forward(event, payload)
}

// `.trellis` files opened from the file manager: the renderer may import only the paths handed to it here.
const openGrants = new SavePathGrants()
const openedFiles = new OpenedFiles({
  send: (event, payload) => {
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, event, payload)
  },
  grant: (path) => openGrants.grant(path),
  focus: () => {
    if (!window || window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.focus()
  }
})

if (!app.requestSingleInstanceLock()) {
  // Another Trellis is running: it focuses its window (second-instance below); this one leaves.
  app.quit()
} else {
  registerAppScheme()
  hardenApp()
  // Before ready: macOS sends the file that started the app as `open-file` early.
  watchOpenedFiles(app, openedFiles, process.argv, process.cwd())
  void app.whenReady().then(main)
}

function main(): void {
  const isDev = !app.isPackaged
  const devServerUrl = isDev ? process.env.ELECTRON_RENDERER_URL : undefined
  const paths = appPaths({
    mainDir: __dirname,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    userData: app.getPath('userData'),
    argv: process.argv,
    env: process.env,
    cwd: process.cwd()
  })
  openLog(app.getPath('logs'))
  mainLog(`starting (${app.isPackaged ? 'packaged' : 'development'})`)

  presenter = createPresenterHost({ preload: paths.preload, mainWindow: () => window })
  allowPresenterWindows({
    devServerUrl,
    isMainWindow: (wc) => window !== null && !window.isDestroyed() && wc === window.webContents,
    openPresenter: (url) => presenter?.open(url)
  })

  const ses = session.defaultSession
  hardenSession(ses, devServerUrl)
  serveRenderer(ses, paths.rendererDir)

  // While main itself locks the vault (idle, system sleep, screen lock), the backend's `vault.locked` says why.
  let lockReason: 'system' | 'idle' | null = null
  const kdfN = isDev ? Number(process.env.TRELLIS_KDF_N) || undefined : undefined
  const host = startBackend({
    entry: paths.backendEntry,
    vaultDir: paths.vaultDir,
    resourcesDir: paths.resourcesDir,
    kdfN,
    log: logStream(),
    onEvent: (event, payload) => {
      if (event === 'vault.locked') openedFiles.setUnlocked(false)
      send(event, event === 'vault.locked' && lockReason ? { reason: lockReason } : payload)
    },
    // The new process starts locked: the renderer drops client data and shows the unlock screen.
    onRestart: () => {
      openedFiles.setUnlocked(false)
      send('vault.locked', { reason: 'restart' })
    }
  })
  backend = host

  const keystore: Keystore = {
    platform: process.platform,
    linuxBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'native'),
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    encrypt: (s) => safeStorage.encryptStringAsync(s),
    decrypt: (b) => safeStorage.decryptStringAsync(b)
  }
  const grants = new SavePathGrants()
  const settings = new SettingsFile(join(app.getPath('userData'), 'settings.json'))
  nativeTheme.themeSource = settings.get().theme
  const reportPrinter = createReportPrinter({ backend: host, grants, printHtml: printReportHtml, emit: (event, payload) => send(event, payload) })
  const device = createDevice({
    report: {
      printer: reportPrinter,
      showSaveDialog: async (suggestedName, format) => {
        const filter = { pdf: { name: 'PDF', extensions: ['pdf'] }, html: { name: 'Web page (HTML)', extensions: ['html'] }, md: { name: 'Markdown', extensions: ['md'] } }[format]
        const opts: Electron.SaveDialogOptions = {
          title: 'Save the report',
          defaultPath: join(app.getPath('documents'), suggestedName),
          filters: [filter],
          properties: ['createDirectory', 'showOverwriteConfirmation']
        }
        const r = window ? await dialog.showSaveDialog(window, opts) : await dialog.showSaveDialog(opts)
        return r.canceled || !r.filePath ? null : r.filePath
      }
    },
    settings,
    onSettingsChanged: (s) => (nativeTheme.themeSource = s.theme),
    backend: host,
    keychain: new RememberedUnlock(keystore, join(app.getPath('userData'), 'remembered-unlock.json'), paths.vaultDir),
    grants,
    showSaveDialog: async (suggestedName) => {
      const opts: Electron.SaveDialogOptions = {
        title: 'Save the client handover file',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [
          { name: 'Trellis client file', extensions: ['trellis'] },
          { name: 'All files', extensions: ['*'] }
        ],
        properties: ['createDirectory', 'showOverwriteConfirmation']
      }
      const r = window ? await dialog.showSaveDialog(window, opts) : await dialog.showSaveDialog(opts)
      return r.canceled || !r.filePath ? null : r.filePath
    }
  })

  const route = createRouter({
    backend: host,
    device: device.handlers,
    grantedSavePaths: grants,
    grantedOpenPaths: openGrants,
    cancelMainJob: (jobId) => reportPrinter.cancel(jobId),
    isTrustedSender: (s) => isTrustedSender(s, devServerUrl),
    afterBackendCall: device.afterBackendCall
  })
  ipcMain.handle(IPC_CALL, async (event, channel: unknown, input: unknown) => {
    const result = await route(
      {
        url: event.senderFrame?.url,
        isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
        isOurWindow: window !== null && !window.isDestroyed() && event.sender === window.webContents,
        isPresenterWindow: presenter?.isPresenter(event.sender) ?? false
      },
      channel,
      input
    )
    if (event.sender === window?.webContents) trackUnlock(openedFiles, channel, result)
    return result
  })

  async function lockFor(reason: 'system' | 'idle', why: string): Promise<void> {
    lockReason = reason
    try {
      const r = await host.call('vault.lock', {})
      await device.afterBackendCall('vault.lock', {}, r)
      mainLog(`vault locked (${why})`)
    } finally {
      lockReason = null
    }
  }
  watchForLock(powerMonitor, () => settings.get().autoLockMinutes, (reason, why) => void lockFor(reason, why))

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        isDev,
        appName: app.getName(),
        actions: {
          lockVault: () => void host.call('vault.lock', {}).then((r) => device.afterBackendCall('vault.lock', {}, r)),
          showDataFolder: () => void shell.openPath(paths.vaultDir),
          about: () => app.showAboutPanel()
        }
      })
    )
  )
  app.setAboutPanelOptions({ applicationName: 'Trellis', applicationVersion: app.getVersion() })

  const open = () => {
    window = createMainWindow({ preload: paths.preload, url: devServerUrl ?? APP_ENTRY_URL, settings })
    // A file waits while the page (re)loads: its listener is set up as the page's scripts run.
    window.webContents.on('did-start-loading', () => openedFiles.setWindowReady(false))
    window.webContents.on('did-finish-load', () => openedFiles.setWindowReady(true))
    window.on('closed', () => {
      openedFiles.setWindowReady(false)
      window = null
      // The projector window belongs to the facilitator's window.
      presenter?.close()
    })
  }
  open()

  app.on('second-instance', () => {
    if (!window) return open()
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  })
  app.on('activate', () => {
    if (!window) open()
  })
  app.on('window-all-closed', () => {
    // macOS keeps the app running without windows; the vault does not stay open behind a closed window.
    if (process.platform === 'darwin') void host.call('vault.lock', {})
    else app.quit()
  })
}

let quitting = false
app.on('will-quit', (e) => {
  if (quitting || !backend) return
  // Let the backend close its files (checkpoint WAL) before the app exits.
  e.preventDefault()
  quitting = true
  const b = backend
  // A hung backend must not keep the app from quitting.
  const timeout = new Promise((r) => setTimeout(r, 3000))
  void Promise.race([b.call('vault.lock', {}), timeout])
    .then(() => b.stop())
    .finally(() => app.quit())
})
