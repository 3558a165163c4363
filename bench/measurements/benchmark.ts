/**
 * The benchmark issue's budgets on the 200-client × 500-partner vault: a cold run (no cache; fresh backend, so the
 * worker threads start too) ≤ 2 s, against the raw cost of opening the same files and running the same statements
 * single-threaded; a warm run with nothing changed ≤ 100 ms; a run after one client changed ≤ 150 ms; and the
 * backend thread's event-loop delay while a cold run is in progress ≤ 50 ms (perf_hooks.monitorEventLoopDelay).
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { Backend } from '../../electron/backend/backend'
import { buildSync } from 'esbuild'
import { rawReadFile } from '../../electron/backend/services/benchmark/aggregate'
import { CACHE_FILE } from '../../electron/backend/services/benchmark/index'
import { workerFile } from '../../electron/backend/services/benchmark/pool'
import type { RunSummary } from '../../shared/ipc/contract'
import type { BenchContext, BenchVault } from '../lib/context'
import { call } from '../lib/context'
import { Series, timed, type Measurement } from '../lib/registry'
import { ownThreads, schedstat } from '../lib/sched'

const COLD_RUNS = 3
const WARM_RUNS = 20
const CHANGED_RUNS = 10

function dropCache(v: BenchVault): void {
  for (const s of ['', '-wal', '-shm']) rmSync(join(v.dir, CACHE_FILE + s), { force: true })
}

const today = () => new Date().toISOString().slice(0, 10)

interface Cold {
  run: Series
  raw: Series
  loopMax: number[]
  loopP99: number[]
  workers: number
  /** The backend thread's own CPU and its time waiting for a core during each run (Linux schedstat), ms. */
  mainThread: { run: number; wait: number }[]
  /** CPU per run by thread (Linux schedstat), ms: the backend's thread, the workers started by the run, the rest. */
  split: { backend: number; workers: number; other: number }[]
}
let cold: Promise<Cold> | null = null

/**
 * The workers load a bundled file, as in the packaged app (electron-vite builds `benchmarkWorker.js` beside the
 * backend): from sources they would load through tsx, a development-only cost of a few hundred ms per worker.
 */
