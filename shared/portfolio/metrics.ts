/**
 * Portfolio metrics, health scores and warnings as pure functions of plain data, so the backend, the renderer
 * and the cross-client benchmark compute the same figures from the same definitions (METRIC_DEFINITIONS).
 * Dates are ISO `YYYY-MM-DD` strings; `asOf` is passed in, never read from the clock.
 */
import {
  ACTIVATION_TOPICS,
  DEFAULT_PORTFOLIO_SETTINGS,
  FALLBACK_CADENCE_DAYS,
  HEALTH_BANDS,
  HEALTH_SIGNALS,
  HEALTH_SIGNAL_LABELS,
  type ActivationTopic,
  type HealthBand,
  type HealthSignal,
  type HealthWeights,
  type OpportunityKind,
  type OpportunityStage,
  type PortfolioSettings,
  type TopicState
} from '../domain/portfolio'
import type { LifecycleStage, PartnerType } from '../domain/partner'

export interface MPartner {
  id: string
  name: string
  type: PartnerType
  tier: string | null
  stage: LifecycleStage
  signedAt: string | null
  firstCommercialAt: string | null
}
export interface MOpportunity {
  partnerId: string
  kind: OpportunityKind
  amount: number
  currency: string
  stage: OpportunityStage
  openedAt: string
}
export interface MMeeting {
  partnerId: string
  date: string
}
export interface MAction {
  partnerId: string
  dueAt: string | null
  doneAt: string | null
}
export interface MGoal {
  partnerId: string
  target: number | null
  dueAt: string | null
}
export interface MContact {
  partnerId: string
  isPrimary: boolean
  startedAt: string | null
  endedAt: string | null
}
export interface MTopic {
  partnerId: string
  topic: ActivationTopic
  state: TopicState
}
export interface MHealthScore {
  partnerId: string
  signal: HealthSignal
  score: number
  date: string
}

export interface PortfolioData {
  partners: MPartner[]
  opportunities: MOpportunity[]
  meetings: MMeeting[]
  actions: MAction[]
  goals: MGoal[]
  contacts: MContact[]
  topics: MTopic[]
  healthScores: MHealthScore[]
}

