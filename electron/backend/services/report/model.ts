/**
 * Builds the ReportModel of one client from that client's file only (plus the consultant's branding and, where
 * the cohort rule allows, anonymous benchmark aggregates). Reads only: a report never changes the client file.
 */
import { trend as maturityTrend, type ScoreSummary } from '../../../../shared/domain/assessment'
import {
  DECISION_LABELS,
  EVIDENCE_STRENGTH_LABELS,
  HYPOTHESIS_CATEGORY_LABELS,
  HYPOTHESIS_STATUS_LABELS,
  OWNER_SIDE_LABELS,
  type Decision,
  type EvidenceStrength,
  type HypothesisCategory,
  type HypothesisStatus
} from '../../../../shared/domain/journey'
import { addDays, isOverdue } from '../../../../shared/domain/journeyRules'
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, PARTNER_TYPE_LABELS, type PartnerType } from '../../../../shared/domain/partner'
import { RISK_KIND_LABELS, type RiskKind } from '../../../../shared/domain/portfolio'
import { SEGMENT_LABELS } from '../../../../shared/domain/segment'
import type { JourneyView, PortfolioRow } from '../../../../shared/ipc/contract'
import { WARNING_KINDS, WARNING_LABELS, type PortfolioSummary } from '../../../../shared/portfolio/metrics'
import { money, pct, plural, quarterOf, score, shortDate, signed } from '../../../../shared/report/format'
import {
  type ActionItemModel,
  type Branding,
  type KeyFact,
  type LearningItem,
  type Paper,
  type ReportModel,
  type ReportSettings,
  type RiskItem,
  type SectionKey,
  type TestingItem
} from '../../../../shared/report/model'
import type { ClientDb } from '../../db/clientFile'

export const ROADMAP_MAX_ITEMS = 60
export const ACTIONS_MAX_ITEMS = 40
export const ACTION_WINDOW_DAYS = 90

export interface ModelSources {
  clientName: string
  segment: Record<string, string | null>
  db: ClientDb
  settings: ReportSettings
  branding: Branding
  asOf: string
  sections: SectionKey[]
  paper: Paper
  journey: JourneyView | null
  maturity: ScoreSummary[]
  portfolio: { rows: PortfolioRow[]; summary: PortfolioSummary; currency: string } | null
  benchmark: ReportModel['benchmark']
  benchmarkReason: string
}

const LEVELS = ['Initial', 'Developing', 'Defined', 'Managed', 'Optimized']

export function buildReportModel(s: ModelSources): ReportModel {
  const omitted: ReportModel['omitted'] = []
  const journey = journeyModel(s.journey)
  const roadmap = s.journey ? roadmapModel(s.journey, s.asOf) : null
  const maturity = maturityModel(s.maturity)
  const learning = learningModel(s.db, s.asOf)
  const portfolio = s.portfolio && s.portfolio.summary.partnerCount > 0 ? portfolioModel(s.db, s.portfolio) : null
  const actions = actionsModel(s.db, s.journey, s.asOf)
  const why: Partial<Record<SectionKey, string | null>> = {
    journey: journey ? null : 'This client has no journey roadmap yet.',
    roadmap: roadmap ? null : 'This client has no journey roadmap yet.',
    maturity: maturity ? null : 'No assessment workshop of this client has agreed scores yet.',
    learning: learning ? null : 'This client has no hypotheses yet.',
    portfolio: portfolio ? null : 'This client has no partners yet.',
    benchmark: s.benchmark ? null : s.benchmarkReason,
    actions: actions ? null : 'Nothing to act on: no roadmap, partners or workshop actions yet.'
  }
  for (const k of s.sections) if (why[k]) omitted.push({ section: k, reason: why[k]! })

  const facts = keyFacts(journey, roadmap, maturity, s.portfolio?.summary ?? null, learning, s.portfolio?.currency ?? 'USD')
  const draft = draftSummary(journey, roadmap, maturity, portfolio ? s.portfolio!.summary : null, learning, actions, s.portfolio?.currency ?? 'USD')
  const segment = Object.entries(s.segment)
    .map(([k, v]) => (v ? ((SEGMENT_LABELS as unknown as Record<string, Record<string, string>>)[k]?.[v] ?? v) : null))
    .filter(Boolean)
    .join(' · ')
  const conf = (s.settings.confidentiality.trim() || s.branding.confidentiality.trim() || 'Confidential').replace(/\{client\}/g, s.clientName)

  return {
    generatedAt: new Date().toISOString(),
    asOf: s.asOf,
    title: s.settings.title,
    client: { name: s.clientName, logo: s.settings.clientLogo, segment },
    branding: s.branding,
    confidentiality: conf,
    paper: s.paper,
    sections: s.sections.filter((k) => !omitted.some((o) => o.section === k)),
    summary: { text: s.settings.summary, draft, facts },
    journey,
    roadmap,
    maturity,
    learning,
    portfolio,
    benchmark: s.benchmark,
    actions,
    omitted
  }
}

