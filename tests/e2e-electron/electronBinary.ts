/**
 * Where the Electron binary is, found WITHOUT `require('electron')` (which would try to download it). Where it
 * is missing (the build machines cannot download it), every e2e-electron test skips itself with this reason.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../..')

export function electronBinary(): { path: string; reason: null } | { path: null; reason: string } {
  const pkg = join(ROOT, 'node_modules/electron')
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile))
    return { path: null, reason: 'The Electron binary is not installed here (no node_modules/electron/path.txt; run `npx install-electron` on a networked machine).' }
  const rel = readFileSync(pathFile, 'utf8').trim()
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist')
  const bin = join(dist, rel)
  if (!existsSync(bin)) return { path: null, reason: `The Electron binary is missing (${bin} does not exist).` }
  return { path: bin, reason: null }
}
