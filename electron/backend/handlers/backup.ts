import type { backupChannels } from '../../../shared/ipc/channels/backup'
import { whenUnlocked, type HandlerContext, type HandlersFor } from './context'

export function backupHandlers(ctx: HandlerContext): HandlersFor<typeof backupChannels> {
  const { backups } = ctx.services
  return whenUnlocked(ctx, {
    'backup.list': ({ clientId }) => backups.list(clientId),
    'backup.create': ({ clientId }) => backups.create(clientId),
    'backup.restore': ({ clientId, backupId, asNew }) => backups.restore(clientId, backupId, asNew),
    'backup.policy': () => backups.policy(),
    'backup.setPolicy': (policy) => backups.setPolicy(policy)
  })
}
