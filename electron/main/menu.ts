/**
 * The application menu as a template (data only; index.ts builds it). Standard roles carry each platform's
 * accelerators (Cmd+Q / Ctrl+Q, Cmd+W / Ctrl+W, copy/paste…). Reload and the developer tools exist only in
 * development: in the packaged app a reload would drop the unlock state and the tools would expose internals.
 */
import type { MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  lockVault(): void
  showDataFolder(): void
  about(): void
}

export function menuTemplate(o: { platform: NodeJS.Platform; isDev: boolean; appName: string; actions: MenuActions }): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin'
  const sep: MenuItemConstructorOptions = { type: 'separator' }
  const lock: MenuItemConstructorOptions = { label: 'Lock Vault', accelerator: 'CmdOrCtrl+L', click: () => o.actions.lockVault() }

  const appMenu: MenuItemConstructorOptions = {
    label: o.appName,
    submenu: [
      { role: 'about' },
      sep,
      lock,
      sep,
      { role: 'services' },
      sep,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      sep,
      { role: 'quit' }
    ]
  }
  const fileMenu: MenuItemConstructorOptions = {
    role: 'fileMenu',
    submenu: mac
      ? [{ label: 'Show Data Folder', click: () => o.actions.showDataFolder() }, sep, { role: 'close' }]
      : [lock, { label: 'Show Data Folder', click: () => o.actions.showDataFolder() }, sep, { role: 'close' }, { role: 'quit' }]
  }
  const editMenu: MenuItemConstructorOptions = {
    role: 'editMenu',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      sep,
      { role: 'selectAll' }
    ]
  }
  const viewMenu: MenuItemConstructorOptions = {
    role: 'viewMenu',
    submenu: [
      ...(o.isDev ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, sep] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' }
    ]
  }
  const windowMenu: MenuItemConstructorOptions = {
    role: 'windowMenu',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, sep, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }]
  }
  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    submenu: mac ? [] : [{ label: `About ${o.appName}`, click: () => o.actions.about() }]
  }
  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu]
}
