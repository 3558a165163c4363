import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientSummary, JourneyView, MilestoneView, TemplateSummary, UndoResult } from '../../shared/ipc/contract'
import { DEFAULT_JOURNEY } from '../../shared/domain/journey'
import { todayIso } from '../../shared/domain/journeyRules'
import { TEST_PASSPHRASE, cleanup, err, newBackend, ok, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

async function withClient(name = 'Northwind Analytics') {
  const { backend, vaultDir } = await unlockedBackend()
  dirs.push(vaultDir)
  const c = await ok<ClientSummary>(backend, 'client.create', { name })
  const j = await ok<JourneyView>(backend, 'journey.show', { clientId: c.id })
  return { backend, vaultDir, clientId: c.id, j }
}
const byTitle = (j: JourneyView, t: string): MilestoneView => {
  const m = j.milestones.find((x) => x.title === t)
  if (!m) throw new Error(`no milestone ${t}`)
  return m
}
/** The journey without the parts that legitimately change on every call. */
const data = (j: JourneyView) => ({ stages: j.stages, milestones: j.milestones })

describe('journey roadmap', () => {
  it('gives a new client the default five-stage journey, planned from today, without warnings', async () => {
    const { j } = await withClient()
    expect(j.stages.map((s) => s.name)).toEqual(['Foundations', 'Prove', 'Activate', 'Scale', 'Optimize'])
    expect(j.stages.every((s) => s.gate === 'not_started' && s.criteria.length >= 3 && s.objectives.length >= 3)).toBe(true)
    expect(j.milestones).toHaveLength(DEFAULT_JOURNEY.stages.reduce((n, s) => n + s.milestones.length, 0))
    expect(byTitle(j, 'Partner strategy workshop').plannedStart).toBe(todayIso())
    expect(byTitle(j, 'Ideal partner profile').dependsOn).toEqual([byTitle(j, 'Partner strategy workshop').id])
    expect(j.warnings).toEqual([])
    expect(j.undo).toEqual({ undoLabel: null, redoLabel: null })
  })

  it('creates, edits, moves and deletes milestones with links', async () => {
    const { backend, clientId, j } = await withClient()
    const prove = j.stages[1]
    const p = await ok<{ id: string }>(backend, 'partner.create', { clientId, name: 'Acme Consulting', type: 'si' })
    const recruit = byTitle(j, 'Recruit first partners')
    let v = await ok<JourneyView>(backend, 'milestone.create', {
      clientId,
      stageId: prove.id,
      title: '  Pilot with Acme  ',
      kind: 'proof_of_concept',
      ownerSide: 'consultant',
      plannedStart: '2027-01-04',
      plannedEnd: '2027-03-31',
      dependsOn: [recruit.id],
      partnerIds: [p.id],
      notes: 'Acme asked for a sandbox first.'
    })
    const pilot = byTitle(v, 'Pilot with Acme')
    expect(pilot).toMatchObject({ stageId: prove.id, ownerSide: 'consultant', status: 'planned', dependsOn: [recruit.id], partnerIds: [p.id] })
    v = await ok<JourneyView>(backend, 'milestone.update', { clientId, id: pilot.id, plannedStart: '2027-02-01', plannedEnd: '2027-04-30' })
    expect(byTitle(v, 'Pilot with Acme')).toMatchObject({ plannedStart: '2027-02-01', plannedEnd: '2027-04-30' })
    expect(v.undo.undoLabel).toBe('Move “Pilot with Acme”')
    v = await ok<JourneyView>(backend, 'milestone.update', { clientId, id: pilot.id, status: 'in_progress' })
    expect(byTitle(v, 'Pilot with Acme').actualStart).toBe(todayIso())
    v = await ok<JourneyView>(backend, 'milestone.update', { clientId, id: pilot.id, status: 'done', actualEnd: '2099-01-01' })
    expect(byTitle(v, 'Pilot with Acme')).toMatchObject({ status: 'done', actualEnd: '2099-01-01' })
    v = await ok<JourneyView>(backend, 'milestone.delete', { clientId, id: recruit.id })
    expect(v.milestones.find((m) => m.id === recruit.id)).toBeUndefined()
    expect(byTitle(v, 'Pilot with Acme').dependsOn).toEqual([])
    expect(byTitle(v, 'Proof of concept with first partners').dependsOn).toEqual([])
  })

  it('refuses bad input with a message at the field and saves nothing', async () => {
    const { backend, clientId, j } = await withClient()
    const stageId = j.stages[0].id
    const base = { clientId, stageId, title: 'Kick-off', plannedStart: '2026-03-01', plannedEnd: '2026-03-10' }
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, title: '   ' }, /title cannot be empty \(title\)/],
      [{ ...base, plannedEnd: '2026-02-20' }, /end date is before the start date \(plannedEnd\)/],
      [{ ...base, plannedStart: '2026-02-31' }, /does not exist in the calendar \(plannedStart\)/],
      [{ ...base, plannedStart: '31/02/2026' }, /YYYY-MM-DD \(plannedStart\)/],
      [{ ...base, notes: 'x'.repeat(10_000) }, /Notes are limited to 5000 characters \(notes\)/],
      [{ ...base, title: 't'.repeat(201) }, /limited to 200 characters \(title\)/],
      [{ ...base, stageId: 'nope' }, /stage does not exist \(stageId\)/],
      [{ ...base, dependsOn: ['nope'] }, /does not exist \(dependsOn\)/],
      [{ ...base, partnerIds: ['nope'] }, /linked partner does not exist in this client \(partnerIds\)/]
    ]
    for (const [input, msg] of cases) {
      const e = await err(backend, 'milestone.create', input)
      expect(e.code).toBe('VALIDATION')
      expect(e.message).toMatch(msg)
    }
    const ws = byTitle(j, 'Partner strategy workshop')
    const e1 = await err(backend, 'milestone.update', { clientId, id: ws.id, plannedEnd: addDaysBefore(ws.plannedStart) })
    expect(e1.message).toMatch(/end date \(.*\) is before the start date \(.*\) \(plannedEnd\)/)
    const e2 = await err(backend, 'milestone.update', { clientId, id: ws.id, dependsOn: [ws.id] })
    expect(e2.message).toMatch(/cannot depend on itself \(dependsOn\)/)
    const after = await ok<JourneyView>(backend, 'journey.show', { clientId })
    expect(data(after)).toEqual(data(j))
    expect(after.undo.undoLabel).toBeNull()
  })

  it('refuses dependency cycles, naming the circle', async () => {
    const { backend, clientId, j } = await withClient()
    const ws = byTitle(j, 'Partner strategy workshop')
    const poc = byTitle(j, 'Proof of concept with first partners')
    const e = await err(backend, 'milestone.update', { clientId, id: ws.id, dependsOn: [poc.id] })
    expect(e.code).toBe('VALIDATION')
    expect(e.message).toBe(
      'That would make a circle of dependencies: “Partner strategy workshop” → “Proof of concept with first partners” → “Recruit first partners” → “Ideal partner profile” → “Partner strategy workshop” (dependsOn)'
    )
    expect(data(await ok<JourneyView>(backend, 'journey.show', { clientId }))).toEqual(data(j))
  })

  it('completes a stage only with every exit criterion met, or with a reason that is kept', async () => {
    const { backend, clientId, j } = await withClient()
    const [foundations, prove] = j.stages
    const c0 = foundations.criteria[0]
    expect((await err(backend, 'journey.setCriterion', { clientId, criterionId: c0.id, met: true, evidence: '  ' })).message).toMatch(
      /evidence\)$/
    )
    let v = await ok<JourneyView>(backend, 'journey.setCriterion', { clientId, criterionId: c0.id, met: true, evidence: 'Signed off by the CEO on 3 March' })
    expect(v.stages[0].criteria[0]).toMatchObject({ met: true, evidence: 'Signed off by the CEO on 3 March' })
    const e = await err(backend, 'journey.completeStage', { clientId, stageId: foundations.id })
    expect(e.code).toBe('VALIDATION')
    expect(e.message).toMatch(/^3 exit criteria are not met \(“Ideal partner profile written/)
    expect(e.message).toMatch(/\(reason\)$/)
    v = await ok<JourneyView>(backend, 'journey.startStage', { clientId, stageId: prove.id })
    expect(v.warnings.find((w) => w.kind === 'stage_started_early')?.message).toBe(
      'Prove has started while Foundations still has 3 exit criteria unmet.'
    )
    v = await ok<JourneyView>(backend, 'journey.completeStage', { clientId, stageId: foundations.id, reason: 'The board moved the launch forward.' })
    expect(v.stages[0]).toMatchObject({ gate: 'completed', completionReason: 'The board moved the launch forward.' })
    expect(v.warnings.filter((w) => w.kind === 'stage_started_early')).toEqual([])
    expect((await err(backend, 'journey.completeStage', { clientId, stageId: foundations.id, reason: 'again' })).code).toBe('CONFLICT')
    v = await ok<JourneyView>(backend, 'journey.reopenStage', { clientId, stageId: foundations.id })
    expect(v.stages[0].gate).toBe('active')
    expect(v.stages[0].history.map((h) => [h.event, h.unmetCount, h.reason])).toEqual([
      ['completed', 3, 'The board moved the launch forward.'],
      ['reopened', 0, null]
    ])
    // With every criterion met, no reason is needed.
    for (const c of v.stages[0].criteria.filter((c) => !c.met))
      v = await ok<JourneyView>(backend, 'journey.setCriterion', { clientId, criterionId: c.id, met: true, evidence: 'Workshop notes' })
    v = await ok<JourneyView>(backend, 'journey.completeStage', { clientId, stageId: foundations.id })
    expect(v.stages[0]).toMatchObject({ gate: 'completed', completionReason: null })
  })

  it('warns when a milestone is planned much shorter than usual', async () => {
    const { backend, clientId, j } = await withClient()
    const rec = byTitle(j, 'Recruit first partners')
    const v = await ok<JourneyView>(backend, 'milestone.update', { clientId, id: rec.id, plannedEnd: rec.plannedStart })
    const w = v.warnings.filter((x) => x.milestoneId === rec.id)
    expect(w.map((x) => x.message)).toContain('Planned for 1 day; partner recruitment usually takes about 60 days.')
  })

  it('undoes and redoes the last 20+ edits, and keeps the undo log across a restart', async () => {
    const { backend, vaultDir, clientId, j } = await withClient()
    const ws = byTitle(j, 'Partner strategy workshop')
    const states: JourneyView[] = [j]
    for (let i = 1; i <= 22; i++)
      states.push(await ok<JourneyView>(backend, 'milestone.update', { clientId, id: ws.id, notes: `note ${i}`, title: `Workshop ${i}` }))
    states.push(await ok<JourneyView>(backend, 'milestone.delete', { clientId, id: byTitle(j, 'Ideal partner profile').id }))
    backend.close()
    const b2 = newBackend(vaultDir)
    await ok(b2, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    for (let i = states.length - 1; i >= 1; i--) {
      const r = await ok<UndoResult>(b2, 'journey.undo', { clientId })
      expect(r.label).not.toBeNull()
      expect(data(await ok<JourneyView>(b2, 'journey.show', { clientId }))).toEqual(data(states[i - 1]))
    }
    expect((await ok<UndoResult>(b2, 'journey.undo', { clientId })).label).toBeNull()
    const r = await ok<UndoResult>(b2, 'journey.redo', { clientId })
    expect(r.label).toBe('Edit “Workshop 1”')
    expect(data(await ok<JourneyView>(b2, 'journey.show', { clientId }))).toEqual(data(states[1]))
    // A new edit drops the redo branch.
    const v = await ok<JourneyView>(b2, 'milestone.update', { clientId, id: ws.id, notes: 'fresh' })
    expect(v.undo.redoLabel).toBeNull()
  })

  it('keeps consultant templates outside client files, encrypted, and never changes them through a roadmap', async () => {
    const { backend, vaultDir, clientId, j } = await withClient()
    await ok(backend, 'milestone.update', { clientId, id: byTitle(j, 'Partner strategy workshop').id, title: 'Zqxj strategy sprint' })
    const t = await ok<TemplateSummary>(backend, 'journeyTemplate.saveFromClient', { clientId, name: 'Zqxj SaaS playbook' })
    expect(t).toMatchObject({ builtIn: false, stageCount: 5, milestoneCount: j.milestones.length })
    expect((await err(backend, 'journeyTemplate.saveFromClient', { clientId, name: 'zqxj saas PLAYBOOK' })).code).toBe('CONFLICT')
    const other = await ok<ClientSummary>(backend, 'client.create', { name: 'Bluefin Health' })
    let v = await ok<JourneyView>(backend, 'journey.applyTemplate', { clientId: other.id, templateId: t.id, startOn: '2027-01-04' })
    expect(v.templateName).toBe('Zqxj SaaS playbook')
    const sprint = byTitle(v, 'Zqxj strategy sprint')
    expect(sprint.plannedStart).toBe('2027-01-04')
    expect(byTitle(v, 'Ideal partner profile').dependsOn).toEqual([sprint.id])
    // Editing the roadmap leaves the template alone.
    await ok(backend, 'milestone.update', { clientId: other.id, id: sprint.id, title: 'Renamed in Bluefin' })
    await ok(backend, 'milestone.delete', { clientId: other.id, id: byTitle(v, 'Hire partner managers').id })
    const tpl = await ok<typeof DEFAULT_JOURNEY>(backend, 'journeyTemplate.get', { id: t.id })
    expect(tpl.stages[0].milestones[0].title).toBe('Zqxj strategy sprint')
    expect(tpl.stages.reduce((n, s) => n + s.milestones.length, 0)).toBe(j.milestones.length)
    // Applying a template is undoable.
    v = await ok<JourneyView>(backend, 'journey.applyTemplate', { clientId: other.id, templateId: 'default' })
    expect(v.templateName).toBe(DEFAULT_JOURNEY.name)
    await ok(backend, 'journey.undo', { clientId: other.id })
    expect((await ok<JourneyView>(backend, 'journey.show', { clientId: other.id })).templateName).toBe('Zqxj SaaS playbook')
    const list = await ok<TemplateSummary[]>(backend, 'journeyTemplate.list')
    expect(list.map((x) => x.name)).toEqual([DEFAULT_JOURNEY.name, 'Zqxj SaaS playbook'])
    expect((await err(backend, 'journeyTemplate.delete', { id: 'default' })).code).toBe('CONFLICT')
    // Encrypted at rest, and unreadable with another vault's key.
    backend.close()
    const tplFile = join(vaultDir, 'templates', 'journeys.json')
    expect(readFileSync(tplFile, 'utf8')).not.toContain('Zqxj')
    expect(readdirSync(join(vaultDir, 'templates'))).toEqual(['journeys.json'])
    const b2 = newBackend(vaultDir)
    await ok(b2, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    await ok(b2, 'journeyTemplate.delete', { id: t.id })
    expect((await ok<TemplateSummary[]>(b2, 'journeyTemplate.list')).map((x) => x.id)).toEqual(['default'])
  })
})

function addDaysBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

describe('journey sample data', () => {
  it('gives every demo client a journey in progress and a varied hypothesis register', async () => {
    const { backend, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    await ok(backend, 'demo.seed', { clients: 4, partners: 5, seed: 3 })
    const clients = await ok<ClientSummary[]>(backend, 'client.list')
    for (const c of clients) {
      const j = await ok<JourneyView>(backend, 'journey.show', { clientId: c.id })
      expect(j.stages.some((s) => s.gate !== 'not_started')).toBe(true)
      const hs = await ok<{ status: string }[]>(backend, 'hypothesis.list', { clientId: c.id })
      expect(hs.length).toBeGreaterThanOrEqual(6)
      // Sample data is a normal starting point: nothing to undo.
      expect(j.undo.undoLabel).toBeNull()
    }
    const statuses = new Set<string>()
    for (const c of clients) for (const h of await ok<{ status: string }[]>(backend, 'hypothesis.list', { clientId: c.id })) statuses.add(h.status)
    expect(statuses.size).toBeGreaterThanOrEqual(3)
  })
})
