/**
 * The client-ready report: a typed model of everything one report shows, built by the backend from one client's
 * file (plus the consultant's branding and anonymous aggregates), then rendered by pure functions to HTML (which
 * also prints to PDF) and Markdown. Nothing in the model refers to another client.
 */

import type { Cohort } from '../benchmark/metrics'

export const SECTION_KEYS = ['cover', 'summary', 'journey', 'roadmap', 'maturity', 'learning', 'portfolio', 'benchmark', 'actions'] as const
export type SectionKey = (typeof SECTION_KEYS)[number]

export const SECTION_LABELS: Record<SectionKey, string> = {
  cover: 'Cover',
  summary: 'Executive summary',
  journey: 'Where the program is on its journey',
  roadmap: 'Roadmap for the next two quarters',
  maturity: 'Maturity results',
  learning: 'What we learned and what we test next',
  portfolio: 'Portfolio health',
  benchmark: 'Benchmark position',
  actions: 'The next 90 days',
}

/** The order a new client's report starts with. */
export const DEFAULT_SECTIONS: SectionKey[] = ['cover', 'summary', 'journey', 'roadmap', 'maturity', 'learning', 'portfolio', 'benchmark', 'actions']

export const PAPERS = ['a4', 'letter'] as const
export type Paper = (typeof PAPERS)[number]
export const PAPER_LABELS: Record<Paper, string> = { a4: 'A4', letter: 'US Letter' }

export const REPORT_FORMATS = ['pdf', 'html', 'md'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]
export const FORMAT_LABELS: Record<ReportFormat, string> = { pdf: 'PDF', html: 'HTML', md: 'Markdown' }

