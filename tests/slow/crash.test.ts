/**
 * Crash safety: a writer process (tests/fixtures/crash-writer.ts) drives the real backend and prints an `ack` line
 * after each write returns; we SIGKILL it at random moments, hundreds of times, and after every kill open its files
 * the way the app does and check that they pass `PRAGMA integrity_check` and hold every acknowledged write.
 * The writer is bundled once with esbuild so that a restart costs a Node start, not a TypeScript compile.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildSync } from 'esbuild'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createBackend } from '../../electron/backend/backend'
import { loadMigrations, openClientFile, type MigrationSet } from '../../electron/backend/db/clientFile'
import { VaultIndex } from '../../electron/backend/vault/index'
import { subkey } from '../../electron/backend/vault/keys'
import { Vault } from '../../electron/backend/vault/vault'
import { TEST_PASSPHRASE, cleanup, ok, tempDir } from '../helpers/vault'
import { archivedAt, clientName, otherName, partnerName, plan, type PlannedOp } from '../fixtures/crash-plan'

const ROOT = resolve(__dirname, '../..')
const RESOURCES = join(ROOT, 'resources')
const LANES = 4
const KILLS_PER_LANE = Number(process.env.TRELLIS_CRASH_KILLS ?? 52)

let bundle = ''
let work = ''
let migrations: MigrationSet
const dirs: string[] = []

beforeAll(() => {
  work = tempDir('trellis-crash-')
  bundle = join(work, 'crash-writer.cjs')
  buildSync({
    entryPoints: [join(ROOT, 'tests/fixtures/crash-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    outfile: bundle,
    minify: true,
    logLevel: 'error'
  })
  migrations = loadMigrations(RESOURCES)
})
afterAll(() => [work, ...dirs].forEach(cleanup))

interface Ack {
  n: number
  id?: string
}

interface Kill {
  acks: Ack[]
  signal: NodeJS.Signals | null
  stderr: string
}

type Writer = ReturnType<typeof startWriter>

/** Starts a writer that loads and then waits for `go`; its output is collected from the start. */
function startWriter(vaultDir: string, clientId: string) {
  const child = spawn(process.execPath, [bundle, vaultDir, RESOURCES, clientId], {
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), TRELLIS_LOG: 'silent' },
    stdio: ['pipe', 'pipe', 'pipe']
  })
  const acks: Ack[] = []
  let stderr = ''
  let onLine: (line: string) => void = () => {}
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8')
    let nl: number
    while ((nl = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, nl)
      out = out.slice(nl + 1)
      if (line.startsWith('ack ')) acks.push(JSON.parse(line.slice(4)) as Ack)
      onLine(line)
    }
  })
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
  const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)))
  child.on('error', () => child.kill('SIGKILL'))

  /** Lets it run until `target` writes are acknowledged, then kills it with SIGKILL a moment later. */
  async function runAndKill(run: string, seed: number, target: number, jitterMs: number): Promise<Kill> {
    let killing = false
    const kill = () => {
      if (killing) return
      killing = true
      const k = () => child.kill('SIGKILL')
      if (jitterMs > 0) setTimeout(k, jitterMs)
      else k()
    }
    onLine = (line) => {
      if ((line === 'ready' && target === 0) || acks.length >= target) kill()
    }
    // A writer that stops acknowledging is a hang worth failing on, not waiting for.
    const stuck = setTimeout(() => {
      stderr += `writer stuck after ${acks.length} acks (target ${target})\n`
      child.kill('SIGKILL')
    }, 20_000)
    child.stdin.write(`go ${run} ${seed}\n`)
    const signal = await closed
    clearTimeout(stuck)
    return { acks, signal, stderr }
  }
  return { runAndKill, stop: () => child.kill('SIGKILL'), closed }
}

interface LaneState {
  vaultDir: string
  clientId: string
  vault: Vault
  partners: Map<string, string>
  others: Map<string, string>
  name: string
  archived: boolean
  backups: Set<string>
}

/**
 * Opens every file the way the app does after a crash and checks it against what was acknowledged: the state
 * must be exactly "every acknowledged write", or that plus the one write in flight when the writer died.
 */
