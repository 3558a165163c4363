/**
 * The workshop issue's budgets: a vote persisted ≤ 10 ms, visible to the presenter ≤ 100 ms (here: until the
 * backend's `workshop.changed` event is delivered; the browser path is measured by tests/e2e-web/workshop.spec.ts),
 * and opening a client's history of 20 assessments ≤ 50 ms. The fixture is built once in a temporary vault.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBackend, type Backend } from '../../electron/backend/backend'
import type { ClientSummary, WorkshopState } from '../../shared/ipc/contract'
import { call } from '../lib/context'
import { Series, timed, type Measurement } from '../lib/registry'

const RUNS = 40
const SESSION = 'bench-facilitator'

interface Fixture {
  b: Backend
  clientId: string
  live: WorkshopState
  dir: string
}
let fixture: Promise<Fixture> | null = null

async function build(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-bench-workshop-'))
  const b = createBackend({ vaultDir: dir, kdfCost: { N: 2 ** 12 } })
  await call(b, 'vault.create', { passphrase: 'bench: correct horse battery staple' })
  const { id: clientId } = await call<ClientSummary>(b, 'client.create', { name: 'Workshop Bench' })
  const participants = ['Ana', 'Ben', 'Chris', 'Dana', 'Eli'].map((name) => ({ name, role: '', side: 'client' as const }))
  const dimensions = ['strategy', 'selection', 'design', 'infrastructure', 'onboarding', 'activation', 'coselling', 'internal', 'measurement', 'team'].map((id) => ({ id, timeBoxMinutes: 15 }))
  let live: WorkshopState | null = null
  for (let n = 0; n < 20; n++) {
    const s = await call<WorkshopState>(b, 'workshop.create', {
      clientId,
      sessionId: SESSION,
      title: `Review ${n + 1}`,
      heldOn: `20${10 + Math.floor(n / 4)}-0${1 + (n % 4) * 2}-15`,
      participants,
      dimensions
    })
    const run = { clientId, assessmentId: s.assessment.id, sessionId: SESSION }
    for (const [i, q] of s.order.entries()) {
      for (const [j, p] of s.participants.entries()) await call(b, 'workshop.vote', { ...run, questionId: q, participantId: p.id, vote: (i + j + n) % 5 })
      await call(b, 'workshop.consensus', { ...run, questionId: q, score: (i + n) % 5, rationale: 'agreed' })
    }
    if (n < 19) await call(b, 'workshop.finish', { ...run, finished: true })
    else live = s
  }
  return { b, clientId, live: live!, dir }
}

async function withFixture<T>(fn: (f: Fixture) => Promise<T>): Promise<T> {
  if (!fixture) {
    fixture = build()
    const f = fixture
    process.once('exit', () => {
      void f.then((x) => {
        x.b.close()
        rmSync(x.dir, { recursive: true, force: true })
      })
    })
  }
  return fn(await fixture)
}

export const workshopVote: Measurement = {
  name: 'workshop.vote',
  label: 'persist a workshop vote (committed; answers the facilitator state)',
  targetMs: 10,
  run: () =>
    withFixture(async ({ b, clientId, live }) => {
      const s = new Series()
      const run = { clientId, assessmentId: live.assessment.id, sessionId: SESSION, questionId: live.order[3] }
      for (let i = 0; i < RUNS; i++)
        s.add(await timed(() => call(b, 'workshop.vote', { ...run, participantId: live.participants[i % 5].id, vote: i % 5 })))
      return { ...s, notes: ['10 dimensions, 28 questions, 5 participants'] }
    })
}

export const workshopPresenter: Measurement = {
  name: 'workshop.presenter',
  label: 'a vote reaches the presenter (backend event delivered)',
  targetMs: 100,
  run: () =>
    withFixture(async ({ b, clientId, live }) => {
      const s = new Series()
      const run = { clientId, assessmentId: live.assessment.id, sessionId: SESSION, questionId: live.order[4] }
      for (let i = 0; i < RUNS; i++) {
        s.add(
          await timed(
            () =>
              new Promise<void>((done) => {
                const off = b.onEvent((e) => {
                  if (e === 'workshop.changed') {
                    off()
                    done()
                  }
                })
                void call(b, 'workshop.vote', { ...run, participantId: live.participants[i % 5].id, vote: (i + 2) % 5 })
              })
          )
        )
      }
      return { ...s, notes: ['the browser path (keypress to projector page) is measured by the e2e-web workshop test'] }
    })
}

export const workshopHistory: Measurement = {
  name: 'workshop.history',
  label: "open a client's assessment history (20 assessments)",
  targetMs: 50,
  run: () =>
    withFixture(async ({ b, clientId }) => {
      const s = new Series()
      for (let i = 0; i < RUNS; i++)
        s.add(await timed(() => Promise.all([call(b, 'workshop.list', { clientId }), call(b, 'workshop.history', { clientId })])))
      return { ...s, notes: ['list and history together, as the Workshops screen loads them'] }
    })
}
