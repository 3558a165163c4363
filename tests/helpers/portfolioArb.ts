/**
 * Random portfolios for property tests of the portfolio and benchmark figures (fast-check): partners with random
 * stages, tiers and dates, and their opportunities, meetings, actions, activation topics and health scores.
 */
import fc from 'fast-check'
import { ACTIVATION_TOPICS, DEFAULT_PORTFOLIO_SETTINGS, HEALTH_SIGNALS } from '../../shared/domain/portfolio'
import { computePortfolio, type PortfolioData } from '../../shared/portfolio/metrics'

export interface PortfolioArbOptions {
  /** Dates fall on this many days from 2025-01-01; few days make same-day rows common. */
  days: number
  /** How many of the health signals scores use. */
  signals: number
  maxScores: number
  maxPartners: number
  /** Health scores of all partners interleaved (score k of every partner, then k + 1), not partner by partner. */
  interleaveScores?: boolean
}

export function dayArb(days: number): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: days }).map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10))
}

export function portfolioArb(o: PortfolioArbOptions): fc.Arbitrary<PortfolioData> {
  const day = dayArb(o.days)
  return fc
    .array(
      fc.record({
        stage: fc.constantFrom('prospect', 'signed', 'activating', 'producing', 'dormant', 'exited'),
        tier: fc.constantFrom(null, 'Gold', 'Platinum'),
        signedAt: fc.option(day),
        first: fc.option(day),
        meetings: fc.array(day, { maxLength: 3 }),
        opps: fc.array(fc.record({ kind: fc.constantFrom('sourced', 'influenced'), amount: fc.integer({ min: 0, max: 1000 }), openedAt: day, lost: fc.boolean() }), { maxLength: 3 }),
        actions: fc.array(fc.record({ dueAt: fc.option(day), doneAt: fc.option(day) }), { maxLength: 3 }),
        topics: fc.array(fc.constantFrom('agreed', 'discussed', 'not-discussed', 'declined'), { maxLength: ACTIVATION_TOPICS.length }),
        scores: fc.array(fc.record({ signal: fc.constantFrom(...HEALTH_SIGNALS.slice(0, o.signals)), score: fc.integer({ min: 0, max: 2 }), date: day }), {
          maxLength: o.maxScores
        })
      }),
      { maxLength: o.maxPartners }
    )
    .map((ps): PortfolioData => {
      const scores = ps.flatMap((p, i) => p.scores.map((x, k) => ({ k, s: { partnerId: `p${i}`, ...x } })))
      if (o.interleaveScores) scores.sort((a, b) => a.k - b.k)
      return {
        partners: ps.map((p, i) => ({ id: `p${i}`, name: `P${i}`, type: 'reseller', tier: p.tier, stage: p.stage as 'signed', signedAt: p.signedAt, firstCommercialAt: p.first })),
        opportunities: ps.flatMap((p, i) =>
          p.opps.map((x) => ({ partnerId: `p${i}`, kind: x.kind as 'sourced', amount: x.amount, currency: 'USD', stage: x.lost ? ('lost' as const) : ('proposal' as const), openedAt: x.openedAt }))
        ),
        meetings: ps.flatMap((p, i) => p.meetings.map((date) => ({ partnerId: `p${i}`, date }))),
        actions: ps.flatMap((p, i) => p.actions.map((a) => ({ partnerId: `p${i}`, ...a }))),
        goals: [],
        contacts: [],
        topics: ps.flatMap((p, i) => p.topics.map((state, k) => ({ partnerId: `p${i}`, topic: ACTIVATION_TOPICS[k], state: state as 'agreed' }))),
        healthScores: scores.map((x) => x.s)
      }
    })
}

/** The Partners screen's figures (computePortfolio) under the names the benchmark reader's portfolioFigures uses. */
export function partnersScreenFigures(d: PortfolioData, asOf: string) {
  const { summary } = computePortfolio(d, asOf, DEFAULT_PORTFOLIO_SETTINGS)
  return {
    paperWarnings: summary.warningCounts['paper-partner'],
    notMet: summary.warningCounts['no-recent-meeting'],
    red: summary.health.red,
    activationRate: summary.activation.value,
    cadenceAdherence: summary.cadenceAdherence.value,
    paperPartnerRatio: summary.paperPartners.value,
    sourcedShare: summary.pipeline.sourcedShare,
    concentrationTop3: summary.concentration.top3Share
  }
}
