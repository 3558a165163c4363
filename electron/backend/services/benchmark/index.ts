/**
 * Cross-client benchmarking and the consultant's cockpit. A run brings every client's aggregates up to date: files
 * whose change marker matches the cache are not opened; the rest are reduced in worker threads (pool.ts), each
 * opened read-only with its own key. Only aggregates come back, and only they are kept (encrypted, cache.ts).
 * Figures for one client compare its aggregates with those of the other clients in a cohort, under the k ≥ 5 rule.
 *
 * For other features (the report export): `benchmarkForClient(session, clientId, cohort?)` answers anonymous
 * aggregates only — no other client's id, name or raw value.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  AGGREGATE_VERSION,
  describeCohort,
  figuresFor,
  inCohort,
  type ClientAggregates,
  type Cohort,
  type CohortAttributes,
  type CohortKey
} from '../../../../shared/benchmark/metrics'
import type { UsualDurations } from '../../../../shared/domain/journey'
import type {
  BenchmarkProgressed,
  Calibration,
  ClientBenchmark,
  Cockpit,
  CockpitClient,
  CockpitDueItem,
  RunSummary,
  SkipReason,
  SkippedFile
} from '../../../../shared/ipc/channels/benchmark'
import type { ClientSummary } from '../../../../shared/ipc/channels/client'
import { AppError, toAppError } from '../../errors'
import { subkey } from '../../vault/keys'
import type { Session } from '../session'
import { DUE_WINDOW_DAYS, type CockpitFacts, type FileTask } from './aggregate'
import { AggregateCache, type CacheEntry, type StoredCalibration } from './cache'
import { WorkerPool, type CacheRef, type WorkerResult } from './pool'

export const CACHE_FILE = 'benchmark-cache.db'

const todayIso = (): string => new Date().toISOString().slice(0, 10)

function skipOf(code: string): SkipReason {
  if (code === 'FILE_MISSING') return 'file-missing'
  if (code === 'KEY_INVALID') return 'key-invalid'
  if (code === 'FILE_CORRUPT') return 'file-corrupt'
  return 'unreadable'
}

/**
 * What says a file changed: its size, inode and modification time, its WAL's, and its key file's. An empty WAL
 * counts as none: a read-only reader (this benchmark) may leave one behind, and it holds no change.
 */
function statMark(path: string): string {
  try {
    // No exception for a missing file (a WAL after a clean close): throwing costs more than the stat.
    const s = statSync(path, { bigint: true, throwIfNoEntry: false })
    return !s || s.size === 0n ? '-' : `${s.size}:${s.ino}:${s.mtimeNs}`
  } catch {
    return '-'
  }
}

interface InFlight {
  runId: string
  asOf: string
  cancelled: boolean
  promise: Promise<RunSummary>
}

export class BenchmarkService {
  private readonly pool = new WorkerPool()
  private inFlight: InFlight | null = null
  /** Told of every finished file of a run (the handler forwards it as the `benchmark.progressed` event). */
  onProgress: ((p: BenchmarkProgressed) => void) | null = null
  /** A read-only vault cannot hold the cache file: the cache then lives in memory while the vault stays unlocked. */
  private memCache: { key: Buffer; cache: AggregateCache } | null = null
  /** Set when the vault stopped taking writes after unlock: the cache lives in memory until the vault locks. */
  private unsaved = false

  constructor(private readonly session: Session) {
    session.beforeLock.push(() => {
      this.unsaved = false
    })
  }

  /** Whether the cache is kept in memory (a vault that is, or became, read-only) rather than in its file. */
  private get inMemory(): boolean {
    return this.session.readOnly || this.unsaved
  }

  /** The last calibration read or written, by vault folder: the journey asks for it on every view. */
  private calibrationMemo: { dir: string; value: StoredCalibration | null } | null = null

  /**
   * The journey's realism warnings read this: usual durations calibrated by the last run, else the defaults. Kept
   * in memory, so a journey view during a run never waits for the cache the run's writer holds.
   */
  usualDurations(): UsualDurations | undefined {
    // Never creates the cache: before the first run the defaults apply.
    if (!this.session.vault.unlocked || (!this.inMemory && !existsSync(join(this.session.vault.dir, CACHE_FILE)))) return undefined
    const dir = this.session.vault.dir
    if (this.calibrationMemo?.dir === dir) return this.calibrationMemo.value?.usual
    if (this.inFlight) return undefined
    try {
      const value = this.withCache((c) => c.calibration())
      this.calibrationMemo = { dir, value }
      return value?.usual
    } catch {
      return undefined
    }
  }

