import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { healthFacts, portfolioFigures, type PortfolioRows } from '../../electron/backend/services/benchmark/aggregate'
import {
  MIN_PEERS,
  calibrateUsualDurations,
  describeCohort,
  figure,
  inCohort,
  metricInfo,
  orderedKeys,
  percentileRank,
  quantile,
  type ClientAggregates
} from '../../shared/benchmark/metrics'
import { MILESTONE_KINDS } from '../../shared/domain/journey'
import { DEFAULT_PORTFOLIO_SETTINGS } from '../../shared/domain/portfolio'
import { healthScore, leanHealth, type PortfolioData } from '../../shared/portfolio/metrics'
import { dayArb, partnersScreenFigures, portfolioArb } from '../helpers/portfolioArb'

describe('benchmark statistics', () => {
  it('interpolates quantiles between closest ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantile([0, 10], 0.25)).toBe(2.5)
    expect(quantile([7], 0.75)).toBe(7)
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2)
  })

  it('ranks a value among peers, ties counting half', () => {
    expect(percentileRank([1, 2, 3, 4], 2.5)).toBe(50)
    expect(percentileRank([1, 2, 2, 4], 2)).toBe(50)
    expect(percentileRank([1, 2, 3, 4], 0)).toBe(0)
    expect(percentileRank([1, 2, 3, 4], 9)).toBe(100)
  })

  it('suppresses a figure below five peers with a value and shows no distribution then', () => {
    const info = metricInfo('activationRate')!
    const four = figure(info, 0.3, [0.1, 0.2, null, 0.4, 0.5])
    expect(MIN_PEERS).toBe(5)
    expect(four).toMatchObject({ peers: 4, suppressed: true, p25: null, median: null, p75: null, percentile: null, value: 0.3 })
    const five = figure(info, 0.3, [0.1, 0.2, 0.3, 0.4, 0.5])
    expect(five).toMatchObject({ peers: 5, suppressed: false, p25: 0.2, median: 0.3, p75: 0.4, percentile: 50 })
    expect(figure(info, null, [0.1, 0.2, 0.3, 0.4, 0.5]).percentile).toBeNull()
  })

  it('matches cohorts on every given attribute and describes them in words', () => {
    const a = { companyStage: 'growth', arrBand: null, salesMotion: 'hybrid', region: 'emea', partnerModel: 'reseller' } as const
    expect(inCohort(a, {})).toBe(true)
    expect(inCohort(a, { region: 'emea', salesMotion: 'hybrid' })).toBe(true)
    expect(inCohort(a, { region: 'apac' })).toBe(false)
    expect(inCohort(a, { arrBand: '1to5m' })).toBe(false)
    expect(describeCohort({})).toBe('All clients')
    expect(describeCohort({ region: 'emea', partnerModel: 'reseller' })).toBe('EMEA · Reseller-led')
  })

  it('orders and names metric keys, and ignores keys it does not know', () => {
    expect(orderedKeys(['milestoneRatio:review', 'stageDays:prove', 'maturity:team', 'cadenceAdherence', 'maturity', 'bogus', 'stageDays:nope'])).toEqual([
      'maturity',
      'maturity:team',
      'cadenceAdherence',
      'stageDays:prove',
      'milestoneRatio:review'
    ])
    expect(metricInfo('maturity:x', { x: 'Own dimension' })!.label).toBe('Maturity: Own dimension')
  })

  it('calibrates a kind only from five clients or more', () => {
    const agg = (days: number | null): ClientAggregates => ({
      asOf: '2026-01-01',
      partnerModel: null,
      metrics: {},
      dimensionNames: {},
      milestoneDurations: days === null ? {} : { hiring: { count: 1, medianActualDays: days, medianPlannedDays: days, medianRatio: 1 } }
    })
    expect(calibrateUsualDurations([10, 20, 30, 40].map(agg)).usual.hiring).toBe(MILESTONE_KINDS.hiring.usualDays)
    const five = calibrateUsualDurations([10, 20, 31, 40, 50, null].map(agg))
    expect(five.calibrated).toEqual({ hiring: 31 })
    expect(five.usual.hiring).toBe(31)
  })
})

