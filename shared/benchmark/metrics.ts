/**
 * Cross-client benchmarking as pure functions: the metric catalogue with the definitions the app shows, the
 * per-client aggregates a worker reduces a client file to, percentiles, the k ≥ 5 peers rule, and the calibration
 * of the journey's usual milestone durations. No I/O: the backend, the CLI and the renderer share it.
 */
import { DEFAULT_MODEL } from '../domain/maturity'
import { MILESTONE_KINDS, MILESTONE_KIND_KEYS, STAGE_KEYS, type MilestoneKind, type StageKey, type UsualDurations } from '../domain/journey'
import { PARTNER_TYPES, PARTNER_TYPE_LABELS, type PartnerType } from '../domain/partner'
import { METRIC_DEFINITIONS } from '../domain/portfolio'
import { ARR_BANDS, COMPANY_STAGES, REGIONS, SALES_MOTIONS, SEGMENT_LABELS, type ArrBand, type CompanyStage, type Region, type SalesMotion, type Segment } from '../domain/segment'

/** A figure needs at least this many other clients with a value, or it is suppressed ("not enough peers"). */
export const MIN_PEERS = 5

/** Bumped whenever what a worker computes from a file changes, so cached aggregates of the old kind are redone. */
export const AGGREGATE_VERSION = 1

// ---------------------------------------------------------------------------------------------- cohorts

/** Client attributes a cohort can be cut by: the four segment fields plus the partner model read from the file. */
export const COHORT_KEYS = ['companyStage', 'arrBand', 'salesMotion', 'region', 'partnerModel'] as const
export type CohortKey = (typeof COHORT_KEYS)[number]
/** A cohort: every given attribute must match; none given means all clients. */
export interface Cohort {
  companyStage?: CompanyStage
  arrBand?: ArrBand
  salesMotion?: SalesMotion
  region?: Region
  partnerModel?: PartnerType
}

export const COHORT_VALUES: Record<CohortKey, readonly string[]> = {
  companyStage: COMPANY_STAGES,
  arrBand: ARR_BANDS,
  salesMotion: SALES_MOTIONS,
  region: REGIONS,
  partnerModel: PARTNER_TYPES
}
export const COHORT_LABELS: Record<CohortKey, string> = {
  companyStage: 'Company stage',
  arrBand: 'ARR band',
  salesMotion: 'Sales motion',
  region: 'Region',
  partnerModel: 'Partner model'
}
export function cohortValueLabel(key: CohortKey, value: string): string {
  if (key === 'partnerModel') return `${PARTNER_TYPE_LABELS[value as PartnerType] ?? value}-led`
  return (SEGMENT_LABELS[key] as Record<string, string>)[value] ?? value
}
export const PARTNER_MODEL_DEFINITION =
  'Partner model = the most common partner type among partners that are not prospects, qualifying or exited (ties: the first in the list of types).'

/** What a cohort filter is matched against for one client. */
export interface CohortAttributes extends Segment {
  partnerModel: PartnerType | null
}

export function inCohort(attrs: CohortAttributes, cohort: Cohort): boolean {
  for (const k of COHORT_KEYS) {
    const want = cohort[k]
    if (want !== undefined && attrs[k] !== want) return false
  }
  return true
}

export function describeCohort(cohort: Cohort): string {
  const parts = COHORT_KEYS.filter((k) => cohort[k] !== undefined).map((k) => cohortValueLabel(k, cohort[k]!))
  return parts.length ? parts.join(' · ') : 'All clients'
}

// ---------------------------------------------------------------------------------------------- aggregates

export interface MilestoneDurationAggregate {
  /** Done milestones of the kind with actual start and end dates. */
  count: number
  /** Median actual duration (inclusive days). */
  medianActualDays: number
  medianPlannedDays: number
  /** Median of actual ÷ planned duration. */
  medianRatio: number
}

/**
 * What one client file is reduced to inside a worker: numbers only, plus this client's own dimension names (shown
 * on this client's own page, never on another's). Nothing here names a partner, a person or the client.
 */
export interface ClientAggregates {
  asOf: string
  partnerModel: PartnerType | null
  /** Metric key → this client's value (null: not enough data in this file to compute it). */
  metrics: Record<string, number | null>
  /** Names of the dimensions of this client's latest assessment, by dimension id. */
  dimensionNames: Record<string, string>
  milestoneDurations: Partial<Record<MilestoneKind, MilestoneDurationAggregate>>
}

// ---------------------------------------------------------------------------------------------- catalogue

