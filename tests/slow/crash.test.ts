/**
 * Crash safety: a writer process (tests/fixtures/crash-writer.ts) drives the real backend and prints an `ack` line
 * after each write returns; we SIGKILL it at random moments, hundreds of times, and after every kill open its files
 * the way the app does and check that they pass `PRAGMA integrity_check` and hold every acknowledged write.
 * The writer is bundled once with esbuild so that a restart costs a Node start, not a TypeScript compile.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildSync } from 'esbuild'
import { afterAll, beforeAll, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { createBackend } from '../../electron/backend/backend'
import { applyKey, loadMigrations, openClientFile, type MigrationSet } from '../../electron/backend/db/clientFile'
import { CACHE_FILE } from '../../electron/backend/services/benchmark/index'
import { JourneyTemplates } from '../../electron/backend/services/journey/templates'
import { LastClient } from '../../electron/backend/services/lastClient'
import { MaturityModelService } from '../../electron/backend/services/maturityModels'
import { BrandingStore } from '../../electron/backend/services/report/branding'
import type { Session } from '../../electron/backend/services/session'
import { VaultIndex } from '../../electron/backend/vault/index'
import { subkey } from '../../electron/backend/vault/keys'
import { Vault } from '../../electron/backend/vault/vault'
import { TEST_PASSPHRASE, cleanup, ok, tempDir } from '../helpers/vault'
import type { JourneyView, WorkshopState } from '../../shared/ipc/contract'
import { DEFAULT_BRANDING } from '../../shared/report/model'
import {
  HANDOVER_PASSPHRASE,
  IMPORT_ROWS,
  OPS,
  ROW_OPS,
  WORKSHOP,
  WORKSHOP_SESSION,
  archivedAt,
  clientName,
  firmName,
  importPrefix,
  isRowOp,
  lastClientOf,
  marker,
  modelName,
  otherName,
  paperWindow,
  plan,
  policyOf,
  stageObjective,
  templateName,
  voteOf,
  type CrashFixture,
  type PlannedOp,
  type RowOp
} from '../fixtures/crash-plan'

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
  bundle = join(work, 'crash-writer.js')
  // The benchmark's worker is bundled beside the writer, where the pool looks for it (as in the packaged app).
  buildSync({
    entryPoints: {
      'crash-writer': join(ROOT, 'tests/fixtures/crash-writer.ts'),
      benchmarkWorker: join(ROOT, 'electron/backend/services/benchmark/worker.ts')
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    outdir: work,
    minify: true,
    logLevel: 'error'
  })
  migrations = loadMigrations(RESOURCES)
})
afterAll(() => [work, ...dirs].forEach(cleanup))

interface Ack {
  n: number
  id?: string
  name?: string
}

interface Kill {
  acks: Ack[]
  signal: NodeJS.Signals | null
  stderr: string
}

type Writer = ReturnType<typeof startWriter>

/** Starts a writer that loads and then waits for `go`; its output is collected from the start. */
function startWriter(vaultDir: string, fixture: CrashFixture) {
  const child = spawn(process.execPath, [bundle, vaultDir, RESOURCES, JSON.stringify(fixture)], {
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
    // A writer that stops making progress is a hang worth failing on, not waiting for. Loading and unlocking get
    // longer (eight writers start at once on a machine shared with other work); each write after that gets 20 s.
    let stuck: NodeJS.Timeout | undefined
    const watch = (ms: number) => {
      clearTimeout(stuck)
      stuck = setTimeout(() => {
        stderr += `writer stuck after ${acks.length} acks (target ${target})\n`
        child.kill('SIGKILL')
      }, ms)
    }
    onLine = (line) => {
      if ((line === 'ready' && target === 0) || acks.length >= target) kill()
      else watch(20_000)
    }
    watch(90_000)
    child.stdin.write(`go ${run} ${seed}\n`)
    const signal = await closed
    clearTimeout(stuck)
    return { acks, signal, stderr }
  }
  return { runAndKill, stop: () => child.kill('SIGKILL'), closed }
}

interface LaneState {
  vaultDir: string
  fixture: CrashFixture
  vault: Vault
  /** Markers of the rows each row op has written and that must stay. */
  rows: Map<RowOp, Set<string>>
  /** Imports (by marker prefix) whose rows must all be there. */
  imports: Set<string>
  others: Map<string, string>
  name: string
  archived: boolean
  objectives: string[]
  paperWindowDays: number
  /** Each vote cell's level, by `participant|question`. */
  votes: Map<string, number>
  backups: Set<string>
  benchmarked: boolean
  policy: { daily: number; weekly: number } | null
  firmName: string
  templates: Set<string>
  models: Set<string>
  lastClient: string | null
  /** The handover file's sha256: importing only ever reads it. */
  handoverHash: string
  /** Files a kill left in the clients folder (temporary copies, keys without a file, unlisted client files). */
  leftovers: Set<string>
}

type InFlight = { n: number; op: PlannedOp; run: string }

/** The names a write adds to a list must be exactly the acknowledged ones, plus at most the one in flight. */
function exactlyAcked(label: string, have: string[], want: Set<string>, inFlight: string | undefined): void {
  for (const m of want) expect(have, `acknowledged ${label} “${m}”`).toContain(m)
  const extra = have.filter((m) => !want.has(m))
  expect(extra, `${label} nobody acknowledged`).toEqual(inFlight !== undefined && extra.length ? [inFlight] : [])
  for (const m of extra) want.add(m)
}

/** `now` must be `was`, or what the write in flight would have made it; returns the value that now stands. */
function settled<T>(label: string, now: T, was: T, inFlight: T | undefined): T {
  expect(inFlight === undefined ? [was] : [was, inFlight], label).toContainEqual(now)
  return now
}

/**
 * Opens every file the way the app does after a crash and checks it against what was acknowledged: the state
 * must be exactly "every acknowledged write", or that plus the one write in flight when the writer died.
 */
function verify(s: LaneState, inFlight: InFlight, fresh: Map<string, string>): void {
  const { clientId, stageId } = s.fixture
  const flying = (op: PlannedOp) => inFlight.op === op
  const db = openClientFile(s.vault.clientFile(clientId), s.vault.clientKey(clientId), { migrations })
  try {
    const q = db.sqlite
    expect(q.pragma('integrity_check', { simple: true })).toBe('ok')

    // Rows: every acknowledged one is there; the only other one allowed is the write in flight.
    for (const [op, { table, column }] of Object.entries(ROW_OPS) as [RowOp, { table: string; column: string }][]) {
      const have = new Set((q.prepare(`SELECT ${column} AS m FROM ${table} WHERE ${column} LIKE ?`).all(`${op} %`) as { m: string }[]).map((r) => r.m))
      const want = s.rows.get(op)!
      for (const m of want) expect(have.has(m), `acknowledged ${op} “${m}”`).toBe(true)
      const extra = [...have].filter((m) => !want.has(m))
      expect(extra, `${op} rows nobody acknowledged`).toEqual(flying(op) && extra.length ? [marker(op, inFlight.run, inFlight.n)] : [])
      for (const m of extra) want.add(m)
    }
    // A report's record stands only for a whole file beside it.
    for (const r of q.prepare('SELECT file_name AS f, bytes FROM report_exports').all() as { f: string; bytes: number }[])
      expect(statSync(join(s.fixture.reportDir, r.f)).size, `report file ${r.f}`).toBe(r.bytes)

    // The import is one transaction: all of its rows or none.
    const imported = new Map<string, number>()
    for (const { name } of q.prepare(`SELECT name FROM partners WHERE name LIKE 'import %'`).all() as { name: string }[]) {
      const prefix = name.slice(0, name.lastIndexOf('-') + 1)
      imported.set(prefix, (imported.get(prefix) ?? 0) + 1)
    }
    for (const prefix of s.imports) expect(imported.get(prefix), `acknowledged import ${prefix}`).toBe(IMPORT_ROWS)
    for (const [prefix, count] of imported) {
      if (s.imports.has(prefix)) continue
      expect(flying('import') && prefix === importPrefix(inFlight.run, inFlight.n), `import ${prefix} nobody acknowledged`).toBe(true)
      expect(count, `import ${prefix} is all or nothing`).toBe(IMPORT_ROWS)
      s.imports.add(prefix)
    }

    // Values a write replaces: the acknowledged one, or the one in flight.
    const p = q.prepare('SELECT name, archived FROM profile').get() as { name: string; archived: number }
    s.name = settled('client name', p.name, s.name, flying('rename') ? clientName(inFlight.run, inFlight.n) : undefined)
    s.archived = settled('archived', !!p.archived, s.archived, flying('archive') ? archivedAt(inFlight.n) : undefined)
    const stage = q.prepare('SELECT objectives FROM journey_stages WHERE id = ?').get(stageId) as { objectives: string }
    s.objectives = settled('stage objectives', JSON.parse(stage.objectives) as string[], s.objectives, flying('stage') ? [stageObjective(inFlight.run, inFlight.n)] : undefined)
    const setting = q.prepare(`SELECT value FROM portfolio_settings WHERE key = 'paperWindowDays'`).get() as { value: string } | undefined
    s.paperWindowDays = settled('paper window', setting ? (JSON.parse(setting.value) as number) : 0, s.paperWindowDays, flying('settings') ? paperWindow(inFlight.n) : undefined)
    const votes = q.prepare('SELECT participant_id AS p, question_id AS q, value FROM assessment_votes WHERE assessment_id = ?').all(s.fixture.assessmentId) as { p: string; q: string; value: number }[]
    const cell = flying('vote') ? voteOf(s.fixture, inFlight.n) : null
    const cellKey = cell ? `${cell.participantId}|${cell.questionId}` : ''
    expect(votes.length, 'vote cells').toBeLessThanOrEqual(s.votes.size + (cell && !s.votes.has(cellKey) ? 1 : 0))
    for (const v of votes) {
      const key = `${v.p}|${v.q}`
      s.votes.set(key, settled(`vote ${key}`, v.value, s.votes.get(key) ?? v.value, key === cellKey ? cell!.value : undefined))
    }
    for (const key of s.votes.keys()) expect(votes.some((v) => `${v.p}|${v.q}` === key), `acknowledged vote ${key}`).toBe(true)
  } finally {
    db.close()
  }
  const index = VaultIndex.open(s.vault.indexPath, subkey(s.vault.key(), 'index'))
  try {
    expect(index.db.pragma('integrity_check', { simple: true })).toBe('ok')
    for (const [id, name] of s.others) expect(index.get(id)?.name, 'acknowledged client').toBe(name)
    verifyClientsFolder(s, inFlight, (id) => index.get(id) !== null)
  } finally {
    index.close()
  }
  verifyVaultSettings(s, inFlight)
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
  const dir = join(s.vaultDir, 'backups', clientId)
  for (const id of s.backups) expect(existsSync(join(dir, id)), `acknowledged backup ${id}`).toBe(true)
  const newest = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.trellis')).sort().pop() : undefined
  if (newest) {
    const b = openClientFile(join(dir, newest), s.vault.clientKey(clientId), { migrations, readonly: true })
    try {
      expect(b.sqlite.pragma('quick_check', { simple: true })).toBe('ok')
    } finally {
      b.close()
    }
  }
  // The benchmark cache is whole, and an acknowledged run left this client's aggregates in it.
  const cachePath = join(s.vaultDir, CACHE_FILE)
  if (existsSync(cachePath)) {
    const cache = new Database(cachePath)
    try {
      applyKey(cache, subkey(s.vault.key(), 'benchmark-cache'))
      expect(cache.pragma('integrity_check', { simple: true }), 'benchmark cache').toBe('ok')
      if (s.benchmarked) expect(cache.prepare('SELECT ok FROM entries WHERE client_id = ?').get(clientId), 'cached aggregates').toEqual({ ok: 1 })
    } finally {
      cache.close()
    }
  } else expect(s.benchmarked, 'benchmark cache after an acknowledged run').toBe(false)
}

const TEMP = /\.tmp(-wal|-shm|-journal)?$/

/**
 * The clients folder after a kill: listed clients, their keys and side files; anything else (a temporary copy, a
 * key whose file never got its name, a whole client file the index does not list yet) may only come from the
 * client.create or client.importFile in flight, and must be gone (cleared, or listed) once the next writer unlocked.
 * A file listed in the index is always a whole, openable client.
 */
function verifyClientsFolder(s: LaneState, inFlight: InFlight, listed: (id: string) => boolean): void {
  const dir = s.vault.clientsDir
  const names = readdirSync(dir)
  for (const old of s.leftovers) {
    const id = /^c_[a-z2-7]{16}/.exec(old)?.[0]
    // A whole client file (with its key) may instead have been listed at the unlock.
    const adopted = id !== undefined && !TEMP.test(old) && listed(id)
    expect(!names.includes(old) || adopted, `${old}, left by an earlier kill, is still there after an unlock`).toBe(true)
  }
  s.leftovers.clear()
  const creating = inFlight.op === 'client' || inFlight.op === 'importFile'
  for (const name of names) {
    const file = /^(c_[a-z2-7]{16})\.trellis$/.exec(name)?.[1]
    const key = /^(c_[a-z2-7]{16})\.key$/.exec(name)?.[1]
    const side = /^(c_[a-z2-7]{16})\.trellis-(wal|shm)$/.exec(name)?.[1]
    const id = file ?? key ?? side
    if (id && listed(id)) continue
    expect(creating, `${name} in the clients folder after a kill outside client.create and client.importFile`).toBe(true)
    s.leftovers.add(name)
    if (file) {
      // An unlisted client file is whole: it only gets its name once it is complete.
      const o = openClientFile(join(dir, name), s.vault.clientKey(file), { migrations, readonly: true })
      try {
        expect(o.sqlite.pragma('quick_check', { simple: true }), `unlisted ${name}`).toBe('ok')
        expect(o.sqlite.prepare('SELECT client_id AS id FROM profile').get(), `unlisted ${name}`).toEqual({ id: file })
      } finally {
        o.close()
      }
    } else if (!key && !side) expect(name, 'an unknown file in the clients folder').toMatch(TEMP)
  }
}

/** The vault-level files (backup policy, branding, templates, maturity models, last client): whole, and as acknowledged. */
function verifyVaultSettings(s: LaneState, inFlight: InFlight): void {
  const flying = (op: PlannedOp) => inFlight.op === op
  const at = (n: number) => (flying('policy') ? policyOf(n) : undefined)
  // The services read the files as the app does (a damaged one throws FILE_CORRUPT); they only need the vault.
  const session = { vault: s.vault, beforeLock: [], beforeClose: [], onAccess: [] } as unknown as Session
  const policyPath = join(s.vaultDir, 'backups', 'policy.json')
  // Read raw: the backup service falls back to the defaults on an unreadable policy, which would hide a torn write.
  const policy = existsSync(policyPath) ? (JSON.parse(readFileSync(policyPath, 'utf8')) as { daily: number; weekly: number }) : null
  s.policy = settled('backup policy', policy, s.policy, at(inFlight.n))
  s.firmName = settled('firm name', new BrandingStore(session).get().firmName, s.firmName, flying('branding') ? firmName(inFlight.run, inFlight.n) : undefined)
  const templates = new JourneyTemplates(session).list().filter((t) => !t.builtIn)
  exactlyAcked('journey template', templates.map((t) => t.name), s.templates, flying('template') ? templateName(inFlight.run, inFlight.n) : undefined)
  const models = new MaturityModelService(session).list().filter((m) => !m.builtIn)
  exactlyAcked('maturity model', models.map((m) => m.name), s.models, flying('model') ? modelName(inFlight.run, inFlight.n) : undefined)
  const lastPath = join(s.vaultDir, 'settings', 'last-client.json')
  if (existsSync(lastPath)) JSON.parse(readFileSync(lastPath, 'utf8')) // whole JSON, never a torn file
  const last = new LastClient(session).get()
  if (existsSync(lastPath)) expect(last, 'the last client file decrypts').not.toBeNull()
  s.lastClient = settled('last client', last, s.lastClient, flying('lastClient') ? lastClientOf(s.fixture, inFlight.n) : undefined)
  expect(sha256(s.fixture.handoverFile), 'the imported handover file is only read').toBe(s.handoverHash)
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** A vault with one client that has a partner, a journey and a workshop for the writers to work on. */
async function setUpLane(n: number): Promise<{ vaultDir: string; fixture: CrashFixture; name: string }> {
  // SIGKILL tests atomicity against process death, where the page cache survives; on a RAM disk the fsyncs cost
  // nothing, so the time goes into kills rather than into waiting for a disk shared with other work.
  const vaultDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), `trellis-crash-lane${n}-`))
  dirs.push(vaultDir)
  const reportDir = join(vaultDir, '..', `${vaultDir.split('/').pop()}-reports`)
  mkdirSync(reportDir)
  dirs.push(reportDir)
  const setup = createBackend({ vaultDir, resourcesDir: RESOURCES, kdfCost: { N: 2 ** 10 } })
  try {
    await ok(setup, 'vault.create', { passphrase: TEST_PASSPHRASE })
    const client = await ok<{ id: string; name: string }>(setup, 'client.create', { name: 'Crash Client start' })
    const partner = await ok<{ id: string }>(setup, 'partner.create', { clientId: client.id, name: 'Base partner', type: 'referral' })
    const journey = await ok<JourneyView>(setup, 'journey.show', { clientId: client.id })
    const ws = await ok<WorkshopState>(setup, 'workshop.create', { clientId: client.id, sessionId: WORKSHOP_SESSION, title: 'Crash workshop', ...WORKSHOP })
    const second = await ok<{ id: string }>(setup, 'client.create', { name: 'Crash Client second' })
    const handoverFile = join(reportDir, 'handover.trellis')
    await ok(setup, 'client.handover', { id: client.id, outPath: handoverFile, passphrase: HANDOVER_PASSPHRASE })
    const fixture: CrashFixture = {
      clientId: client.id,
      partnerId: partner.id,
      stageId: journey.stages[0].id,
      assessmentId: ws.assessment.id,
      participantIds: ws.participants.map((p) => p.id),
      questionIds: ws.order,
      reportDir,
      secondClientId: second.id,
      handoverFile
    }
    return { vaultDir, fixture, name: client.name }
  } finally {
    setup.close()
  }
}

