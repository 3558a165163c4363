import { z } from 'zod'
import type { BenchmarkFigure, Cohort, CohortKey } from '../../benchmark/metrics'
import type { MilestoneKind } from '../../domain/journey'
import { PARTNER_TYPES } from '../../domain/partner'
import { ARR_BANDS, COMPANY_STAGES, REGIONS, SALES_MOTIONS } from '../../domain/segment'
import { channel, clientId, isoDate } from '../fields'

/** Why a client file was left out of a run. `needs-upgrade`: an older schema this version cannot read without migrating. */
export type SkipReason = 'needs-upgrade' | 'from-future-version' | 'key-invalid' | 'file-corrupt' | 'file-missing' | 'unreadable'

export interface SkippedFile {
  clientId: string
  /** The client's name from the vault index (consultant-only lists; never on a client's page). */
  name: string | null
  reason: SkipReason
  message: string
}

/** What one run over every client file did. */
export interface RunSummary {
  runId: string
  asOf: string
  total: number
  /** Files opened and reduced this run. */
  computed: number
  /** Files whose cached aggregates were still current. */
  cached: number
  skipped: SkippedFile[]
  cancelled: boolean
  ms: number
  /** Said when the results could not be saved (the vault cannot be written now) and are kept in memory instead. */
  notice?: string
}

export interface ClientBenchmark {
  clientId: string
  asOf: string
  cohort: {
    filter: Cohort
    label: string
    /** Clients in the cohort with readable aggregates, this one included. */
    size: number
  }
  /** This client's own attributes (so the page can offer "same company stage" and so on). */
  attributes: Record<CohortKey, string | null>
  figures: BenchmarkFigure[]
  /** Files left out of the run, counted only: their names are not this client's business. */
  skippedFiles: number
  /** Set when this client's own file was skipped (then there are no figures). */
  ownSkip: { reason: SkipReason; message: string } | null
  run: Omit<RunSummary, 'skipped'> & { skipped: number }
}

export interface CockpitDueItem {
  clientId: string
  clientName: string
  kind: 'milestone' | 'action' | 'hypothesis' | 'credential' | 'goal'
  title: string
  /** The partner it concerns, if any. */
  partnerName: string | null
  dueOn: string
  /** Where the line leads inside the client: the workspace section. */
  section: 'journey' | 'partners' | 'hypotheses'
}

export interface CockpitFlags {
  paperPartners: number
  overdueMilestones: number
  /** Active partners not met within their tier's cadence. */
  partnersNotMet: number
  /** Hypotheses of importance 4–5 still untested. */
  importantUntested: number
  /** Partners whose health score is red. */
  redHealth: number
}

export interface CockpitClient {
  clientId: string
  name: string
  archived: boolean
  segment: Record<CohortKey, string | null>
  /** The journey stage now running (null when the journey has not started or the file was skipped). */
  stage: { key: string; name: string; position: number } | null
  maturity: { overall: number | null; heldOn: string } | null
  flags: CockpitFlags | null
  skipped: { reason: SkipReason; message: string } | null
}

export interface Cockpit {
  asOf: string
  /** Due within [asOf, asOf + 14 days], across clients, soonest first. */
  dueWindowDays: number
  clients: CockpitClient[]
  due: CockpitDueItem[]
  run: RunSummary
}

export interface Calibration {
  asOf: string | null
  /** Milestone kinds whose usual duration now comes from other programs (≥ 5 clients), in days. */
  calibrated: Partial<Record<MilestoneKind, number>>
  /** Clients with done milestones of each kind. */
  clients: Partial<Record<MilestoneKind, number>>
}

/** `benchmark.progressed`: one per client file finished; carries no client id or name. */
export interface BenchmarkProgressed {
  runId: string
  done: number
  total: number
  skipped: number
}

export const cohortInput = z
  .object({
    companyStage: z.enum(COMPANY_STAGES).optional(),
    arrBand: z.enum(ARR_BANDS).optional(),
    salesMotion: z.enum(SALES_MOTIONS).optional(),
    region: z.enum(REGIONS).optional(),
    partnerModel: z.enum(PARTNER_TYPES).optional()
  })
  .strict()

export const benchmarkChannels = {
  /** Brings every client's aggregates up to date (incremental) and answers what the run did. */
  'benchmark.run': channel<RunSummary>()(z.object({ asOf: isoDate.optional() }).strict()),
  /** One client against its cohort; runs first (incrementally) so the figures are current. */
  'benchmark.client': channel<ClientBenchmark>()(z.object({ clientId, cohort: cohortInput.default({}), asOf: isoDate.optional() }).strict()),
  /** Stops the run in progress (work already done stays cached); false when none was running. */
  'benchmark.cancel': channel<{ cancelled: boolean }>()(z.object({}).strict()),
  /** Usual milestone durations calibrated by the last run. */
  'benchmark.calibration': channel<Calibration>()(z.object({}).strict()),
  /** The consultant's cockpit across every client. */
  'cockpit.show': channel<Cockpit>()(z.object({ asOf: isoDate.optional() }).strict())
} as const
