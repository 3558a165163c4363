/** Gaps onto the journey roadmap in one step, on a real encrypted client file: both written or neither. */
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientSummary, JourneyView, WorkshopState } from '../../shared/ipc/contract'
import { addDays, todayIso } from '../../shared/domain/journeyRules'
import { gapDates, milestoneKindFor } from '../../electron/backend/services/gapMilestones'
import { cleanup, err, ok, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

async function setup() {
  const { backend, vaultDir } = await unlockedBackend()
  dirs.push(vaultDir)
  const c = await ok<ClientSummary>(backend, 'client.create', { name: 'Northwind Analytics' })
  const s = await ok<WorkshopState>(backend, 'workshop.create', {
    clientId: c.id,
    sessionId: 'facilitator-1',
    title: 'Q3 program review',
    heldOn: '2026-09-14',
    participants: [{ name: 'Ana Lima', role: 'VP Sales', side: 'client' }],
    dimensions: [
      { id: 'strategy', timeBoxMinutes: 20 },
      { id: 'activation', timeBoxMinutes: 15 }
    ]
  })
  const run = { clientId: c.id, assessmentId: s.assessment.id, sessionId: 'facilitator-1' }
  return { backend, clientId: c.id, run }
}

describe('gaps to roadmap milestones', () => {
  it('creates the action and its milestone together, in the stage the client is in', async () => {
    const { backend: b, clientId, run } = await setup()
    const before = await ok<JourneyView>(b, 'journey.show', { clientId })
    const active = before.stages[1]
    await ok(b, 'journey.startStage', { clientId, stageId: active.id })

    const s = await ok<WorkshopState>(b, 'workshop.createActions', {
      ...run,
      actions: [
        { dimensionId: 'activation', questionId: 'activation.plan', title: 'Write a 90-day activation plan per partner', owner: 'Ben Ortiz', dueOn: '2027-01-31', roadmap: true },
        { dimensionId: 'strategy', questionId: 'strategy.why', title: 'Agree why we partner', owner: null, dueOn: null }
      ]
    })
    const onRoadmap = s.actions.find((a) => a.questionId === 'activation.plan')!
    const actionOnly = s.actions.find((a) => a.questionId === 'strategy.why')!
    expect(onRoadmap.milestoneId).toEqual(expect.any(String))
    expect(actionOnly.milestoneId).toBeNull()

    const j = await ok<JourneyView>(b, 'journey.show', { clientId })
    expect(j.milestones).toHaveLength(before.milestones.length + 1)
    const m = j.milestones.find((x) => x.id === onRoadmap.milestoneId)!
    expect(m).toMatchObject({
      title: 'Write a 90-day activation plan per partner',
      stageId: active.id,
      kind: 'activation_plan',
      ownerSide: 'client',
      ownerName: 'Ben Ortiz',
      plannedStart: todayIso(),
      plannedEnd: '2027-01-31',
      status: 'planned'
    })
    expect(m.notes).toContain('Q3 program review')
    expect(m.notes).toContain('Activation')

    // It is an ordinary roadmap edit: Undo on the roadmap takes it back.
    const u = await ok<{ label: string }>(b, 'journey.undo', { clientId })
    expect(u.label).toContain('Write a 90-day activation plan')
    expect((await ok<JourneyView>(b, 'journey.show', { clientId })).milestones.some((x) => x.id === m.id)).toBe(false)
    b.close()
  })

  it('writes neither the actions nor the milestones when one action is refused', async () => {
    const { backend: b, clientId, run } = await setup()
    const before = await ok<JourneyView>(b, 'journey.show', { clientId })
    const e = await err(b, 'workshop.createActions', {
      ...run,
      actions: [
        { dimensionId: 'strategy', questionId: 'strategy.why', title: 'Agree why we partner', owner: null, dueOn: null, roadmap: true },
        { dimensionId: 'strategy', questionId: 'selection.icp', title: 'A question this workshop does not cover', owner: null, dueOn: null, roadmap: true }
      ]
    })
    expect(e.code).toBe('NOT_FOUND')
    const after = await ok<JourneyView>(b, 'journey.show', { clientId })
    expect(after.milestones.map((m) => m.id)).toEqual(before.milestones.map((m) => m.id))
    const s = await ok<WorkshopState>(b, 'workshop.get', { clientId, assessmentId: run.assessmentId })
    expect(s.actions).toEqual([])
    b.close()
  })

  it('refuses a roadmap flag that is not a yes or no', async () => {
    const { backend: b, run } = await setup()
    const e = await err(b, 'workshop.createActions', {
      ...run,
      actions: [{ dimensionId: 'strategy', questionId: 'strategy.why', title: 'x', owner: null, dueOn: null, roadmap: 'yes' }]
    })
    expect(e.code).toBe('VALIDATION')
    b.close()
  })

  it('picks a kind per dimension and sensible dates', () => {
    expect(milestoneKindFor('team')).toBe('hiring')
    expect(milestoneKindFor('my-own-dimension')).toBe('other')
    expect(milestoneKindFor('__proto__')).toBe('other')
    expect(gapDates(null, 'strategy', '2026-09-14')).toEqual({ plannedStart: '2026-09-14', plannedEnd: addDays('2026-09-14', 30) })
    expect(gapDates(null, 'other', '2026-09-14').plannedEnd).toBe(addDays('2026-09-14', 30))
    // A due date already past still makes a valid range (the realism warnings will flag it as overdue).
    expect(gapDates('2026-09-01', 'strategy', '2026-09-14')).toEqual({ plannedStart: '2026-09-01', plannedEnd: '2026-09-01' })
  })
})
