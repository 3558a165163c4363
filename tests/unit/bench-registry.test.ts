/** The benchmark's arithmetic: a wrong median or ratio would print a false PASS. */
import { describe, expect, it } from 'vitest'
import { formatFigure, median, quantile, toFigure, type Measurement } from '../../bench/lib/registry'

const m: Measurement = { name: 'x', label: 'x', targetMs: 10, maxRatio: 3, run: async () => ({ samples: [] }) }

describe('bench registry', () => {
  it('takes medians and nearest-rank percentiles', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i)
    expect(quantile(xs, 0.95)).toBe(95)
    expect(quantile(xs, 1)).toBe(100)
    expect(quantile([7], 0.95)).toBe(7)
  })

  it('passes only when the median meets the target and the ratio meets its limit', () => {
    expect(toFigure(m, { samples: [1, 2, 3] }).pass).toBe(true)
    expect(toFigure(m, { samples: [9, 11, 12] }).pass).toBe(false)
    const f = toFigure(m, { samples: [4, 4, 4], baseline: { label: 'raw', samples: [1, 1, 1] } })
    expect(f.baseline?.ratio).toBe(4)
    expect(f.pass).toBe(false)
    expect(formatFigure(f)).toMatch(/^FAIL .*\n.*ratio 4\.00× \(target ≤ 3×\) of raw/)
    expect(toFigure(m, { samples: [2, 2], baseline: { label: 'raw', samples: [1, 1] } }).pass).toBe(true)
  })

  it('tells a slow path from a busy machine', () => {
    const busy = toFigure(m, { samples: [20, 20, 20], queued: [15, 15, 15], baseline: { label: 'raw', samples: [2, 2, 2], queued: [0, 0, 0] } })
    expect(busy.pass).toBe(false)
    expect(busy.unqueuedMedian).toBe(5)
    expect(busy.baseline?.unqueuedRatio).toBe(2.5)
    expect(busy.passWithoutQueueing).toBe(true)
    expect(formatFigure(busy)).toContain('waiting for a core')
    const slow = toFigure(m, { samples: [20, 20, 20], queued: [1, 1, 1] })
    expect(slow.passWithoutQueueing).toBe(false)
    expect(formatFigure(slow)).not.toContain('→ meets')
  })

  it('reports a figure that cannot be measured yet without a verdict', () => {
    const f = toFigure(m, { notMeasured: 'no harness' })
    expect(f.pass).toBeNull()
    expect(f.median).toBeNull()
    expect(formatFigure(f)).toContain('not measured yet')
    expect(formatFigure(f)).toContain('no harness')
  })
})
