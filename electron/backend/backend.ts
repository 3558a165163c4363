/**
 * The backend: every contract channel, validated and answered as `{ ok, data } | { ok: false, error }`.
 * It runs in plain Node — in-process in tests and the CLI, behind the loopback harness for the browser, and in
 * Electron's utilityProcess in the app — and never imports `electron`.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { contract, isChannel, type Channel, type Events, type Output, type ParsedInput } from '../../shared/ipc/contract'
import type { Result } from '../../shared/ipc/errors'
import { AppError, toAppError } from './errors'
import { loadMigrations } from './db/clientFile'
import { log } from './log'
import { describeValidation } from './validation'
import { createServices } from './services/index'
import { Session } from './services/session'
import type { VaultOptions } from './vault/vault'
import type { HandlerContext } from './handlers/context'
import { backupHandlers } from './handlers/backup'
import { benchmarkHandlers } from './handlers/benchmark'
import { clientHandlers } from './handlers/client'
import { demoHandlers } from './handlers/demo'
import { hypothesisHandlers } from './handlers/hypothesis'
import { journeyHandlers } from './handlers/journey'
import { partnerHandlers } from './handlers/partner'
import { portfolioHandlers } from './handlers/portfolio'
import { reportHandlers } from './handlers/report'
import { vaultHandlers } from './handlers/vault'
import { workshopHandlers } from './handlers/workshop'

/** Every channel must have a handler: a missing one is a compile error here. */
export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<Output<C>> | Output<C> }

export interface BackendOptions extends VaultOptions {
  vaultDir: string
  /** Folder holding `migrations/`; defaults to the repository's `resources/`. */
  resourcesDir?: string
}

export type EventListener = <E extends keyof Events>(event: E, payload: Events[E]) => void

export interface Backend {
  call(channel: string, input: unknown): Promise<Result<unknown>>
  onEvent(listener: EventListener): () => void
  close(): void
  /** For tests and tools in the same process only; never exposed over a transport. */
  readonly session: Session
}

export function defaultResourcesDir(): string {
  // Source (electron/backend) and bundle (out/main) both sit two levels below the project root.
  const candidates = [resolve(__dirname, '../../resources'), resolve(__dirname, '../resources')]
  return candidates.find((d) => existsSync(resolve(d, 'migrations'))) ?? candidates[0]
}

export function createBackend(opts: BackendOptions): Backend {
  const migrations = loadMigrations(opts.resourcesDir ?? defaultResourcesDir())
  const session = new Session({ ...opts, migrations })
  const listeners = new Set<EventListener>()
  const ctx: HandlerContext = {
    session,
    services: createServices(session),
    opts,
    emit: (event, payload) => {
      for (const l of listeners) l(event, payload)
    },
    requireUnlocked: () => void session.vault.key()
  }

  ctx.services.writeHealth.onChange((problem) => ctx.emit('vault.writeProblemChanged', { problem }))

  const handlers: Handlers = {
    ...vaultHandlers(ctx),
    ...backupHandlers(ctx),
    ...clientHandlers(ctx),
    ...partnerHandlers(ctx),
    ...portfolioHandlers(ctx),
    ...demoHandlers(ctx),
    ...journeyHandlers(ctx),
    ...hypothesisHandlers(ctx),
    ...workshopHandlers(ctx),
    ...reportHandlers(ctx),
    ...benchmarkHandlers(ctx)
  }

  async function call(channel: string, input: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel))
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel “${String(channel).slice(0, 80)}”.` } }
    const parsed = contract[channel].input.safeParse(input ?? {})
    if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: describeValidation(parsed.error) } }
    try {
      const handler = handlers[channel] as (i: unknown) => unknown
      ctx.services.writeHealth.settle()
      return { ok: true, data: await handler(parsed.data) }
    } catch (err) {
      if (!(err instanceof AppError)) log.error(`${channel} failed`, err)
      return { ok: false, error: ctx.services.writeHealth.failed(toAppError(err)).toShape() }
    }
  }

  return {
    call,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => session.lock(),
    session
  }
}