// ---------------------------------------------------------------- journey and roadmap

function journeyModel(j: JourneyView | null): ReportModel['journey'] {
  if (!j || j.stages.length === 0) return null
  const active = j.stages.find((s) => s.gate === 'active') ?? j.stages.find((s) => s.gate === 'not_started') ?? null
  return {
    templateName: j.templateName,
    startedOn: j.startedOn,
    currentStage: active?.name ?? null,
    stages: j.stages.map((st) => {
      const ms = j.milestones.filter((m) => m.stageId === st.id && m.status !== 'dropped')
      return {
        position: st.position,
        name: st.name,
        gate: st.gate,
        objectives: st.objectives,
        criteriaMet: st.criteria.filter((c) => c.met).length,
        criteriaTotal: st.criteria.length,
        openCriteria: st.criteria.filter((c) => !c.met).map((c) => c.text),
        startedAt: st.startedAt,
        completedAt: st.completedAt,
        completionReason: st.completionReason,
        milestonesDone: ms.filter((m) => m.status === 'done').length,
        milestonesTotal: ms.length
      }
    })
  }
}

export function roadmapWindow(asOf: string) {
  const q1 = quarterOf(asOf)
  const q2 = quarterOf(addDays(q1.to, 1))
  return { from: q1.from, to: q2.to, today: asOf, quarters: [q1, q2] }
}

function roadmapModel(j: JourneyView, asOf: string): ReportModel['roadmap'] {
  const w = roadmapWindow(asOf)
  const stageName = new Map(j.stages.map((s) => [s.id, s.name]))
  const inWindow = j.milestones.filter((m) => m.status !== 'dropped' && m.plannedEnd >= w.from && m.plannedStart <= w.to)
  const items = inWindow.slice(0, ROADMAP_MAX_ITEMS).map((m) => ({
    title: m.title,
    stage: stageName.get(m.stageId) ?? '',
    owner: m.ownerName || OWNER_SIDE_LABELS[m.ownerSide],
    start: m.plannedStart,
    end: m.plannedEnd,
    status: m.status,
    overdue: isOverdue(m, asOf)
  }))
  return { ...w, items, more: inWindow.length - items.length }
}

// ---------------------------------------------------------------- maturity

function maturityModel(history: ScoreSummary[]): ReportModel['maturity'] {
  const scored = history.filter((h) => h.overall !== null)
  const latest = scored[scored.length - 1]
  if (!latest) return null
  const prev = scored.length > 1 ? scored[scored.length - 2] : null
  const prevBy = new Map((prev?.dimensions ?? []).map((d) => [d.dimensionId, d.score]))
  return {
    title: latest.title,
    heldOn: latest.heldOn,
    overall: latest.overall,
    previous: prev ? { title: prev.title, heldOn: prev.heldOn, overall: prev.overall } : null,
    rows: latest.dimensions.map((d) => {
      const before = prevBy.get(d.dimensionId) ?? null
      return { dimension: d.name, score: d.score, previous: before, delta: d.score !== null && before !== null ? Math.round((d.score - before) * 100) / 100 : null }
    }),
    trend: maturityTrend(scored)
  }
}

// ---------------------------------------------------------------- learning