describe('cockpit counts', () => {
  const day = dayArb(800)
  const data = portfolioArb({ days: 800, signals: 4, maxScores: 6, maxPartners: 25 })

  /** What readRows's per-partner SQL answers, computed the plain way from the rows. */
  function summaries(d: PortfolioData, asOf: string): PortfolioRows {
    const lastMeeting = new Map<string, string>()
    for (const m of d.meetings) if (m.date <= asOf && (!lastMeeting.has(m.partnerId) || m.date > lastMeeting.get(m.partnerId)!)) lastMeeting.set(m.partnerId, m.date)
    const topicPoints2 = new Map<string, number>()
    for (const t of d.topics) topicPoints2.set(t.partnerId, (topicPoints2.get(t.partnerId) ?? 0) + (t.state === 'agreed' ? 2 : t.state === 'discussed' ? 1 : 0))
    const actions = new Map<string, { due: number; onTime: number }>()
    for (const a of d.actions) {
      if (a.dueAt === null) continue
      const x = actions.get(a.partnerId) ?? { due: 0, onTime: 0 }
      if (a.dueAt <= asOf) x.due++
      if (a.dueAt <= asOf && a.doneAt !== null && a.doneAt <= a.dueAt) x.onTime++
      actions.set(a.partnerId, x)
    }
    const latest = new Map<string, { score: number; date: string }>()
    for (const h of d.healthScores) {
      const k = `${h.partnerId}|${h.signal}`
      if (!latest.has(k) || h.date >= latest.get(k)!.date) latest.set(k, h)
    }
    const signals = new Map<string, { sum: number; n: number }>()
    for (const [k, h] of latest) {
      const id = k.split('|')[0]
      const x = signals.get(id) ?? { sum: 0, n: 0 }
      x.sum += h.score
      x.n++
      signals.set(id, x)
    }
    return { partners: d.partners, opportunities: d.opportunities, lastMeeting, topicPoints2, actions, signals }
  }

  it('counts paper partners, partners not met and red health exactly as the Partners screen does', () => {
    fc.assert(
      fc.property(data, day, (d, asOf) => {
        const mine = portfolioFigures(summaries(d, asOf), asOf, DEFAULT_PORTFOLIO_SETTINGS)
        expect(mine).toMatchObject(partnersScreenFigures(d, asOf))
      }),
      { numRuns: 200 }
    )
  })

  it('gives every partner the health band healthScore gives it', () => {
    fc.assert(
      fc.property(data, day, (d, asOf) => {
        const s = summaries(d, asOf)
        for (const p of d.partners) {
          const facts = healthFacts(
            p,
            d.opportunities.filter((o) => o.partnerId === p.id),
            { lastMeeting: s.lastMeeting.get(p.id) ?? null, topicPoints2: s.topicPoints2.get(p.id) ?? 0, actions: s.actions.get(p.id) ?? null, signals: s.signals.get(p.id) ?? null },
            asOf,
            DEFAULT_PORTFOLIO_SETTINGS.currency
          )
          const mine = leanHealth(facts, asOf, DEFAULT_PORTFOLIO_SETTINGS).band
          const f = { partner: p, opportunities: d.opportunities.filter((o) => o.partnerId === p.id), meetings: d.meetings.filter((m) => m.partnerId === p.id), actions: d.actions.filter((a) => a.partnerId === p.id), topics: d.topics.filter((t) => t.partnerId === p.id), healthScores: d.healthScores.filter((h) => h.partnerId === p.id) }
          expect(mine).toBe(healthScore(f, asOf, DEFAULT_PORTFOLIO_SETTINGS, false).band)
        }
      }),
      { numRuns: 200 }
    )
  })
})
