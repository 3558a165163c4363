import { afterEach, describe, expect, it } from 'vitest'
import type {
  AssumptionPoint,
  ClientSummary,
  HypothesisDetail,
  HypothesisEdit,
  HypothesisRow,
  JourneyView
} from '../../shared/ipc/contract'
import { cleanup, err, ok, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

async function setup() {
  const { backend, vaultDir } = await unlockedBackend()
  dirs.push(vaultDir)
  const c = await ok<ClientSummary>(backend, 'client.create', { name: 'Copperleaf Payments' })
  const j = await ok<JourneyView>(backend, 'journey.show', { clientId: c.id })
  return { backend, clientId: c.id, j }
}

describe('hypothesis register', () => {
  it('captures a test card with only a belief, and the full card with links', async () => {
    const { backend, clientId, j } = await setup()
    const quick = await ok<HypothesisEdit>(backend, 'hypothesis.create', { clientId, belief: '  MSPs will resell us  ' })
    expect(quick.hypothesis).toMatchObject({ belief: 'MSPs will resell us', category: 'strategy', importance: 3, evidenceStrength: 'none', status: 'untested' })
    expect(quick.undo.undoLabel).toBe('Add hypothesis “MSPs will resell us”')
    const p = await ok<{ id: string }>(backend, 'partner.create', { clientId, name: 'Beacon Managed Services', type: 'msp' })
    const full = await ok<HypothesisEdit>(backend, 'hypothesis.create', {
      clientId,
      belief: 'SIs bring us into deals above 50k',
      verify: 'ask five SIs to co-sell one deal each',
      measure: 'registered deals per SI per quarter',
      rightIf: 'three of five register a deal within 90 days',
      category: 'partner_type',
      importance: 5,
      owner: 'Dana Whitfield',
      dueDate: '2027-02-28',
      stageId: j.stages[1].id,
      milestoneIds: [j.milestones[3].id],
      partnerIds: [p.id]
    })
    expect(full.hypothesis).toMatchObject({ importance: 5, testFirst: true, milestoneIds: [j.milestones[3].id], partnerIds: [p.id] })
    const v = await ok<JourneyView>(backend, 'journey.show', { clientId })
    expect(v.milestones[3].hypothesisIds).toEqual([full.hypothesis!.id])
  })

  it('refuses bad input at the field and saves nothing', async () => {
    const { backend, clientId } = await setup()
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ belief: '   ' }, /cannot be empty\) \(belief\)$/],
      [{ belief: 'x'.repeat(1001) }, /limited to 1000 characters \(belief\)/],
      [{ belief: 'ok', importance: 6 }, /at most 5 \(importance\)/],
      [{ belief: 'ok', importance: 2.5 }, /whole number.*\(importance\)/],
      [{ belief: 'ok', dueDate: '2027-02-30' }, /does not exist in the calendar \(dueDate\)/],
      [{ belief: 'ok', stageId: 'nope' }, /stage does not exist \(stageId\)/],
      [{ belief: 'ok', milestoneIds: ['nope'] }, /milestone does not exist \(milestoneIds\)/],
      [{ belief: 'ok', category: 'astrology' }, /\(category\)/]
    ]
    for (const [input, msg] of cases) {
      const e = await err(backend, 'hypothesis.create', { clientId, ...input })
      expect(e.code).toBe('VALIDATION')
      expect(e.message).toMatch(msg)
    }
    expect(await ok(backend, 'hypothesis.list', { clientId })).toEqual([])
  })

  it('filters and searches', async () => {
    const { backend, clientId, j } = await setup()
    await ok(backend, 'hypothesis.create', { clientId, belief: 'Resellers want 30% margin', category: 'economics', stageId: j.stages[2].id })
    await ok(backend, 'hypothesis.create', { clientId, belief: 'Our ICP is 100_500 employees', category: 'partner_fit' })
    const h = await ok<HypothesisEdit>(backend, 'hypothesis.create', { clientId, belief: 'Marketplace listing drives demand', category: 'go_to_market' })
    await ok(backend, 'hypothesis.update', { clientId, id: h.hypothesis!.id, status: 'testing' })
    const names = async (f: Record<string, unknown>) =>
      (await ok<HypothesisRow[]>(backend, 'hypothesis.list', { clientId, ...f })).map((x) => x.belief)
    expect(await names({ category: 'economics' })).toEqual(['Resellers want 30% margin'])
    expect(await names({ status: 'testing' })).toEqual(['Marketplace listing drives demand'])
    expect(await names({ stageId: j.stages[2].id })).toEqual(['Resellers want 30% margin'])
    expect(await names({ search: 'MARGIN' })).toEqual(['Resellers want 30% margin'])
    // Wildcards are searched literally.
    expect(await names({ search: '%' })).toEqual(['Resellers want 30% margin'])
    expect(await names({ search: '0_5' })).toEqual(['Our ICP is 100_500 employees'])
  })

  it('logs evidence, decides with a learning card, and keeps every decision', async () => {
    const { backend, clientId } = await setup()
    const { hypothesis } = await ok<HypothesisEdit>(backend, 'hypothesis.create', { clientId, belief: 'Referral partners close within 60 days', importance: 4 })
    const id = hypothesis!.id
    let e = await ok<HypothesisEdit>(backend, 'hypothesis.addEvidence', {
      clientId,
      hypothesisId: id,
      date: '2027-01-10',
      source: 'Call with Apex',
      observation: 'Apex closed two referrals in 45 days',
      direction: 'supports'
    })
    expect(e.hypothesis).toMatchObject({ status: 'testing', evidenceStrength: 'anecdotal', evidenceCount: 1 })
    expect(e.hypothesis!.evidence[0]).toMatchObject({ source: 'Call with Apex', direction: 'supports' })
    expect((await err(backend, 'hypothesis.addEvidence', { clientId, hypothesisId: id, date: '2027-01-10', observation: ' ', direction: 'supports' })).message).toMatch(
      /\(observation\)$/
    )
    expect((await err(backend, 'hypothesis.decide', { clientId, id, decision: 'pivot' })).message).toMatch(/learned before deciding \(learned\)/)
    e = await ok<HypothesisEdit>(backend, 'hypothesis.decide', {
      clientId,
      id,
      decision: 'pivot',
      observed: 'Only one of four partners referred',
      learned: 'Referral works for agencies only',
      therefore: 'Focus referral on agencies'
    })
    expect(e.hypothesis).toMatchObject({ decision: 'pivot', status: 'invalidated', learned: 'Referral works for agencies only' })
    e = await ok<HypothesisEdit>(backend, 'hypothesis.decide', { clientId, id, decision: 'keep_testing' })
    e = await ok<HypothesisEdit>(backend, 'hypothesis.decide', { clientId, id, decision: 'persevere', learned: 'Agencies refer steadily' })
    const d = await ok<HypothesisDetail>(backend, 'hypothesis.get', { clientId, id })
    expect(d.status).toBe('validated')
    expect(d.decisions.map((x) => [x.decision, x.statusBefore])).toEqual([
      ['pivot', 'testing'],
      ['keep_testing', 'invalidated'],
      ['persevere', 'testing']
    ])
    expect(d.decisions[0].learned).toBe('Referral works for agencies only')
    expect(d.evidence).toHaveLength(1)
  })

  it('maps importance × evidence and highlights what to test first', async () => {
    const { backend, clientId } = await setup()
    await ok(backend, 'hypothesis.create', { clientId, belief: 'A', importance: 5 })
    await ok(backend, 'hypothesis.create', { clientId, belief: 'B', importance: 5, evidenceStrength: 'strong' })
    await ok(backend, 'hypothesis.create', { clientId, belief: 'C', importance: 1 })
    const pts = await ok<AssumptionPoint[]>(backend, 'hypothesis.map', { clientId })
    expect(Object.fromEntries(pts.map((p) => [p.belief, p.testFirst]))).toEqual({ A: true, B: false, C: false })
  })

  it('undoes a delete with its evidence, decisions and links', async () => {
    const { backend, clientId, j } = await setup()
    const { hypothesis } = await ok<HypothesisEdit>(backend, 'hypothesis.create', { clientId, belief: 'Keep me', milestoneIds: [j.milestones[0].id] })
    const id = hypothesis!.id
    await ok(backend, 'hypothesis.addEvidence', { clientId, hypothesisId: id, date: '2027-01-10', observation: 'seen', direction: 'neutral' })
    await ok(backend, 'hypothesis.decide', { clientId, id, decision: 'kill', learned: 'not worth it' })
    const before = await ok<HypothesisDetail>(backend, 'hypothesis.get', { clientId, id })
    const del = await ok<HypothesisEdit>(backend, 'hypothesis.delete', { clientId, id })
    expect(del.undo.undoLabel).toBe('Delete hypothesis “Keep me”')
    expect((await err(backend, 'hypothesis.get', { clientId, id })).code).toBe('NOT_FOUND')
    await ok(backend, 'journey.undo', { clientId })
    expect(await ok<HypothesisDetail>(backend, 'hypothesis.get', { clientId, id })).toEqual(before)
    expect((await ok<JourneyView>(backend, 'journey.show', { clientId })).milestones[0].hypothesisIds).toEqual([id])
    await ok(backend, 'journey.redo', { clientId })
    expect((await err(backend, 'hypothesis.get', { clientId, id })).code).toBe('NOT_FOUND')
  })
})
