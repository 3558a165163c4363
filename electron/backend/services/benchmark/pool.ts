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
import type { FileResult, FileTask } from './aggregate'

const IDLE_MS = 60_000

function spawnWorker(): Worker {
  const bundled = join(__dirname, 'benchmarkWorker.js')
  if (existsSync(bundled)) return new Worker(bundled)
  const source = join(__dirname, 'worker.ts')
  const tsx = createRequire(__filename).resolve('tsx/cjs/api')
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)})`, { eval: true })
}

interface Slot {
  worker: Worker
  /** The task it is working on, with what to call when it ends. */
  busy: { id: number; task: FileTask; done: (r: FileResult) => void } | null
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
    s.worker.on('message', (m: { id: number; result: FileResult }) => {
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
        b.done({ clientId: b.task.clientId, ok: false, reason: 'unreadable', message: 'Reading this client file stopped its reader unexpectedly.' })
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
   * Runs every task, at most `size` at a time, calling `onResult` as each finishes. `shouldStop` is asked before each
   * task is handed out: once it says yes, no new task starts and the promise resolves when the running ones end.
   */
  run(tasks: FileTask[], onResult: (r: FileResult) => void, shouldStop: () => boolean): Promise<{ started: number }> {
    if (this.idle) clearTimeout(this.idle)
    this.idle = null
    this.running++
    for (const s of this.slots) s.worker.ref()
    let next = 0
    let running = 0
    return new Promise((resolve) => {
      const finish = () => {
        this.running--
        if (this.running === 0) for (const s of this.slots) s.worker.unref()
        this.idle = setTimeout(() => this.dispose(), IDLE_MS)
        this.idle.unref()
        resolve({ started: next })
      }
      const feed = (s: Slot) => {
        if (next >= tasks.length || shouldStop()) {
          if (running === 0) finish()
          return
        }
        const task = tasks[next++]
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
      if (tasks.length === 0) return finish()
      const want = Math.min(this.size, tasks.length)
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
