import type { demoChannels } from '../../../shared/ipc/channels/demo'
import { whenUnlocked, type HandlerContext, type HandlersFor } from './context'

export function demoHandlers(ctx: HandlerContext): HandlersFor<typeof demoChannels> {
  return whenUnlocked(ctx, {
    'demo.seed': ({ clients, partners, seed }) => ctx.services.demo.seed(clients, partners, seed)
  })
}
