/**
 * Inline SVG charts for the report. Plain vector shapes and real text (so they print as vector paths, stay sharp at
 * any zoom and their labels can be searched and copied). No scripts, no external references.
 */
import { esc } from './escape'

export interface Palette {
  accent: string
  accentSoft: string
  accentTint: string
  ink: string
  muted: string
  line: string
  faint: string
}

const FONT = `font-family="Liberation Sans, Helvetica Neue, Arial, sans-serif"`

export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim())
  const v = m ? parseInt(m[1], 16) : 0x0f6e6e
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255]
}

/** `hex` mixed with white: 0 = the colour, 1 = white. */
export function tint(hex: string, towardsWhite: number): string {
  const [r, g, b] = hexToRgb(hex)
  const m = (c: number) => Math.round(c + (255 - c) * towardsWhite)
  return `#${[m(r), m(g), m(b)].map((c) => c.toString(16).padStart(2, '0')).join('')}`
}

/** A darker shade, for text on a tint. */
export function shade(hex: string, towardsBlack: number): string {
  const [r, g, b] = hexToRgb(hex)
  const m = (c: number) => Math.round(c * (1 - towardsBlack))
  return `#${[m(r), m(g), m(b)].map((c) => c.toString(16).padStart(2, '0')).join('')}`
}

/** Relative luminance, to pick readable text on a coloured background. */
export function isDark(hex: string): boolean {
  const [r, g, b] = hexToRgb(hex).map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.35
}

export function palette(accent: string): Palette {
  return {
    accent,
    accentSoft: tint(accent, 0.55),
    accentTint: tint(accent, 0.88),
    ink: '#1b2330',
    muted: '#5d6877',
    line: '#dde2e8',
    faint: '#f3f5f7'
  }
}

const n = (x: number) => (Math.round(x * 10) / 10).toString()

function cut(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s
}

/** Splits a label into at most `lines` lines of about `width` characters. */
export function wrap(s: string, width: number, lines = 2): string[] {
  const words = s.split(/\s+/).filter(Boolean)
  const out: string[] = []
  let cur = ''
  for (const w of words) {
    if (!cur) cur = w
    else if ((cur + ' ' + w).length <= width) cur += ' ' + w
    else {
      out.push(cur)
      cur = w
    }
  }
  if (cur) out.push(cur)
  if (out.length > lines) {
    const kept = out.slice(0, lines)
    kept[lines - 1] = cut(`${kept[lines - 1]} ${out.slice(lines).join(' ')}`, width)
    return kept
  }
  return out
}

// ---------------------------------------------------------------- radar

export interface RadarSeries {
  label: string
  values: (number | null)[]
}

