/**
 * The one IPC contract: every channel (`domain.verb`) with its zod input schema and its result type.
 * The backend's handler map must implement every channel (see `Handlers`), the preload allows exactly
 * these names, and the renderer calls them through `api.call`.
 */
import { z } from 'zod'
import { ARR_BANDS, COMPANY_STAGES, REGIONS, SALES_MOTIONS, type Segment } from '../domain/segment'
import { LIFECYCLE_STAGES, PARTNER_TYPES, type LifecycleStage, type PartnerType } from '../domain/partner'

// ---------- reusable field schemas ----------
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

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are YYYY-MM-DD')
const empty = z.object({}).strict()

// ---------- result types ----------
export interface VaultStatus {
  /** Whether a vault exists in the configured folder. */
  exists: boolean
  unlocked: boolean
  /** Shown in settings so the consultant knows where the data lives. */
  location: string
}

export interface ClientSummary {
  id: string
  name: string
  segment: Segment
  archived: boolean
  createdAt: string
  updatedAt: string
}

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

export interface ClientOverview {
  client: ClientSummary
  partnerCount: number
  partnersByStage: Record<LifecycleStage, number>
  /** The most recently changed partners, for the overview screen. */
  recentPartners: PartnerRow[]
}

export interface DoctorReport {
  clientsFound: number
  indexRebuilt: boolean
  problems: { file: string; code: string; message: string }[]
}

// ---------- the contract ----------
/** `channel<Result>()(inputSchema)`: the input type is inferred from the schema, the result type is declared. */
const channel =
  <R>() =>
  <I extends z.ZodType>(input: I) => ({ input, result: undefined as unknown as R })

const byClient = z.object({ id: clientId }).strict()

export const contract = {
  'vault.status': channel<VaultStatus>()(empty),
  'vault.create': channel<{ recoveryKey: string }>()(z.object({ passphrase }).strict()),
  'vault.unlock': channel<{ clientCount: number }>()(
    z.union([z.object({ passphrase: anyPassphrase }).strict(), z.object({ recoveryKey }).strict()])
  ),
  'vault.lock': channel<null>()(empty),
  'vault.changePassphrase': channel<null>()(z.object({ current: anyPassphrase, next: passphrase }).strict()),
  'vault.doctor': channel<DoctorReport>()(empty),

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
  ),

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

export type Contract = typeof contract
export type Channel = keyof Contract
export type Input<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>
export type Output<C extends Channel> = Contract[C]['result']

export const CHANNELS = Object.keys(contract) as Channel[]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)
}

/** Events the backend pushes (past tense). */
export interface Events {
  'vault.locked': { reason: 'user' | 'idle' | 'system' }
}
