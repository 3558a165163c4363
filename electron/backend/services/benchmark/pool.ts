/**
 * A small pool of worker threads for the benchmark, so no client file is read on the backend's own thread, and no
 * cache write, commit or checkpoint happens there either: one worker of the run (the writer) holds the cache and
 * stores every result, the backend's thread only passes results on. Workers start on the first run and stop after
 * a minute idle; they hold no key between runs (a file's key is dropped with its task, the cache's when the run
 * ends). In the packaged app the worker is its own bundle entry (`benchmarkWorker.js` beside the backend); from
 * sources (tests, CLI, bench) it is loaded through tsx.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { log } from '../../log'
import type { FileTask } from './aggregate'
import type { CacheEntry } from './cache'

const IDLE_MS = 60_000

/** The run's cache file and its key (hex), for the workers to write results into; null keeps results in messages. */
export interface CacheRef {
  path: string
  keyHex: string
}

/** A file's result as stored: JSON strings, made in the worker. `ok: false` carries { reason, message }. */
export interface WorkerResult {
  clientId: string
  ok: boolean
  aggregates: string
  cockpit: string | null
  /** Not a result of the file but of its reader dying: the next run reads the file again. */
  retry?: true
}

export type WorkerRequest =
  | { kind: 'file'; task: FileTask }
  /** Stores results (no answer; a failure is reported by `finish`). */
  | { kind: 'put'; cache: CacheRef; entries: CacheEntry[] }
  /** Ends a run in the writer: stores the last results, recalibrates, closes the cache (checkpointing its WAL). */
  | { kind: 'finish'; cache: CacheRef; entries: CacheEntry[]; recalibrateAsOf: string | null }

export type WorkerReply = { id: number; result: WorkerResult } | { id: number; done: true } | { id: number; error: string }

/** Where the bundled worker is; the bench points it at its own bundle (it runs from sources). */
export const workerFile = { path: join(__dirname, 'benchmarkWorker.js') }

