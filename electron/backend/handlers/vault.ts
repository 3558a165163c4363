import type { vaultChannels } from '../../../shared/ipc/channels/vault'
import { log } from '../log'
import type { HandlerContext, HandlersFor } from './context'

export function vaultHandlers(ctx: HandlerContext): HandlersFor<typeof vaultChannels> {
  const { session, services } = ctx
  const rebuildIndex = () => services.clients.doctor()
  const adopt = (id: string) => services.clients.adopt(id)
  return {
    'vault.status': () => ({
      exists: session.vault.exists(),
      unlocked: session.vault.unlocked,
      location: session.vault.dir,
      readOnly: session.vault.unlocked && session.readOnly,
      writeProblem: ctx.services.writeHealth.current(),
      lastClientId: session.vault.unlocked ? ctx.services.lastClient.get() : null
    }),
    'vault.create': async ({ passphrase }) => {
      const out = await session.vault.create(passphrase, ctx.opts)
      session.attachIndex(rebuildIndex, adopt)
      return out
    },
    'vault.unlock': async (secret) => {
      if (session.vault.unlocked) session.lock()
      await session.vault.unlock(secret)
      const { rebuilt } = session.attachIndex(rebuildIndex, adopt)
      if (rebuilt) log.warn('vault index was missing or damaged; rebuilt from the client files')
      return { clientCount: session.index.count() }
    },
    'vault.lock': () => {
      session.lock()
      ctx.emit('vault.locked', { reason: 'user' })
      return null
    },
    'vault.changePassphrase': async ({ current, next }) => {
      await session.vault.changePassphrase(current, next, ctx.opts)
      return null
    },
    'vault.resetPassphrase': async ({ recoveryKey, next }) => {
      await session.vault.resetPassphrase(recoveryKey, next, ctx.opts)
      return null
    },
    'vault.doctor': () => {
      ctx.requireUnlocked()
      return services.clients.doctor()
    }
  }
}
