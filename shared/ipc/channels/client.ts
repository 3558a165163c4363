import { z } from 'zod'
import type { LifecycleStage } from '../../domain/partner'
import type { Segment } from '../../domain/segment'
import { anyPassphrase, byClient, channel, clientId, clientName, passphrase, segmentInput } from '../fields'
import type { PartnerRow } from './partner'

export interface ClientSummary {
  id: string
  name: string
  segment: Segment
  archived: boolean
  createdAt: string
  updatedAt: string
}

export interface ClientOverview {
  client: ClientSummary
  partnerCount: number
  partnersByStage: Record<LifecycleStage, number>
  /** The most recently changed partners, for the overview screen. */
  recentPartners: PartnerRow[]
}

/** What `client.importFile` did: a file of this vault opens as itself; any other becomes a new client. */
export interface ClientImportResult {
  client: ClientSummary
  outcome: 'existing' | 'imported'
}

export const clientChannels = {
  'client.list': channel<ClientSummary[]>()(z.object({ includeArchived: z.boolean().optional() }).strict()),
  'client.create': channel<ClientSummary>()(
    z.object({ name: clientName, segment: segmentInput.partial().strict().optional() }).strict()
  ),
  'client.open': channel<ClientOverview>()(byClient),
  'client.rename': channel<ClientSummary>()(z.object({ id: clientId, name: clientName }).strict()),
  'client.updateSegment': channel<ClientSummary>()(
    z.object({ id: clientId, segment: segmentInput.partial().strict() }).strict()
  ),
  'client.archive': channel<ClientSummary>()(z.object({ id: clientId, archived: z.boolean() }).strict()),
  'client.delete': channel<null>()(byClient),
  'client.handover': channel<{ path: string; bytes: number }>()(
    z
      .object({
        id: clientId,
        outPath: z.string().min(1).max(4096),
        passphrase,
        overwrite: z.boolean().optional()
      })
      .strict()
  ),
  /**
   * A `.trellis` file opened from the file manager: a handover file (keyed with `passphrase`) is copied into the
   * vault as a new client under a fresh key; a file already in this vault's clients folder just names its client.
   */
  'client.importFile': channel<ClientImportResult>()(
    z.object({ path: z.string().min(1).max(4096), passphrase: anyPassphrase.optional() }).strict()
  )
} as const