/** A radar of maturity scores (0–4) per dimension: the latest assessment filled, the previous one dashed. */
export function radarChart(axes: string[], latest: RadarSeries, previous: RadarSeries | null, p: Palette): string {
  const W = 580
  const H = 400
  const cx = W / 2
  const cy = H / 2 + 4
  const R = 128
  const k = axes.length
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / k
  const pt = (i: number, v: number) => [cx + Math.cos(angle(i)) * (R * v) / 4, cy + Math.sin(angle(i)) * (R * v) / 4]
  const parts: string[] = []
  for (let level = 1; level <= 4; level++) {
    const ring = axes.map((_, i) => pt(i, level).map(n).join(',')).join(' ')
    parts.push(`<polygon points="${ring}" fill="${level % 2 ? p.faint : '#ffffff'}" stroke="${p.line}" stroke-width="1"/>`)
  }
  axes.forEach((_, i) => {
    const [x, y] = pt(i, 4)
    parts.push(`<line x1="${n(cx)}" y1="${n(cy)}" x2="${n(x)}" y2="${n(y)}" stroke="${p.line}" stroke-width="1"/>`)
  })
  for (let level = 1; level <= 4; level++) {
    const [x, y] = pt(0, level)
    parts.push(`<text x="${n(x + 4)}" y="${n(y + 3)}" font-size="9" fill="${p.muted}" ${FONT}>${level}</text>`)
  }
  const poly = (s: RadarSeries) =>
    s.values
      .map((v, i) => pt(i, v ?? 0).map(n).join(','))
      .join(' ')
  if (previous)
    parts.push(`<polygon points="${poly(previous)}" fill="none" stroke="${p.muted}" stroke-width="1.4" stroke-dasharray="4 3"/>`)
  parts.push(`<polygon points="${poly(latest)}" fill="${p.accent}" fill-opacity="0.22" stroke="${p.accent}" stroke-width="2" stroke-linejoin="round"/>`)
  latest.values.forEach((v, i) => {
    if (v === null) return
    const [x, y] = pt(i, v)
    parts.push(`<circle cx="${n(x)}" cy="${n(y)}" r="3.2" fill="${p.accent}" stroke="#ffffff" stroke-width="1.2"/>`)
  })
  axes.forEach((name, i) => {
    const a = angle(i)
    const [x, y] = [cx + Math.cos(a) * (R + 16), cy + Math.sin(a) * (R + 16)]
    const anchor = Math.abs(Math.cos(a)) < 0.2 ? 'middle' : Math.cos(a) > 0 ? 'start' : 'end'
    const lines = wrap(name, 20, 3)
    const lh = 14
    const dy = Math.sin(a) < -0.5 ? -(lines.length - 1) * lh : Math.sin(a) > 0.5 ? 8 : -((lines.length - 1) * lh) / 2 + 4
    const tspans = lines.map((l, j) => `<tspan x="${n(x)}" dy="${j === 0 ? n(dy) : lh}">${esc(l)}</tspan>`).join('')
    parts.push(`<text x="${n(x)}" y="${n(y)}" text-anchor="${anchor}" font-size="12.5" fill="${p.ink}" ${FONT}>${tspans}</text>`)
  })
  return svg(W, H, 'Maturity radar', parts)
}