export type MetricUnit = 'score' | 'share' | 'days' | 'perQuarter' | 'ratio'
export interface MetricInfo {
  key: string
  label: string
  group: 'Maturity' | 'Portfolio' | 'Learning' | 'Journey' | 'Milestones'
  unit: MetricUnit
  /** Which direction is better, when one is (shown as a hint; the percentile is always "share of peers below"). */
  better: 'higher' | 'lower' | null
  definition: string
}

const MATURITY_DEFINITION =
  'Maturity score (0–4: initial, developing, defined, managed, optimized) from the latest assessment with agreed scores: each dimension is the mean of its agreed question scores; overall is the mean of the dimensions.'
export const HYPOTHESIS_VELOCITY_DEFINITION =
  'Hypothesis velocity = hypotheses that reached a decision (persevere, pivot or kill; "keep testing" does not count) in the last 365 days ÷ 4: decisions per quarter.'
export const STAGE_DAYS_DEFINITION =
  'Days in a journey stage = from the stage’s start (its gate opening or its first milestone’s actual start, whichever is earlier) to its completion, or to today while it runs.'
export const MILESTONE_RATIO_DEFINITION =
  'Actual ÷ planned duration = for done milestones of the kind with actual dates, the median of actual days ÷ planned days (1.0 = on plan, 1.5 = half as long again).'

const BASE: MetricInfo[] = [
  { key: 'maturity', label: 'Overall maturity', group: 'Maturity', unit: 'score', better: 'higher', definition: MATURITY_DEFINITION },
  { key: 'activationRate', label: 'Activation rate', group: 'Portfolio', unit: 'share', better: 'higher', definition: METRIC_DEFINITIONS.activationRate },
  {
    key: 'daysToFirstCommercial',
    label: 'Median days to first commercial event',
    group: 'Portfolio',
    unit: 'days',
    better: 'lower',
    definition: METRIC_DEFINITIONS.timeToFirstCommercial
  },
  { key: 'paperPartnerRatio', label: 'Paper-partner ratio', group: 'Portfolio', unit: 'share', better: 'lower', definition: METRIC_DEFINITIONS.paperPartnerRatio },
  { key: 'sourcedShare', label: 'Partner-sourced share of pipeline', group: 'Portfolio', unit: 'share', better: 'higher', definition: METRIC_DEFINITIONS.sourcedShare },
  { key: 'concentrationTop1', label: 'Concentration: top partner', group: 'Portfolio', unit: 'share', better: 'lower', definition: METRIC_DEFINITIONS.concentration },
  { key: 'concentrationTop3', label: 'Concentration: top 3 partners', group: 'Portfolio', unit: 'share', better: 'lower', definition: METRIC_DEFINITIONS.concentration },
  { key: 'cadenceAdherence', label: 'Meeting cadence adherence', group: 'Portfolio', unit: 'share', better: 'higher', definition: METRIC_DEFINITIONS.cadenceAdherence },
  { key: 'hypothesisVelocity', label: 'Hypothesis velocity', group: 'Learning', unit: 'perQuarter', better: 'higher', definition: HYPOTHESIS_VELOCITY_DEFINITION }
]
const STAGE_LABELS: Record<StageKey, string> = {
  foundations: 'Foundations',
  prove: 'Prove',
  activate: 'Activate',
  scale: 'Scale',
  optimize: 'Optimize'
}

