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
import { ClientService } from './services/clients'
import { DemoService } from './services/demo'
import { PartnerService } from './services/partners'
import { Session } from './services/session'
import type { VaultOptions } from './vault/vault'

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
  // Source (electron/backend) and bundle (out/main) are both two levels below the project root.
  const candidates = [resolve(__dirname, '../../resources'), resolve(__dirname, '../resources')]
  return candidates.find((d) => existsSync(resolve(d, 'migrations'))) ?? candidates[0]
}

export function createBackend(opts: BackendOptions): Backend {
  const migrations = loadMigrations(opts.resourcesDir ?? defaultResourcesDir())
  const session = new Session({ ...opts, migrations })
  const clients = new ClientService(session)
  const partnerService = new PartnerService(session)
  const demo = new DemoService(session, clients)
  const listeners = new Set<EventListener>()
  const emit: EventListener = (event, payload) => {
    for (const l of listeners) l(event, payload)
  }

  const unlocked = () => {
    session.vault.key()
    return session
  }

  const handlers: Handlers = {
    'vault.status': () => ({
      exists: session.vault.exists(),
      unlocked: session.vault.unlocked,
      location: session.vault.dir
    }),
    'vault.create': async ({ passphrase }) => {
      const out = await session.vault.create(passphrase, opts)
      session.attachIndex(() => clients.doctor())
      return out
    },
    'vault.unlock': async (secret) => {
      if (session.vault.unlocked) session.lock()
      await session.vault.unlock(secret)
      const { rebuilt } = session.attachIndex(() => clients.doctor())
      if (rebuilt) log.warn('vault index was missing or damaged; rebuilt from the client files')
      return { clientCount: session.index.count() }
    },
    'vault.lock': () => {
      session.lock()
      emit('vault.locked', { reason: 'user' })
      return null
    },
    'vault.changePassphrase': async ({ current, next }) => {
      await session.vault.changePassphrase(current, next, opts)
      return null
    },
    'vault.doctor': () => (unlocked(), clients.doctor()),

    'client.list': ({ includeArchived }) => (unlocked(), clients.list(includeArchived)),
    'client.create': ({ name, segment }) => (unlocked(), clients.create(name, segment)),
    'client.open': ({ id }) => (unlocked(), clients.open(id)),
    'client.rename': ({ id, name }) => (unlocked(), clients.rename(id, name)),
    'client.updateSegment': ({ id, segment }) => (unlocked(), clients.updateSegment(id, segment)),
    'client.archive': ({ id, archived }) => (unlocked(), clients.archive(id, archived)),
    'client.delete': ({ id }) => (unlocked(), clients.delete(id), null),
    'client.handover': ({ id, outPath, passphrase, overwrite }) => (
      unlocked(), clients.handover(id, outPath, passphrase, overwrite)
    ),

    'partner.list': ({ clientId }) => (unlocked(), partnerService.list(clientId)),
    'partner.create': ({ clientId, ...p }) => (unlocked(), partnerService.create(clientId, p)),

    'demo.seed': ({ clients: n, partners: m, seed }) => (unlocked(), demo.seed(n, m, seed))
  }

  async function call(channel: string, input: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel “${String(channel).slice(0, 80)}”.` } }
    const parsed = contract[channel].input.safeParse(input ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
      return { ok: false, error: { code: 'VALIDATION', message: `${issue?.message ?? 'Invalid input'}${where}` } }
    }
    try {
      const handler = handlers[channel] as (i: unknown) => unknown
      return { ok: true, data: await handler(parsed.data) }
    } catch (err) {
      const appErr = err instanceof AppError ? err : toAppError(err)
      if (!(err instanceof AppError)) log.error(`${channel} failed`, err)
      return { ok: false, error: appErr.toShape() }
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
