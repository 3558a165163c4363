/** Where Electron exists: build the app and make sure better-sqlite3 is built for Electron's ABI. */
import { execFileSync } from 'node:child_process'
import { ROOT, electronBinary } from './electronBinary'

export default function globalSetup(): void {
  if (!electronBinary().path) return
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' })
  execFileSync(process.execPath, ['scripts/ensure-native.mjs', 'electron'], { cwd: ROOT, stdio: 'inherit' })
}