function verify(s: LaneState, run: string, inFlight: { n: number; op: PlannedOp } | null, fresh: Map<string, string>): void {
  const db = openClientFile(s.vault.clientFile(s.clientId), s.vault.clientKey(s.clientId), { migrations })
  try {
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    const rows = db.sqlite.prepare('SELECT id, name FROM partners').all() as { id: string; name: string }[]
    const have = new Map(rows.map((r) => [r.id, r.name]))
    for (const [id, name] of s.partners) expect(have.get(id), `acknowledged partner ${name}`).toBe(name)
    const extra = rows.filter((r) => !s.partners.has(r.id))
    if (inFlight?.op === 'partner') {
      expect(extra.map((r) => r.name)).toEqual(extra.length ? [partnerName(run, inFlight.n)] : [])
      for (const r of extra) s.partners.set(r.id, r.name)
    } else expect(extra).toEqual([])

    const p = db.sqlite.prepare('SELECT name, archived FROM profile').get() as { name: string; archived: number }
    const names = [s.name, ...(inFlight?.op === 'rename' ? [clientName(run, inFlight.n)] : [])]
    expect(names, 'client name').toContain(p.name)
    s.name = p.name
    const states = [s.archived, ...(inFlight?.op === 'archive' ? [archivedAt(inFlight.n)] : [])]
    expect(states, 'archived').toContain(!!p.archived)
    s.archived = !!p.archived
  } finally {
    db.close()
  }
  const index = VaultIndex.open(s.vault.indexPath, subkey(s.vault.key(), 'index'))
  try {
    expect(index.db.pragma('integrity_check', { simple: true })).toBe('ok')
    for (const [id, name] of s.others) expect(index.get(id)?.name, 'acknowledged client').toBe(name)
  } finally {
    index.close()
  }
  for (const [id, name] of fresh) {
    const o = openClientFile(s.vault.clientFile(id), s.vault.clientKey(id), { migrations })
    try {
      expect(o.sqlite.pragma('quick_check', { simple: true })).toBe('ok')
      expect((o.sqlite.prepare('SELECT name FROM profile').get() as { name: string }).name).toBe(name)
    } finally {
      o.close()
    }
  }
  // Every acknowledged backup is still there, and the newest finished one is a whole, readable copy.
  const dir = join(s.vaultDir, 'backups', s.clientId)
  for (const id of s.backups) expect(existsSync(join(dir, id)), `acknowledged backup ${id}`).toBe(true)
  const newest = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.trellis')).sort().pop() : undefined
  if (newest) {
    const b = openClientFile(join(dir, newest), s.vault.clientKey(s.clientId), { migrations, readonly: true })
    try {
      expect(b.sqlite.pragma('quick_check', { simple: true })).toBe('ok')
    } finally {
      b.close()
    }
  }
}

async function lane(n: number): Promise<{ kills: number; acks: number }> {
  // SIGKILL tests atomicity against process death, where the page cache survives; on a RAM disk the fsyncs cost
  // nothing, so the time goes into kills rather than into waiting for a disk shared with other work.
  const vaultDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), `trellis-crash-lane${n}-`))
  dirs.push(vaultDir)
  const setup = createBackend({ vaultDir, kdfCost: { N: 2 ** 10 } })
  await ok(setup, 'vault.create', { passphrase: TEST_PASSPHRASE })
  const client = await ok<{ id: string; name: string }>(setup, 'client.create', { name: 'Crash Client start' })
  setup.close()
  const vault = new Vault(vaultDir)
  await vault.unlock({ passphrase: TEST_PASSPHRASE })
  const s: LaneState = {
    vaultDir,
    clientId: client.id,
    vault,
    partners: new Map(),
    others: new Map(),
    name: client.name,
    archived: false,
    backups: new Set()
  }
  let acks = 0
  let standby: Writer = startWriter(vaultDir, client.id)
  for (let k = 1; k <= KILLS_PER_LANE; k++) {
    const run = `L${n}r${k}`
    const seed = (Math.random() * 2 ** 31) | 0
    const op = plan(seed)
    const target = Math.floor(Math.random() * 7)
    const t0 = performance.now()
    const writer = standby
    const running = writer.runAndKill(run, seed, target, Math.random() < 0.5 ? 0 : Math.random() * 4)
    // The next writer loads while this one runs and while its files are checked; it touches nothing before `go`.
    standby = startWriter(vaultDir, client.id)
    const r = await running
    expect(r.stderr, 'writer output on stderr').toBe('')
    expect(r.signal, 'the writer was killed').toBe('SIGKILL')
    acks += r.acks.length
    const fresh = new Map<string, string>()
    for (const a of r.acks) {
      const what = op(a.n)
      if (what === 'partner') s.partners.set(a.id!, partnerName(run, a.n))
      else if (what === 'client') fresh.set(a.id!, otherName(run, a.n))
      else if (what === 'rename') s.name = clientName(run, a.n)
      else if (what === 'archive') s.archived = archivedAt(a.n)
      else s.backups.add(a.id!)
    }
    // Acks arrive in order, so the write in flight is the one after the last acknowledged (if it had started).
    const next = r.acks.length ? r.acks[r.acks.length - 1].n + 1 : 0
    const t1 = performance.now()
    for (const [id, name] of fresh) s.others.set(id, name)
    // Clients acknowledged in this run are opened now; all of them again at the end.
    verify(s, run, { n: next, op: op(next) }, k === KILLS_PER_LANE ? s.others : fresh)
    if (process.env.TRELLIS_CRASH_DEBUG) console.log(`lane ${n} kill ${k}: run ${(t1 - t0).toFixed(0)} ms (${r.acks.length} acks), verify ${(performance.now() - t1).toFixed(0)} ms`)
  }
  standby.stop()
  await standby.closed
  vault.lock()
  return { kills: KILLS_PER_LANE, acks }
}

it(`keeps every acknowledged write through ${LANES * KILLS_PER_LANE} SIGKILLs`, async () => {
  const started = Date.now()
  const results = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i + 1)))
  const kills = results.reduce((a, r) => a + r.kills, 0)
  const acks = results.reduce((a, r) => a + r.acks, 0)
  if (!process.env.TRELLIS_CRASH_KILLS) expect(kills).toBeGreaterThanOrEqual(200)
  expect(acks).toBeGreaterThan(kills) // the writers really wrote between kills
  console.log(`crash test: ${kills} kills, ${acks} acknowledged writes checked, ${((Date.now() - started) / 1000).toFixed(1)} s`)
}, 300_000)
