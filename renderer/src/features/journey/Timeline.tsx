/**
 * The roadmap on a time axis: milestones grouped by stage, a today line, overdue work marked, dependencies drawn
 * as arrows. Drag a bar to move it, drag its ends to resize; with the keyboard, ←/→ move a focused bar by a
 * day (Shift: a week) and Alt+←/→ change its end. Hand-written SVG: a few hundred rectangles need no library.
 * Only the rows in (and near) the visible part are drawn, so a 300-milestone roadmap paints as fast as a small one.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { GATE_STATE_LABELS, MILESTONE_STATUS_LABELS, OWNER_SIDE_LABELS } from '../../../../shared/domain/journey'
import {
  addDays,
  dayNumber,
  fromDayNumber,
  isOverdue,
  type MilestoneView,
  type RealismWarning,
  type StageView
} from '../../../../shared/domain/journeyRules'

export type Zoom = 'month' | 'quarter'
const PX_PER_DAY: Record<Zoom, number> = { month: 5, quarter: 1.6 }
const AXIS_H = 44
const STAGE_H = 30
const ROW_H = 30
const BAR_H = 16
const HANDLE = 6
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

interface Props {
  stages: StageView[]
  milestones: MilestoneView[]
  warnings: RealismWarning[]
  today: string
  zoom: Zoom
  selectedId: string | null
  onSelect(id: string): void
  /** A finished drag or key press: the new planned dates. */
  onMove(id: string, plannedStart: string, plannedEnd: string): void
}

type Row = { kind: 'stage'; stage: StageView; y: number } | { kind: 'milestone'; m: MilestoneView; y: number }

interface Drag {
  id: string
  mode: 'move' | 'start' | 'end'
  originX: number
  start0: string
  end0: string
  start: string
  end: string
  moved: boolean
}

function rowKey(r: Row): string {
  return r.kind === 'stage' ? r.stage.id : r.m.id
}

function monthStart(day: number): number {
  const d = fromDayNumber(day)
  return dayNumber(`${d.slice(0, 7)}-01`)
}

export function layoutRows(stages: StageView[], milestones: MilestoneView[]): { rows: Row[]; height: number } {
  const rows: Row[] = []
  let y = AXIS_H
  for (const stage of stages) {
    rows.push({ kind: 'stage', stage, y })
    y += STAGE_H
    for (const m of milestones) {
      if (m.stageId !== stage.id) continue
      rows.push({ kind: 'milestone', m, y })
      y += ROW_H
    }
  }
  return { rows, height: y + 8 }
}

