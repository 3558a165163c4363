/**
 * Pure rules of the journey, shared by the backend (which enforces them) and the renderer (which previews them
 * while a milestone is dragged). No I/O here, so the benchmark feature can call `realismWarnings` with calibrated
 * durations.
 */
import {
  DEFAULT_USUAL_DAYS,
  MILESTONE_KINDS,
  REALISM_SHORT_RATIO,
  type GateState,
  type MilestoneKind,
  type MilestoneStatus,
  type OwnerSide,
  type UsualDurations
} from './journey'

export interface CriterionView {
  id: string
  stageId: string
  text: string
  met: boolean
  evidence: string
  metAt: string | null
}

export interface GateEvent {
  id: string
  event: 'started' | 'completed' | 'reopened'
  at: string
  unmetCount: number
  reason: string | null
}

export interface StageView {
  id: string
  key: string
  name: string
  position: number
  objectives: string[]
  gate: GateState
  startedAt: string | null
  completedAt: string | null
  /** Kept when a stage was completed with unmet criteria. */
  completionReason: string | null
  criteria: CriterionView[]
  history: GateEvent[]
}

export interface MilestoneView {
  id: string
  stageId: string
  title: string
  kind: MilestoneKind
  ownerSide: OwnerSide
  ownerName: string | null
  plannedStart: string
  plannedEnd: string
  actualStart: string | null
  actualEnd: string | null
  status: MilestoneStatus
  notes: string
  position: number
  dependsOn: string[]
  hypothesisIds: string[]
  partnerIds: string[]
}

export type RealismWarningKind = 'short_duration' | 'stage_started_early' | 'starts_before_dependency'

export interface RealismWarning {
  kind: RealismWarningKind
  milestoneId: string | null
  stageId: string
  message: string
}

// ---------------------------------------------------------------- dates

const DAY = 86_400_000

/** True for a real calendar day in YYYY-MM-DD form (refuses 2026-02-31). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
}

export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY)
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10)
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days)
}

/** Inclusive length in days: a milestone from the 1st to the 1st lasts one day. */
export function durationDays(start: string, end: string): number {
  return dayNumber(end) - dayNumber(start) + 1
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10)
}

// ---------------------------------------------------------------- dependencies

/**
 * A cycle that `edges` would contain, as the list of ids around it, or null. `edges` maps a milestone to the
 * milestones it depends on. The search begins at `first` (the milestone being edited) so the circle is named
 * from there.
 */
export function findCycle(edges: ReadonlyMap<string, readonly string[]>, first?: string): string[] | null {
  const state = new Map<string, 1 | 2>() // 1 = on the current path, 2 = finished
  const path: string[] = []
  const visit = (n: string): string[] | null => {
    state.set(n, 1)
    path.push(n)
    for (const m of edges.get(n) ?? []) {
      const s = state.get(m)
      if (s === 1) return [...path.slice(path.indexOf(m)), m]
      if (s === undefined) {
        const c = visit(m)
        if (c) return c
      }
    }
    path.pop()
    state.set(n, 2)
    return null
  }
  for (const n of first !== undefined ? [first, ...edges.keys()] : edges.keys()) {
    if (!state.has(n)) {
      const c = visit(n)
      if (c) return c
    }
  }
  return null
}

// ---------------------------------------------------------------- status helpers

export function isOverdue(m: Pick<MilestoneView, 'status' | 'plannedEnd'>, today: string): boolean {
  return (m.status === 'planned' || m.status === 'in_progress' || m.status === 'blocked') && m.plannedEnd < today
}

/** A stage has started when its gate says so or any of its work has begun. */
export function stageHasStarted(stage: StageView, milestones: readonly MilestoneView[]): boolean {
  if (stage.gate !== 'not_started') return true
  return milestones.some(
    (m) => m.stageId === stage.id && (m.status === 'in_progress' || m.status === 'done' || m.actualStart !== null)
  )
}

export function unmetCriteria(stage: StageView): CriterionView[] {
  return stage.criteria.filter((c) => !c.met)
}

function kindLabel(kind: MilestoneKind): string {
  return MILESTONE_KINDS[kind]?.label.toLowerCase() ?? kind
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * Realism warnings, each with its reason:
 * - a milestone planned much shorter than the usual duration of its kind;
 * - a stage whose work started while the previous stage's exit criteria are unmet;
 * - a milestone planned to start before a milestone it depends on ends.
 */
export function realismWarnings(
  stages: readonly StageView[],
  milestones: readonly MilestoneView[],
  usual: UsualDurations = DEFAULT_USUAL_DAYS
): RealismWarning[] {
  const out: RealismWarning[] = []
  const byId = new Map(milestones.map((m) => [m.id, m]))
  for (const m of milestones) {
    if (m.status === 'done' || m.status === 'dropped') continue
    const days = usual[m.kind] ?? null
    const planned = durationDays(m.plannedStart, m.plannedEnd)
    if (days && planned < days * REALISM_SHORT_RATIO)
      out.push({
        kind: 'short_duration',
        milestoneId: m.id,
        stageId: m.stageId,
        message: `Planned for ${plural(planned, 'day')}; ${kindLabel(m.kind)} usually takes about ${days} days.`
      })
    for (const d of m.dependsOn) {
      const dep = byId.get(d)
      if (dep && dep.status !== 'dropped' && m.plannedStart <= dep.plannedEnd)
        out.push({
          kind: 'starts_before_dependency',
          milestoneId: m.id,
          stageId: m.stageId,
          message: `Starts ${m.plannedStart} but waits for “${dep.title}”, which ends ${dep.plannedEnd}.`
        })
    }
  }
  const ordered = [...stages].sort((a, b) => a.position - b.position)
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1]
    const stage = ordered[i]
    if (prev.gate === 'completed' || !stageHasStarted(stage, milestones)) continue
    const unmet = unmetCriteria(prev).length
    if (unmet > 0)
      out.push({
        kind: 'stage_started_early',
        milestoneId: null,
        stageId: stage.id,
        message: `${stage.name} has started while ${prev.name} still has ${plural(unmet, 'exit criterion', 'exit criteria')} unmet.`
      })
  }
  return out
}