function svg(w: number, h: number, title: string, parts: string[]): string {
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${parts.join('')}</svg>`
}

// ---------------------------------------------------------------- journey strip

export interface StageChip {
  name: string
  gate: 'not_started' | 'active' | 'completed'
  met: number
  total: number
}

/** The five stages as chevrons: completed filled, the current one outlined on a tint, the rest grey. */
export function stageStrip(stages: StageChip[], p: Palette): string {
  const W = 680
  const H = 96
  const k = Math.max(1, stages.length)
  const gap = 4
  const w = (W - gap * (k - 1)) / k
  const h = 46
  const tip = 14
  const parts: string[] = []
  stages.forEach((s, i) => {
    const x = i * (w + gap)
    const first = i === 0
    const path = [
      `M${n(x)},0`,
      `L${n(x + w - tip)},0`,
      `L${n(x + w)},${h / 2}`,
      `L${n(x + w - tip)},${h}`,
      `L${n(x)},${h}`,
      first ? '' : `L${n(x + tip)},${h / 2}`,
      'Z'
    ].join(' ')
    const fill = s.gate === 'completed' ? p.accent : s.gate === 'active' ? p.accentTint : p.faint
    const stroke = s.gate === 'active' ? p.accent : s.gate === 'completed' ? p.accent : p.line
    const text = s.gate === 'completed' ? '#ffffff' : s.gate === 'active' ? shade(p.accent, 0.35) : p.muted
    parts.push(`<path d="${path}" fill="${fill}" stroke="${stroke}" stroke-width="${s.gate === 'active' ? 2 : 1}"/>`)
    const tx = x + (first ? 12 : tip + 8)
    parts.push(`<text x="${n(tx)}" y="19" font-size="9" font-weight="700" letter-spacing="0.8" fill="${text}" ${FONT}>${i + 1} · ${esc(stateWord(s.gate).toUpperCase())}</text>`)
    parts.push(`<text x="${n(tx)}" y="35" font-size="12.5" font-weight="700" fill="${text}" ${FONT}>${esc(cut(s.name, 16))}</text>`)
    // Exit criteria met, as a small progress bar under the chevron.
    const bw = w - tip - 12
    const frac = s.total ? s.met / s.total : 0
    parts.push(`<rect x="${n(x + (first ? 0 : tip) + 2)}" y="${h + 14}" width="${n(bw)}" height="5" rx="2.5" fill="${p.line}"/>`)
    if (frac > 0) parts.push(`<rect x="${n(x + (first ? 0 : tip) + 2)}" y="${h + 14}" width="${n(bw * frac)}" height="5" rx="2.5" fill="${p.accent}"/>`)
    parts.push(`<text x="${n(x + (first ? 0 : tip) + 2)}" y="${h + 34}" font-size="9.5" fill="${p.muted}" ${FONT}>${s.met} of ${s.total} exit criteria met</text>`)
  })
  return svg(W, H, 'Journey stages', parts)
}

function stateWord(g: StageChip['gate']): string {
  return g === 'completed' ? 'Done' : g === 'active' ? 'Now' : 'Next'
}

// ---------------------------------------------------------------- timeline

export interface TimelineRow {
  kind: 'stage' | 'item'
  label: string
  start?: string
  end?: string
  status?: 'planned' | 'in_progress' | 'done' | 'blocked' | 'dropped'
  overdue?: boolean
}

const DAY = 86_400_000
const dn = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY)

export const STATUS_WORDS: Record<NonNullable<TimelineRow['status']>, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  blocked: 'Blocked',
  dropped: 'Dropped'
}

export function statusColour(s: NonNullable<TimelineRow['status']>, p: Palette): { fill: string; stroke: string } {
  switch (s) {
    case 'done':
      return { fill: p.accent, stroke: p.accent }
    case 'in_progress':
      return { fill: p.accentSoft, stroke: p.accent }
    case 'blocked':
      return { fill: '#f4c7b5', stroke: '#c2410c' }
    case 'dropped':
      return { fill: '#eceff2', stroke: '#b8c0c9' }
    default:
      return { fill: '#ffffff', stroke: p.accentSoft }
  }
}

/** A Gantt-style timeline of one window (two quarters): month grid, quarter bands, a "today" line. */
export function timelineChart(
  rows: TimelineRow[],
  window: { from: string; to: string; today: string; quarters: { label: string; from: string; to: string }[] },
  p: Palette
): string {
  const W = 680
  const LABEL = 218
  const TOP = 40
  const ROW = 19
  const H = TOP + rows.length * ROW + 10
  const x0 = LABEL + 6
  const span = dn(window.to) - dn(window.from) + 1
  const x = (iso: string) => x0 + ((Math.min(Math.max(dn(iso), dn(window.from)), dn(window.to) + 1) - dn(window.from)) / span) * (W - x0)
  const parts: string[] = []
  window.quarters.forEach((q, i) => {
    const a = x(q.from)
    const b = x(addOne(q.to))
    parts.push(`<rect x="${n(a)}" y="0" width="${n(b - a)}" height="20" fill="${i % 2 ? p.accentTint : tint(p.accent, 0.8)}"/>`)
    parts.push(`<text x="${n(a + 8)}" y="14" font-size="10" font-weight="700" fill="${shade(p.accent, 0.3)}" ${FONT}>${esc(q.label)}</text>`)
    parts.push(`<rect x="${n(a)}" y="20" width="${n(b - a)}" height="${H - 20}" fill="${i % 2 ? '#ffffff' : p.faint}"/>`)
  })
  // Month ticks.
  for (let m = firstOfMonth(window.from); m <= window.to; m = nextMonth(m)) {
    const mx = x(m)
    parts.push(`<line x1="${n(mx)}" y1="20" x2="${n(mx)}" y2="${H}" stroke="${p.line}" stroke-width="0.8"/>`)
    parts.push(`<text x="${n(mx + 4)}" y="33" font-size="8.5" fill="${p.muted}" ${FONT}>${MONTHS[Number(m.slice(5, 7)) - 1]}</text>`)
  }
  rows.forEach((r, i) => {
    const y = TOP + i * ROW
    if (r.kind === 'stage') {
      parts.push(`<text x="0" y="${n(y + 13)}" font-size="8.5" font-weight="700" letter-spacing="0.9" fill="${p.accent}" ${FONT}>${esc(r.label.toUpperCase())}</text>`)
      parts.push(`<line x1="0" y1="${n(y + ROW - 1)}" x2="${W}" y2="${n(y + ROW - 1)}" stroke="${p.line}" stroke-width="0.6"/>`)
      return
    }
    parts.push(`<text x="8" y="${n(y + 13)}" font-size="10" fill="${p.ink}" ${FONT}>${esc(cut(r.label, 38))}</text>`)
    if (!r.start || !r.end || !r.status) return
    const a = x(r.start)
    const b = Math.max(a + 4, x(addOne(r.end)))
    const c = statusColour(r.status, p)
    parts.push(
      `<rect x="${n(a)}" y="${n(y + 4)}" width="${n(b - a)}" height="11" rx="3" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.1"${r.status === 'dropped' ? ' stroke-dasharray="3 2"' : ''}/>`
    )
    if (dn(r.start) < dn(window.from)) parts.push(`<path d="M${n(a + 1)},${n(y + 9.5)} l5,-4 v8 z" fill="${p.muted}"/>`)
    if (dn(r.end) > dn(window.to)) parts.push(`<path d="M${n(b - 1)},${n(y + 9.5)} l-5,-4 v8 z" fill="${p.muted}"/>`)
    if (r.overdue) parts.push(`<circle cx="${n(b + 6)}" cy="${n(y + 9.5)}" r="3" fill="#c2410c"/>`)
  })
  if (window.today >= window.from && window.today <= window.to) {
    const t = x(window.today)
    parts.push(`<line x1="${n(t)}" y1="20" x2="${n(t)}" y2="${H}" stroke="${p.ink}" stroke-width="1.2" stroke-dasharray="3 2"/>`)
    parts.push(`<rect x="${n(t - 20)}" y="${H - 14}" width="40" height="13" rx="6.5" fill="${p.ink}"/>`)
    parts.push(`<text x="${n(t)}" y="${H - 4.5}" text-anchor="middle" font-size="8" font-weight="700" fill="#ffffff" ${FONT}>TODAY</text>`)
  }
  return svg(W, H, 'Roadmap timeline', parts)
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
function addOne(iso: string): string {
  return new Date((dn(iso) + 1) * DAY).toISOString().slice(0, 10)
}
function firstOfMonth(iso: string): string {
  return iso.slice(8) === '01' ? iso : nextMonth(iso)
}
function nextMonth(iso: string): string {
  const y = Number(iso.slice(0, 4))
  const m = Number(iso.slice(5, 7))
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}

