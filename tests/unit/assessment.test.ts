import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  compareAssessments,
  dimensionScores,
  gaps,
  isDisagreement,
  overallScore,
  spread,
  trend,
  voteStats,
  type ScoreSummary,
  type VoteValue
} from '../../shared/domain/assessment'
import { DEFAULT_MODEL } from '../../shared/domain/maturity'
import { maturityModelContentSchema } from '../../shared/domain/maturitySchema'

const vote = fc.oneof(fc.constantFrom<VoteValue>(0, 1, 2, 3, 4), fc.constant<VoteValue>('skip'))

describe('assessment arithmetic', () => {
  it('spread and disagreement', () => {
    expect(spread([])).toBeNull()
    expect(spread(['skip', 'skip'])).toBeNull()
    expect(spread([2, 2, 'skip'])).toBe(0)
    expect(isDisagreement([1, 2])).toBe(false)
    expect(isDisagreement([1, 3])).toBe(true)
    expect(voteStats([0, 4, 4, 'skip'])).toEqual({ distribution: [1, 0, 0, 0, 2], skips: 1, spread: 4, disagreement: true, mean: 8 / 3 })
  })

  it('stats are consistent for any votes', () => {
    fc.assert(
      fc.property(fc.array(vote, { maxLength: 40 }), (votes) => {
        const s = voteStats(votes)
        expect(s.distribution.reduce((a, b) => a + b, 0) + s.skips).toBe(votes.length)
        const levels = votes.filter((v): v is 0 | 1 | 2 | 3 | 4 => v !== 'skip')
        expect(s.spread).toBe(levels.length ? Math.max(...levels) - Math.min(...levels) : null)
        expect(s.disagreement).toBe((s.spread ?? 0) >= 2)
        if (s.mean !== null) expect(s.mean).toBeGreaterThanOrEqual(0)
      })
    )
  })

  it('scores dimensions from consensus and the overall as the mean of dimensions', () => {
    const d = dimensionScores(DEFAULT_MODEL, { 'strategy.why': 2, 'strategy.sponsor': 3, 'team.people': 1 }, ['strategy', 'team', 'design'])
    expect(d.map((x) => [x.dimensionId, x.score, x.scored, x.questions])).toEqual([
      ['strategy', 2.5, 2, 3],
      ['team', 1, 1, 2],
      ['design', null, 0, 3]
    ])
    expect(overallScore(d)).toBe(1.75)
    expect(overallScore([])).toBeNull()
  })

  it('compares two assessments whichever order they are given, and builds a trend', () => {
    const a: ScoreSummary = { assessmentId: 'a', title: 'A', heldOn: '2026-01-10', modelId: 'm', modelVersion: 1, dimensions: [{ dimensionId: 'x', name: 'X', score: 1 }, { dimensionId: 'y', name: 'Y', score: 2 }], overall: 1.5 }
    const b: ScoreSummary = { assessmentId: 'b', title: 'B', heldOn: '2026-06-10', modelId: 'm', modelVersion: 2, dimensions: [{ dimensionId: 'x', name: 'X', score: 2.5 }, { dimensionId: 'z', name: 'Z', score: 3 }], overall: 2.75 }
    for (const c of [compareAssessments(a, b), compareAssessments(b, a)]) {
      expect(c.before.assessmentId).toBe('a')
      expect(c.dimensions).toEqual([
        { dimensionId: 'x', name: 'X', before: 1, after: 2.5, delta: 1.5 },
        { dimensionId: 'y', name: 'Y', before: 2, after: null, delta: null },
        { dimensionId: 'z', name: 'Z', before: null, after: 3, delta: null }
      ])
      expect(c.overall.delta).toBe(1.25)
      expect(c.differentModels).toBe(true)
    }
    expect(trend([b, a, { ...a, assessmentId: 'c', overall: null }]).map((t) => t.assessmentId)).toEqual(['a', 'b'])
  })

  it('turns scores below the target into gaps, worst first', () => {
    const g = gaps(DEFAULT_MODEL, { 'strategy.why': 2, 'team.people': 0, 'activation.plan': 3, 'gone.question': 0 })
    expect(g.map((x) => x.questionId)).toEqual(['team.people', 'strategy.why'])
    expect(g[1].suggestion).toContain('reach level 3')
  })
})

describe('default maturity model', () => {
  it('covers the ten dimensions with 2–4 questions and five written levels each', () => {
    const { id: _id, version: _v, ...content } = DEFAULT_MODEL
    expect(maturityModelContentSchema.parse(content)).toEqual(content)
    expect(DEFAULT_MODEL.dimensions).toHaveLength(10)
    for (const d of DEFAULT_MODEL.dimensions) {
      expect(d.questions.length).toBeGreaterThanOrEqual(2)
      expect(d.questions.length).toBeLessThanOrEqual(4)
      for (const q of d.questions) {
        expect(q.levels).toHaveLength(5)
        expect(new Set(q.levels).size).toBe(5)
        for (const l of q.levels) expect(l.length).toBeGreaterThan(30)
      }
    }
  })
})
