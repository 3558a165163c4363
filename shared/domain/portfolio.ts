/**
 * Portfolio vocabulary from the product guide (seeds 000–002): activation topics, relationship-health signals,
 * risks, meetings, opportunities, and the written definitions of every portfolio metric.
 */

/** The ten alignment topics of an activation plan (seed 002). */
export const ACTIVATION_TOPICS = [
  'partnership-level',
  'goals-expectations',
  'resources',
  'rollout-speed',
  'partner-success',
  'what-to-expect',
  'customer-fit',
  'success-definition',
  'program-mechanics',
  'team-expectations'
] as const
export type ActivationTopic = (typeof ACTIVATION_TOPICS)[number]

export const ACTIVATION_TOPIC_LABELS: Record<ActivationTopic, string> = {
  'partnership-level': 'Level of partnership wanted',
  'goals-expectations': "Each side's goals and expectations",
  resources: 'Resources each side commits',
  'rollout-speed': 'Rollout speed',
  'partner-success': 'How we make the partner successful',
  'what-to-expect': 'What the partner can expect from us',
  'customer-fit': 'How many customers it fits',
  'success-definition': 'What success looks like',
  'program-mechanics': 'How the program works',
  'team-expectations': 'What we expect from their team'
}

/** `declined`: the partner refused to discuss it — a "pen pal", not a partner. */
export const TOPIC_STATES = ['not-discussed', 'discussed', 'agreed', 'declined'] as const
export type TopicState = (typeof TOPIC_STATES)[number]
export const TOPIC_STATE_LABELS: Record<TopicState, string> = {
  'not-discussed': 'Not discussed',
  discussed: 'Discussed',
  agreed: 'Agreed',
  declined: 'Declined'
}

/** The ten relationship-health signals (seed 001), each the inverse of a way to lose a partner. */
export const HEALTH_SIGNALS = [
  'value-beyond-leads',
  'realistic-timelines',
  'goals-shared',
  'two-way',
  'joint-plan',
  'meeting-cadence',
  'customer-problem',
  'internal-partnerships',
  'no-gossip',
  'truth-told'
] as const
export type HealthSignal = (typeof HEALTH_SIGNALS)[number]

export const HEALTH_SIGNAL_LABELS: Record<HealthSignal, string> = {
  'value-beyond-leads': 'Value beyond leads',
  'realistic-timelines': 'Realistic timelines',
  'goals-shared': 'Goals shared openly',
  'two-way': 'Give before take (two-way)',
  'joint-plan': 'A joint plan exists',
  'meeting-cadence': 'Meetings happen at the agreed cadence',
  'customer-problem': 'Partnering solves a customer problem (not a logo)',
  'internal-partnerships': 'Internal partnerships (sales, marketing, CS, execs on board)',
  'no-gossip': 'No gossip; standing up for the partner',
  'truth-told': 'Truth told (define-the-relationship talk when needed)'
}
/** 0 = absent, 1 = partly, 2 = clearly present. */
export const HEALTH_SCORE_LABELS = ['Absent', 'Partly', 'Clearly'] as const

export const RISK_KINDS = [
  'security-incident',
  'leaked-credentials',
  'key-person-left',
  'overpromising',
  'missed-deadlines',
  'acquisition',
  'channel-conflict',
  'other'
] as const
export type RiskKind = (typeof RISK_KINDS)[number]
export const RISK_KIND_LABELS: Record<RiskKind, string> = {
  'security-incident': 'Security incident',
  'leaked-credentials': 'Leaked credentials',
  'key-person-left': 'Key person left',
  overpromising: 'Overpromising',
  'missed-deadlines': 'Missed deadlines',
  acquisition: 'Acquisition',
  'channel-conflict': 'Channel conflict',
  other: 'Other'
}
export const RISK_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const
export type RiskSeverity = (typeof RISK_SEVERITIES)[number]
export const RISK_STATUSES = ['open', 'mitigating', 'closed'] as const
export type RiskStatus = (typeof RISK_STATUSES)[number]