/** An image carried inside the report (never a link): a data URI of a PNG, JPEG, WebP or SVG. */
export const LOGO_MAX_BYTES = 1_000_000
export const LOGO_DATA_URI = /^data:image\/(png|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/

/** The consultant's branding: vault-level, the same for every client. */
export interface Branding {
  firmName: string
  /** Data URI or null. */
  firmLogo: string | null
  /** #rrggbb */
  accent: string
  /** Default confidentiality line; `{client}` is replaced by the client's name. */
  confidentiality: string
  /** Who signs the report ("Prepared by …"). */
  preparedBy: string
}

export const DEFAULT_BRANDING: Branding = {
  firmName: 'Your partner practice',
  firmLogo: null,
  accent: '#0f6e6e',
  confidentiality: 'Confidential — prepared for {client}. Not for distribution.',
  preparedBy: '',
}

/** What the consultant keeps per client for its report (stored in the client's own file). */
export interface ReportSettings {
  sections: SectionKey[]
  paper: Paper
  /** The consultant's executive summary (paragraphs separated by blank lines); empty = use the draft. */
  summary: string
  clientLogo: string | null
  /** Replaces the branding's confidentiality line for this client when not empty. */
  confidentiality: string
  title: string
  /** Who the benchmark section compares this client with (none given: all clients). */
  cohort: Cohort
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  sections: DEFAULT_SECTIONS,
  paper: 'a4',
  summary: '',
  clientLogo: null,
  confidentiality: '',
  title: 'Partner program report',
  cohort: {},
}

/**
 * One export, recorded on the client so it can be regenerated with the same choices: format, paper, the sections
 * asked for in their order, the day the report spoke of, and the benchmark cohort. The content (title, summary,
 * logos, branding) is the client's current one when regenerated.
 */
export interface ReportExportRecord {
  id: string
  exportedAt: string
  format: ReportFormat
  paper: Paper
  /** As chosen, in order (a section with nothing to show was left out of the file but stays chosen). */
  sections: SectionKey[]
  /** The day the report spoke of (its roadmap window, next 90 days, benchmark date). */
  asOf: string
  /** Who the benchmark section compared with ({} = all clients); null = recorded before Trellis kept it. */
  cohort: Cohort | null
  /** The file name only (never the folder: it may name a person or a customer). */
  fileName: string
  bytes: number
}

// ---------------------------------------------------------------- the model

export interface KeyFact {
  label: string
  value: string
  /** One line of context, e.g. the definition or the comparison. */
  note: string
}

export interface JourneyStageModel {
  position: number
  name: string
  gate: 'not_started' | 'active' | 'completed'
  objectives: string[]
  criteriaMet: number
  criteriaTotal: number
  /** Exit criteria not met yet (for the current stage). */
  openCriteria: string[]
  startedAt: string | null
  completedAt: string | null
  completionReason: string | null
  milestonesDone: number
  milestonesTotal: number
}

export interface RoadmapItem {
  title: string
  stage: string
  owner: string
  start: string
  end: string
  status: 'planned' | 'in_progress' | 'done' | 'blocked' | 'dropped'
  overdue: boolean
}

export interface MaturityRow {
  dimension: string
  score: number | null
  previous: number | null
  delta: number | null
}

export interface LearningItem {
  belief: string
  category: string
  status: string
  decision: string | null
  decidedAt: string | null
  observed: string
  learned: string
  therefore: string
}

export interface TestingItem {
  belief: string
  category: string
  importance: number
  evidence: string
  status: string
  measure: string
  rightIf: string
  owner: string | null
  due: string | null
}

export interface RiskItem {
  partner: string
  kind: string
  severity: 'low' | 'medium' | 'high' | 'critical'
  status: string
  description: string
  raisedAt: string
}

export interface TopPartner {
  name: string
  type: string
  tier: string | null
  stage: string
  sourced: number
  influenced: number
  health: number | null
}

export interface ActionItemModel {
  due: string | null
  what: string
  owner: string
  source: 'Roadmap' | 'Partner' | 'Workshop'
  overdue: boolean
}

export interface BenchmarkMetric {
  label: string
  /** "Higher is better" / "Lower is better", or empty when neither is. */
  hint: string
  /** Formatted values for display. */
  value: string
  p25: string
  median: string
  p75: string
  /** This client's percentile within the cohort, 0–100; null when suppressed. */
  percentile: number | null
  /** Cohort size (other clients). */
  cohort: number
  suppressed: boolean
  higherIsBetter: boolean
  /** Raw numbers for the chart (same unit). */
  raw: { value: number; p25: number; median: number; p75: number } | null
}

export interface ReportModel {
  generatedAt: string
  asOf: string
  title: string
  client: { name: string; logo: string | null; segment: string }
  branding: Branding
  confidentiality: string
  paper: Paper
  sections: SectionKey[]
  summary: { text: string; draft: string[]; facts: KeyFact[] }
  journey: {
    templateName: string
    startedOn: string
    currentStage: string | null
    stages: JourneyStageModel[]
  } | null
  roadmap: {
    from: string
    to: string
    today: string
    quarters: { label: string; from: string; to: string }[]
    items: RoadmapItem[]
    /** Milestones in the window beyond those listed. */
    more: number
  } | null
  maturity: {
    title: string
    heldOn: string
    overall: number | null
    previous: { title: string; heldOn: string; overall: number | null } | null
    rows: MaturityRow[]
    trend: { heldOn: string; overall: number }[]
  } | null
  learning: { decided: LearningItem[]; testing: TestingItem[]; decidedPerQuarter: number | null } | null
  portfolio: {
    currency: string
    partnerCount: number
    facts: KeyFact[]
    byStage: { stage: string; count: number }[]
    health: { band: 'green' | 'amber' | 'red' | 'unknown'; label: string; count: number }[]
    topPartners: TopPartner[]
    risks: RiskItem[]
    warnings: { label: string; count: number }[]
  } | null
  benchmark: { cohortLabel: string; metrics: BenchmarkMetric[]; note: string } | null
  actions: { from: string; to: string; items: ActionItemModel[]; more: number } | null
  /** Sections asked for that had nothing to show, with the reason (shown in the app, not in the report). */
  omitted: { section: SectionKey; reason: string }[]
}

export function sectionTitle(k: SectionKey): string {
  return SECTION_LABELS[k]
}
