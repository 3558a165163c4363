/**
 * A small registry of named measurements. Each one returns timing samples (ms) and may return a baseline's samples
 * too; the runner turns them into a figure: median, p95, target, pass/fail and the ratio to the baseline.
 * A later issue adds a figure by writing one `Measurement` and listing it in `bench/measurements/index.ts`.
 */
import type { BenchContext } from './context'

export interface Samples {
  /** Wall-clock milliseconds, one per run; the target applies to their median. */
  samples: number[]
  /**
   * CPU milliseconds of this process for the same runs (see `timed`). On a shared machine wall time includes waiting
   * for a core; CPU time does not, so its ratio to the baseline stays meaningful under load.
   */
  cpu?: number[]
  /** Extra facts printed under the figure (a breakdown, the sample size, why a figure is what it is). */
  notes?: string[]
  /** The same work done the simplest possible way, for the ratio. */
  baseline?: { label: string; samples: number[]; cpu?: number[] }
}

export interface NotMeasured {
  notMeasured: string
}

export interface Measurement {
  name: string
  /** What the figure is, in the words of the issue that asks for it. */
  label: string
  /** The median must be at most this many milliseconds. */
  targetMs: number
  /** When a baseline is measured: the median must be at most this many times the baseline's median. */
  maxRatio?: number
  run(ctx: BenchContext): Promise<Samples | NotMeasured>
}

export interface Figure {
  name: string
  label: string
  unit: 'ms'
  targetMs: number
  /** null when the figure could not be measured yet (see `note`). */
  median: number | null
  p95: number | null
  min: number | null
  count: number
  /** Median CPU time per run, when measured. */
  cpuMedian?: number
  baseline?: { label: string; median: number; p95: number; ratio: number; maxRatio?: number; cpuMedian?: number; cpuRatio?: number }
  pass: boolean | null
  /** Why the figure has no value yet. */
  notMeasured?: string
  notes: string[]
}

/** Runs `fn` once and returns its wall-clock and this process's CPU milliseconds. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ wall: number; cpu: number; value: T }> {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const value = await fn()
  const wall = performance.now() - t0
  const c = process.cpuUsage(c0)
  return { wall, cpu: (c.user + c.system) / 1000, value }
}

export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  // Nearest rank: the smallest sample with at least q of the samples at or below it.
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export function toFigure(m: Measurement, r: Samples | NotMeasured): Figure {
  const base = { name: m.name, label: m.label, unit: 'ms' as const, targetMs: m.targetMs }
  if ('notMeasured' in r)
    return { ...base, median: null, p95: null, min: null, count: 0, pass: null, notMeasured: r.notMeasured, notes: [] }
  const med = median(r.samples)
  const fig: Figure = {
    ...base,
    median: med,
    p95: quantile(r.samples, 0.95),
    min: Math.min(...r.samples),
    count: r.samples.length,
    pass: med <= m.targetMs,
    notes: r.notes ?? []
  }
  if (r.cpu?.length) fig.cpuMedian = median(r.cpu)
  if (r.baseline) {
    const bm = median(r.baseline.samples)
    const ratio = med / bm
    fig.baseline = { label: r.baseline.label, median: bm, p95: quantile(r.baseline.samples, 0.95), ratio, maxRatio: m.maxRatio }
    if (r.baseline.cpu?.length && fig.cpuMedian !== undefined) {
      fig.baseline.cpuMedian = median(r.baseline.cpu)
      fig.baseline.cpuRatio = fig.cpuMedian / fig.baseline.cpuMedian
    }
    if (m.maxRatio !== undefined && ratio > m.maxRatio) fig.pass = false
  }
  return fig
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))

export function formatFigure(f: Figure): string {
  const verdict = f.pass === null ? 'n/a ' : f.pass ? 'PASS' : 'FAIL'
  const lines: string[] = []
  if (f.median === null) {
    lines.push(`${verdict}  ${f.label}: not measured yet (target ≤ ${f.targetMs} ms)`)
    lines.push(`      ${f.notMeasured}`)
  } else {
    const cpu = f.cpuMedian !== undefined ? ` (cpu ${ms(f.cpuMedian)} ms)` : ''
    lines.push(
      `${verdict}  ${f.label}: median ${ms(f.median)} ms${cpu}, p95 ${ms(f.p95!)} ms, n=${f.count} (target ≤ ${f.targetMs} ms)`
    )
    if (f.baseline) {
      const b = f.baseline
      const limit = b.maxRatio !== undefined ? ` (target ≤ ${b.maxRatio}×)` : ''
      const bcpu = b.cpuMedian !== undefined ? ` (cpu ${ms(b.cpuMedian)} ms)` : ''
      lines.push(`      ratio ${b.ratio.toFixed(2)}×${limit} of ${b.label}: median ${ms(b.median)} ms${bcpu}, p95 ${ms(b.p95)} ms`)
      if (b.cpuRatio !== undefined) lines.push(`      cpu-time ratio ${b.cpuRatio.toFixed(2)}× (unaffected by other processes waiting for a core)`)
    }
  }
  for (const n of f.notes) lines.push(`      ${n}`)
  return lines.join('\n')
}

export { ms as formatMs }