const DAY = 86_400_000
/** Days since 1970-01-01 of an ISO date, by arithmetic (Date.parse is too slow for 100,000s of rows). */
export function dayNumber(iso: string): number {
  let y = (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + iso.charCodeAt(3) - 48
  const m = (iso.charCodeAt(5) - 48) * 10 + iso.charCodeAt(6) - 48
  const d = (iso.charCodeAt(8) - 48) * 10 + iso.charCodeAt(9) - 48
  // Howard Hinnant's days_from_civil.
  y -= m <= 2 ? 1 : 0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}
// Memoised: the warnings ask for the same "a year before today" once per partner, and Date formatting is slow.
const addDaysMemo = new Map<string, string>()
export function addDays(iso: string, days: number): string {
  const key = `${iso}|${days}`
  let out = addDaysMemo.get(key)
  if (out === undefined) {
    out = new Date((dayNumber(iso) + days) * DAY).toISOString().slice(0, 10)
    if (addDaysMemo.size > 1000) addDaysMemo.clear()
    addDaysMemo.set(key, out)
  }
  return out
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function groupBy<T extends { partnerId: string }>(xs: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>()
  for (const x of xs) {
    const a = m.get(x.partnerId)
    if (a) a.push(x)
    else m.set(x.partnerId, [x])
  }
  return m
}

/**
 * The date of a partner's first commercial event: the recorded date, or the earliest sourced opportunity
 * opened on or after signing, whichever comes first.
 */
export function firstCommercialDate(p: MPartner, opps: MOpportunity[] | undefined): string | null {
  let best = p.firstCommercialAt
  for (const o of opps ?? []) {
    if (o.kind !== 'sourced') continue
    if (p.signedAt && o.openedAt < p.signedAt) continue
    if (!best || o.openedAt < best) best = o.openedAt
  }
  return best
}

/**
 * Where the portfolio figures find each partner's first commercial event: the opportunities by partner (the
 * definition, from rows), or a lookup of the date already reduced per partner (`PartnerSummary`).
 */
export type FirstCommercialSource = Map<string, MOpportunity[]> | ((p: MPartner) => string | null)
const firstOf = (p: MPartner, src: FirstCommercialSource): string | null =>
  typeof src === 'function' ? src(p) : firstCommercialDate(p, src.get(p.id))

/** Partners that count as signed: a signed date, not exited. */
export function isSigned(p: MPartner): boolean {
  return p.signedAt !== null && p.stage !== 'exited' && p.stage !== 'prospect' && p.stage !== 'qualifying'
}
export function isActive(p: MPartner): boolean {
  return p.stage === 'signed' || p.stage === 'activating' || p.stage === 'producing'
}

export interface Ratio {
  value: number | null
  numerator: number
  denominator: number
}
const ratio = (n: number, d: number): Ratio => ({ value: d === 0 ? null : n / d, numerator: n, denominator: d })

/** The default activation period: the 12 months ending one window before `asOf`, so every window is complete. */
export function defaultActivationPeriod(asOf: string, windowDays: number): { from: string; to: string } {
  const to = addDays(asOf, -windowDays)
  return { from: addDays(to, -365), to }
}

/** Partners signed in [from, to] that reached a first commercial event within `windowDays` ÷ those signed. */
export function activationRate(
  partners: MPartner[],
  oppsByPartner: FirstCommercialSource,
  period: { from: string; to: string },
  windowDays: number
): Ratio {
  let n = 0
  let d = 0
  for (const p of partners) {
    if (!p.signedAt || p.signedAt < period.from || p.signedAt > period.to) continue
    d++
    const first = firstOf(p, oppsByPartner)
    if (first && daysBetween(p.signedAt, first) <= windowDays) n++
  }
  return ratio(n, d)
}

/** Median days from signing to the first commercial event, over partners that reached one. */
export function medianDaysToFirstCommercial(partners: MPartner[], oppsByPartner: FirstCommercialSource): {
  days: number | null
  partners: number
} {
  const xs: number[] = []
  for (const p of partners) {
    if (!p.signedAt) continue
    const first = firstOf(p, oppsByPartner)
    if (first && first >= p.signedAt) xs.push(daysBetween(p.signedAt, first))
  }
  return { days: median(xs), partners: xs.length }
}

/** Signed partners past the window with no commercial event. */
export function paperPartners(
  partners: MPartner[],
  oppsByPartner: FirstCommercialSource,
  asOf: string,
  windowDays: number
): { paper: MPartner[]; ratio: Ratio } {
  const paper: MPartner[] = []
  let signed = 0
  for (const p of partners) {
    if (!isSigned(p)) continue
    signed++
    if (daysBetween(p.signedAt!, asOf) > windowDays && !firstOf(p, oppsByPartner)) paper.push(p)
  }
  return { paper, ratio: ratio(paper.length, signed) }
}

export interface PipelineFigures {
  currency: string
  sourced: number
  influenced: number
  /** sourced ÷ (sourced + influenced), lost excluded. */
  sourcedShare: number | null
  /** Opportunities in other currencies, left out of the figures above. */
  otherCurrencyCount: number
}

export function pipeline(opps: MOpportunity[], currency: string, period?: { from: string; to: string }): PipelineFigures {
  let sourced = 0
  let influenced = 0
  let other = 0
  for (const o of opps) {
    if (o.stage === 'lost') continue
    if (period && (o.openedAt < period.from || o.openedAt > period.to)) continue
    if (o.currency !== currency) {
      other++
      continue
    }
    if (o.kind === 'sourced') sourced += o.amount
    else influenced += o.amount
  }
  return pipelineFigures(currency, sourced, influenced, other)
}
function pipelineFigures(currency: string, sourced: number, influenced: number, other: number): PipelineFigures {
  const total = sourced + influenced
  return { currency, sourced, influenced, sourcedShare: total > 0 ? sourced / total : null, otherCurrencyCount: other }
}

export interface Concentration {
  top1Share: number | null
  top3Share: number | null
  top: { partnerId: string; amount: number }[]
  total: number
}

export function concentration(opps: MOpportunity[], currency: string): Concentration {
  const byPartner = new Map<string, number>()
  let total = 0
  for (const o of opps) {
    if (o.stage === 'lost' || o.currency !== currency) continue
    byPartner.set(o.partnerId, (byPartner.get(o.partnerId) ?? 0) + o.amount)
    total += o.amount
  }
  return topShares(byPartner, total)
}
/** The top partner's and the top three's share of `total`, from each partner's pipeline. */
function topShares(byPartner: Map<string, number>, total: number): Concentration {
  const top = [...byPartner.entries()]
    .map(([partnerId, amount]) => ({ partnerId, amount }))
    .sort((a, b) => b.amount - a.amount || a.partnerId.localeCompare(b.partnerId))
    .slice(0, 3)
  if (total <= 0) return { top1Share: null, top3Share: null, top, total }
  return {
    top1Share: top[0].amount / total,
    top3Share: top.reduce((s, x) => s + x.amount, 0) / total,
    top,
    total
  }
}

export function cadenceFor(tier: string | null, cadenceDays: Record<string, number>): number {
  return (tier !== null && cadenceDays[tier]) || FALLBACK_CADENCE_DAYS
}

export function lastMeeting(ms: MMeeting[] | undefined, asOf: string): string | null {
  let last: string | null = null
  for (const m of ms ?? []) if (m.date <= asOf && (!last || m.date > last)) last = m.date
  return last
}

/** Share of active partners whose last meeting is within their tier's cadence. */
export function cadenceAdherence(
  partners: MPartner[],
  meetingsByPartner: Map<string, MMeeting[]> | ((p: MPartner) => string | null),
  asOf: string,
  cadenceDays: Record<string, number>
): Ratio {
  let n = 0
  let d = 0
  for (const p of partners) {
    if (!isActive(p)) continue
    d++
    const last = typeof meetingsByPartner === 'function' ? meetingsByPartner(p) : lastMeeting(meetingsByPartner.get(p.id), asOf)
    if (last && daysBetween(last, asOf) <= cadenceFor(p.tier, cadenceDays)) n++
  }
  return ratio(n, d)
}

// ---------------------------------------------------------------------------------------------- health score

export interface HealthPart {
  label: string
  /** 0–100, or null when there is no data. */
  value: number | null
  detail: string
}
export interface HealthComponent {
  key: keyof HealthWeights
  label: string
  weight: number
  /** 0–100, or null when none of its parts has data (then it is left out). */
  value: number | null
  parts: HealthPart[]
}
export interface HealthScore {
  score: number | null
  band: HealthBand
  components: HealthComponent[]
  /** One sentence saying what the score is made of. */
  explanation: string
}

export function band(score: number | null): HealthBand {
  if (score === null) return 'unknown'
  return score >= HEALTH_BANDS.green ? 'green' : score >= HEALTH_BANDS.amber ? 'amber' : 'red'
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null)

export interface PartnerFacts {
  partner: MPartner
  opportunities: MOpportunity[]
  meetings: MMeeting[]
  actions: MAction[]
  topics: MTopic[]
  healthScores: MHealthScore[]
}

/** The latest score of each signal (ties on date: the last one given wins). */
export function latestSignals(scores: MHealthScore[]): Map<HealthSignal, MHealthScore> {
  const m = new Map<HealthSignal, MHealthScore>()
  for (const s of scores) {
    const cur = m.get(s.signal)
    if (!cur || s.date >= cur.date) m.set(s.signal, s)
  }
  return m
}

/** `explain: false` skips the wording (details and explanation), for the table of thousands of partners. */
export function healthScore(
  f: PartnerFacts,
  asOf: string,
  settings: Pick<PortfolioSettings, 'healthWeights' | 'cadenceDays'>,
  explain = true
): HealthScore {
  const say = explain ? (fn: () => string) => fn() : () => ''
  const p = f.partner
  // Commercial: a first commercial event, and live pipeline opened in the last 180 days.
  const first = firstCommercialDate(p, f.opportunities)
  const live = f.opportunities.filter((o) => o.stage !== 'lost' && daysBetween(o.openedAt, asOf) <= 180 && o.openedAt <= asOf)
  const signedOrLater = p.signedAt !== null
  const commercialParts: HealthPart[] = [
    {
      label: 'First commercial event',
      value: first ? 100 : signedOrLater ? 0 : null,
      detail: say(() => (first ? `reached on ${first}` : signedOrLater ? 'none yet' : 'not signed yet'))
    },
    {
      label: 'Live pipeline (last 180 days)',
      value: live.length > 0 ? 100 : signedOrLater ? 0 : null,
      detail: say(() => `${live.length} open or won ${live.length === 1 ? 'opportunity' : 'opportunities'}`)
    }
  ]
  // Engagement: meetings at cadence, activation plan progress, actions done on time.
  const cadence = cadenceFor(p.tier, settings.cadenceDays)
  const last = lastMeeting(f.meetings, asOf)
  const since = last ? daysBetween(last, asOf) : null
  const meetingValue = since === null ? 0 : since <= cadence ? 100 : since <= 2 * cadence ? 50 : 0
  let topicPoints = 0
  for (const t of f.topics) topicPoints += t.state === 'agreed' ? 1 : t.state === 'discussed' ? 0.5 : 0
  const due = f.actions.filter((a) => a.dueAt !== null && a.dueAt <= asOf)
  const onTime = due.filter((a) => a.doneAt !== null && a.doneAt <= a.dueAt!).length
  const engagementParts: HealthPart[] = [
    {
      label: 'Meetings at cadence',
      value: meetingValue,
      detail: say(() => (last ? `last met ${since} days ago; cadence ${cadence} days` : `never met; cadence ${cadence} days`))
    },
    {
      label: 'Activation plan',
      value: (topicPoints / ACTIVATION_TOPICS.length) * 100,
      detail: say(
        () =>
          `${f.topics.filter((t) => t.state === 'agreed').length} of ${ACTIVATION_TOPICS.length} topics agreed, ${f.topics.filter((t) => t.state === 'discussed').length} discussed`
      )
    },
    {
      label: 'Actions done on time',
      value: due.length ? (onTime / due.length) * 100 : null,
      detail: say(() => (due.length ? `${onTime} of ${due.length} due actions done on time` : 'no actions due yet'))
    }
  ]
  // Relationship: the latest score of each of the ten signals.
  const latest = latestSignals(f.healthScores)
  const relationshipParts: HealthPart[] = HEALTH_SIGNALS.map((s) => {
    const x = latest.get(s)
    return {
      label: HEALTH_SIGNAL_LABELS[s],
      value: x ? (x.score / 2) * 100 : null,
      detail: say(() => (x ? `${x.score} of 2 on ${x.date}` : 'not scored'))
    }
  })
  const w = settings.healthWeights
  const components: HealthComponent[] = [
    { key: 'commercial', label: 'Commercial', weight: w.commercial, parts: commercialParts, value: null },
    { key: 'engagement', label: 'Engagement', weight: w.engagement, parts: engagementParts, value: null },
    { key: 'relationship', label: 'Relationship', weight: w.relationship, parts: relationshipParts, value: null }
  ]
  for (const c of components) c.value = mean(c.parts.filter((x) => x.value !== null).map((x) => x.value!))
  const used = components.filter((c) => c.value !== null && c.weight > 0)
  const wsum = used.reduce((s, c) => s + c.weight, 0)
  const score = wsum > 0 ? Math.round(used.reduce((s, c) => s + c.value! * c.weight, 0) / wsum) : null
  const explanation = !explain
    ? ''
    : score === null
      ? 'No score yet: nothing commercial, no engagement and no health signals recorded.'
      : // Bracketed: the sum of the weighted parts is divided by the weights, not the last part alone.
        `${score} = (` +
        used.map((c) => `${c.label} ${Math.round(c.value!)} × ${c.weight}`).join(' + ') +
        `) ÷ ${wsum}` +
        (used.length < components.length
          ? ` (${components
              .filter((c) => !used.includes(c))
              .map((c) => c.label.toLowerCase())
              .join(', ')} left out: no data)`
          : '')
  return { score, band: band(score), components, explanation }
}

// ---------------------------------------------------------------------------------------------- warnings

export const WARNING_KINDS = [
  'paper-partner',
  'not-bought-in',
  'rotating-contacts',
  'vague-goals',
  'overdue-actions',
  'no-recent-meeting',
  'concentration',
  'biggest-first'
] as const
export type WarningKind = (typeof WARNING_KINDS)[number]
export const WARNING_LABELS: Record<WarningKind, string> = {
  'paper-partner': 'Paper partner',
  'not-bought-in': 'Not bought in',
  'rotating-contacts': 'Rotating contacts',
  'vague-goals': 'Vague goals',
  'overdue-actions': 'Overdue actions',
  'no-recent-meeting': 'No recent meeting',
  concentration: 'Pipeline concentration',
  'biggest-first': 'Biggest first'
}

export interface Warning {
  kind: WarningKind
  severity: 'info' | 'warning' | 'critical'
  /** Absent for portfolio-wide warnings. */
  partnerId?: string
  partnerName?: string
  message: string
  nextStep: string
}

export interface Thresholds {
  /** Primary-contact changes within a year that count as rotating. */
  rotatingContactChanges: number
  /** Days after signing without any topic agreed that count as stalling. */
  stallDays: number
  concentrationTop1: number
  concentrationTop3: number
  /** Share of the last 180 days' meetings spent on SI partners with no pipeline. */
  biggestFirstShare: number
}
export const DEFAULT_THRESHOLDS: Thresholds = {
  rotatingContactChanges: 2,
  stallDays: 60,
  concentrationTop1: 0.5,
  concentrationTop3: 0.8,
  biggestFirstShare: 0.4
}

export interface PartnerWarningInput extends PartnerFacts {
  goals: MGoal[]
  contacts: MContact[]
}

/** Warnings about one partner, from its records. */
export function partnerWarnings(
  f: PartnerWarningInput,
  asOf: string,
  settings: Pick<PortfolioSettings, 'paperWindowDays' | 'cadenceDays'>,
  t: Thresholds = DEFAULT_THRESHOLDS
): Warning[] {
  return summaryWarnings(summarisePartner(f, asOf, DEFAULT_PORTFOLIO_SETTINGS.currency), asOf, settings, t)
}

/** Warnings about one partner, from its summary (the one definition the partner page and the table share). */
export function summaryWarnings(
  s: PartnerSummary,
  asOf: string,
  settings: Pick<PortfolioSettings, 'paperWindowDays' | 'cadenceDays'>,
  t: Thresholds = DEFAULT_THRESHOLDS
): Warning[] {
  const p = s.partner
  const out: Warning[] = []
  const w = (kind: WarningKind, severity: Warning['severity'], message: string, nextStep: string) =>
    out.push({ kind, severity, partnerId: p.id, partnerName: p.name, message, nextStep })
  const active = isActive(p)
  const first = summaryFirstCommercial(s)

  if (active && p.signedAt && !first) {
    const days = daysBetween(p.signedAt, asOf)
    if (days > settings.paperWindowDays)
      w(
        'paper-partner',
        days > 2 * settings.paperWindowDays ? 'critical' : 'warning',
        `Signed ${days} days ago (window ${settings.paperWindowDays}) and no commercial event yet.`,
        days > 2 * settings.paperWindowDays
          ? 'Hold a define-the-relationship talk; if there is no joint plan within 30 days, move the partner to dormant.'
          : 'Agree a joint activation plan with a first sourced opportunity date, or move the partner to dormant.'
      )
  }
  if (active && p.signedAt) {
    const declined = s.topicsDeclined
    const days = daysBetween(p.signedAt, asOf)
    if (declined > 0)
      w(
        'not-bought-in',
        'warning',
        `Declined to discuss ${declined} activation ${declined === 1 ? 'topic' : 'topics'}.`,
        'Treat as a pen pal until the activation topics are discussed: ask the executive sponsor for a planning session.'
      )
    else if (s.topicsAgreed === 0 && days > t.stallDays)
      w(
        'not-bought-in',
        'warning',
        `No activation topic agreed ${days} days after signing.`,
        'Book an activation-planning session covering the ten topics, starting with goals and resources.'
      )
  }
  if (s.contactChanges >= t.rotatingContactChanges)
    w(
      'rotating-contacts',
      'warning',
      `The main contact changed ${s.contactChanges} times in the last year.`,
      'Add a second contact and an executive sponsor, and walk the new contact through the joint plan.'
    )
  if (active && p.stage !== 'signed' && s.measurableGoals === 0)
    w(
      'vague-goals',
      'info',
      s.goals ? `${s.goals} joint goals, none with a target and a due date.` : 'No joint goals recorded.',
      'Agree one measurable joint goal (metric, target, due date) and share it with the partner.'
    )
  if (s.overdueActions)
    w(
      'overdue-actions',
      s.overdueActions >= 3 ? 'warning' : 'info',
      `${s.overdueActions} overdue ${s.overdueActions === 1 ? 'action' : 'actions'}, oldest due ${s.oldestOverdueAt}.`,
      'Close or re-date the overdue actions with their owners at the next check-in.'
    )
  if (active) {
    const cadence = cadenceFor(p.tier, settings.cadenceDays)
    const last = s.lastMeetingAt
    const since = last ? daysBetween(last, asOf) : null
    if (since === null || since > cadence)
      w(
        'no-recent-meeting',
        since === null || since > 2 * cadence ? 'warning' : 'info',
        since === null ? `Never met (cadence ${cadence} days).` : `No meeting in ${since} days (cadence ${cadence} days).`,
        'Schedule a check-in; if the partner keeps declining, hold a define-the-relationship talk.'
      )
  }
  return out
}

// ---------------------------------------------------------------------------------------------- per-partner summaries

/**
 * One partner's records reduced to what the table, the health band and the warnings use, as of a day. The backend
 * reads it from SQL (services/portfolio `loadPortfolioSummaries`: one row per partner from covering indexes), so
 * the portfolio never loads its 100,000 records; `summarisePartner` makes the same from records, and a test holds
 * the two equal on random portfolios.
 */
export interface PartnerSummary {
  partner: MPartner
  /** The earliest sourced opportunity opened on or after signing (any stage, any currency). */
  firstSourcedAt: string | null
  /** Opportunities not lost, opened in the 180 days up to the day. */
  liveOpportunities: number
  /** Opportunities not lost, any currency. */
  pipelineOpportunities: number
  /** Opportunities not lost in the reporting currency, and their amounts by kind. */
  currencyOpportunities: number
  sourced: number
  influenced: number
  /** Opportunities not lost in other currencies (left out of the amounts). */
  otherCurrency: number
  /** The last meeting on or before the day. */
  lastMeetingAt: string | null
  /** Meetings in the 180 days up to the day. */
  recentMeetings: number
  topicsAgreed: number
  topicsDiscussed: number
  topicsDeclined: number
  /** Actions due on or before the day, and of those the ones done by their due date. */
  actionsDue: number
  actionsOnTime: number
  /** Actions not done and due before the day, and the earliest of their due dates. */
  overdueActions: number
  oldestOverdueAt: string | null
  openActions: number
  goals: number
  /** Goals with a target and a due date. */
  measurableGoals: number
  /** Main contacts that ended in the year up to the day. */
  contactChanges: number
  /** The latest score of each health signal: their sum and the number of signals scored. */
  signalSum: number
  signalsScored: number
}

/** A partner with no records. */
export function emptySummary<P extends MPartner>(partner: P): PartnerSummary & { partner: P } {
  return {
    partner,
    firstSourcedAt: null,
    liveOpportunities: 0,
    pipelineOpportunities: 0,
    currencyOpportunities: 0,
    sourced: 0,
    influenced: 0,
    otherCurrency: 0,
    lastMeetingAt: null,
    recentMeetings: 0,
    topicsAgreed: 0,
    topicsDiscussed: 0,
    topicsDeclined: 0,
    actionsDue: 0,
    actionsOnTime: 0,
    overdueActions: 0,
    oldestOverdueAt: null,
    openActions: 0,
    goals: 0,
    measurableGoals: 0,
    contactChanges: 0,
    signalSum: 0,
    signalsScored: 0
  }
}

/** The summary of one partner's records (the definition the SQL of `loadPortfolioSummaries` is held to). */
export function summarisePartner(f: PartnerWarningInput, asOf: string, currency: string): PartnerSummary {
  const since = addDays(asOf, -180)
  const yearAgo = addDays(asOf, -365)
  const p = f.partner
  const s = emptySummary(p)
  s.lastMeetingAt = lastMeeting(f.meetings, asOf)
  s.goals = f.goals.length
  for (const o of f.opportunities) {
    if (o.kind === 'sourced' && !(p.signedAt && o.openedAt < p.signedAt) && (!s.firstSourcedAt || o.openedAt < s.firstSourcedAt)) s.firstSourcedAt = o.openedAt
    if (o.stage === 'lost') continue
    s.pipelineOpportunities++
    if (o.openedAt >= since && o.openedAt <= asOf) s.liveOpportunities++
    if (o.currency !== currency) s.otherCurrency++
    else {
      s.currencyOpportunities++
      if (o.kind === 'sourced') s.sourced += o.amount
      else s.influenced += o.amount
    }
  }
  for (const m of f.meetings) if (m.date >= since && m.date <= asOf) s.recentMeetings++
  for (const t of f.topics) {
    if (t.state === 'agreed') s.topicsAgreed++
    else if (t.state === 'discussed') s.topicsDiscussed++
    else if (t.state === 'declined') s.topicsDeclined++
  }
  for (const a of f.actions) {
    if (a.doneAt === null) s.openActions++
    if (a.dueAt === null) continue
    if (a.dueAt <= asOf) {
      s.actionsDue++
      if (a.doneAt !== null && a.doneAt <= a.dueAt) s.actionsOnTime++
    }
    if (a.doneAt === null && a.dueAt < asOf) {
      s.overdueActions++
      if (!s.oldestOverdueAt || a.dueAt < s.oldestOverdueAt) s.oldestOverdueAt = a.dueAt
    }
  }
  for (const g of f.goals) if (g.target !== null && g.dueAt !== null) s.measurableGoals++
  for (const c of f.contacts) if (c.isPrimary && c.endedAt !== null && c.endedAt >= yearAgo && c.endedAt <= asOf) s.contactChanges++
  const latest = latestSignals(f.healthScores)
  for (const signal of HEALTH_SIGNALS) {
    const x = latest.get(signal)
    if (!x) continue
    s.signalSum += x.score
    s.signalsScored++
  }
  return s
}

/** The first commercial event: the recorded date, or the first sourced opportunity after signing if earlier. */
export function summaryFirstCommercial(s: Pick<PartnerSummary, 'partner' | 'firstSourcedAt'>): string | null {
  const recorded = s.partner.firstCommercialAt
  return recorded && (!s.firstSourcedAt || recorded <= s.firstSourcedAt) ? recorded : s.firstSourcedAt
}

/** What the health score reads of a partner's summary (the benchmark builds these from its own rows too). */
export type HealthFacts = Pick<
  PartnerSummary,
  'partner' | 'firstSourcedAt' | 'liveOpportunities' | 'lastMeetingAt' | 'topicsAgreed' | 'topicsDiscussed' | 'actionsDue' | 'actionsOnTime' | 'signalSum' | 'signalsScored'
>

/**
 * The health score and band from a summary, without the wording: the arithmetic of `healthScore`, part for part in
 * the same order with the same rounding (a property test holds the two equal). The partner page explains a score;
 * the Partners screen and the benchmark's red-health count use this one.
 */
export function leanHealth(
  s: HealthFacts,
  asOf: string,
  settings: Pick<PortfolioSettings, 'healthWeights' | 'cadenceDays'>
): { score: number | null; band: HealthBand } {
  const p = s.partner
  const signed = p.signedAt !== null
  const first = summaryFirstCommercial(s)
  const commercial: number[] = []
  if (first || signed) commercial.push(first ? 100 : 0)
  if (s.liveOpportunities > 0 || signed) commercial.push(s.liveOpportunities > 0 ? 100 : 0)
  const cadence = cadenceFor(p.tier, settings.cadenceDays)
  const since = s.lastMeetingAt ? daysBetween(s.lastMeetingAt, asOf) : null
  const topicPoints = s.topicsAgreed + s.topicsDiscussed * 0.5
  const engagement = [since === null ? 0 : since <= cadence ? 100 : since <= 2 * cadence ? 50 : 0, (topicPoints / ACTIVATION_TOPICS.length) * 100]
  if (s.actionsDue) engagement.push((s.actionsOnTime / s.actionsDue) * 100)
  const w = settings.healthWeights
  const components: [number | null, number][] = [
    [mean(commercial), w.commercial],
    [mean(engagement), w.engagement],
    [s.signalsScored ? ((s.signalSum / 2) * 100) / s.signalsScored : null, w.relationship]
  ]
  let weighted = 0
  let wsum = 0
  for (const [value, weight] of components) {
    if (value === null || weight <= 0) continue
    weighted += value * weight
    wsum += weight
  }
  const score = wsum > 0 ? Math.round(weighted / wsum) : null
  return { score, band: band(score) }
}

export interface PortfolioSummary {
  asOf: string
  partnerCount: number
  byStage: Record<string, number>
  activation: Ratio & { period: { from: string; to: string }; windowDays: number }
  medianDaysToFirstCommercial: { days: number | null; partners: number }
  paperPartners: Ratio
  pipeline: PipelineFigures
  concentration: Concentration & { top: { partnerId: string; partnerName: string; amount: number }[] }
  cadenceAdherence: Ratio
  health: { green: number; amber: number; red: number; unknown: number }
  warnings: Warning[]
  warningCounts: Record<WarningKind, number>
}

export interface PartnerComputed {
  health: { score: number | null; band: HealthBand }
  warnings: Warning[]
  firstCommercialAt: string | null
  lastMeetingAt: string | null
  sourced: number
  influenced: number
  openActions: number
  topicsAgreed: number
}

/** Everything computed for every partner plus the portfolio figures, from records (the definitions' form). */
export function computePortfolio(
  data: PortfolioData,
  asOf: string,
  settings: PortfolioSettings,
  t: Thresholds = DEFAULT_THRESHOLDS
): { summary: PortfolioSummary; perPartner: Map<string, PartnerComputed> } {
  const opps = groupBy(data.opportunities)
  const meetings = groupBy(data.meetings)
  const actions = groupBy(data.actions)
  const goals = groupBy(data.goals)
  const contacts = groupBy(data.contacts)
  const topics = groupBy(data.topics)
  const scores = groupBy(data.healthScores)
  const summaries = data.partners.map((p) =>
    summarisePartner(
      {
        partner: p,
        opportunities: opps.get(p.id) ?? [],
        meetings: meetings.get(p.id) ?? [],
        actions: actions.get(p.id) ?? [],
        topics: topics.get(p.id) ?? [],
        healthScores: scores.get(p.id) ?? [],
        goals: goals.get(p.id) ?? [],
        contacts: contacts.get(p.id) ?? []
      },
      asOf,
      settings.currency
    )
  )
  return computeFromSummaries(summaries, asOf, settings, t)
}

/** Everything computed for every partner plus the portfolio figures, in one pass over the partners' summaries. */
export function computeFromSummaries(
  summaries: PartnerSummary[],
  asOf: string,
  settings: PortfolioSettings,
  t: Thresholds = DEFAULT_THRESHOLDS
): { summary: PortfolioSummary; perPartner: Map<string, PartnerComputed> } {
  const perPartner = new Map<string, PartnerComputed>()
  const warnings: Warning[] = []
  const health = { green: 0, amber: 0, red: 0, unknown: 0 }
  const byStage: Record<string, number> = {}
  const partners: MPartner[] = []
  const firstById = new Map<string, string | null>()
  const lastById = new Map<string, string | null>()
  const pipelineById = new Map<string, number>()
  const names = new Map<string, string>()
  let sourced = 0
  let influenced = 0
  let other = 0
  let recent = 0
  const siNoPipeline = new Map<string, number>()
  for (const s of summaries) {
    const p = s.partner
    partners.push(p)
    names.set(p.id, p.name)
    byStage[p.stage] = (byStage[p.stage] ?? 0) + 1
    const h = leanHealth(s, asOf, settings)
    health[h.band]++
    const ws = summaryWarnings(s, asOf, settings, t)
    for (const x of ws) warnings.push(x)
    const first = summaryFirstCommercial(s)
    firstById.set(p.id, first)
    lastById.set(p.id, s.lastMeetingAt)
    if (s.currencyOpportunities) pipelineById.set(p.id, s.sourced + s.influenced)
    sourced += s.sourced
    influenced += s.influenced
    other += s.otherCurrency
    recent += s.recentMeetings
    if (p.type === 'si' && s.pipelineOpportunities === 0 && s.recentMeetings > 0) siNoPipeline.set(p.id, s.recentMeetings)
    perPartner.set(p.id, {
      health: h,
      warnings: ws,
      firstCommercialAt: first,
      lastMeetingAt: s.lastMeetingAt,
      sourced: s.sourced,
      influenced: s.influenced,
      openActions: s.openActions,
      topicsAgreed: s.topicsAgreed
    })
  }
  let pipelineTotal = 0
  for (const amount of pipelineById.values()) pipelineTotal += amount
  const conc = topShares(pipelineById, pipelineTotal)
  if (conc.top1Share !== null && (conc.top1Share >= t.concentrationTop1 || (conc.top3Share! >= t.concentrationTop3 && conc.top.length === 3)))
    warnings.push({
      kind: 'concentration',
      severity: conc.top1Share >= t.concentrationTop1 ? 'warning' : 'info',
      message:
        conc.top1Share >= t.concentrationTop1
          ? `${names.get(conc.top[0].partnerId) ?? 'One partner'} carries ${Math.round(conc.top1Share * 100)} % of partner pipeline.`
          : `Three partners carry ${Math.round(conc.top3Share! * 100)} % of partner pipeline.`,
      nextStep: 'Activate the next partners in line: pick two with agreed activation topics and set a first-opportunity goal.'
    })
  // Biggest first: most of the recent effort goes to SI partners that have produced no pipeline.
  let siMeetings = 0
  for (const n of siNoPipeline.values()) siMeetings += n
  if (recent >= 5 && siMeetings / recent >= t.biggestFirstShare) {
    const top = [...siNoPipeline.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id]) => names.get(id))
    warnings.push({
      kind: 'biggest-first',
      severity: 'warning',
      message: `${Math.round((siMeetings / recent) * 100)} % of the last 180 days' meetings went to system integrators with no pipeline (${top.join(', ')}).`,
      nextStep: 'Give the large SIs a bounded proof of concept with an exit date, and move the time to partners that already bring deals.'
    })
  }
  const warningCounts = Object.fromEntries(WARNING_KINDS.map((k) => [k, 0])) as Record<WarningKind, number>
  for (const x of warnings) warningCounts[x.kind]++
  const period = defaultActivationPeriod(asOf, settings.paperWindowDays)
  const firstCommercial = (p: MPartner) => firstById.get(p.id) ?? null
  const summary: PortfolioSummary = {
    asOf,
    partnerCount: partners.length,
    byStage,
    activation: { ...activationRate(partners, firstCommercial, period, settings.paperWindowDays), period, windowDays: settings.paperWindowDays },
    medianDaysToFirstCommercial: medianDaysToFirstCommercial(partners, firstCommercial),
    paperPartners: paperPartners(partners, firstCommercial, asOf, settings.paperWindowDays).ratio,
    pipeline: pipelineFigures(settings.currency, sourced, influenced, other),
    concentration: { ...conc, top: conc.top.map((x) => ({ ...x, partnerName: names.get(x.partnerId) ?? '' })) },
    cadenceAdherence: cadenceAdherence(partners, (p) => lastById.get(p.id) ?? null, asOf, settings.cadenceDays),
    health,
    warnings,
    warningCounts
  }
  return { summary, perPartner }
}
