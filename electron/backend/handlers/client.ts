import type { clientChannels } from '../../../shared/ipc/channels/client'
import { whenUnlocked, type HandlerContext, type HandlersFor } from './context'

export function clientHandlers(ctx: HandlerContext): HandlersFor<typeof clientChannels> {
  const { clients, lastClient } = ctx.services
  return whenUnlocked(ctx, {
    'client.list': ({ includeArchived }) => clients.list(includeArchived),
    'client.create': ({ name, segment }) => clients.create(name, segment),
    'client.open': ({ id }) => {
      const overview = clients.open(id)
      lastClient.opening(id)
      return overview
    },
    'client.rename': ({ id, name }) => clients.rename(id, name),
    'client.updateSegment': ({ id, segment }) => clients.updateSegment(id, segment),
    'client.archive': ({ id, archived }) => clients.archive(id, archived),
    'client.delete': ({ id }) => {
      clients.delete(id)
      return null
    },
    'client.handover': ({ id, outPath, passphrase, overwrite }) => clients.handover(id, outPath, passphrase, overwrite),
    'client.importFile': ({ path, passphrase }) => clients.importFile(path, passphrase)
  })
}