export function Timeline(props: Props): React.JSX.Element {
  const { stages, milestones, warnings, today, zoom, selectedId, onSelect, onMove } = props
  const ppd = PX_PER_DAY[zoom]
  const [drag, setDrag] = useState<Drag | null>(null)
  const frame = useRef<number | null>(null)
  const scroller = useRef<HTMLDivElement>(null)
  // The whole timeline scrolls vertically; its horizontal scroller is the inner .tl-scroll.
  const box = useRef<HTMLDivElement>(null)

  // The visible range covers every milestone and today, with a margin, from the first of a month.
  const { day0, days } = useMemo(() => {
    let lo = dayNumber(today)
    let hi = lo
    for (const m of milestones) {
      lo = Math.min(lo, dayNumber(m.plannedStart))
      hi = Math.max(hi, dayNumber(m.plannedEnd))
    }
    const start = monthStart(lo - 14)
    return { day0: start, days: hi + 60 - start }
  }, [milestones, today])
  const width = Math.ceil(days * ppd)
  const x = (iso: string) => (dayNumber(iso) - day0) * ppd

  const shown = useMemo(
    () => (drag ? milestones.map((m) => (m.id === drag.id ? { ...m, plannedStart: drag.start, plannedEnd: drag.end } : m)) : milestones),
    [milestones, drag]
  )
  const { rows, height } = useMemo(() => layoutRows(stages, shown), [stages, shown])
  const rowOf = useMemo(() => new Map(rows.flatMap((r) => (r.kind === 'milestone' ? [[r.m.id, r] as const] : []))), [rows])
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => box.current,
    estimateSize: (i) => (rows[i].kind === 'stage' ? STAGE_H : ROW_H),
    getItemKey: (i) => rowKey(rows[i]),
    paddingStart: AXIS_H,
    overscan: 12
  })
  const items = virtualizer.getVirtualItems()
  // The selected and the dragged bar stay drawn even when scrolled away (focus and pointer capture live on them).
  const pinned = new Set([selectedId, drag?.id])
  const drawn = rows.filter((r, i) => (items.length > 0 && i >= items[0].index && i <= items[items.length - 1].index) || (r.kind === 'milestone' && pinned.has(r.m.id)))
  const yLo = items.length > 0 ? rows[items[0].index].y : 0
  const yHi = items.length > 0 ? rows[items[items.length - 1].index].y + ROW_H : 0
  const warningsBy = useMemo(() => {
    const m = new Map<string, string[]>()
    for (const w of warnings) if (w.milestoneId) m.set(w.milestoneId, [...(m.get(w.milestoneId) ?? []), w.message])
    return m
  }, [warnings])

  // Start with today in view.
  useEffect(() => {
    const el = scroller.current
    // Today a third of the way in: recent history on the left, what comes next on the right.
    if (el) el.scrollLeft = Math.max(0, x(today) - el.clientWidth / 3)
    // Only when the zoom changes; the user's scroll position is kept otherwise.
  }, [zoom])

  const startDrag = useCallback((e: React.PointerEvent, m: MilestoneView, mode: Drag['mode']) => {
    if (e.button !== 0) return
    e.stopPropagation()
    ;(e.currentTarget as Element).setPointerCapture(e.pointerId)
    setDrag({ id: m.id, mode, originX: e.clientX, start0: m.plannedStart, end0: m.plannedEnd, start: m.plannedStart, end: m.plannedEnd, moved: false })
  }, [])
  const moveDrag = (e: React.PointerEvent) => {
    if (!drag) return
    const clientX = e.clientX
    if (frame.current !== null) return
    // One state update per animation frame keeps dragging smooth.
    frame.current = requestAnimationFrame(() => {
      frame.current = null
      setDrag((d) => {
        if (!d) return d
        const delta = Math.round((clientX - d.originX) / ppd)
        let start = d.start0
        let end = d.end0
        if (d.mode === 'move') {
          start = addDays(d.start0, delta)
          end = addDays(d.end0, delta)
        } else if (d.mode === 'start') start = addDays(d.start0, Math.min(delta, dayNumber(d.end0) - dayNumber(d.start0)))
        else end = addDays(d.end0, Math.max(delta, dayNumber(d.start0) - dayNumber(d.end0)))
        if (start === d.start && end === d.end) return d
        return { ...d, start, end, moved: true }
      })
    })
  }
  const endDrag = () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current)
    frame.current = null
    const d = drag
    setDrag(null)
    if (!d) return
    if (!d.moved) onSelect(d.id)
    else if (d.start !== d.start0 || d.end !== d.end0) onMove(d.id, d.start, d.end)
  }

  const onKey = useCallback((e: React.KeyboardEvent, m: MilestoneView) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      onSelect(m.id)
      return
    }
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return
    e.preventDefault()
    const step = (e.key === 'ArrowLeft' ? -1 : 1) * (e.shiftKey ? 7 : 1)
    if (e.altKey) {
      const end = addDays(m.plannedEnd, step)
      if (end >= m.plannedStart) onMove(m.id, m.plannedStart, end)
    } else onMove(m.id, addDays(m.plannedStart, step), addDays(m.plannedEnd, step))
  }, [onMove, onSelect])

  return (
    <div className="tl" data-testid="timeline" ref={box}>
      <div className="tl-labels" style={{ height }}>
        <div className="tl-label-head" style={{ height: AXIS_H }}>
          Stage / milestone
        </div>
        {drawn.map((r) =>
          r.kind === 'stage' ? (
            <div key={r.stage.id} className="tl-label tl-label-stage" style={{ top: r.y, height: STAGE_H }}>
              <span>
                {r.stage.position + 1}. {r.stage.name}
              </span>
              <span className={`gate gate-${r.stage.gate}`}>{GATE_STATE_LABELS[r.stage.gate]}</span>
            </div>
          ) : (
            <button
              key={r.m.id}
              type="button"
              className={`tl-label tl-label-m${r.m.id === selectedId ? ' selected' : ''}`}
              style={{ top: r.y, height: ROW_H }}
              onClick={() => onSelect(r.m.id)}
              title={r.m.title}
            >
              <span className="tl-title">{r.m.title}</span>
              <span className={`owner owner-${r.m.ownerSide}`}>{r.m.ownerSide === 'client' ? 'Client' : 'You'}</span>
            </button>
          )
        )}
      </div>
      <div className="tl-scroll" ref={scroller}>
        <svg
          width={width}
          height={height}
          className={drag ? 'dragging' : undefined}
          onPointerMove={moveDrag}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
          role="group"
          aria-label="Roadmap timeline"
        >
          <defs>
            <marker id="tl-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L8,4 L0,8 z" fill="#6b7686" />
            </marker>
            <marker id="tl-arrow-bad" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L8,4 L0,8 z" fill="#b3261e" />
            </marker>
          </defs>
          <Axis day0={day0} days={days} ppd={ppd} zoom={zoom} height={height} />
          {drawn.map((r) =>
            r.kind === 'stage' ? <rect key={r.stage.id} x={0} y={r.y} width={width} height={STAGE_H} className="tl-stage-band" /> : null
          )}
          <g className="tl-deps">
            {shown.flatMap((m) =>
              m.dependsOn.map((d) => {
                const from = rowOf.get(d)
                const to = rowOf.get(m.id)
                if (!from || !to) return null
                // Only arrows that cross the drawn band of rows.
                if (Math.max(from.y, to.y) < yLo || Math.min(from.y, to.y) > yHi) return null
                const x1 = x(addDays(from.m.plannedEnd, 1))
                const y1 = from.y + ROW_H / 2
                const x2 = x(m.plannedStart)
                const y2 = to.y + ROW_H / 2
                const bad = m.plannedStart <= from.m.plannedEnd
                const bend = Math.max(14, Math.abs(x2 - x1) / 3)
                return (
                  <path
                    key={`${m.id}-${d}`}
                    d={`M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2 - 1},${y2}`}
                    className={bad ? 'tl-dep bad' : 'tl-dep'}
                    markerEnd={bad ? 'url(#tl-arrow-bad)' : 'url(#tl-arrow)'}
                  />
                )
              })
            )}
          </g>
          {drawn.map((r) =>
            r.kind === 'milestone' ? (
              <Bar
                key={r.m.id}
                m={r.m}
                y={r.y}
                x={x(r.m.plannedStart)}
                w={Math.max(4, (dayNumber(r.m.plannedEnd) - dayNumber(r.m.plannedStart) + 1) * ppd)}
                overdue={isOverdue(r.m, today)}
                warnings={warningsBy.get(r.m.id)}
                selected={r.m.id === selectedId}
                dragging={drag?.id === r.m.id}
                onPointerDown={startDrag}
                onKeyDown={onKey}
              />
            ) : null
          )}
          <g className="tl-today" aria-hidden="true">
            <line x1={x(today)} x2={x(today)} y1={AXIS_H - 6} y2={height} />
            <rect x={x(today) - 21} y={AXIS_H - 18} width={42} height={14} rx={3} />
            <text x={x(today)} y={AXIS_H - 8} textAnchor="middle">
              Today
            </text>
          </g>
        </svg>
      </div>
    </div>
  )
}