  /** Waits until no run holds the cache (its writer has closed it): the backend's thread reads it only then. */
  private async idle(): Promise<void> {
    while (this.inFlight) await this.inFlight.promise.catch(() => undefined)
  }

  private cacheKey(): Buffer {
    return subkey(this.session.vault.key(), 'benchmark-cache')
  }

  private withCache<T>(fn: (c: AggregateCache) => T): T {
    const key = this.cacheKey()
    if (this.inMemory) {
      if (!this.memCache || !this.memCache.key.equals(key)) {
        this.memCache?.cache.close()
        this.memCache = { key, cache: AggregateCache.open(null, key) }
      }
      return fn(this.memCache.cache)
    }
    this.memCache?.cache.close()
    this.memCache = null
    const cache = AggregateCache.open(join(this.session.vault.dir, CACHE_FILE), key)
    try {
      return fn(cache)
    } finally {
      cache.close()
    }
  }

  private knownVersion(): number {
    return this.session.opts.migrations.version
  }

  private marker(id: string, asOf: string): string {
    const v = this.session.vault
    const file = v.clientFile(id)
    return [AGGREGATE_VERSION, asOf, this.knownVersion(), statMark(file), statMark(`${file}-wal`), statMark(v.clientKeyFile(id))].join('|')
  }

  /** Every client the vault knows: files in the folder and entries of the index (whose file may be missing). */
  private clientIds(): string[] {
    const ids = new Set(this.session.clientFileIds())
    for (const c of this.session.index.list(true)) ids.add(c.id)
    return [...ids].sort()
  }

  /** Stops the run in progress; finished files stay cached. */
  cancel(): boolean {
    if (!this.inFlight || this.inFlight.cancelled) return false
    this.inFlight.cancelled = true
    return true
  }

  /**
   * Brings the cache up to date for `asOf` (default today). A run already in progress for the same day is joined
   * rather than repeated.
   */
  async run(asOf: string = todayIso()): Promise<RunSummary> {
    this.session.vault.key()
    while (this.inFlight) {
      if (this.inFlight.asOf === asOf && !this.inFlight.cancelled) return this.inFlight.promise
      await this.inFlight.promise.catch(() => undefined)
    }
    const flight: InFlight = { runId: randomUUID(), asOf, cancelled: false, promise: Promise.resolve(null as unknown as RunSummary) }
    flight.promise = this.runSaving(flight).finally(() => {
      if (this.inFlight === flight) this.inFlight = null
    })
    this.inFlight = flight
    return flight.promise
  }

  /**
   * A run whose cache cannot be written any more (the vault turned read-only, or the disk filled up, after unlock)
   * is done again into an in-memory cache, which serves until the vault locks: the figures stay right, and the
   * summary says they were not saved. Reading needs no write (files are read from private copies).
   */
  private async runSaving(flight: InFlight): Promise<RunSummary> {
    const notice = () => (this.unsaved ? { notice: 'The benchmark results could not be saved in the vault folder (it cannot be written now); they are kept until the vault is locked.' } : {})
    try {
      return { ...(await this.doRun(flight)), ...notice() }
    } catch (err) {
      const code = toAppError(err).code
      if (this.inMemory || !['READ_ONLY', 'DISK_FULL', 'IO'].includes(code) || !this.session.vault.unlocked) throw err
      this.unsaved = true
      return { ...(await this.doRun(flight)), ...notice() }
    }
  }