// ---------------------------------------------------------------- bars

export interface Bar {
  label: string
  value: number
  colour?: string
  note?: string
}

/** Horizontal bars with the value at the end of each bar. */
export function barChart(bars: Bar[], p: Palette, opts: { title: string; width?: number; format?: (v: number) => string }): string {
  const W = opts.width ?? 330
  const LABEL = 104
  const ROW = 24
  const H = bars.length * ROW + 6
  const max = Math.max(1, ...bars.map((b) => b.value))
  const fmt = opts.format ?? ((v: number) => String(v))
  const room = W - LABEL - 40
  const parts: string[] = []
  bars.forEach((b, i) => {
    const y = i * ROW + 4
    parts.push(`<text x="${LABEL - 8}" y="${n(y + 12)}" text-anchor="end" font-size="10" fill="${p.ink}" ${FONT}>${esc(cut(b.label, 18))}</text>`)
    parts.push(`<rect x="${LABEL}" y="${n(y + 2)}" width="${n(room)}" height="13" rx="2" fill="${p.faint}"/>`)
    const w = (b.value / max) * room
    if (w > 0) parts.push(`<rect x="${LABEL}" y="${n(y + 2)}" width="${n(Math.max(2, w))}" height="13" rx="2" fill="${b.colour ?? p.accent}"/>`)
    parts.push(`<text x="${n(LABEL + Math.max(2, w) + 5)}" y="${n(y + 12.5)}" font-size="10" font-weight="700" fill="${p.ink}" ${FONT}>${esc(fmt(b.value))}</text>`)
  })
  return svg(W, H, opts.title, parts)
}

