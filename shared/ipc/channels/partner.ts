import { z } from 'zod'
import { LIFECYCLE_STAGES, PARTNER_TYPES, type LifecycleStage, type PartnerType } from '../../domain/partner'
import {
  ACTIVATION_TOPICS,
  HEALTH_SIGNALS,
  MEETING_KINDS,
  OPPORTUNITY_KINDS,
  OPPORTUNITY_STAGES,
  RISK_KINDS,
  RISK_SEVERITIES,
  RISK_STATUSES,
  TOPIC_STATES,
  type ActivationTopic,
  type HealthSignal,
  type MeetingKind,
  type OpportunityKind,
  type OpportunityStage,
  type RiskKind,
  type RiskSeverity,
  type RiskStatus,
  type TopicState
} from '../../domain/portfolio'
import type { HealthScore, Warning } from '../../portfolio/metrics'
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

export interface PartnerRecord extends PartnerRow {
  partnerTiersUs: string | null
  domain: string | null
  notes: string | null
  createdAt: string
  updatedAt: string
}
export interface StageChange {
  id: string
  stage: LifecycleStage
  at: string
  note: string | null
}
export interface Contact {
  id: string
  name: string
  email: string | null
  role: string | null
  isPrimary: boolean
  startedAt: string | null
  endedAt: string | null
}
export interface TopicEntry {
  topic: ActivationTopic
  state: TopicState
  date: string | null
  notes: string | null
}
export interface Goal {
  id: string
  metric: string
  target: number | null
  unit: string | null
  dueAt: string | null
  currentValue: number | null
  shared: boolean
}
export interface Meeting {
  id: string
  date: string
  kind: MeetingKind
  attendees: string | null
  notes: string | null
}
export interface ActionItem {
  id: string
  meetingId: string | null
  text: string
  owner: string | null
  dueAt: string | null
  doneAt: string | null
}
export interface Opportunity {
  id: string
  name: string
  kind: OpportunityKind
  amount: number
  currency: string
  stage: OpportunityStage
  openedAt: string
  closeAt: string | null
  externalId: string | null
}
export interface HealthEntry {
  id: string
  signal: HealthSignal
  score: number
  date: string
  note: string | null
}
export interface Risk {
  id: string
  kind: RiskKind
  severity: RiskSeverity
  status: RiskStatus
  description: string | null
  mitigation: string | null
  raisedAt: string
}
export interface Credential {
  id: string
  name: string
  scope: string | null
  rotationDue: string | null
  owner: string | null
}

/** Everything the partner page shows. */
export interface PartnerDetail {
  partner: PartnerRecord
  stageHistory: StageChange[]
  contacts: Contact[]
  /** All ten topics, in order; missing ones are "not discussed". */
  topics: TopicEntry[]
  goals: Goal[]
  meetings: Meeting[]
  actions: ActionItem[]
  opportunities: Opportunity[]
  healthHistory: HealthEntry[]
  risks: Risk[]
  credentials: Credential[]
  health: HealthScore
  warnings: Warning[]
  cadenceDays: number
}

const text = (max: number) => z.string().trim().max(max)
const optText = (max: number) => text(max).nullable().optional()
const partnerId = z.string().min(1).max(64)
const itemId = z.string().min(1).max(64).optional()
const currency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'Currency is a three-letter code such as USD or EUR')
  .transform((s) => s.toUpperCase())
const ref = { clientId, partnerId }

export const partnerFields = {
  name: z.string().trim().min(1, 'Partner name cannot be empty').max(200, 'Partner name is too long'),
  type: z.enum(PARTNER_TYPES),
  stage: z.enum(LIFECYCLE_STAGES),
  tier: optText(60),
  partnerTiersUs: optText(60),
  signedAt: isoDate.nullable().optional(),
  firstCommercialAt: isoDate.nullable().optional(),
  owner: optText(200),
  domain: optText(200),
  notes: optText(20_000)
}

