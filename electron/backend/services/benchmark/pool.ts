/**
 * A small pool of worker threads for the benchmark, so no client file is read on the backend's own thread. Workers
 * start on the first run and stop after a minute idle; they hold no key between tasks. In the packaged app the
 * worker is its own bundle entry (`benchmarkWorker.js` beside the backend); from sources (tests, CLI, bench) it is
 * loaded through tsx.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { log } from '../../log'
import type { FileTask } from './aggregate'

const IDLE_MS = 60_000

/** A file's result as stored: JSON strings, made in the worker. `ok: false` carries { reason, message }. */
export interface WorkerResult {
  clientId: string
  ok: boolean
  aggregates: string
  cockpit: string | null
}

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
  /** The task it is working on, with what to call when it ends. */
  busy: { id: number; task: FileTask; done: (r: WorkerResult) => void } | null
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
    s.worker.on('message', (m: { id: number; result: WorkerResult }) => {
      const b = s.busy
      if (!b || b.id !== m.id) return
      s.busy = null
      b.done(m.result)
    })
    // A worker that dies takes its file with it: that file is reported unreadable and a fresh worker takes its place.
    const died = (why: string) => {
      const b = s.busy
      s.busy = null
      this.slots = this.slots.filter((x) => x !== s)
      if (b) {
        log.warn(`a benchmark worker stopped (${why})`)
        b.done({
          clientId: b.task.clientId,
          ok: false,
          aggregates: JSON.stringify({ reason: 'unreadable', message: 'Reading this client file stopped its reader unexpectedly.' }),
          cockpit: null
        })
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
    if (this.idle) clearTimeout(this.idle)
    this.idle = null
    this.running++
    for (const s of this.slots) s.worker.ref()
    let next = 0
    let running = 0
    return new Promise((resolve) => {
      let finished = false
      const finish = () => {
        if (finished) return
        finished = true
        this.running--
        if (this.running === 0) for (const s of this.slots) s.worker.unref()
        this.idle = setTimeout(() => this.dispose(), IDLE_MS)
        this.idle.unref()
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
        const id = this.nextId++
        s.busy = {
          id,
          task,
          done: (r) => {
            running--
            onResult(r)
            // The slot may have died; hand the next task to a live one.
            feed(this.slots.includes(s) ? s : this.slot())
          }
        }
        s.worker.postMessage({ id, task })
      }
      if (ids.length === 0) return finish()
      const want = Math.min(this.size, ids.length)
      while (this.slots.length < want) this.slot()
      for (const s of this.slots.slice(0, want)) feed(s)
    })
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