const Axis = memo(function Axis(p: { day0: number; days: number; ppd: number; zoom: Zoom; height: number }) {
  const ticks: React.JSX.Element[] = []
  let d = p.day0
  while (d < p.day0 + p.days) {
    const iso = fromDayNumber(d)
    const month = Number(iso.slice(5, 7)) - 1
    const year = iso.slice(0, 4)
    const xx = (d - p.day0) * p.ppd
    const quarterStart = month % 3 === 0
    const label =
      p.zoom === 'month' ? (month === 0 || d === p.day0 ? `${MONTHS[month]} ${year}` : MONTHS[month]) : quarterStart ? `Q${month / 3 + 1} ${year}` : ''
    ticks.push(
      <g key={iso}>
        <line x1={xx} x2={xx} y1={p.zoom === 'month' || quarterStart ? 8 : 22} y2={p.height} className={quarterStart ? 'tl-tick major' : 'tl-tick'} />
        {label && (
          <text x={xx + 5} y={20} className="tl-axis-label">
            {label}
          </text>
        )}
      </g>
    )
    d = dayNumber(addDays(fromDayNumber(d), 32).slice(0, 7) + '-01')
  }
  return <g className="tl-axis">{ticks}</g>
})

const Bar = memo(function Bar(p: {
  m: MilestoneView
  x: number
  y: number
  w: number
  overdue: boolean
  warnings: string[] | undefined
  selected: boolean
  dragging: boolean
  onPointerDown(e: React.PointerEvent, m: MilestoneView, mode: Drag['mode']): void
  onKeyDown(e: React.KeyboardEvent, m: MilestoneView): void
}) {
  const { m, x, y, w, overdue, warnings } = p
  const top = y + (ROW_H - BAR_H) / 2
  const label = `${m.title}: ${m.plannedStart} to ${m.plannedEnd}, ${MILESTONE_STATUS_LABELS[m.status]}${overdue ? ', overdue' : ''}, owner ${OWNER_SIDE_LABELS[m.ownerSide]}${warnings ? `. Warning: ${warnings.join(' ')}` : ''}`
  return (
    <g
      className={`tl-bar status-${m.status}${overdue ? ' overdue' : ''}${p.selected ? ' selected' : ''}${p.dragging ? ' dragging' : ''}`}
      data-milestone={m.id}
      tabIndex={0}
      role="button"
      aria-label={label}
      aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Alt+ArrowLeft Alt+ArrowRight Enter"
      onKeyDown={(e) => p.onKeyDown(e, m)}
    >
      <title>{label}</title>
      <rect className="tl-bar-body" x={x} y={top} width={w} height={BAR_H} rx={4} onPointerDown={(e) => p.onPointerDown(e, m, 'move')} />
      {m.status === 'done' && (
        <path className="tl-check" d={`M${x + 5},${top + 8} l3,3 l6,-6`} pointerEvents="none" />
      )}
      <rect className="tl-handle" x={x - 2} y={top} width={HANDLE} height={BAR_H} onPointerDown={(e) => p.onPointerDown(e, m, 'start')} />
      <rect className="tl-handle" x={x + w - HANDLE + 2} y={top} width={HANDLE} height={BAR_H} onPointerDown={(e) => p.onPointerDown(e, m, 'end')} />
      {(overdue || warnings) && (
        <text x={x + w + 6} y={top + 12} className={overdue ? 'tl-flag overdue' : 'tl-flag'} pointerEvents="none">
          {overdue ? 'Overdue' : ''}
          {overdue && warnings ? ' · ' : ''}
          {warnings ? '⚠ Check plan' : ''}
        </text>
      )}
      {p.dragging && (
        <text x={x} y={top - 3} className="tl-drag-dates" pointerEvents="none">
          {m.plannedStart} → {m.plannedEnd}
        </text>
      )}
    </g>
  )
})
