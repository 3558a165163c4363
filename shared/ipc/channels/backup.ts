import { z } from 'zod'
import { channel, clientId, empty } from '../fields'
import type { ClientSummary } from './client'

/** Why a backup was made: on close, the daily one while a client stays open, by hand, or as a safety copy. */
export type BackupKind = 'close' | 'daily' | 'manual' | 'pre-restore' | 'pre-migration'

export interface BackupInfo {
  /** The backup's file name inside the client's backup folder; pass it to `backup.restore`. */
  id: string
  kind: BackupKind
  createdAt: string
  bytes: number
}

/** How many backups are kept per client: the newest of each of the last `daily` days and `weekly` weeks. */
export interface BackupPolicy {
  daily: number
  weekly: number
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { daily: 14, weekly: 8 }

// A backup id is a bare file name the backend made; anything with a slash or dots in the wrong place is refused
// here, so no path ever reaches the file system from the caller.
export const backupId = z
  .string()
  .max(120)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[a-z][a-z0-9-]*\.trellis$/, 'Not a backup id (see backup list)')

export const backupChannels = {
  'backup.list': channel<BackupInfo[]>()(z.object({ clientId }).strict()),
  'backup.create': channel<BackupInfo>()(z.object({ clientId }).strict()),
  'backup.restore': channel<ClientSummary>()(
    z.object({ clientId, backupId, asNew: z.boolean().optional() }).strict()
  ),
  'backup.policy': channel<BackupPolicy>()(empty),
  'backup.setPolicy': channel<BackupPolicy>()(
    z
      .object({
        daily: z.number().int().min(1, 'Keep at least one daily backup').max(366, 'Keep at most 366 daily backups'),
        weekly: z.number().int().min(0).max(520, 'Keep at most 520 weekly backups')
      })
      .strict()
  )
} as const