/** One horizontal bar split into coloured parts (e.g. partners by health band). */
export function stackedBar(parts: Bar[], p: Palette, title: string): string {
  const W = 680
  const H = 44
  const total = parts.reduce((s, b) => s + b.value, 0)
  const out: string[] = [`<rect x="0" y="0" width="${W}" height="18" rx="4" fill="${p.faint}"/>`]
  let x = 0
  parts.forEach((b) => {
    if (!total || b.value <= 0) return
    const w = (b.value / total) * W
    out.push(`<rect x="${n(x)}" y="0" width="${n(w)}" height="18" fill="${b.colour ?? p.accent}"/>`)
    x += w
  })
  let lx = 0
  parts.forEach((b) => {
    out.push(`<rect x="${n(lx)}" y="28" width="10" height="10" rx="2" fill="${b.colour ?? p.accent}"/>`)
    const label = `${b.label} ${b.value}${total ? ` (${Math.round((b.value / total) * 100)} %)` : ''}`
    out.push(`<text x="${n(lx + 14)}" y="37" font-size="10" fill="${p.ink}" ${FONT}>${esc(label)}</text>`)
    lx += 30 + label.length * 5.6
  })
  return svg(W, H, title, out)
}

// ---------------------------------------------------------------- trend and benchmark

/** Overall maturity over time: a small line with a dot per assessment. */
export function trendChart(points: { heldOn: string; overall: number }[], p: Palette): string {
  const W = 300
  const H = 110
  const L = 24
  const B = 22
  const parts: string[] = []
  for (let v = 0; v <= 4; v++) {
    const y = 8 + ((4 - v) / 4) * (H - B - 8)
    parts.push(`<line x1="${L}" y1="${n(y)}" x2="${W}" y2="${n(y)}" stroke="${p.line}" stroke-width="0.7"/>`)
    parts.push(`<text x="${L - 6}" y="${n(y + 3)}" text-anchor="end" font-size="8.5" fill="${p.muted}" ${FONT}>${v}</text>`)
  }
  const k = points.length
  const px = (i: number) => L + 22 + (k === 1 ? (W - L - 44) / 2 : (i / (k - 1)) * (W - L - 44))
  const py = (v: number) => 8 + ((4 - v) / 4) * (H - B - 8)
  if (k > 1) parts.push(`<polyline points="${points.map((q, i) => `${n(px(i))},${n(py(q.overall))}`).join(' ')}" fill="none" stroke="${p.accent}" stroke-width="2"/>`)
  points.forEach((q, i) => {
    parts.push(`<circle cx="${n(px(i))}" cy="${n(py(q.overall))}" r="3.5" fill="${p.accent}" stroke="#ffffff" stroke-width="1.2"/>`)
    parts.push(`<text x="${n(px(i))}" y="${H - 6}" text-anchor="middle" font-size="8.5" fill="${p.muted}" ${FONT}>${esc(q.heldOn.slice(0, 7))}</text>`)
  })
  return svg(W, H, 'Overall maturity over time', parts)
}

/** Where the client sits in its cohort: the interquartile box, the median tick and the client's dot. */
export function percentileStrip(
  raw: { value: number; p25: number; median: number; p75: number },
  p: Palette,
  labels: { p25: string; median: string; p75: string; value: string }
): string {
  const W = 300
  const H = 40
  const lo = Math.min(raw.value, raw.p25) 
  const hi = Math.max(raw.value, raw.p75)
  const pad = (hi - lo) * 0.25 || Math.abs(hi) * 0.25 || 1
  const a = lo - pad
  const b = hi + pad
  const x = (v: number) => 8 + ((v - a) / (b - a)) * (W - 16)
  const parts = [
    `<line x1="8" y1="16" x2="${W - 8}" y2="16" stroke="${p.line}" stroke-width="2"/>`,
    `<rect x="${n(x(raw.p25))}" y="9" width="${n(Math.max(2, x(raw.p75) - x(raw.p25)))}" height="14" rx="3" fill="${p.accentTint}" stroke="${p.accentSoft}"/>`,
    `<line x1="${n(x(raw.median))}" y1="6" x2="${n(x(raw.median))}" y2="26" stroke="${p.muted}" stroke-width="2"/>`,
    `<circle cx="${n(x(raw.value))}" cy="16" r="6" fill="${p.accent}" stroke="#ffffff" stroke-width="1.5"/>`,
    `<text x="${n(x(raw.p25))}" y="37" text-anchor="middle" font-size="8.5" fill="${p.muted}" ${FONT}>${esc(labels.p25)}</text>`,
    `<text x="${n(x(raw.p75))}" y="37" text-anchor="middle" font-size="8.5" fill="${p.muted}" ${FONT}>${esc(labels.p75)}</text>`
  ]
  return svg(W, H, 'Position in the cohort', parts)
}
