/**
 * `npm run bench [-- --fresh] [-- --json [file]] [-- --only name,name]`
 *
 * Prints the machine, then each figure with its target, PASS/FAIL and, where there is a baseline, the ratio.
 * The benchmark vaults are built once (200 clients × 500 partners, and 10 × 500) under `.bench/` and reused;
 * `--fresh` rebuilds them. `--json` also writes the figures to a file (default `.bench/figures.json`).
 * Exits 1 when a measured figure misses its target.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { ensureVault, unlockedBackend, type BenchContext } from './lib/context'
import { formatFigure, toFigure, type Figure } from './lib/registry'
import { measurements } from './measurements/index'

function parseArgs(argv: string[]) {
  const out = { fresh: false, json: null as string | null, only: null as string[] | null }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--fresh') out.fresh = true
    else if (a === '--json') out.json = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : '.bench/figures.json'
    else if (a === '--only') out.only = (argv[++i] ?? '').split(',').filter(Boolean)
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--fresh] [--json [file]] [--only name,name]')
      console.log(`figures: ${measurements.map((m) => m.name).join(', ')}`)
      process.exit(0)
    } else throw new Error(`unknown option ${a} (try --help)`)
  }
  return out
}

function machine() {
  const db = new Database(':memory:')
  // The driver is SQLite3 Multiple Ciphers, writing the SQLCipher 4 format.
  const ciphers = (db.prepare('SELECT sqlite3mc_version() AS v').get() as { v: string }).v
  const driver = `better-sqlite3-multiple-ciphers ${(JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')) as { version: string }).version}`
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
  db.close()
  let os = process.platform as string
  try {
    os = execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim()
  } catch {
    // uname is only for the printout
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os,
    sqlite,
    ciphers,
    driver,
    loadAverage: loadavg().map((x) => Number(x.toFixed(2)))
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const root = resolve(__dirname, '..')
  const benchDir = resolve(root, '.bench')
  mkdirSync(benchDir, { recursive: true })
  const m = machine()
  console.log(`Trellis benchmark — ${new Date().toISOString()}`)
  console.log(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node}`)
  console.log(`${m.driver} (SQLite ${m.sqlite}, ${m.ciphers}); load average at start ${m.loadAverage.join(' ')}`)
  const log = (msg: string) => console.log(`  · ${msg}`)

  const big = await ensureVault(benchDir, 'vault-200x500', 200, 500, { fresh: args.fresh, log })
  const small = await ensureVault(benchDir, 'vault-10x500', 10, 500, { fresh: args.fresh, log })
  const ctx: BenchContext = { root, benchDir, big, small, unlocked: unlockedBackend, log }

  const selected = args.only ? measurements.filter((x) => args.only!.includes(x.name)) : measurements
  if (args.only && selected.length !== args.only.length)
    throw new Error(`unknown figure in --only; known: ${measurements.map((x) => x.name).join(', ')}`)
  console.log()
  const figures: Figure[] = []
  for (const meas of selected) {
    const f = toFigure(meas, await meas.run(ctx))
    figures.push(f)
    console.log(formatFigure(f))
  }

  const passed = figures.filter((f) => f.pass === true).length
  const failed = figures.filter((f) => f.pass === false).length
  const pending = figures.filter((f) => f.pass === null).length
  console.log(`\n${passed} met, ${failed} missed, ${pending} not measured yet`)
  const load = loadavg()[0]
  console.log(`load average at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`)
  if (Math.max(load, m.loadAverage[0]) > m.cores)
    console.log(`note: other processes kept more than ${m.cores} cores busy; wall times include waiting for a core, so read the figures 'without waiting for a core'`)
  if (args.json) {
    const file = resolve(root, args.json)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine: m, vault: { clients: big.clients, partners: big.partners }, figures }, null, 2))
    console.log(`figures written to ${file}`)
  }
  process.exitCode = failed ? 1 : 0
}

main().then(
  // A fixture shared by several figures (the portfolio's harness) stays open to the end and would keep the process alive.
  () => process.exit(),
  (err) => {
    console.error(err instanceof Error ? err.stack : err)
    process.exit(2)
  }
)