let bundled = false
function useBundledWorker(ctx: BenchContext): void {
  if (bundled) return
  // Under out/ (build output: git- and lint-ignored), where better-sqlite3 resolves from the project's node_modules.
  const out = join(ctx.root, 'out', 'bench', 'benchmarkWorker.js')
  buildSync({
    entryPoints: [join(ctx.root, 'electron/backend/services/benchmark/worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    outfile: out,
    logLevel: 'silent'
  })
  workerFile.path = out
  bundled = true
}

/** CPU between two snapshots of this process's threads: the backend's (main) thread, threads born since, the rest. */
function threadSplit(before: Map<string, [number, number]>, after: Map<string, [number, number]>): Cold['split'][number] {
  const out = { backend: 0, workers: 0, other: 0 }
  for (const [tid, [run]] of after) {
    const ms = (run - (before.get(tid)?.[0] ?? 0)) / 1e6
    if (tid === String(process.pid)) out.backend += ms
    else if (before.has(tid)) out.other += ms
    else out.workers += ms
  }
  return out
}

/** The cold runs, measured once for both the time figure and the event-loop figure. */
function coldRuns(ctx: BenchContext): Promise<Cold> {
  useBundledWorker(ctx)
  cold ??= (async () => {
    const v = ctx.big
    const out: Cold = { run: new Series(), raw: new Series(), loopMax: [], loopP99: [], workers: 0, mainThread: [], split: [] }
    for (let i = 0; i < COLD_RUNS; i++) {
      dropCache(v)
      const b = await ctx.unlocked(v)
      try {
        // Every file closed and checkpointed, as after a restart; a fresh backend, so its workers start cold too.
        const h = monitorEventLoopDelay({ resolution: 10 })
        const main0 = schedstat(String(process.pid), String(process.pid))
        const threads0 = ownThreads()
        h.enable()
        const t = await timed(() => call<RunSummary>(b, 'benchmark.run', {}))
        h.disable()
        const main1 = schedstat(String(process.pid), String(process.pid))
        out.split.push(threadSplit(threads0, ownThreads()))
        if (main0 && main1) out.mainThread.push({ run: (main1[0] - main0[0]) / 1e6, wait: (main1[1] - main0[1]) / 1e6 })
        if (t.value.computed !== v.clients || t.value.skipped.length) throw new Error(`cold run read ${t.value.computed} of ${v.clients} files, skipped ${t.value.skipped.length}`)
        out.run.add(t)
        out.loopMax.push(h.max / 1e6)
        out.loopP99.push(h.percentile(99) / 1e6)
        // Raw: the same files opened with the same keys and the same statements, one after another on this thread.
        const vault = b.session.vault
        const tasks = v.clientIds.map((id) => ({ clientId: id, path: vault.clientFile(id), keyHex: vault.clientKey(id).toString('hex'), asOf: today(), knownVersion: b.session.opts.migrations.version, marker: '' }))
        out.raw.add(await timed(() => tasks.forEach(rawReadFile)))
      } finally {
        b.close()
      }
    }
    return out
  })()
  return cold
}

export const benchmarkCold: Measurement = {
  name: 'benchmark.cold',
  label: 'benchmark run over 200 clients × 500 partners, cold (no cache)',
  targetMs: 2000,
  async run(ctx) {
    const c = await coldRuns(ctx)
    return {
      ...c.run,
      baseline: { label: 'raw: open the same files and run the same SQL, single-threaded', ...c.raw },
      notes: [
        `${COLD_RUNS} runs, each on a freshly unlocked backend with the cache deleted; worker threads start inside the timing`,
        'the workers load a bundled worker file, as the packaged app does (from sources they would go through tsx)',
        `cpu by thread per run (ms): ${c.split.map((x) => `backend ${x.backend.toFixed(0)} + workers ${x.workers.toFixed(0)} + other ${x.other.toFixed(0)} (V8's compiler and GC helpers)`).join('; ')}`
      ]
    }
  }
}

export const benchmarkEventLoop: Measurement = {
  name: 'benchmark.eventLoop',
  label: 'backend event-loop delay (max) during a cold benchmark run',
  targetMs: 50,
  async run(ctx) {
    const c = await coldRuns(ctx)
    return {
      samples: c.loopMax,
      notes: [
        `perf_hooks.monitorEventLoopDelay, resolution 10 ms; p99 per run: ${c.loopP99.map((x) => x.toFixed(1)).join(', ')} ms`,
        `the backend thread itself ran ${c.mainThread.map((m) => m.run.toFixed(0)).join(', ')} ms per run and waited ${c.mainThread.map((m) => m.wait.toFixed(0)).join(', ')} ms for a core (a delay on a crowded machine is mostly that wait)`
      ]
    }
  }
}

async function warmBackend(ctx: BenchContext): Promise<Backend> {
  useBundledWorker(ctx)
  const b = await ctx.unlocked(ctx.big)
  // Brings the cache up to date (after the cold runs it usually is).
  await call(b, 'benchmark.run', {})
  return b
}

export const benchmarkWarm: Measurement = {
  name: 'benchmark.warm',
  label: 'benchmark run with nothing changed (warm cache)',
  targetMs: 100,
  async run(ctx) {
    const b = await warmBackend(ctx)
    try {
      const s = new Series()
      for (let i = 0; i < WARM_RUNS; i++) {
        const t = await timed(() => call<RunSummary>(b, 'benchmark.run', {}))
        if (t.value.computed !== 0) throw new Error(`a warm run read ${t.value.computed} files`)
        s.add(t)
      }
      const one = await timed(() => call(b, 'benchmark.client', { clientId: ctx.big.clientIds[0] }))
      return { ...s, notes: [`200 change markers checked (stat of file, WAL and key), skips read from the cache; one client's figures with a warm cache: ${one.wall.toFixed(1)} ms`] }
    } finally {
      b.close()
    }
  }
}

export const benchmarkOneChanged: Measurement = {
  name: 'benchmark.oneChanged',
  label: 'benchmark run after one client changed',
  targetMs: 150,
  async run(ctx) {
    const b = await warmBackend(ctx)
    try {
      const s = new Series()
      // A real commit (a WAL frame), leaving the data as it was.
      const touch = (id: string) =>
        b.session.client(id).sqlite.prepare('UPDATE partners SET updated_at = updated_at WHERE rowid = (SELECT min(rowid) FROM partners)').run()
      // One untimed round first: a warm run starts no worker, so the first change would also time a worker's start.
      touch(ctx.big.clientIds[0])
      await call(b, 'benchmark.run', {})
      for (let i = 1; i <= CHANGED_RUNS; i++) {
        touch(ctx.big.clientIds[i])
        const t = await timed(() => call<RunSummary>(b, 'benchmark.run', {}))
        if (t.value.computed !== 1) throw new Error(`after one change the run read ${t.value.computed} files`)
        s.add(t)
      }
      return { ...s, notes: ['one client file written through the open session (WAL), then a run: only that file is read again, in a worker kept from the previous run'] }
    } finally {
      b.close()
    }
  }
}
