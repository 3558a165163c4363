import type { partnerChannels } from '../../../shared/ipc/channels/partner'
import { whenUnlocked, type HandlerContext, type HandlersFor } from './context'

export function partnerHandlers(ctx: HandlerContext): HandlersFor<typeof partnerChannels> {
  const { partners } = ctx.services
  return whenUnlocked(ctx, {
    'partner.list': ({ clientId }) => partners.list(clientId),
    'partner.create': ({ clientId, ...p }) => partners.create(clientId, p)
  })
}