function learningModel(db: ClientDb, asOf: string): ReportModel['learning'] {
  const has = db.sqlite.prepare('SELECT count(*) AS n FROM hypotheses').get() as { n: number }
  if (has.n === 0) return null
  const decided = (
    db.sqlite
      .prepare(
        `SELECT belief, category, status, decision, decided_at AS decidedAt, observed, learned, therefore FROM hypotheses
         WHERE decision IS NOT NULL AND decision <> 'keep_testing' ORDER BY decided_at DESC, rowid DESC LIMIT 8`
      )
      .all() as { belief: string; category: HypothesisCategory; status: HypothesisStatus; decision: Decision; decidedAt: string | null; observed: string; learned: string; therefore: string }[]
  ).map<LearningItem>((h) => ({
    belief: h.belief,
    category: HYPOTHESIS_CATEGORY_LABELS[h.category] ?? h.category,
    status: HYPOTHESIS_STATUS_LABELS[h.status] ?? h.status,
    decision: h.decision ? (DECISION_LABELS[h.decision] ?? h.decision) : null,
    decidedAt: h.decidedAt,
    observed: h.observed,
    learned: h.learned,
    therefore: h.therefore
  }))
  const testing = (
    db.sqlite
      .prepare(
        `SELECT belief, category, importance, evidence_strength AS evidence, status, measure, right_if AS rightIf, owner, due_date AS due FROM hypotheses
         WHERE status = 'testing' OR (status = 'untested' AND importance >= 4 AND evidence_strength IN ('none', 'anecdotal'))
         ORDER BY status = 'testing' DESC, importance DESC, due_date IS NULL, due_date, rowid LIMIT 8`
      )
      .all() as { belief: string; category: HypothesisCategory; importance: number; evidence: EvidenceStrength; status: HypothesisStatus; measure: string; rightIf: string; owner: string | null; due: string | null }[]
  ).map<TestingItem>((h) => ({
    belief: h.belief,
    category: HYPOTHESIS_CATEGORY_LABELS[h.category] ?? h.category,
    importance: h.importance,
    evidence: EVIDENCE_STRENGTH_LABELS[h.evidence] ?? h.evidence,
    status: HYPOTHESIS_STATUS_LABELS[h.status] ?? h.status,
    measure: h.measure,
    rightIf: h.rightIf,
    owner: h.owner,
    due: h.due
  }))
  // Hypothesis velocity: decisions reached in the last twelve months, per quarter.
  const yearAgo = addDays(asOf, -365)
  const recent = db.sqlite
    .prepare(`SELECT count(*) AS n FROM hypothesis_decisions WHERE decision <> 'keep_testing' AND substr(decided_at, 1, 10) > ? AND substr(decided_at, 1, 10) <= ?`)
    .get(yearAgo, asOf) as { n: number }
  return { decided, testing, decidedPerQuarter: recent.n / 4 }
}

// ---------------------------------------------------------------- portfolio

const BAND_LABELS = { green: 'Healthy', amber: 'Watch', red: 'At risk', unknown: 'Not scored yet' } as const
const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const

function portfolioFacts(sum: PortfolioSummary, currency: string): KeyFact[] {
  const a = sum.activation
  return [
    {
      label: 'Activation rate',
      value: pct(a.value),
      note: a.denominator ? `${a.numerator} of ${a.denominator} partners signed ${shortDate(a.period.from)}–${shortDate(a.period.to)} had a first commercial event within ${a.windowDays} days (typical: 20–40 %).` : 'No partner was signed in the period.'
    },
    {
      label: 'Median days to first commercial event',
      value: sum.medianDaysToFirstCommercial.days === null ? '—' : `${Math.round(sum.medianDaysToFirstCommercial.days)} days`,
      note: `From the signed date, over ${plural(sum.medianDaysToFirstCommercial.partners, 'partner')} that reached one.`
    },
    {
      label: 'Paper partners',
      value: pct(sum.paperPartners.value),
      note: `${sum.paperPartners.numerator} of ${sum.paperPartners.denominator} signed partners have no commercial event after ${a.windowDays} days.`
    },
    {
      label: 'Partner-sourced pipeline',
      value: money(sum.pipeline.sourced, currency),
      note: `${pct(sum.pipeline.sourcedShare)} of partner pipeline; ${money(sum.pipeline.influenced, currency)} more influenced (lost deals excluded).`
    },
    {
      label: 'Concentration',
      value: pct(sum.concentration.top3Share),
      note: `Share of partner pipeline from the top three partners (top one: ${pct(sum.concentration.top1Share)}).`
    },
    {
      label: 'Meeting cadence kept',
      value: pct(sum.cadenceAdherence.value),
      note: `${sum.cadenceAdherence.numerator} of ${sum.cadenceAdherence.denominator} active partners met within their tier’s cadence.`
    }
  ]
}

