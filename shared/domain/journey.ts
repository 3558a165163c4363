/**
 * The partnering journey: five stages, each with objectives, exit criteria and starter milestones (product guide,
 * seed 004: "no methodology, framework or road map"). The default template is what every client starts from; the
 * consultant's own templates have the same shape.
 */

export const STAGE_KEYS = ['foundations', 'prove', 'activate', 'scale', 'optimize'] as const
export type StageKey = (typeof STAGE_KEYS)[number]

export const OWNER_SIDES = ['client', 'consultant'] as const
export type OwnerSide = (typeof OWNER_SIDES)[number]
export const OWNER_SIDE_LABELS: Record<OwnerSide, string> = { client: 'Client team', consultant: 'Consultant' }

export const MILESTONE_STATUSES = ['planned', 'in_progress', 'done', 'blocked', 'dropped'] as const
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number]
export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  blocked: 'Blocked',
  dropped: 'Dropped'
}

/** A stage gate: open until its work starts, active while it runs, completed when the exit criteria are met (or a reason is given). */
export const GATE_STATES = ['not_started', 'active', 'completed'] as const
export type GateState = (typeof GATE_STATES)[number]
export const GATE_STATE_LABELS: Record<GateState, string> = {
  not_started: 'Not started',
  active: 'In progress',
  completed: 'Completed'
}

/**
 * Kinds of milestone with the usual number of days each takes. These are practitioners' defaults; the benchmark
 * feature later replaces them with medians of other clients' actual durations (see `realismWarnings`).
 */
export const MILESTONE_KIND_KEYS = [
  'strategy',
  'ideal_partner_profile',
  'internal_buy_in',
  'recruitment',
  'proof_of_concept',
  'activation_plan',
  'onboarding',
  'first_commercial_event',
  'program_design',
  'infrastructure',
  'hiring',
  'review',
  'other'
] as const
export type MilestoneKind = (typeof MILESTONE_KIND_KEYS)[number]
export const MILESTONE_KINDS: Record<MilestoneKind, { label: string; usualDays: number | null }> = {
  strategy: { label: 'Partner strategy', usualDays: 30 },
  ideal_partner_profile: { label: 'Ideal partner profile', usualDays: 21 },
  internal_buy_in: { label: 'Internal buy-in', usualDays: 30 },
  recruitment: { label: 'Partner recruitment', usualDays: 60 },
  proof_of_concept: { label: 'Proof of concept', usualDays: 90 },
  activation_plan: { label: 'Activation plan', usualDays: 30 },
  onboarding: { label: 'Onboarding and enablement', usualDays: 45 },
  first_commercial_event: { label: 'First commercial event', usualDays: 90 },
  program_design: { label: 'Program design (tiers, benefits)', usualDays: 45 },
  infrastructure: { label: 'Infrastructure and attribution', usualDays: 90 },
  hiring: { label: 'Hiring partner managers', usualDays: 75 },
  review: { label: 'Review or workshop', usualDays: 7 },
  other: { label: 'Other', usualDays: null }
}
export type UsualDurations = Partial<Record<MilestoneKind, number | null>>
export const DEFAULT_USUAL_DAYS: UsualDurations = Object.fromEntries(
  MILESTONE_KIND_KEYS.map((k) => [k, MILESTONE_KINDS[k].usualDays])
) as UsualDurations

/** A plan shorter than this share of the usual duration gets a realism warning. */
export const REALISM_SHORT_RATIO = 0.5

export interface TemplateMilestone {
  title: string
  kind: MilestoneKind
  owner: OwnerSide
  /** Days after the journey's start date. */
  startOffset: number
  durationDays: number
  /** Titles of milestones (anywhere in the template) this one waits for. */
  dependsOn?: string[]
}

export interface TemplateStage {
  key: StageKey | string
  name: string
  objectives: string[]
  exitCriteria: string[]
  milestones: TemplateMilestone[]
}

export interface JourneyTemplate {
  name: string
  stages: TemplateStage[]
}

export const DEFAULT_TEMPLATE_ID = 'default'