export const partnerChannels = {
  'partner.list': channel<PartnerRow[]>()(z.object({ clientId }).strict()),
  'partner.create': channel<PartnerRow>()(
    z
      .object({
        clientId,
        ...partnerFields,
        stage: partnerFields.stage.optional()
      })
      .strict()
  ),
  'partner.get': channel<PartnerDetail>()(z.object({ ...ref, asOf: isoDate.optional() }).strict()),
  /** Changes some fields; a stage change is added to the stage history (dated `stageAt`, default today). */
  'partner.update': channel<PartnerRecord>()(
    z
      .object({
        ...ref,
        patch: z.object(partnerFields).partial().strict(),
        stageAt: isoDate.optional(),
        stageNote: optText(500)
      })
      .strict()
  ),
  'partner.delete': channel<null>()(z.object(ref).strict()),
  /** Adds or edits a contact. A new primary contact ends the previous primary (that is the change history). */
  'partner.contact.save': channel<Contact>()(
    z
      .object({
        ...ref,
        id: itemId,
        name: text(200).min(1, 'Contact name cannot be empty'),
        email: optText(320),
        role: optText(200),
        isPrimary: z.boolean().default(false),
        startedAt: isoDate.nullable().optional(),
        endedAt: isoDate.nullable().optional()
      })
      .strict()
  ),
  'partner.topic.set': channel<TopicEntry>()(
    z
      .object({ ...ref, topic: z.enum(ACTIVATION_TOPICS), state: z.enum(TOPIC_STATES), date: isoDate.nullable().optional(), notes: optText(5000) })
      .strict()
  ),
  'partner.goal.save': channel<Goal>()(
    z
      .object({
        ...ref,
        id: itemId,
        metric: text(300).min(1, 'Say what the goal measures'),
        target: z.number().finite().nullable().optional(),
        unit: optText(40),
        dueAt: isoDate.nullable().optional(),
        currentValue: z.number().finite().nullable().optional(),
        shared: z.boolean().default(false)
      })
      .strict()
  ),
  'partner.meeting.save': channel<Meeting>()(
    z
      .object({
        ...ref,
        id: itemId,
        date: isoDate,
        kind: z.enum(MEETING_KINDS),
        attendees: optText(2000),
        notes: optText(20_000)
      })
      .strict()
  ),
  'partner.action.save': channel<ActionItem>()(
    z
      .object({
        ...ref,
        id: itemId,
        meetingId: z.string().max(64).nullable().optional(),
        text: text(1000).min(1, 'Describe the action'),
        owner: optText(200),
        dueAt: isoDate.nullable().optional(),
        doneAt: isoDate.nullable().optional()
      })
      .strict()
  ),
  'partner.opportunity.save': channel<Opportunity>()(
    z
      .object({
        ...ref,
        id: itemId,
        name: text(300).min(1, 'Name the opportunity'),
        kind: z.enum(OPPORTUNITY_KINDS),
        amount: z.number().finite().min(0, 'Amounts cannot be negative'),
        currency,
        stage: z.enum(OPPORTUNITY_STAGES),
        openedAt: isoDate,
        closeAt: isoDate.nullable().optional(),
        externalId: optText(200)
      })
      .strict()
  ),
  /** One health check: some or all of the ten signals scored 0–2 on one date. */
  'partner.health.record': channel<HealthEntry[]>()(
    z
      .object({
        ...ref,
        date: isoDate,
        scores: z
          .array(z.object({ signal: z.enum(HEALTH_SIGNALS), score: z.number().int().min(0).max(2), note: optText(2000) }).strict())
          .min(1, 'Score at least one signal')
          .max(HEALTH_SIGNALS.length)
      })
      .strict()
  ),
  /** Corrects one recorded signal score (score, note or date); the rest of that health check stays. */
  'partner.health.save': channel<HealthEntry>()(
    z
      .object({ ...ref, id: z.string().min(1).max(64), score: z.number().int().min(0).max(2), date: isoDate, note: optText(2000) })
      .strict()
  ),
  'partner.risk.save': channel<Risk>()(
    z
      .object({
        ...ref,
        id: itemId,
        kind: z.enum(RISK_KINDS),
        severity: z.enum(RISK_SEVERITIES),
        status: z.enum(RISK_STATUSES).default('open'),
        description: optText(5000),
        mitigation: optText(5000),
        raisedAt: isoDate
      })
      .strict()
  ),
  'partner.credential.save': channel<Credential>()(
    z
      .object({
        ...ref,
        id: itemId,
        name: text(200).min(1, 'Name the credential'),
        scope: optText(500),
        rotationDue: isoDate.nullable().optional(),
        owner: optText(200)
      })
      .strict()
      // A pasted token in the wrong field would otherwise be stored; the inventory never holds secrets.
      .refine((v) => !/(secret|password|token|api[_-]?key)\s*[:=]/i.test(`${v.name} ${v.scope ?? ''}`), {
        message: 'Record the name and scope of a credential only, never the secret itself'
      })
  ),
  'partner.item.delete': channel<null>()(
    z
      .object({
        ...ref,
        kind: z.enum(['contact', 'goal', 'meeting', 'action', 'opportunity', 'health', 'risk', 'credential']),
        id: z.string().min(1).max(64)
      })
      .strict()
  )
} as const