export const MEETING_KINDS = ['check-in', 'qbr', 'workshop', 'dtr'] as const
export type MeetingKind = (typeof MEETING_KINDS)[number]
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  'check-in': 'Check-in',
  qbr: 'QBR',
  workshop: 'Workshop',
  dtr: 'Define-the-relationship'
}

export const OPPORTUNITY_KINDS = ['sourced', 'influenced'] as const
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number]
export const OPPORTUNITY_STAGES = ['qualification', 'discovery', 'proposal', 'negotiation', 'won', 'lost'] as const
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number]
export const OPPORTUNITY_STAGE_LABELS: Record<OpportunityStage, string> = {
  qualification: 'Qualification',
  discovery: 'Discovery',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  won: 'Won',
  lost: 'Lost'
}

/** Stages where a partner is in an active relationship (met at its tier's cadence, warned about). */
export const ACTIVE_STAGES = ['signed', 'activating', 'producing'] as const

/** Meeting cadence in days per tier when the client has not set its own; unknown tiers use the fallback. */
export const DEFAULT_CADENCE_DAYS: Record<string, number> = { Platinum: 14, Gold: 30, Silver: 45, Registered: 90 }
export const FALLBACK_CADENCE_DAYS = 60

export interface HealthWeights {
  commercial: number
  engagement: number
  relationship: number
}
export const DEFAULT_HEALTH_WEIGHTS: HealthWeights = { commercial: 40, engagement: 30, relationship: 30 }
/** Composite ≥ green is green, ≥ amber is amber, below is red. */
export const HEALTH_BANDS = { green: 70, amber: 40 } as const
export type HealthBand = 'green' | 'amber' | 'red' | 'unknown'

export interface PortfolioSettings {
  /** Days after signing by which a first commercial event must happen (the paper-partner window). */
  paperWindowDays: number
  healthWeights: HealthWeights
  /** Meeting cadence in days, by tier name. */
  cadenceDays: Record<string, number>
  /** Currency the portfolio's pipeline figures are reported in; other currencies are listed apart. */
  currency: string
  /** Saved views of the portfolio table (opaque to the backend). */
  savedViews: SavedView[]
}
export interface SavedView {
  name: string
  state: Record<string, unknown>
}
export const DEFAULT_PORTFOLIO_SETTINGS: PortfolioSettings = {
  paperWindowDays: 90,
  healthWeights: DEFAULT_HEALTH_WEIGHTS,
  cadenceDays: DEFAULT_CADENCE_DAYS,
  currency: 'USD',
  savedViews: []
}

/** The definitions the app states next to every figure: the numbers are only as good as the definition. */
export const METRIC_DEFINITIONS = {
  activation:
    "Activation is a partner's first commercial event: its first sourced opportunity, registered deal, or invoice.",
  activationRate:
    'Activation rate = partners signed in the period that reached a first commercial event within the window (default 90 days) ÷ partners signed in the period. The period is the 12 months ending one window before today, so every partner counted has had its full window. Typical programs reach 20–40 %.',
  timeToFirstCommercial:
    'Time to first commercial event: days from the signed date to the first commercial event, for partners that reached one; the median is reported.',
  paperPartnerRatio:
    'Paper-partner ratio = signed partners past the window with no commercial event ÷ signed partners (partners with a signed date that have not exited).',
  sourcedShare:
    'Partner-sourced share = sourced pipeline ÷ all partner pipeline (sourced + influenced) in the period, lost deals excluded; influenced pipeline is counted separately, never added to sourced.',
  concentration:
    'Concentration = share of partner pipeline (lost excluded) from the top partner, and from the top three.',
  cadenceAdherence:
    "Meeting cadence adherence = share of active partners (signed, activating, producing) met within their tier's cadence.",
  healthScore:
    'Health score (0–100) = weighted mean of three parts: commercial (a first commercial event, live pipeline), engagement (meetings at cadence, activation plan progress, actions done on time) and relationship (the latest scores of the ten health signals). A part with no data is left out and the weights of the others are rescaled. Green ≥ 70, amber ≥ 40, red below.'
} as const