  /**
   * The backend's thread only decides what to read (change markers), unwraps each file's key as a worker takes it
   * and counts progress; workers read the files and store the results (pool.ts), so no long synchronous step runs
   * here. With a read-only vault the results come back and go to the in-memory cache.
   */
  private async doRun(flight: InFlight): Promise<RunSummary> {
    const started = performance.now()
    const { asOf, runId } = flight
    const ids = this.clientIds()
    const have = this.withCache((c) => {
      c.keepOnly(new Set(ids))
      // Read now: during the run the cache is the writer's.
      if (!this.inMemory) this.calibrationMemo = { dir: this.session.vault.dir, value: c.calibration() }
      return c.markers()
    })
    const todo: { id: string; marker: string }[] = []
    for (let i = 0; i < ids.length; i++) {
      // Yield now and then: a few hundred stat calls must not hold the backend's thread in one piece.
      if (i % 50 === 49) await new Promise((r) => setImmediate(r))
      const marker = this.marker(ids[i], asOf)
      if (have.get(ids[i]) !== marker) todo.push({ id: ids[i], marker })
    }
    const cached = ids.length - todo.length
    const markers = new Map(todo.map((t) => [t.id, t.marker]))
    const cache: CacheRef | null =
      todo.length === 0 || this.inMemory ? null : { path: join(this.session.vault.dir, CACHE_FILE), keyHex: this.cacheKey().toString('hex') }
    /** Every result of this run, and those not yet handed to the writer. */
    const results: CacheEntry[] = []
    let batch: CacheEntry[] = []
    let done = cached
    let newSkips = 0
    const record = (r: WorkerResult) => {
      // A result kept under no marker is read again by the next run (its reader died; the file may be fine).
      const { retry, ...result } = r
      const entry: CacheEntry = { ...result, marker: retry ? '' : markers.get(r.clientId)! }
      results.push(entry)
      if (cache) {
        batch.push(entry)
        // A few at a time: each store is one transaction in the writer.
        if (batch.length >= 8) {
          this.pool.store(cache, batch)
          batch = []
        }
      }
      done++
      if (!r.ok) newSkips++
      this.onProgress?.({ runId, done, total: ids.length, skipped: newSkips })
    }
    // Keys are unwrapped one at a time, as each file is handed to a worker.
    const prepare = (id: string): FileTask | WorkerResult => {
      try {
        const key = this.session.vault.clientKey(id)
        const task: FileTask = { clientId: id, path: this.session.vault.clientFile(id), keyHex: key.toString('hex'), asOf, knownVersion: this.knownVersion(), marker: markers.get(id)! }
        // A file the session holds open is held exclusively: the worker reads the session's image of it instead.
        const image = this.session.snapshot(id)
        return image ? { ...task, image } : task
      } catch (err) {
        const e = err instanceof AppError ? err : new AppError('INTERNAL', 'The key of this client could not be read.')
        return { clientId: id, ok: false, aggregates: JSON.stringify({ reason: skipOf(e.code), message: e.message }), cockpit: null }
      }
    }
    const stop = () => flight.cancelled || !this.session.vault.unlocked
    await this.pool.run(
      todo.map((t) => t.id),
      prepare,
      record,
      stop
    )
    // Calibration changes only when some file was read again.
    const recalibrate = todo.length > 0 && !flight.cancelled ? asOf : null
    // The writer closes the cache even when the vault locked meanwhile (its key goes with the connection).
    const stored = cache ? await this.pool.finish(cache, this.session.vault.unlocked ? batch : [], this.session.vault.unlocked ? recalibrate : null) : false
    if (!this.session.vault.unlocked) throw new AppError('VAULT_LOCKED', 'The vault was locked during the benchmark run.')
    this.calibrationMemo = null
    const skipped = this.withCache((c) => {
      // No cache file (a read-only vault), or the writer stopped: stored here instead.
      if (!stored && results.length > 0) {
        c.put(results)
        if (recalibrate) c.recalibrate(recalibrate)
      }
      return c.skips().map(({ clientId, json }): SkippedFile => ({
        clientId,
        name: this.session.index.get(clientId)?.name ?? null,
        ...(JSON.parse(json) as { reason: SkipReason; message: string })
      }))
    })
    return {
      runId,
      asOf,
      total: ids.length,
      computed: done - cached,
      cached,
      skipped: skipped.sort((a, b) => (a.name ?? a.clientId).localeCompare(b.name ?? b.clientId)),
      cancelled: flight.cancelled,
      ms: Math.round(performance.now() - started)
    }
  }

  async calibration(): Promise<Calibration> {
    this.session.vault.key()
    await this.idle()
    const c = this.withCache((x) => x.calibration())
    if (!c) return { asOf: null, calibrated: {}, clients: {} }
    return { asOf: c.asOf, calibrated: c.calibrated, clients: c.clients }
  }

  private attributes(summary: ClientSummary | null, agg: ClientAggregates | null): CohortAttributes {
    return {
      companyStage: summary?.segment.companyStage ?? null,
      arrBand: summary?.segment.arrBand ?? null,
      salesMotion: summary?.segment.salesMotion ?? null,
      region: summary?.segment.region ?? null,
      partnerModel: agg?.partnerModel ?? null
    }
  }