export const DEFAULT_JOURNEY: JourneyTemplate = {
  name: 'Partnering journey (default)',
  stages: [
    {
      key: 'foundations',
      name: 'Foundations',
      objectives: [
        'Partner strategy aligned with the business strategy',
        'An ideal partner profile and the partner types that fit it',
        'Internal buy-in: an executive sponsor, sales, marketing and customer success'
      ],
      exitCriteria: [
        'Partner strategy signed off by the executive sponsor',
        'Ideal partner profile written and shared with sales',
        'Partner types chosen, with the reason for each',
        'Sales, marketing and customer success leads have agreed their part'
      ],
      milestones: [
        { title: 'Partner strategy workshop', kind: 'strategy', owner: 'consultant', startOffset: 0, durationDays: 30 },
        {
          title: 'Ideal partner profile',
          kind: 'ideal_partner_profile',
          owner: 'consultant',
          startOffset: 31,
          durationDays: 21,
          dependsOn: ['Partner strategy workshop']
        },
        { title: 'Executive sponsor and internal buy-in', kind: 'internal_buy_in', owner: 'client', startOffset: 7, durationDays: 35 }
      ]
    },
    {
      key: 'prove',
      name: 'Prove',
      objectives: [
        'Sign the first partners of the chosen types',
        'Run a proof of concept with enough partner interactions to learn from',
        'Test the key hypotheses behind the plan'
      ],
      exitCriteria: [
        'At least 10 partner conversations logged against the ideal partner profile',
        'First partners signed',
        'The most important hypotheses tested, with decisions recorded'
      ],
      milestones: [
        {
          title: 'Recruit first partners',
          kind: 'recruitment',
          owner: 'client',
          startOffset: 53,
          durationDays: 60,
          dependsOn: ['Ideal partner profile']
        },
        {
          title: 'Proof of concept with first partners',
          kind: 'proof_of_concept',
          owner: 'client',
          startOffset: 114,
          durationDays: 90,
          dependsOn: ['Recruit first partners']
        },
        { title: 'Hypothesis review', kind: 'review', owner: 'consultant', startOffset: 200, durationDays: 7 }
      ]
    },
    {
      key: 'activate',
      name: 'Activate',
      objectives: [
        'An activation plan per partner, covering the ten alignment topics',
        'Onboarding and enablement that get partners selling',
        'Joint goals and the first commercial events'
      ],
      exitCriteria: [
        'Every signed partner has an agreed activation plan',
        'Onboarding completed by each active partner',
        'First commercial event reached by at least a third of signed partners'
      ],
      milestones: [
        {
          title: 'Activation plans agreed',
          kind: 'activation_plan',
          owner: 'consultant',
          startOffset: 205,
          durationDays: 30,
          dependsOn: ['Proof of concept with first partners']
        },
        {
          title: 'Partner onboarding and enablement',
          kind: 'onboarding',
          owner: 'client',
          startOffset: 236,
          durationDays: 45,
          dependsOn: ['Activation plans agreed']
        },
        { title: 'First commercial events', kind: 'first_commercial_event', owner: 'client', startOffset: 250, durationDays: 90 }
      ]
    },
    {
      key: 'scale',
      name: 'Scale',
      objectives: [
        'Tiers, benefits and program rules',
        'Infrastructure and attribution for partner pipeline',
        'Repeatable motions; partner managers hired and coached'
      ],
      exitCriteria: [
        'Tiers and program rules published to partners',
        'Partner-sourced and influenced pipeline attributed in the CRM',
        'Partner managers hired and ramped'
      ],
      milestones: [
        { title: 'Program design: tiers and benefits', kind: 'program_design', owner: 'consultant', startOffset: 300, durationDays: 45 },
        { title: 'Attribution and partner infrastructure', kind: 'infrastructure', owner: 'client', startOffset: 310, durationDays: 90 },
        { title: 'Hire partner managers', kind: 'hiring', owner: 'client', startOffset: 330, durationDays: 75 }
      ]
    },
    {
      key: 'optimize',
      name: 'Optimize',
      objectives: [
        'Manage partners as a portfolio',
        'Prune dormant partners',
        'Ecosystem-led growth'
      ],
      exitCriteria: [
        'Quarterly portfolio review running',
        'Dormant partners pruned or re-activated',
        'Partner-sourced share of pipeline at the agreed target'
      ],
      milestones: [
        {
          title: 'First portfolio review',
          kind: 'review',
          owner: 'consultant',
          startOffset: 420,
          durationDays: 7,
          dependsOn: ['Program design: tiers and benefits']
        },
        { title: 'Prune dormant partners', kind: 'other', owner: 'client', startOffset: 428, durationDays: 30, dependsOn: ['First portfolio review'] }
      ]
    }
  ]
}

