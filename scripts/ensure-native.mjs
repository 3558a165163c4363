// One native build of better-sqlite3 serves one runtime (Node for tests and the CLI, Electron for the app).
// Check the runtime we are about to use and rebuild only when loading fails.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const target = process.argv[2] ?? 'node'
const require = createRequire(import.meta.url)
const probe = "const D=require('better-sqlite3');const d=new D(':memory:');d.pragma(\"cipher='sqlcipher'\");d.close()"

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' })
  return r.status === 0
}

if (target === 'node') {
  if (spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0) process.exit(0)
  console.log('better-sqlite3 is not built for Node; rebuilding it from source…')
  process.exit(run('npm', ['rebuild', 'better-sqlite3']) ? 0 : 1)
} else if (target === 'electron') {
  const electron = require('electron') // the path of the binary; fetches it on first use
  const ok = spawnSync(electron, ['-e', probe], { stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }).status === 0
  if (ok) process.exit(0)
  console.log('better-sqlite3 is not built for Electron; rebuilding it for Electron…')
  // The machine-wide npm config may point node-gyp at Node's headers; empty it so the Electron ABI is used.
  process.exit(run('npx', ['electron-builder', 'install-app-deps'], { npm_config_nodedir: '' }) ? 0 : 1)
} else {
  console.error('usage: ensure-native.mjs node|electron')
  process.exit(2)
}