/** The catalogue entry of a metric key; dimension names come from the viewing client's own aggregates. */
export function metricInfo(key: string, dimensionNames: Record<string, string> = {}): MetricInfo | null {
  const base = BASE.find((m) => m.key === key)
  if (base) return base
  const [prefix, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
  if (prefix === 'maturity') {
    const name = dimensionNames[rest] ?? DEFAULT_MODEL.dimensions.find((d) => d.id === rest)?.name ?? rest
    return { key, label: `Maturity: ${name}`, group: 'Maturity', unit: 'score', better: 'higher', definition: MATURITY_DEFINITION }
  }
  if (prefix === 'stageDays' && (STAGE_KEYS as readonly string[]).includes(rest))
    return { key, label: `Days in ${STAGE_LABELS[rest as StageKey]}`, group: 'Journey', unit: 'days', better: null, definition: STAGE_DAYS_DEFINITION }
  if (prefix === 'milestoneRatio' && (MILESTONE_KIND_KEYS as readonly string[]).includes(rest))
    return {
      key,
      label: `${MILESTONE_KINDS[rest as MilestoneKind].label}: actual ÷ planned`,
      group: 'Milestones',
      unit: 'ratio',
      better: 'lower',
      definition: MILESTONE_RATIO_DEFINITION
    }
  return null
}

/** Every metric key in display order: base metrics, then stages, then milestone kinds (maturity dimensions go after overall). */
export function orderedKeys(keys: Iterable<string>): string[] {
  const all = [...new Set(keys)]
  const rank = (k: string): number => {
    const b = BASE.findIndex((m) => m.key === k)
    if (b === 0) return 0
    if (k.startsWith('maturity:')) return 1
    if (b > 0) return 10 + b
    if (k.startsWith('stageDays:')) return 100 + STAGE_KEYS.indexOf(k.slice(10) as StageKey)
    if (k.startsWith('milestoneRatio:')) return 200 + MILESTONE_KIND_KEYS.indexOf(k.slice(15) as MilestoneKind)
    return 1000
  }
  return all.filter((k) => metricInfo(k) !== null).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

// ---------------------------------------------------------------------------------------------- statistics

/** The q-th quantile (0–1) of sorted values by linear interpolation between closest ranks (numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of nothing')
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

/** Share of peers below `x`, counting ties as half, in percent (0–100). */
export function percentileRank(peers: readonly number[], x: number): number {
  let below = 0
  let equal = 0
  for (const p of peers) {
    if (p < x) below++
    else if (p === x) equal++
  }
  return (100 * (below + equal / 2)) / peers.length
}

export interface BenchmarkFigure extends MetricInfo {
  /** This client's own value (null: this client has no data for it). */
  value: number | null
  /** Other clients in the cohort with a value. */
  peers: number
  /** True when fewer than MIN_PEERS other clients have a value: no distribution is shown. */
  suppressed: boolean
  p25: number | null
  median: number | null
  p75: number | null
  /** Share of peers below this client's value (ties half), 0–100; null when suppressed or without a value. */
  percentile: number | null
}

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits

/** One figure: this client's value against the values of the other clients in the cohort. */
export function figure(info: MetricInfo, value: number | null, peerValues: readonly (number | null)[]): BenchmarkFigure {
  const peers = peerValues.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b)
  if (peers.length < MIN_PEERS)
    return { ...info, value, peers: peers.length, suppressed: true, p25: null, median: null, p75: null, percentile: null }
  return {
    ...info,
    value,
    peers: peers.length,
    suppressed: false,
    p25: round(quantile(peers, 0.25)),
    median: round(quantile(peers, 0.5)),
    p75: round(quantile(peers, 0.75)),
    percentile: value === null ? null : round(percentileRank(peers, value), 1)
  }
}

/**
 * Every figure for one client against its peers' aggregates. Keys are those this client has plus the base ones, so
 * another client's custom dimension ids never appear on this client's page.
 */
export function figuresFor(own: ClientAggregates, peers: readonly ClientAggregates[]): BenchmarkFigure[] {
  const keys = orderedKeys([...BASE.map((m) => m.key), ...Object.keys(own.metrics)])
  const out: BenchmarkFigure[] = []
  for (const k of keys) {
    const info = metricInfo(k, own.dimensionNames)
    if (!info) continue
    out.push(figure(info, own.metrics[k] ?? null, peers.map((p) => p.metrics[k] ?? null)))
  }
  return out
}

/**
 * Usual durations calibrated by other programs: for each milestone kind, the median over clients of each client's
 * median actual duration, where at least MIN_PEERS clients have done milestones of the kind; other kinds keep the
 * practitioners' default.
 */
export function calibrateUsualDurations(all: readonly Pick<ClientAggregates, 'milestoneDurations'>[]): { usual: UsualDurations; calibrated: Partial<Record<MilestoneKind, number>> } {
  const usual: UsualDurations = {}
  const calibrated: Partial<Record<MilestoneKind, number>> = {}
  for (const k of MILESTONE_KIND_KEYS) {
    const xs = all
      .map((a) => a.milestoneDurations[k]?.medianActualDays)
      .filter((x): x is number => typeof x === 'number')
      .sort((a, b) => a - b)
    if (xs.length >= MIN_PEERS) {
      calibrated[k] = Math.round(quantile(xs, 0.5))
      usual[k] = calibrated[k]
    } else usual[k] = MILESTONE_KINDS[k].usualDays
  }
  return { usual, calibrated }
}

export function formatValue(unit: MetricUnit, v: number | null): string {
  if (v === null) return '—'
  switch (unit) {
    case 'share':
      return `${Math.round(v * 100)} %`
    case 'days':
      return `${Math.round(v)} d`
    case 'score':
      return v.toFixed(2)
    case 'perQuarter':
      return `${v.toFixed(2)} / qtr`
    case 'ratio':
      return `${v.toFixed(2)}×`
  }
}
