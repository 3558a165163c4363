// Validates electron-builder.yml where installers cannot be built (no Electron download): builds linux-unpacked
// from `out/` with a stub Electron folder and checks what the package holds — the app bundles inside app.asar,
// better-sqlite3's .node unpacked beside it, the migrations in resources/, no sources or tests, and the fuses
// flipped in the binary. Run `npx electron-vite build` first. Writes a {passed, failed, skipped} report.
//   node scripts/package-check.mjs [report.json]
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const report = process.argv[2]
const { listPackage } = require('@electron/asar')
const { getCurrentFuseWire } = require('@electron/fuses')
const electronVersion = require(join(root, 'node_modules/electron/package.json')).version

const work = mkdtempSync(join(tmpdir(), 'trellis-package-'))
const stub = join(work, 'electron-stub')
const outDir = join(work, 'dist')
const results = []
const check = (name, ok, detail = '') => {
  results.push({ name, ok })
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${name}${ok || !detail ? '' : ` — ${detail}`}`)
}

try {
  // A stub Electron folder: a binary that carries Electron's fuse wire (sentinel, version 1, 8 fuses in their
  // default state) so electron-builder's fuse step runs on it as on the real one.
  mkdirSync(stub, { recursive: true })
  const wire = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('10110001')])
  writeFileSync(join(stub, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), wire, Buffer.from('\n')]))
  chmodSync(join(stub, 'electron'), 0o755)
  writeFileSync(join(stub, 'version'), electronVersion)
  for (const f of ['LICENSE', 'LICENSES.chromium.html', 'resources.pak', 'icudtl.dat', 'v8_context_snapshot.bin']) writeFileSync(join(stub, f), '')

  check('the app was built (out/main, out/preload, out/renderer)', ['main/index.js', 'main/backend.js', 'preload/index.js', 'renderer/index.html'].every((f) => existsSync(join(root, 'out', f))))

  const t0 = Date.now()
  const r = spawnSync(
    'npx',
    ['electron-builder', '--linux', '--dir', `-c.electronDist=${stub}`, '-c.npmRebuild=false', `-c.electronVersion=${electronVersion}`, `-c.directories.output=${outDir}`],
    { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_nodedir: '' } }
  )
  check(`electron-builder --dir succeeded (${((Date.now() - t0) / 1000).toFixed(0)} s)`, r.status === 0, (r.stderr || r.stdout).slice(-800))

  const app = join(outDir, 'linux-unpacked')
  const res = join(app, 'resources')
  const asar = join(res, 'app.asar')
  const files = existsSync(asar) ? listPackage(asar, { isPack: false }) : []
  const has = (p) => files.includes(p)
  for (const f of ['/package.json', '/out/main/index.js', '/out/main/backend.js', '/out/preload/index.js', '/out/renderer/index.html'])
    check(`app.asar holds ${f}`, has(f))
  check('app.asar holds the runtime dependencies (drizzle-orm, zod, better-sqlite3)', ['drizzle-orm', 'zod', 'better-sqlite3'].every((d) => has(`/node_modules/${d}/package.json`)))
  check('app.asar holds no sources, tests or source maps', !files.some((f) => /\.(ts|tsx|map)$/.test(f) && !f.endsWith('.d.ts') || f.startsWith('/electron/') || f.startsWith('/tests/') || f.startsWith('/renderer/')))
  check('app.asar holds no dev-only tools (electron, vite, playwright, vitest)', !['electron', 'vite', '@playwright', 'vitest', 'electron-vite'].some((d) => has(`/node_modules/${d}`)))
  const node = join(res, 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node')
  check('better-sqlite3 native module unpacked from the asar', existsSync(node))
  check('better-sqlite3 C sources left out', !files.some((f) => f.startsWith('/node_modules/better-sqlite3/deps/')))
  const migrations = existsSync(join(res, 'migrations')) ? readdirSync(join(res, 'migrations')) : []
  check('migrations in resources/ (process.resourcesPath)', migrations.some((f) => f.endsWith('.sql')) && existsSync(join(res, 'migrations/meta/_journal.json')))
  check('icons (build inputs) not copied into resources/', !existsSync(join(res, 'icons')) && !existsSync(join(res, 'icon.svg')))
  check('app executable named after the product', existsSync(join(app, 'trellis')))

  // The built backend bundle (the file the utilityProcess runs), in plain Node, finding its migrations in the
  // packaged resources folder the way the app passes process.resourcesPath.
  const vaultDir = join(work, 'vault')
  const answers = await driveBackend(join(root, 'out/main/backend.js'), [`--vault-dir=${vaultDir}`, `--resources-dir=${res}`, '--kdf-n=4096'], [
    ['vault.create', { passphrase: 'package check passphrase' }],
    ['client.create', { name: 'Package Check Ltd' }],
    ['client.list', {}]
  ]).catch((e) => [{ ok: false, error: { message: String(e) } }])
  check('the bundled backend creates a vault and a client with the packaged migrations', answers.length === 3 && answers.every((a) => a.ok) && answers[2].data.length === 1, JSON.stringify(answers).slice(0, 300))

  const fuses = existsSync(join(app, 'trellis')) ? await getCurrentFuseWire(join(app, 'trellis')) : {}
  const OFF = 48
  const ON = 49
  const expected = { 0: ['runAsNode', OFF], 1: ['cookie encryption', ON], 2: ['NODE_OPTIONS', OFF], 3: ['--inspect arguments', OFF], 4: ['embedded ASAR integrity validation', ON], 5: ['only load app from asar', ON], 7: ['file:// extra privileges', OFF] }
  for (const [i, [name, state]] of Object.entries(expected))
    check(`fuse ${name} ${state === ON ? 'on' : 'off'}`, fuses[i] === state, `found ${fuses[i]}`)
} catch (e) {
  check('the package check ran to the end', false, String(e?.stack ?? e))
} finally {
  rmSync(work, { recursive: true, force: true })
}

async function driveBackend(entry, args, calls) {
  const { fork } = await import('node:child_process')
  const child = fork(entry, args, { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, TRELLIS_LOG: 'silent' } })
  const out = []
  try {
    await new Promise((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`backend exited with ${code}`)))
      child.on('message', (m) => {
        if (m.ready || m.id !== undefined) {
          if (m.id !== undefined) out.push(m.result)
          const next = calls[out.length]
          if (!next) return resolve()
          child.send({ id: out.length + 1, channel: next[0], input: next[1] })
        }
      })
    })
  } finally {
    child.kill('SIGKILL')
  }
  return out
}

const failed = results.filter((r) => !r.ok).length
if (report) writeFileSync(report, JSON.stringify({ name: 'package', passed: results.length - failed, failed, skipped: 0 }))
console.log(`package check: ${results.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
