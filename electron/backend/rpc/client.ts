/**
 * Main's side of the backend process: request/response correlation and restart-on-death. It never imports
 * electron (the app plugs in `utilityProcess.fork`, tests plug in `child_process.fork`), so it is tested in Node.
 *
 * Guarantees: every call settles. A call that was in flight when the process died answers `BACKEND_RESTARTED`
 * (it may or may not have been applied, so it is never retried silently); calls made while a new process is
 * starting are sent to it. A process that keeps dying is restarted with a growing delay.
 */
import type { Result } from '../../../shared/ipc/errors'
import { isEvent, isReady, isResponse, type BackendRequest } from './protocol'

export interface ChildHooks {
  onMessage(message: unknown): void
  /** The process is gone (crashed, killed or exited), whatever the reason. */
  onExit(code: number | null): void
}

export interface ChildHandle {
  send(message: BackendRequest): void
  kill(): void
  /** For logs and tests. */
  readonly pid?: number
}

export type SpawnChild = (hooks: ChildHooks) => ChildHandle

export interface BackendClientOptions {
  spawn: SpawnChild
  onEvent?: (event: string, payload: unknown) => void
  /** After an unexpected exit, once the replacement was started. */
  onRestart?: (info: { code: number | null; restarts: number }) => void
  /** Delay before restart n (0-based) of a crash loop; a process that lived `stableMs` resets the count. */
  restartDelayMs?: (n: number) => number
  stableMs?: number
}

interface Pending {
  resolve(r: Result<unknown>): void
  sent: boolean
  request: BackendRequest
}

export class BackendClient {
  private child: ChildHandle | null = null
  /** The process said `{ ready: true }`: its listener is installed (Node drops IPC messages sent earlier). */
  private ready = false
  private generation = 0
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private stopped = false
  private crashStreak = 0
  private startedAt = 0
  private restartTimer: ReturnType<typeof setTimeout> | null = null
  private exitWaiters: (() => void)[] = []
  /** How many times the process was restarted after dying. */
  restarts = 0

  constructor(private readonly opts: BackendClientOptions) {
    this.start()
  }

  call(channel: string, input: unknown): Promise<Result<unknown>> {
    if (this.stopped) return Promise.resolve(closing())
    const request: BackendRequest = { id: this.nextId++, channel, input }
    return new Promise((resolve) => {
      const p: Pending = { resolve, sent: false, request }
      this.pending.set(request.id, p)
      if (this.child && this.ready) this.send(p)
    })
  }

  get inFlight(): number {
    return this.pending.size
  }

  /** Stops the process for good (app quit). Pending calls answer CANCELLED. */
  stop(): Promise<void> {
    this.stopped = true
    if (this.restartTimer) clearTimeout(this.restartTimer)
    this.settleAll(() => true, closing())
    const child = this.child
    if (!child) return Promise.resolve()
    return new Promise((resolve) => {
      this.exitWaiters.push(resolve)
      child.kill()
    })
  }

  private start(): void {
    const gen = ++this.generation
    this.startedAt = Date.now()
    this.ready = false
    this.child = this.opts.spawn({
      onMessage: (m) => {
        if (gen === this.generation) this.receive(m)
      },
      onExit: (code) => {
        if (gen === this.generation) this.exited(code)
      }
    })
  }

  private send(p: Pending): void {
    p.sent = true
    try {
      this.child?.send(p.request)
    } catch {
      // The port is closing; the exit hook will settle this call.
    }
  }

  private receive(m: unknown): void {
    if (isResponse(m)) {
      const p = this.pending.get(m.id)
      if (!p) return
      this.pending.delete(m.id)
      p.resolve(m.result)
    } else if (isEvent(m)) {
      this.opts.onEvent?.(m.event, m.payload)
    } else if (isReady(m)) {
      this.ready = true
      for (const p of this.pending.values()) if (!p.sent) this.send(p)
    }
  }

  private exited(code: number | null): void {
    this.child = null
    this.ready = false
    this.generation++
    for (const w of this.exitWaiters.splice(0)) w()
    if (this.stopped) return
    // Calls the dead process had received may or may not have been applied: answer them, never resend.
    this.settleAll((p) => p.sent, {
      ok: false,
      error: {
        code: 'BACKEND_RESTARTED',
        message: 'Trellis restarted its data engine while this was running. Unlock again and retry.'
      }
    })
    const stable = Date.now() - this.startedAt >= (this.opts.stableMs ?? 10_000)
    this.crashStreak = stable ? 0 : this.crashStreak + 1
    const delay = (this.opts.restartDelayMs ?? defaultDelay)(this.crashStreak)
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null
      if (this.stopped) return
      this.restarts++
      this.start()
      this.opts.onRestart?.({ code, restarts: this.restarts })
    }, delay)
  }

  private settleAll(which: (p: Pending) => boolean, result: Result<unknown>): void {
    for (const [id, p] of this.pending) {
      if (!which(p)) continue
      this.pending.delete(id)
      p.resolve(result)
    }
  }
}

function defaultDelay(streak: number): number {
  return streak === 0 ? 0 : Math.min(250 * 2 ** (streak - 1), 5_000)
}

function closing(): Result<unknown> {
  return { ok: false, error: { code: 'CANCELLED', message: 'Trellis is closing.' } }
}