async function lane(n: number): Promise<{ kills: number; acks: number; ops: Map<PlannedOp, number> }> {
  const { vaultDir, fixture, name } = await setUpLane(n)
  const vault = new Vault(vaultDir)
  await vault.unlock({ passphrase: TEST_PASSPHRASE })
  const s: LaneState = {
    vaultDir,
    fixture,
    vault,
    rows: new Map(Object.keys(ROW_OPS).map((op) => [op as RowOp, new Set<string>()])),
    imports: new Set(),
    others: new Map(),
    name,
    archived: false,
    objectives: [],
    paperWindowDays: 0,
    votes: new Map(),
    backups: new Set(),
    benchmarked: false,
    policy: null,
    firmName: DEFAULT_BRANDING.firmName,
    templates: new Set(),
    models: new Set(),
    lastClient: null,
    handoverHash: sha256(fixture.handoverFile),
    leftovers: new Set()
  }
  {
    // The stage starts with its template objectives and the settings with their defaults.
    const db = openClientFile(vault.clientFile(fixture.clientId), vault.clientKey(fixture.clientId), { migrations })
    s.objectives = JSON.parse((db.sqlite.prepare('SELECT objectives FROM journey_stages WHERE id = ?').get(fixture.stageId) as { objectives: string }).objectives) as string[]
    db.close()
  }
  const ops = new Map<PlannedOp, number>()
  let acks = 0
  let standby: Writer = startWriter(vaultDir, fixture)
  for (let k = 1; k <= KILLS_PER_LANE; k++) {
    const run = `L${n}r${k}`
    const seed = (Math.random() * 2 ** 31) | 0
    const op = plan(seed)
    const target = Math.floor(Math.random() * 7)
    const t0 = performance.now()
    const writer = standby
    const running = writer.runAndKill(run, seed, target, Math.random() < 0.5 ? 0 : Math.random() * 4)
    // The next writer loads while this one runs and while its files are checked; it touches nothing before `go`.
    standby = startWriter(vaultDir, fixture)
    const r = await running
    expect(r.stderr, 'writer output on stderr').toBe('')
    expect(r.signal, 'the writer was killed').toBe('SIGKILL')
    acks += r.acks.length
    const fresh = new Map<string, string>()
    for (const a of r.acks) {
      const what = op(a.n)
      ops.set(what, (ops.get(what) ?? 0) + 1)
      if (isRowOp(what)) s.rows.get(what)!.add(marker(what, run, a.n))
      else if (what === 'client') fresh.set(a.id!, otherName(run, a.n))
      else if (what === 'rename') s.name = clientName(run, a.n)
      else if (what === 'archive') s.archived = archivedAt(a.n)
      else if (what === 'stage') s.objectives = [stageObjective(run, a.n)]
      else if (what === 'settings') s.paperWindowDays = paperWindow(a.n)
      else if (what === 'import') s.imports.add(importPrefix(run, a.n))
      else if (what === 'benchmark') s.benchmarked = true
      else if (what === 'policy') s.policy = policyOf(a.n)
      else if (what === 'branding') s.firmName = firmName(run, a.n)
      else if (what === 'template') s.templates.add(templateName(run, a.n))
      else if (what === 'model') s.models.add(modelName(run, a.n))
      else if (what === 'lastClient') s.lastClient = lastClientOf(fixture, a.n)
      else if (what === 'importFile') fresh.set(a.id!, a.name!)
      else if (what === 'vote') {
        const v = voteOf(fixture, a.n)
        s.votes.set(`${v.participantId}|${v.questionId}`, v.value)
      } else s.backups.add(a.id!)
    }
    // Acks arrive in order, so the write in flight is the one after the last acknowledged (if it had started).
    const next = r.acks.length ? r.acks[r.acks.length - 1].n + 1 : 0
    const t1 = performance.now()
    for (const [id, name] of fresh) s.others.set(id, name)
    // Clients acknowledged in this run are opened now; all of them again at the end.
    verify(s, { n: next, op: op(next), run }, k === KILLS_PER_LANE ? s.others : fresh)
    if (process.env.TRELLIS_CRASH_DEBUG) console.log(`lane ${n} kill ${k}: run ${(t1 - t0).toFixed(0)} ms (${r.acks.length} acks), verify ${(performance.now() - t1).toFixed(0)} ms`)
  }
  standby.stop()
  await standby.closed
  vault.lock()
  return { kills: KILLS_PER_LANE, acks, ops }
}

it(`keeps every acknowledged write through ${LANES * KILLS_PER_LANE} SIGKILLs`, async () => {
  const started = Date.now()
  const results = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i + 1)))
  const kills = results.reduce((a, r) => a + r.kills, 0)
  const acks = results.reduce((a, r) => a + r.acks, 0)
  const ops = new Map<PlannedOp, number>()
  for (const r of results) for (const [op, c] of r.ops) ops.set(op, (ops.get(op) ?? 0) + c)
  if (!process.env.TRELLIS_CRASH_KILLS) {
    expect(kills).toBeGreaterThanOrEqual(200)
    // Every write path was really exercised, not just planned.
    expect([...ops.keys()].sort()).toEqual(Object.keys(OPS).sort())
  }
  expect(acks).toBeGreaterThan(kills) // the writers really wrote between kills
  const perOp = [...ops].sort((a, b) => b[1] - a[1]).map(([op, c]) => `${op} ${c}`).join(', ')
  console.log(`crash test: ${kills} kills, ${acks} acknowledged writes checked (${perOp}), ${((Date.now() - started) / 1000).toFixed(1)} s`)
}, 900_000)
