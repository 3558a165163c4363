/**
 * A small registry of named measurements. Each one returns timing samples (ms) and may return a baseline's samples
 * too; the runner turns them into a figure: median, p95, target, pass/fail and the ratio to the baseline.
 * A later issue adds a figure by writing one `Measurement` and listing it in `bench/measurements/index.ts`.
 */
import { ownThreads, queuedBetween, treeRunTimes } from './sched'
import type { BenchContext } from './context'

export interface Samples {
  /** Wall-clock milliseconds, one per run; the target applies to their median. */
  samples: number[]
  /**
   * CPU milliseconds of this process for the same runs (see `timed`). On a shared machine wall time includes waiting
   * for a core; CPU time does not, so its ratio to the baseline stays meaningful under load.
   */
  cpu?: number[]
  /** Milliseconds this process's threads spent runnable but waiting for a core during each run (Linux only). */
  queued?: number[]
  /** Extra facts printed under the figure (a breakdown, the sample size, why a figure is what it is). */
  notes?: string[]
  /** The same work done the simplest possible way, for the ratio. */
  baseline?: { label: string; samples: number[]; cpu?: number[]; queued?: number[] }
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
  /** Median of (wall − time waiting for a core): what the run takes when a core is free. */
  unqueuedMedian?: number
  baseline?: {
    label: string
    median: number
    p95: number
    ratio: number
    maxRatio?: number
    cpuMedian?: number
    cpuRatio?: number
    unqueuedMedian?: number
    unqueuedRatio?: number
  }
  pass: boolean | null
  /** The same verdict on the times without waiting for a core (where measured): tells a slow path from a busy machine. */
  passWithoutQueueing?: boolean
  /** Why the figure has no value yet. */
  notMeasured?: string
  notes: string[]
}

export interface Timing {
  wall: number
  cpu: number
  /** NaN where the kernel does not report it. */
  queued: number
}

/**
 * Runs `fn` once: wall-clock and CPU milliseconds, and how long it waited for a core while other processes held
 * it (see `queuedBetween`); on a shared machine, wall − queued is what the run takes when a core is free. With
 * `tree`, CPU also counts the processes this one started (Chromium) and no wait is given: across processes,
 * waits cannot be tied to the critical path.
 */
export async function timed<T>(fn: () => T | Promise<T>, opts: { tree?: boolean } = {}): Promise<Timing & { value: T }> {
  const run0 = opts.tree ? treeRunTimes() : null
  const q0 = ownThreads()
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const value = await fn()
  const wall = performance.now() - t0
  const c = process.cpuUsage(c0)
  const q1 = ownThreads()
  if (run0) {
    // Threads that started during the run count from zero; those that ended are not counted.
    let ns = 0
    for (const [k, v] of treeRunTimes()) ns += v - (run0.get(k) ?? 0)
    return { wall, cpu: ns / 1e6, queued: NaN, value }
  }
  return { wall, cpu: (c.user + c.system) / 1000, queued: queuedBetween(q0, q1), value }
}

/** Collects timings in the shape `Samples` and its baseline take: `{ ...series, notes }`. */
export class Series {
  samples: number[] = []
  cpu: number[] = []
  queued: number[] = []
  add(t: Timing): void {
    this.samples.push(t.wall)
    this.cpu.push(t.cpu)
    this.queued.push(t.queued)
  }
}

function unqueued(wall: number[], queued?: number[]): number | undefined {
  if (!queued || queued.length !== wall.length || queued.some((q) => !Number.isFinite(q))) return undefined
  return median(wall.map((w, i) => Math.max(0, w - queued[i])))
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
  fig.unqueuedMedian = unqueued(r.samples, r.queued)
  if (r.baseline) {
    const bm = median(r.baseline.samples)
    const ratio = med / bm
    fig.baseline = { label: r.baseline.label, median: bm, p95: quantile(r.baseline.samples, 0.95), ratio, maxRatio: m.maxRatio }
    if (r.baseline.cpu?.length && fig.cpuMedian !== undefined) {
      fig.baseline.cpuMedian = median(r.baseline.cpu)
      fig.baseline.cpuRatio = fig.cpuMedian / fig.baseline.cpuMedian
    }
    const bu = unqueued(r.baseline.samples, r.baseline.queued)
    if (bu !== undefined && fig.unqueuedMedian !== undefined) {
      fig.baseline.unqueuedMedian = bu
      fig.baseline.unqueuedRatio = fig.unqueuedMedian / bu
    }
    if (m.maxRatio !== undefined && ratio > m.maxRatio) fig.pass = false
  }
  if (fig.unqueuedMedian !== undefined) {
    const ur = fig.baseline?.unqueuedRatio
    fig.passWithoutQueueing =
      fig.unqueuedMedian <= m.targetMs && (m.maxRatio === undefined || !fig.baseline || (ur !== undefined && ur <= m.maxRatio))
  }
  return fig
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))

/** ` (cpu 1.2 ms, 1.5 ms without waiting for a core)` where those were measured. */
function detail(x: { cpuMedian?: number; unqueuedMedian?: number }): string {
  const parts = [
    x.cpuMedian !== undefined ? `cpu ${ms(x.cpuMedian)} ms` : '',
    x.unqueuedMedian !== undefined ? `${ms(x.unqueuedMedian)} ms without waiting for a core` : ''
  ].filter(Boolean)
  return parts.length ? ` (${parts.join(', ')})` : ''
}

export function formatFigure(f: Figure): string {
  const verdict = f.pass === null ? 'n/a ' : f.pass ? 'PASS' : 'FAIL'
  const lines: string[] = []
  if (f.median === null) {
    lines.push(`${verdict}  ${f.label}: not measured yet (target ≤ ${f.targetMs} ms)`)
    lines.push(`      ${f.notMeasured}`)
  } else {
    const cpu = detail(f)
    lines.push(
      `${verdict}  ${f.label}: median ${ms(f.median)} ms${cpu}, p95 ${ms(f.p95!)} ms, n=${f.count} (target ≤ ${f.targetMs} ms)`
    )
    if (f.baseline) {
      const b = f.baseline
      const limit = b.maxRatio !== undefined ? ` (target ≤ ${b.maxRatio}×)` : ''
      lines.push(`      ratio ${b.ratio.toFixed(2)}×${limit} of ${b.label}: median ${ms(b.median)} ms${detail(b)}, p95 ${ms(b.p95)} ms`)
      const other = [
        b.unqueuedRatio !== undefined ? `${b.unqueuedRatio.toFixed(2)}× without waiting for a core` : '',
        b.cpuRatio !== undefined ? `${b.cpuRatio.toFixed(2)}× in cpu time` : ''
      ].filter(Boolean)
      if (other.length) lines.push(`      ratio ${other.join(', ')}`)
    }
  }
  if (f.pass === false && f.passWithoutQueueing)
    lines.push('      → meets its target(s) once time spent waiting for a core (other processes) is left out')
  for (const n of f.notes) lines.push(`      ${n}`)
  return lines.join('\n')
}

export { ms as formatMs }