function spawnWorker(): Worker {
  if (existsSync(workerFile.path)) return new Worker(workerFile.path)
  const source = join(__dirname, 'worker.ts')
  const tsx = createRequire(__filename).resolve('tsx/cjs/api')
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)})`, { eval: true })
}

interface Slot {
  worker: Worker
  /** The request it is working on, with what to call when it ends (null: the worker stopped). */
  busy: { id: number; done: (r: WorkerReply | null) => void } | null
}

export class WorkerPool {
  private slots: Slot[] = []
  private idle: NodeJS.Timeout | null = null
  private nextId = 1
  /** Runs in progress; workers are referenced while it is above zero. */
  private running = 0
  readonly size: number

  constructor(size = Math.max(1, Math.min(4, availableParallelism()))) {
    this.size = size
  }

  private slot(): Slot {
    const s: Slot = { worker: spawnWorker(), busy: null }
    s.worker.on('message', (m: WorkerReply) => {
      const b = s.busy
      if (!b || b.id !== m.id) return
      s.busy = null
      b.done(m)
    })
    // A worker that dies takes its request with it (a file is then reported unreadable) and a fresh worker takes
    // its place.
    const died = (why: string) => {
      const b = s.busy
      s.busy = null
      this.slots = this.slots.filter((x) => x !== s)
      if (b) {
        log.warn(`a benchmark worker stopped (${why})`)
        b.done(null)
      }
    }
    s.worker.on('error', (err) => died(err.name))
    s.worker.on('exit', (code) => died(`exit ${code}`))
    // Referenced only while a run needs it (attaching a listener refs it again, so this comes after them): an idle
    // pool never keeps the process alive, a running one does.
    if (this.running === 0) s.worker.unref()
    this.slots.push(s)
    return s
  }

  private send(s: Slot, req: WorkerRequest, done: (r: WorkerReply | null) => void): void {
    const id = this.nextId++
    s.busy = { id, done }
    s.worker.postMessage({ id, req })
  }

  private begin(): void {
    if (this.idle) clearTimeout(this.idle)
    this.idle = null
    this.running++
    for (const s of this.slots) s.worker.ref()
  }

  private end(): void {
    this.running--
    if (this.running > 0) return
    for (const s of this.slots) s.worker.unref()
    this.idle = setTimeout(() => this.dispose(), IDLE_MS)
    this.idle.unref()
  }

  /**
   * Runs a task for every id, at most `size` at a time, calling `onResult` as each finishes. `prepare` makes an id's
   * task just before it is handed out (so keys are unwrapped one at a time, not all at once on the backend's thread),
   * or answers its result at once (a key that cannot be read). `shouldStop` is asked before each task: once it says
   * yes, no new task starts and the promise resolves when the running ones end.
   */
  run(
    ids: string[],
    prepare: (id: string) => FileTask | WorkerResult,
    onResult: (r: WorkerResult) => void,
    shouldStop: () => boolean
  ): Promise<{ started: number }> {
    this.begin()
    let next = 0
    let running = 0
    return new Promise((resolve) => {
      let finished = false
      const finish = () => {
        if (finished) return
        finished = true
        this.end()
        resolve({ started: next })
      }
      const feed = (s: Slot): void => {
        let task: FileTask | null = null
        while (!task) {
          if (next >= ids.length || shouldStop()) {
            if (running === 0) finish()
            return
          }
          const t = prepare(ids[next++])
          if ('keyHex' in t) task = t
          else onResult(t)
        }
        running++
        const clientId = task.clientId
        this.send(s, { kind: 'file', task }, (m) => {
          running--
          onResult(
            m && 'result' in m
              ? m.result
              : {
                  clientId,
                  ok: false,
                  aggregates: JSON.stringify({ reason: 'unreadable', message: 'Reading this client file stopped unexpectedly; it is read again on the next run.' }),
                  cockpit: null,
                  retry: true
                }
          )
          // The slot may have died; hand the next task to a live one.
          feed(this.slots.includes(s) ? s : this.slot())
        })
      }
      if (ids.length === 0) return finish()
      const want = Math.min(this.size, ids.length)
      while (this.slots.length < want) this.slot()
      for (const s of this.slots.slice(0, want)) feed(s)
    })
  }

  /** The worker that holds the cache during the current run (the first one asked to store). */
  private writer: Slot | null = null

  /**
   * Stores results through the run's writer, without waiting: a worker handles its messages in order, so they are
   * written before anything it is asked later (`finish`).
   */
  store(cache: CacheRef, entries: CacheEntry[]): void {
    if (entries.length === 0) return
    this.writer ??= this.slots[0] ?? this.slot()
    if (!this.slots.includes(this.writer)) return // it stopped: `finish` says so
    this.writer.worker.postMessage({ id: 0, req: { kind: 'put', cache, entries } satisfies WorkerRequest })
  }

  /**
   * Ends a run's storing: the writer stores `entries`, recalibrates (when `recalibrateAsOf` is given) and closes the
   * cache, its last commit's checkpoint included, all off the backend's thread. Resolves false when the writer
   * stopped or failed during the run: some results may then be missing from the cache.
   */
  async finish(cache: CacheRef, entries: CacheEntry[], recalibrateAsOf: string | null): Promise<boolean> {
    const writer = this.writer ?? this.slots[0] ?? this.slot()
    this.writer = null
    if (!this.slots.includes(writer)) return false
    this.begin()
    try {
      return await new Promise<boolean>((resolve) =>
          this.send(writer, { kind: 'finish', cache, entries, recalibrateAsOf }, (m) => {
          if (m && 'error' in m) log.warn(`the benchmark cache could not be written (${m.error})`)
          resolve(!!m && 'done' in m)
        })
      )
    } finally {
      this.end()
    }
  }

  dispose(): void {
    if (this.idle) clearTimeout(this.idle)
    this.idle = null
    const slots = this.slots
    this.slots = []
    for (const s of slots) {
      s.busy = null
      void s.worker.terminate()
    }
  }
}
