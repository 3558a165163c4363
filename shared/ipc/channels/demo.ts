import { z } from 'zod'
import { channel } from '../fields'

export const demoChannels = {
  'demo.seed': channel<{ created: number }>()(
    z
      .object({
        clients: z.number().int().min(1).max(500),
        partners: z.number().int().min(0).max(10_000),
        seed: z.number().int().min(0).max(2 ** 31)
      })
      .strict()
  )
} as const
