import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DEFAULT_JOURNEY, isTestFirst } from '../../shared/domain/journey'
import {
  addDays,
  durationDays,
  findCycle,
  isCalendarDate,
  isOverdue,
  realismWarnings,
  type MilestoneView,
  type StageView
} from '../../shared/domain/journeyRules'
import { calendarDate } from '../../shared/ipc/channels/journey'

const stage = (id: string, position: number, over: Partial<StageView> = {}): StageView => ({
  id,
  key: id,
  name: id[0].toUpperCase() + id.slice(1),
  position,
  objectives: [],
  gate: 'not_started',
  startedAt: null,
  completedAt: null,
  completionReason: null,
  criteria: [],
  history: [],
  ...over
})
const ms = (id: string, over: Partial<MilestoneView> = {}): MilestoneView => ({
  id,
  stageId: 'prove',
  title: id,
  kind: 'other',
  ownerSide: 'client',
  ownerName: null,
  plannedStart: '2026-03-01',
  plannedEnd: '2026-03-31',
  actualStart: null,
  actualEnd: null,
  status: 'planned',
  notes: '',
  position: 0,
  dependsOn: [],
  hypothesisIds: [],
  partnerIds: [],
  ...over
})

describe('journey rules', () => {
  it('accepts only real calendar days', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true)
    expect(isCalendarDate('2028-02-29')).toBe(true)
    expect(isCalendarDate('2026-02-29')).toBe(false)
    expect(isCalendarDate('2026-02-31')).toBe(false)
    expect(isCalendarDate('2026-13-01')).toBe(false)
    expect(isCalendarDate('2026-1-01')).toBe(false)
    expect(calendarDate.safeParse('2026-02-31').error?.issues[0].message).toBe('That day does not exist in the calendar')
  })

  it('adds days across months and leap years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: -2000, max: 2000 }), (base, delta) => {
        const start = addDays('1990-01-01', base)
        const end = addDays(start, delta)
        expect(isCalendarDate(end)).toBe(true)
        expect(durationDays(start, end)).toBe(delta + 1)
      })
    )
  })

  it('finds dependency cycles and only those', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toBeNull()
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a'])
    expect(findCycle(new Map([['a', ['a']]]))).toEqual(['a', 'a'])
    // A diamond is not a cycle.
    expect(findCycle(new Map([['a', ['b', 'c']], ['b', ['d']], ['c', ['d']], ['d', []]]))).toBeNull()
  })

  it('warns about short plans, early stages and dependencies, with reasons', () => {
    const stages = [
      stage('foundations', 0, { criteria: [{ id: 'c1', stageId: 'foundations', text: 'x', met: false, evidence: '', metAt: null }] }),
      stage('prove', 1)
    ]
    const a = ms('a', { stageId: 'foundations', kind: 'recruitment', plannedStart: '2026-03-01', plannedEnd: '2026-03-10' })
    const b = ms('b', { status: 'in_progress', plannedStart: '2026-03-05', dependsOn: ['a'] })
    const w = realismWarnings(stages, [a, b])
    expect(w.map((x) => x.kind).sort()).toEqual(['short_duration', 'stage_started_early', 'starts_before_dependency'])
    expect(w.find((x) => x.kind === 'short_duration')?.message).toBe('Planned for 10 days; partner recruitment usually takes about 60 days.')
    expect(w.find((x) => x.kind === 'stage_started_early')?.message).toBe('Prove has started while Foundations still has 1 exit criterion unmet.')
    // Calibrated durations replace the defaults.
    expect(realismWarnings(stages, [a], { recruitment: 14 })).toEqual([])
    // A done milestone is history, not a plan.
    expect(realismWarnings([stage('prove', 0)], [{ ...a, stageId: 'prove', status: 'done' }])).toEqual([])
  })

  it('marks overdue work and the test-first corner', () => {
    expect(isOverdue(ms('a', { plannedEnd: '2026-01-01' }), '2026-01-02')).toBe(true)
    expect(isOverdue(ms('a', { plannedEnd: '2026-01-01', status: 'done' }), '2026-01-02')).toBe(false)
    expect(isTestFirst({ importance: 5, evidenceStrength: 'none', status: 'untested' })).toBe(true)
    expect(isTestFirst({ importance: 5, evidenceStrength: 'strong', status: 'testing' })).toBe(false)
    expect(isTestFirst({ importance: 2, evidenceStrength: 'none', status: 'untested' })).toBe(false)
  })

  it('ships a default journey whose plan raises no warnings', () => {
    expect(DEFAULT_JOURNEY.stages.map((s) => s.name)).toEqual(['Foundations', 'Prove', 'Activate', 'Scale', 'Optimize'])
    const titles = new Set(DEFAULT_JOURNEY.stages.flatMap((s) => s.milestones.map((m) => m.title)))
    for (const s of DEFAULT_JOURNEY.stages) {
      expect(s.objectives.length).toBeGreaterThan(0)
      expect(s.exitCriteria.length).toBeGreaterThan(0)
      for (const m of s.milestones) for (const d of m.dependsOn ?? []) expect(titles.has(d)).toBe(true)
    }
  })
})
