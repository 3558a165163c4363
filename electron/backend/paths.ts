/**
 * Where the app keeps its data when no vault folder is given. Mirrors Electron's `app.getPath('userData')` for
 * productName "Trellis", so the CLI and the app find the same vault without importing electron.
 */
import { homedir } from 'node:os'
import { posix, win32 } from 'node:path'

export const PRODUCT_NAME = 'Trellis'

/** Electron's `appData` folder for a platform (see Electron's `app.getPath('appData')`). */
export function appDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir()
): string {
  if (platform === 'win32') return env.APPDATA || win32.join(home, 'AppData', 'Roaming')
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support')
  // Linux and the BSDs follow the XDG base directory spec; a relative XDG_CONFIG_HOME is invalid and ignored.
  const xdg = env.XDG_CONFIG_HOME
  return xdg && xdg.startsWith('/') ? xdg : posix.join(home, '.config')
}

export function userDataDir(platform: NodeJS.Platform = process.platform, env = process.env, home = homedir()): string {
  const base = appDataDir(platform, env, home)
  return platform === 'win32' ? win32.join(base, PRODUCT_NAME) : posix.join(base, PRODUCT_NAME)
}

/** The vault folder the app uses by default: `<userData>/vault`. */
export function defaultVaultDir(platform: NodeJS.Platform = process.platform, env = process.env, home = homedir()): string {
  const base = userDataDir(platform, env, home)
  return platform === 'win32' ? win32.join(base, 'vault') : posix.join(base, 'vault')
}