  /** One client against the other clients of a cohort (all clients by default). Runs first, incrementally. */
  async forClient(clientId: string, cohort: Cohort = {}, asOf?: string): Promise<ClientBenchmark> {
    const own = this.session.index.get(clientId)
    if (!own) throw new AppError('NOT_FOUND', 'There is no such client in this vault.')
    const run = await this.run(asOf)
    await this.idle()
    const summaries = new Map(this.session.index.list(true).map((c) => [c.id, c]))
    const entries = this.withCache((c) => c.entries('aggregates'))
    let mine: ClientAggregates | null = null
    let ownSkip: ClientBenchmark['ownSkip'] = null
    const peers: ClientAggregates[] = []
    for (const e of entries) {
      if (e.clientId === clientId) {
        if (e.ok) mine = JSON.parse(e.json!) as ClientAggregates
        else ownSkip = JSON.parse(e.json!) as { reason: SkipReason; message: string }
        continue
      }
      if (!e.ok) continue
      const agg = JSON.parse(e.json!) as ClientAggregates
      if (inCohort(this.attributes(summaries.get(e.clientId) ?? null, agg), cohort)) peers.push(agg)
    }
    if (!mine && !ownSkip) ownSkip = { reason: 'unreadable', message: 'This client was not reached by the run (it was cancelled).' }
    const attrs = this.attributes(own, mine)
    return {
      clientId,
      asOf: run.asOf,
      cohort: { filter: cohort, label: describeCohort(cohort), size: peers.length + 1 },
      attributes: attrs as Record<CohortKey, string | null>,
      figures: mine ? figuresFor(mine, peers) : [],
      skippedFiles: run.skipped.length,
      ownSkip,
      run: { ...run, skipped: run.skipped.length }
    }
  }

  /**
   * The cohort attributes of every other client with readable aggregates, without ids or names: what the report's
   * cohort picker counts peers from. Runs first (incrementally), like `forClient`.
   */
  async peerAttributes(clientId: string, asOf?: string): Promise<CohortAttributes[]> {
    await this.run(asOf)
    const summaries = new Map(this.session.index.list(true).map((c) => [c.id, c]))
    return this.withCache((c) => c.entries('aggregates'))
      .filter((e) => e.ok && e.clientId !== clientId)
      .map((e) => this.attributes(summaries.get(e.clientId) ?? null, JSON.parse(e.json!) as ClientAggregates))
  }

  /** Every client's stage, latest maturity and red flags, and what is due across clients in the next 14 days. */
  async cockpit(asOf?: string): Promise<Cockpit> {
    const run = await this.run(asOf)
    await this.idle()
    const summaries = this.session.index.list(true)
    const byId = new Map(this.withCache((c) => c.entries('cockpit')).map((e) => [e.clientId, e]))
    const clients: CockpitClient[] = []
    const due: CockpitDueItem[] = []
    for (const s of summaries) {
      const e = byId.get(s.id)
      const segment = { ...s.segment, partnerModel: null } as Record<CohortKey, string | null>
      const base = { clientId: s.id, name: s.name, archived: s.archived, segment }
      if (!e || !e.ok) {
        const skip = e ? (JSON.parse(e.json!) as { reason: SkipReason; message: string }) : { reason: 'unreadable' as const, message: 'Not read yet (the run was cancelled).' }
        clients.push({ ...base, stage: null, maturity: null, flags: null, skipped: skip })
        continue
      }
      const f = JSON.parse(e.json!) as CockpitFacts
      clients.push({ ...base, stage: f.stage, maturity: f.maturity, flags: f.flags, skipped: null })
      if (!s.archived) for (const d of f.due) due.push({ ...d, clientId: s.id, clientName: s.name })
    }
    due.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.clientName.localeCompare(b.clientName) || a.title.localeCompare(b.title))
    return { asOf: run.asOf, dueWindowDays: DUE_WINDOW_DAYS, clients, due, run }
  }

  dispose(): void {
    if (this.inFlight) this.inFlight.cancelled = true
    this.pool.dispose()
    this.memCache?.cache.close()
    this.memCache = null
  }
}

const services = new WeakMap<Session, BenchmarkService>()

/** The one benchmark service of a session (runs are shared, so two callers never read the same files twice). */
export function benchmarkService(session: Session): BenchmarkService {
  let s = services.get(session)
  if (!s) {
    s = new BenchmarkService(session)
    services.set(session, s)
  }
  return s
}

/**
 * For other features (the report export): this client against its cohort, anonymous aggregates only. Brings the
 * aggregates up to date first (usually a warm run: milliseconds).
 */
export function benchmarkForClient(session: Session, clientId: string, cohort: Cohort = {}, asOf?: string): Promise<ClientBenchmark> {
  return benchmarkService(session).forClient(clientId, cohort, asOf)
}

/** For the report's cohort picker: the other clients' cohort attributes (anonymous: no id, no name). */
export function peerAttributesFor(session: Session, clientId: string, asOf?: string): Promise<CohortAttributes[]> {
  return benchmarkService(session).peerAttributes(clientId, asOf)
}
