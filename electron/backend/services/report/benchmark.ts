/**
 * The report's benchmark section from the benchmark feature's anonymous aggregates: only figures the cohort rule
 * allows (at least 5 other clients with a value) carry numbers; the rest say "not enough peers". Never a peer's
 * name or raw value: quartiles, median, this program's percentile and the cohort size only.
 */
import { formatValue, type BenchmarkFigure } from '../../../../shared/benchmark/metrics'
import type { ClientBenchmark } from '../../../../shared/ipc/channels/benchmark'
import { longDate } from '../../../../shared/report/format'
import type { BenchmarkMetric, ReportModel } from '../../../../shared/report/model'

/** The figures a client-facing report shows (the per-dimension and per-stage ones stay in the app). */
export const REPORT_BENCHMARK_KEYS = [
  'maturity',
  'activationRate',
  'daysToFirstCommercial',
  'paperPartnerRatio',
  'sourcedShare',
  'concentrationTop3',
  'cadenceAdherence',
  'hypothesisVelocity'
] as const

function metric(f: BenchmarkFigure): BenchmarkMetric {
  const fmt = (v: number | null) => formatValue(f.unit, v)
  const usable = !f.suppressed && f.value !== null && f.p25 !== null && f.median !== null && f.p75 !== null
  return {
    label: f.label,
    hint: f.better === 'higher' ? 'Higher is better' : f.better === 'lower' ? 'Lower is better' : '',
    value: fmt(f.value),
    p25: usable ? fmt(f.p25) : '',
    median: usable ? fmt(f.median) : '',
    p75: usable ? fmt(f.p75) : '',
    percentile: usable ? f.percentile : null,
    // The cohort size is shown only with a figure the rule allows.
    cohort: usable ? f.peers : 0,
    suppressed: !usable,
    higherIsBetter: f.better !== 'lower',
    raw: usable ? { value: f.value!, p25: f.p25!, median: f.median!, p75: f.p75! } : null
  }
}

export function benchmarkSection(b: ClientBenchmark): { section: ReportModel['benchmark']; reason: string } {
  if (b.ownSkip) return { section: null, reason: `This client’s file could not be read for the benchmark (${b.ownSkip.message})` }
  const byKey = new Map(b.figures.map((f) => [f.key, f]))
  const metrics = REPORT_BENCHMARK_KEYS.map((k) => byKey.get(k)).filter((f): f is BenchmarkFigure => !!f).map(metric)
  // "all clients" reads as words in a sentence; segment names (EMEA, Growth) keep their capitals.
  const cohortWords = Object.keys(b.cohort.filter).length ? b.cohort.label : b.cohort.label.toLowerCase()
  if (!metrics.some((m) => !m.suppressed))
    return {
      section: null,
      reason: `Not enough peers for the benchmark: a figure needs at least 5 other clients with data in the cohort (${cohortWords}: ${b.cohort.size - 1} other clients).`
    }
  const peers = b.cohort.size - 1
  return {
    section: {
      cohortLabel: `Compared anonymously with ${peers} other programs (${cohortWords}), as of ${longDate(b.asOf)}.`,
      metrics,
      note:
        'Only aggregates of other programs are used, never a name or a single program’s figures. A figure is shown only when at least 5 other programs have a value. Percentile = share of the other programs below this one (ties count half); the band is their 25th to 75th percentile, the tick their median.'
    },
    reason: ''
  }
}