function portfolioModel(db: ClientDb, p: { rows: PortfolioRow[]; summary: PortfolioSummary; currency: string }): ReportModel['portfolio'] {
  const sum = p.summary
  const risks = (
    db.sqlite
      .prepare(
        `SELECT p.name AS partner, r.kind, r.severity, r.status, r.description, r.raised_at AS raisedAt FROM risks r JOIN partners p ON p.id = r.partner_id
         WHERE r.status <> 'closed'`
      )
      .all() as { partner: string; kind: RiskKind; severity: RiskItem['severity']; status: string; description: string | null; raisedAt: string }[]
  )
    .sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || b.raisedAt.localeCompare(a.raisedAt))
    .slice(0, 12)
    .map<RiskItem>((r) => ({ ...r, kind: RISK_KIND_LABELS[r.kind] ?? r.kind, description: r.description ?? '' }))
  const topPartners = [...p.rows]
    .filter((r) => r.sourced > 0)
    .sort((a, b) => b.sourced - a.sourced || a.name.localeCompare(b.name))
    .slice(0, 8)
    .map((r) => ({
      name: r.name,
      type: PARTNER_TYPE_LABELS[r.type as PartnerType] ?? r.type,
      tier: r.tier,
      stage: LIFECYCLE_LABELS[r.stage] ?? r.stage,
      sourced: r.sourced,
      influenced: r.influenced,
      health: r.health === null ? null : Math.round(r.health)
    }))
  return {
    currency: p.currency,
    partnerCount: sum.partnerCount,
    facts: portfolioFacts(sum, p.currency),
    byStage: LIFECYCLE_STAGES.map((st) => ({ stage: LIFECYCLE_LABELS[st], count: sum.byStage[st] ?? 0 })),
    health: (['green', 'amber', 'red', 'unknown'] as const).map((band) => ({ band, label: BAND_LABELS[band], count: sum.health[band] })),
    topPartners,
    risks,
    warnings: WARNING_KINDS.map((k) => ({ label: WARNING_LABELS[k], count: sum.warningCounts[k] })).filter((w) => w.count > 0).sort((a, b) => b.count - a.count)
  }
}

// ---------------------------------------------------------------- actions

function actionsModel(db: ClientDb, j: JourneyView | null, asOf: string): ReportModel['actions'] {
  const to = addDays(asOf, ACTION_WINDOW_DAYS)
  const since = addDays(asOf, -ACTION_WINDOW_DAYS)
  const items: ActionItemModel[] = []
  for (const m of j?.milestones ?? []) {
    if (!['planned', 'in_progress', 'blocked'].includes(m.status)) continue
    if (m.plannedEnd > to || m.plannedEnd < since) continue
    items.push({ due: m.plannedEnd, what: m.title, owner: m.ownerName || OWNER_SIDE_LABELS[m.ownerSide], source: 'Roadmap', overdue: m.plannedEnd < asOf })
  }
  const partnerActions = db.sqlite
    .prepare(
      `SELECT a.text, a.owner, a.due_at AS due, p.name AS partner FROM action_items a JOIN partners p ON p.id = a.partner_id
       WHERE a.done_at IS NULL AND a.due_at IS NOT NULL AND a.due_at >= ? AND a.due_at <= ?`
    )
    .all(since, to) as { text: string; owner: string | null; due: string; partner: string }[]
  for (const a of partnerActions) items.push({ due: a.due, what: `${a.text} (${a.partner})`, owner: a.owner || '—', source: 'Partner', overdue: a.due < asOf })
  const latest = db.sqlite.prepare('SELECT id FROM assessments ORDER BY held_on DESC, created_at DESC LIMIT 1').get() as { id: string } | undefined
  if (latest) {
    const wa = db.sqlite
      .prepare(`SELECT title, owner, due_on AS due FROM assessment_actions WHERE assessment_id = ? AND milestone_id IS NULL AND (due_on IS NULL OR (due_on >= ? AND due_on <= ?))`)
      .all(latest.id, since, to) as { title: string; owner: string | null; due: string | null }[]
    for (const a of wa) items.push({ due: a.due, what: a.title, owner: a.owner || '—', source: 'Workshop', overdue: a.due !== null && a.due < asOf })
  }
  if (!j && items.length === 0 && !latest && (db.sqlite.prepare('SELECT count(*) AS n FROM partners').get() as { n: number }).n === 0) return null
  items.sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.what.localeCompare(b.what))
  return { from: asOf, to, items: items.slice(0, ACTIONS_MAX_ITEMS), more: Math.max(0, items.length - ACTIONS_MAX_ITEMS) }
}

// ---------------------------------------------------------------- summary

