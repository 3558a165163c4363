/** Field schemas shared by several channels. */
import { z } from 'zod'
import { ARR_BANDS, COMPANY_STAGES, REGIONS, SALES_MOTIONS } from '../domain/segment'

export const CLIENT_NAME_MAX = 120
// Control characters would corrupt exports and terminal output; everything else (slashes, dots, emoji) is fine
// because names never become file names.
export const clientName = z
  .string({ error: 'Client name must be text' })
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, 'Client name cannot be empty')
      .max(CLIENT_NAME_MAX, `Client name is too long (the limit is ${CLIENT_NAME_MAX} characters)`)
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'Client name cannot contain control characters')
  )

export const clientId = z.string().regex(/^c_[a-z2-7]{16}$/, 'Not a client id')
export const passphrase = z
  .string()
  .min(8, 'The passphrase must have at least 8 characters')
  .max(1024, 'The passphrase is too long')
// The passphrase given to unlock is not checked for strength: a short one is just wrong.
export const anyPassphrase = z.string().min(1, 'Enter the passphrase').max(1024, 'The passphrase is too long')
export const recoveryKey = z.string().min(1).max(200)

export const segmentInput = z.object({
  companyStage: z.enum(COMPANY_STAGES).nullable().default(null),
  arrBand: z.enum(ARR_BANDS).nullable().default(null),
  salesMotion: z.enum(SALES_MOTIONS).nullable().default(null),
  region: z.enum(REGIONS).nullable().default(null)
})

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are YYYY-MM-DD')
export const empty = z.object({}).strict()


/** `channel<Result>()(inputSchema)`: the input type is inferred from the schema, the result type is declared. */
export const channel =
  <R>() =>
  <I extends z.ZodType>(input: I) => ({ input, result: undefined as unknown as R })

export const byClient = z.object({ id: clientId }).strict()
