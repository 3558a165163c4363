/**
 * Pure arithmetic of maturity assessments: vote distribution, spread, disagreement, per-dimension and overall
 * scores, comparisons and trends. Shared by the backend, the renderer and cross-client benchmarking.
 */
import { findQuestion, type MaturityModelContent } from './maturity'

/** A participant's vote on one question: a level 0–4, or "skip" (they abstained). */
export type VoteValue = 0 | 1 | 2 | 3 | 4 | 'skip'

/** Two levels or more between the lowest and highest vote: worth discussing before agreeing a score. */
export const DISAGREEMENT_SPREAD = 2
/** The level a gap is measured against when turning results into actions ("managed"). */
export const DEFAULT_TARGET_LEVEL = 3

export interface VoteStats {
  /** How many votes for each level 0–4. */
  distribution: [number, number, number, number, number]
  skips: number
  /** Highest minus lowest level voted; null when nobody voted a level. */
  spread: number | null
  disagreement: boolean
  /** Mean of the levels voted (skips excluded); null when nobody voted a level. */
  mean: number | null
}

export function isLevel(v: unknown): v is 0 | 1 | 2 | 3 | 4 {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 4
}

export function voteStats(votes: readonly VoteValue[]): VoteStats {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0]
  let skips = 0
  let sum = 0
  let n = 0
  let lo = Infinity
  let hi = -Infinity
  for (const v of votes) {
    if (v === 'skip') {
      skips++
      continue
    }
    distribution[v]++
    sum += v
    n++
    lo = Math.min(lo, v)
    hi = Math.max(hi, v)
  }
  const spread = n === 0 ? null : hi - lo
  return { distribution, skips, spread, disagreement: spread !== null && spread >= DISAGREEMENT_SPREAD, mean: n ? sum / n : null }
}

export function spread(votes: readonly VoteValue[]): number | null {
  return voteStats(votes).spread
}

export function isDisagreement(votes: readonly VoteValue[]): boolean {
  return voteStats(votes).disagreement
}

function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null
}

/** Rounds a score for display and storage in summaries (two decimals). */
export function roundScore(x: number | null): number | null {
  return x === null ? null : Math.round(x * 100) / 100
}

export interface DimensionScore {
  dimensionId: string
  name: string
  /** Mean of the agreed (consensus) scores of the dimension's questions; null when none was agreed yet. */
  score: number | null
  /** Questions with an agreed score / questions in the dimension. */
  scored: number
  questions: number
}

/**
 * Per-dimension scores from consensus scores (question id → 0–4 or null). Only the dimensions listed are scored
 * (a workshop may cover a subset of the model), in the order given.
 */
export function dimensionScores(
  model: MaturityModelContent,
  consensus: Readonly<Record<string, number | null | undefined>>,
  dimensionIds: readonly string[] = model.dimensions.map((d) => d.id)
): DimensionScore[] {
  const out: DimensionScore[] = []
  for (const id of dimensionIds) {
    const d = model.dimensions.find((x) => x.id === id)
    if (!d) continue
    const scores = d.questions.map((q) => consensus[q.id]).filter((s): s is number => typeof s === 'number')
    out.push({ dimensionId: d.id, name: d.name, score: roundScore(mean(scores)), scored: scores.length, questions: d.questions.length })
  }
  return out
}

/** Overall maturity = mean of the dimension scores that have one (the product guide's definition). */
export function overallScore(dims: readonly { score: number | null }[]): number | null {
  return roundScore(mean(dims.map((d) => d.score).filter((s): s is number => s !== null)))
}

/** What history, comparison and benchmarks need of one assessment. */
export interface ScoreSummary {
  assessmentId: string
  title: string
  /** The day the workshop was held (YYYY-MM-DD). */
  heldOn: string
  modelId: string
  modelVersion: number
  dimensions: { dimensionId: string; name: string; score: number | null }[]
  overall: number | null
}

export interface DimensionDelta {
  dimensionId: string
  name: string
  before: number | null
  after: number | null
  /** after − before; null when either side has no score (e.g. the dimension was not covered). */
  delta: number | null
}

export interface Comparison {
  before: { assessmentId: string; title: string; heldOn: string }
  after: { assessmentId: string; title: string; heldOn: string }
  dimensions: DimensionDelta[]
  overall: { before: number | null; after: number | null; delta: number | null }
  /** True when the two used different models or versions: dimensions are matched by id. */
  differentModels: boolean
}

function delta(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : roundScore(b - a)
}

/** Compares two assessments; `before` is whichever was held first. Dimensions are matched by id. */
export function compareAssessments(x: ScoreSummary, y: ScoreSummary): Comparison {
  const [a, b] = x.heldOn <= y.heldOn ? [x, y] : [y, x]
  const ids: string[] = []
  for (const d of [...a.dimensions, ...b.dimensions]) if (!ids.includes(d.dimensionId)) ids.push(d.dimensionId)
  const dimensions = ids.map((id) => {
    const da = a.dimensions.find((d) => d.dimensionId === id)
    const db = b.dimensions.find((d) => d.dimensionId === id)
    const before = da?.score ?? null
    const after = db?.score ?? null
    return { dimensionId: id, name: (db ?? da)!.name, before, after, delta: delta(before, after) }
  })
  return {
    before: { assessmentId: a.assessmentId, title: a.title, heldOn: a.heldOn },
    after: { assessmentId: b.assessmentId, title: b.title, heldOn: b.heldOn },
    dimensions,
    overall: { before: a.overall, after: b.overall, delta: delta(a.overall, b.overall) },
    differentModels: a.modelId !== b.modelId || a.modelVersion !== b.modelVersion
  }
}

/** Overall score over time, oldest first (assessments without any score are left out). */
export function trend(summaries: readonly ScoreSummary[]): { assessmentId: string; heldOn: string; overall: number }[] {
  return [...summaries]
    .filter((s) => s.overall !== null)
    .sort((p, q) => (p.heldOn < q.heldOn ? -1 : p.heldOn > q.heldOn ? 1 : 0))
    .map((s) => ({ assessmentId: s.assessmentId, heldOn: s.heldOn, overall: s.overall as number }))
}

export interface Gap {
  dimensionId: string
  questionId: string
  score: number
  target: number
  /** A ready-to-edit action title: the descriptor of the next level up. */
  suggestion: string
}

/** Questions whose agreed score is below the target, worst first: the raw material for actions. */
export function gaps(
  model: MaturityModelContent,
  consensus: Readonly<Record<string, number | null | undefined>>,
  target: number = DEFAULT_TARGET_LEVEL
): Gap[] {
  const out: Gap[] = []
  for (const [qid, score] of Object.entries(consensus)) {
    if (typeof score !== 'number' || score >= target) continue
    const hit = findQuestion(model, qid)
    if (!hit) continue
    const next = Math.min(4, score + 1)
    out.push({
      dimensionId: hit.dimension.id,
      questionId: qid,
      score,
      target,
      suggestion: `${hit.dimension.name}: reach level ${next} — ${hit.question.levels[next]}`
    })
  }
  return out.sort((p, q) => p.score - q.score || p.questionId.localeCompare(q.questionId))
}
