import { z } from 'zod'
import { LIFECYCLE_STAGES, PARTNER_TYPES, type LifecycleStage, type PartnerType } from '../../domain/partner'
import { channel, clientId, isoDate } from '../fields'

export interface PartnerRow {
  id: string
  name: string
  type: PartnerType
  tier: string | null
  stage: LifecycleStage
  signedAt: string | null
  firstCommercialAt: string | null
  owner: string | null
}

export const partnerChannels = {
  'partner.list': channel<PartnerRow[]>()(z.object({ clientId }).strict()),
  'partner.create': channel<PartnerRow>()(
    z
      .object({
        clientId,
        name: z.string().trim().min(1, 'Partner name cannot be empty').max(200, 'Partner name is too long'),
        type: z.enum(PARTNER_TYPES),
        stage: z.enum(LIFECYCLE_STAGES).optional(),
        tier: z.string().max(60).nullable().optional(),
        signedAt: isoDate.nullable().optional(),
        owner: z.string().max(200).nullable().optional()
      })
      .strict()
  )
} as const