// ---------------------------------------------------------------- hypotheses (test cards)

export const HYPOTHESIS_CATEGORIES = [
  'strategy',
  'partner_fit',
  'partner_type',
  'value_proposition',
  'economics',
  'go_to_market',
  'enablement',
  'internal',
  'customer'
] as const
export type HypothesisCategory = (typeof HYPOTHESIS_CATEGORIES)[number]
export const HYPOTHESIS_CATEGORY_LABELS: Record<HypothesisCategory, string> = {
  strategy: 'Strategy',
  partner_fit: 'Partner fit',
  partner_type: 'Partner type',
  value_proposition: 'Value for partners',
  economics: 'Economics',
  go_to_market: 'Go to market',
  enablement: 'Enablement',
  internal: 'Internal alignment',
  customer: 'Customer problem'
}

export const EVIDENCE_STRENGTHS = ['none', 'anecdotal', 'weak', 'strong'] as const
export type EvidenceStrength = (typeof EVIDENCE_STRENGTHS)[number]
export const EVIDENCE_STRENGTH_LABELS: Record<EvidenceStrength, string> = {
  none: 'No evidence',
  anecdotal: 'Anecdotal',
  weak: 'Weak',
  strong: 'Strong'
}

export const HYPOTHESIS_STATUSES = ['untested', 'testing', 'validated', 'invalidated', 'retired'] as const
export type HypothesisStatus = (typeof HYPOTHESIS_STATUSES)[number]
export const HYPOTHESIS_STATUS_LABELS: Record<HypothesisStatus, string> = {
  untested: 'Untested',
  testing: 'Testing',
  validated: 'Validated',
  invalidated: 'Invalidated',
  retired: 'Retired'
}

export const DECISIONS = ['persevere', 'pivot', 'kill', 'keep_testing'] as const
export type Decision = (typeof DECISIONS)[number]
export const DECISION_LABELS: Record<Decision, string> = {
  persevere: 'Persevere',
  pivot: 'Pivot',
  kill: 'Kill',
  keep_testing: 'Keep testing'
}
/** The status a decision implies; the consultant can still change the status afterwards. */
export const DECISION_STATUS: Record<Decision, HypothesisStatus> = {
  persevere: 'validated',
  pivot: 'invalidated',
  kill: 'retired',
  keep_testing: 'testing'
}

export const EVIDENCE_DIRECTIONS = ['supports', 'refutes', 'neutral'] as const
export type EvidenceDirection = (typeof EVIDENCE_DIRECTIONS)[number]
export const EVIDENCE_DIRECTION_LABELS: Record<EvidenceDirection, string> = {
  supports: 'Supports',
  refutes: 'Refutes',
  neutral: 'Neutral'
}

export const IMPORTANCE_MIN = 1
export const IMPORTANCE_MAX = 5

/** "Test first": important (4–5) and not yet backed by more than anecdotes. */
export function isTestFirst(h: { importance: number; evidenceStrength: EvidenceStrength; status: HypothesisStatus }): boolean {
  return (
    h.importance >= 4 &&
    (h.evidenceStrength === 'none' || h.evidenceStrength === 'anecdotal') &&
    (h.status === 'untested' || h.status === 'testing')
  )
}

// ---------------------------------------------------------------- text limits (refused at the field)

export const LIMITS = {
  title: 200,
  notes: 5000,
  cardField: 1000,
  criterion: 300,
  evidence: 2000,
  reason: 2000,
  owner: 120,
  source: 200,
  templateName: 120,
  objective: 300
} as const
