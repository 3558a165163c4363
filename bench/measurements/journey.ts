/**
 * The journey issue's budgets on a client with 300 milestones and 500 hypotheses (a quarter with evidence):
 * loading the roadmap's and the register's data ≤ 30 ms, and persisting an edit ≤ 10 ms. The fixture is built once
 * per run in a temporary vault (a cheap KDF: unlocking is not what is measured).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBackend, type Backend } from '../../electron/backend/backend'
import { createJourneyServices } from '../../electron/backend/services/journey/index'
import { addDays, todayIso } from '../../shared/domain/journeyRules'
import type { JourneyView } from '../../shared/ipc/contract'
import { call } from '../lib/context'
import { Series, timed, type Measurement } from '../lib/registry'

const RUNS = 40
interface Fixture {
  b: Backend
  clientId: string
  target: JourneyView['milestones'][number]
  dir: string
}
let fixture: Promise<Fixture> | null = null

/** Fills a client with 300 milestones (a third with a dependency) and 500 hypotheses (a quarter with evidence). */
export async function seedJourney(b: Backend, clientId: string): Promise<JourneyView> {
  let j = await call<JourneyView>(b, 'journey.show', { clientId })
  const today = todayIso()
  const ids = j.milestones.map((m) => m.id)
  while (ids.length < 300) {
    const n = ids.length
    const start = addDays(today, n * 2)
    j = await call<JourneyView>(b, 'milestone.create', {
      clientId,
      stageId: j.stages[n % 5].id,
      title: `Milestone ${n}`,
      kind: 'onboarding',
      plannedStart: start,
      plannedEnd: addDays(start, 20 + (n % 40)),
      dependsOn: n % 3 === 0 ? [ids[n - 1]] : []
    })
    ids.push(j.milestones[j.milestones.length - 1].id)
  }
  for (let i = 0; i < 500; i++) {
    const h = await call<{ hypothesis: { id: string } }>(b, 'hypothesis.create', {
      clientId,
      belief: `Partners of kind ${i % 17} will refer ${i} deals a year`,
      importance: 1 + (i % 5),
      category: 'economics'
    })
    if (i % 4 === 0)
      await call(b, 'hypothesis.addEvidence', { clientId, hypothesisId: h.hypothesis.id, date: today, observation: 'Heard on a call', direction: 'supports' })
  }
  return j
}

async function build(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-bench-journey-'))
  const b = createBackend({ vaultDir: dir, kdfCost: { N: 2 ** 12 } })
  await call(b, 'vault.create', { passphrase: 'bench: correct horse battery staple' })
  const { id: clientId } = await call<{ id: string }>(b, 'client.create', { name: 'Journey Bench' })
  const j = await seedJourney(b, clientId)
  const target = j.milestones[150]
  return { b, clientId, target, dir }
}

/** The three figures share one fixture, removed when the run ends. */
async function withFixture<T>(fn: (f: Fixture) => Promise<T>): Promise<T> {
  if (!fixture) {
    fixture = build()
    const f = fixture
    process.once('exit', () => {
      void f.then((x) => x.b.close())
    })
    void f.then((x) => process.once('exit', () => rmSync(x.dir, { recursive: true, force: true })))
  }
  return fn(await fixture)
}

function loadFigure(name: string, channel: string, label: string): Measurement {
  return {
    name,
    label,
    targetMs: 30,
    run: () =>
      withFixture(async ({ b, clientId }) => {
        await call(b, channel, { clientId })
        const s = new Series()
        for (let i = 0; i < RUNS; i++) s.add(await timed(() => call(b, channel, { clientId })))
        return { ...s, notes: ['300 milestones, 500 hypotheses (125 with evidence)'] }
      })
  }
}

export const journeyShow = loadFigure('journey.show', 'journey.show', 'load the roadmap screen (300 milestones)')
export const hypothesisList = loadFigure('hypothesis.list', 'hypothesis.list', 'load the hypothesis register (500 hypotheses)')

export const milestoneEdit: Measurement = {
  name: 'milestone.persist',
  label: 'persist a milestone edit (validated, with its undo entry)',
  targetMs: 10,
  run: () =>
    withFixture(async ({ b, clientId, target }) => {
      const journey = createJourneyServices(b.session).journey
      const persist = new Series()
      const full = new Series()
      for (let i = 0; i < RUNS; i++) {
        const dates = { plannedStart: addDays(target.plannedStart, i + 1), plannedEnd: addDays(target.plannedEnd, i + 1) }
        persist.add(await timed(() => journey.persistMilestoneUpdate(clientId, target.id, dates)))
      }
      for (let i = 0; i < RUNS; i++)
        full.add(await timed(() => call(b, 'milestone.update', { clientId, id: target.id, plannedStart: addDays(target.plannedStart, -i), plannedEnd: addDays(target.plannedEnd, -i) })))
      const med = [...full.samples].sort((x, y) => x - y)[Math.floor(RUNS / 2)]
      return { ...persist, notes: [`through the channel, with the recomputed roadmap it answers: median ${med.toFixed(2)} ms`] }
    })
}