function keyFacts(
  journey: ReportModel['journey'],
  roadmap: ReportModel['roadmap'],
  maturity: ReportModel['maturity'],
  sum: PortfolioSummary | null,
  learning: ReportModel['learning'],
  currency: string
): KeyFact[] {
  const out: KeyFact[] = []
  if (journey) {
    const cur = journey.stages.find((s) => s.name === journey.currentStage)
    out.push({
      label: 'Journey stage',
      value: journey.currentStage ?? 'Complete',
      note: cur ? `Stage ${cur.position + 1} of ${journey.stages.length}; ${cur.criteriaMet} of ${cur.criteriaTotal} exit criteria met.` : 'Every stage is complete.'
    })
  }
  if (maturity)
    out.push({
      label: 'Overall maturity',
      value: `${score(maturity.overall)} / 4`,
      note:
        maturity.previous && maturity.previous.overall !== null && maturity.overall !== null
          ? `${signed(maturity.overall - maturity.previous.overall)} since ${shortDate(maturity.previous.heldOn)} (${LEVELS[Math.round(maturity.overall)]}).`
          : `${maturity.overall === null ? '' : LEVELS[Math.round(maturity.overall)]}, assessed ${shortDate(maturity.heldOn)}.`
    })
  if (sum && sum.partnerCount > 0) {
    const f = portfolioFacts(sum, currency)
    out.push(f[0], f[2], f[3])
  }
  if (roadmap) {
    const overdue = roadmap.items.filter((i) => i.overdue).length
    out.push({
      label: 'Milestones this half-year',
      value: String(roadmap.items.length + roadmap.more),
      note: `${roadmap.quarters.map((q) => q.label).join(' and ')}; ${overdue ? `${overdue} overdue` : 'none overdue'}.`
    })
  }
  if (learning && out.length < 6)
    out.push({ label: 'Hypotheses decided', value: String(learning.decided.length), note: `${learning.testing.length} being tested or next in line.` })
  return out.slice(0, 6)
}

function draftSummary(
  journey: ReportModel['journey'],
  roadmap: ReportModel['roadmap'],
  maturity: ReportModel['maturity'],
  sum: PortfolioSummary | null,
  learning: ReportModel['learning'],
  actions: ReportModel['actions'],
  currency: string
): string[] {
  const out: string[] = []
  if (journey) {
    const cur = journey.stages.find((s) => s.name === journey.currentStage)
    out.push(
      cur
        ? `The program is in stage ${cur.position + 1} of ${journey.stages.length}, ${cur.name}: ${cur.criteriaMet} of ${cur.criteriaTotal} exit criteria are met.`
        : 'Every stage of the journey is complete.'
    )
  }
  if (roadmap) {
    const overdue = roadmap.items.filter((i) => i.overdue).length
    const n = roadmap.items.length + roadmap.more
    out.push(`${plural(n, 'milestone')} ${n === 1 ? 'is' : 'are'} planned for ${roadmap.quarters.map((q) => q.label).join(' and ')}${overdue ? `; ${overdue} ${overdue === 1 ? 'is' : 'are'} overdue` : ''}.`)
  }
  if (maturity && maturity.overall !== null) {
    const scored = maturity.rows.filter((r) => r.score !== null)
    const best = [...scored].sort((a, b) => b.score! - a.score!)[0]
    const worst = [...scored].sort((a, b) => a.score! - b.score!)[0]
    const d = maturity.previous?.overall != null ? maturity.overall - maturity.previous.overall : null
    out.push(
      `Overall maturity is ${score(maturity.overall)} of 4 (${LEVELS[Math.round(maturity.overall)]})${d !== null ? `, ${d >= 0 ? 'up' : 'down'} ${Math.abs(d).toFixed(1)} since ${shortDate(maturity.previous!.heldOn)}` : ''}${best && worst && best !== worst ? `; strongest in ${best.dimension.toLowerCase()}, weakest in ${worst.dimension.toLowerCase()}` : ''}.`
    )
  }
  if (sum && sum.partnerCount > 0) {
    const a = sum.activation
    if (a.denominator) out.push(`${pct(a.value)} of partners signed in the last year reached a first commercial event within ${a.windowDays} days (typical programs: 20–40 %).`)
    if (sum.paperPartners.numerator) out.push(`${plural(sum.paperPartners.numerator, 'signed partner')} ${sum.paperPartners.numerator === 1 ? 'has' : 'have'} produced nothing after ${a.windowDays} days (paper partners).`)
    if (sum.pipeline.sourced > 0)
      out.push(`Partners sourced ${money(sum.pipeline.sourced, currency)} of pipeline (${pct(sum.pipeline.sourcedShare)} of partner pipeline); the top three partners carry ${pct(sum.concentration.top3Share)}.`)
  }
  if (learning) out.push(`${plural(learning.decided.length, 'hypothesis', 'hypotheses')} reached a decision; ${learning.testing.length} ${learning.testing.length === 1 ? 'is' : 'are'} being tested or next in line.`)
  if (actions) out.push(`${plural(actions.items.length + actions.more, 'action')} ${actions.items.length + actions.more === 1 ? 'is' : 'are'} due in the next 90 days.`)
  return out
}
