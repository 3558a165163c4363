import type { Contract, EventName, Events, Output, ParsedInput } from '../../../shared/ipc/contract'
import type { Services } from '../services/index'
import type { Session } from '../services/session'
import type { VaultOptions } from '../vault/vault'

/** What every handler can use. */
export interface HandlerContext {
  session: Session
  services: Services
  opts: VaultOptions
  emit<E extends EventName>(event: E, payload: Events[E]): void
  /** Throws VAULT_LOCKED unless the vault is unlocked. */
  requireUnlocked(): void
}

/** The handlers for one domain's channels, e.g. `HandlersFor<typeof vaultChannels>`. */
export type HandlersFor<Chs extends Partial<Contract>> = {
  [C in keyof Chs & keyof Contract]: (input: ParsedInput<C>) => Promise<Output<C>> | Output<C>
}

/** Wraps every handler of a map so it answers VAULT_LOCKED while the vault is locked. */
export function whenUnlocked<H extends Record<string, (input: never) => unknown>>(ctx: HandlerContext, handlers: H): H {
  const out: Record<string, (input: never) => unknown> = {}
  for (const [name, fn] of Object.entries(handlers)) {
    out[name] = (input: never) => {
      ctx.requireUnlocked()
      return fn(input)
    }
  }
  return out as H
}
