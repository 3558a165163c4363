/**
 * The cross-client benchmark when something fails under it: a worker thread dies mid-run (as a crash in native code
 * or an out-of-memory kill ends one; tests/fixtures/dying-benchmark-worker.mjs), or the vault turns read-only
 * mid-run (chattr +i, as in readonly-midsession.test.ts). Each time the run ends with a clear outcome, the backend
 * keeps answering, the cache stays whole, and the next run gives the same figures as an undisturbed one.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import { CACHE_FILE } from '../../electron/backend/services/benchmark/index'
import { applyKey } from '../../electron/backend/db/key'
import { workerFile } from '../../electron/backend/services/benchmark/pool'
import { subkey } from '../../electron/backend/vault/keys'
import type { ClientBenchmark, Cockpit, RunSummary } from '../../shared/ipc/contract'
import { canChattr, freeze, thaw } from '../helpers/damage'
import { TEST_PASSPHRASE, cleanup, ok, tempDir, unlockedBackend } from '../helpers/vault'
import { AS_OF, client, subjectAndPeers } from './benchmark-fixture'

const CHATTR = canChattr()
if (!CHATTR) console.warn('the read-only mid-benchmark test needs chattr +i (root on ext4 or similar); skipped here, runs in CI')

const flagDir = tempDir('trellis-worker-flag-')
const FLAG = join(flagDir, 'die')
const realWorker = workerFile.path
beforeAll(() => {
  workerFile.path = join(__dirname, '../fixtures/dying-benchmark-worker.mjs')
  process.env.TRELLIS_TEST_WORKER_DIE = FLAG
})
afterAll(() => {
  workerFile.path = realWorker
  delete process.env.TRELLIS_TEST_WORKER_DIE
  cleanup(flagDir)
})

const dirs: string[] = []
const backends: Backend[] = []
const frozen: string[] = []
afterEach(() => {
  thaw(frozen.splice(0))
  rmSync(FLAG, { force: true })
  backends.splice(0).forEach((b) => b.close())
  dirs.splice(0).forEach(cleanup)
})

/**
 * The benchmark fixture (a subject and six peers) plus `extra` empty clients (nine clients make the run's writer
 * store a batch before it finishes), with the subject's figures and the cockpit from an undisturbed run; then the
 * cache is removed so that the next run reads every file again.
 */
async function fixture(extra = 0) {
  const { backend: b, vaultDir } = await unlockedBackend()
  dirs.push(vaultDir)
  backends.push(b)
  const { subject, peers } = await subjectAndPeers(b)
  for (let i = 0; i < extra; i++) await client(b, `Extra ${i}`)
  const expected = await answers(b, subject)
  for (const s of ['', '-wal', '-shm']) rmSync(join(vaultDir, CACHE_FILE + s), { force: true })
  return { b, vaultDir, subject, peers, expected, total: 7 + extra }
}

async function answers(b: Backend, subject: string) {
  const mine = await ok<ClientBenchmark>(b, 'benchmark.client', { clientId: subject, asOf: AS_OF })
  const cockpit = await ok<Cockpit>(b, 'cockpit.show', { asOf: AS_OF })
  return { figures: mine.figures, cohort: mine.cohort, clients: cockpit.clients, due: cockpit.due }
}

/** The cache file passes integrity_check and holds a readable result for every client. */
function cacheIsWhole(b: Backend, vaultDir: string, total: number): void {
  const cache = new Database(join(vaultDir, CACHE_FILE))
  try {
    applyKey(cache, subkey(b.session.vault.key(), 'benchmark-cache'))
    expect(cache.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(cache.prepare('SELECT count(*) AS n, sum(ok) AS good FROM entries').get()).toEqual({ n: total, good: total })
  } finally {
    cache.close()
  }
}

describe('a benchmark worker dies mid-run', { timeout: 60_000 }, () => {
  it('a reader: that client is listed as skipped in plain words, the rest is right, and the next run reads it again', async () => {
    const { b, vaultDir, subject, peers, expected, total } = await fixture()
    writeFileSync(FLAG, `file:${peers[2]}`)
    const run = await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })
    expect(existsSync(FLAG), 'the worker died').toBe(false)
    expect(run).toMatchObject({ total, computed: total, cached: 0, cancelled: false })
    expect(run.skipped).toEqual([{ clientId: peers[2], name: 'Peer 2', reason: 'unreadable', message: expect.stringMatching(/stopped unexpectedly.*next run/) }])
    // Still up: other calls answer.
    expect((await ok<unknown[]>(b, 'client.list')).length).toBe(total)
    // The failure is not kept as that file's result: the next run reads it again, and only it.
    expect(await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })).toMatchObject({ computed: 1, cached: total - 1, skipped: [] })
    expect(await answers(b, subject)).toEqual(expected)
    cacheIsWhole(b, vaultDir, total)
  })

  it('the writer, holding the cache: the results are stored from the backend instead, whole', async () => {
    const { b, vaultDir, subject, expected, total } = await fixture(2)
    writeFileSync(FLAG, 'finish')
    const run = await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })
    expect(existsSync(FLAG), 'the worker died').toBe(false)
    expect(run).toMatchObject({ total, computed: total, cached: 0, skipped: [], cancelled: false })
    cacheIsWhole(b, vaultDir, total)
    expect(await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })).toMatchObject({ computed: 0, cached: total, skipped: [] })
    expect(await answers(b, subject)).toEqual(expected)
  })
})

describe.skipIf(!CHATTR)('the vault turns read-only mid-benchmark', { timeout: 60_000 }, () => {
  it('the run still answers the right figures and says the cache could not be saved; nothing is damaged', async () => {
    const { b, vaultDir, subject, expected, total } = await fixture(2)
    const stop = b.onEvent((e, p) => {
      // After the first file: the writer has not stored anything yet, the rest are still to be read.
      if (e !== 'benchmark.progressed' || (p as { done: number }).done !== 1) return
      frozen.push(...freeze(vaultDir))
      stop()
    })
    const run = await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })
    expect(frozen.length, 'the vault was frozen during the run').toBeGreaterThan(0)
    expect(run).toMatchObject({ total, computed: total, skipped: [], cancelled: false, notice: expect.stringMatching(/could not be saved/) })
    // Kept in memory meanwhile: the figures are right and a second run reads nothing again.
    expect(await answers(b, subject)).toEqual(expected)
    expect(await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })).toMatchObject({ computed: 0, cached: total, notice: expect.any(String) })
    expect((await ok<unknown[]>(b, 'client.list')).length).toBe(total)
    thaw(frozen.splice(0))
    // Writable again at the next unlock: the cache file is whole, and the run keeps its results there.
    await ok(b, 'vault.lock')
    await ok(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    const again = await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })
    expect(again).toMatchObject({ skipped: [] })
    expect(again.notice).toBeUndefined()
    cacheIsWhole(b, vaultDir, total)
    expect(await answers(b, subject)).toEqual(expected)
  })
})
