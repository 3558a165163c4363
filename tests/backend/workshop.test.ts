/** Assessment workshops on real encrypted client files: the whole flow, the room's view, crashes and bad input. */
import { cpSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Papa from 'papaparse'
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import { DEFAULT_MODEL, type MaturityModel } from '../../shared/domain/maturity'
import type { Comparison, ScoreSummary } from '../../shared/domain/assessment'
import type {
  AssessmentSummary,
  ClientSummary,
  ImportResult,
  ModelSummary,
  PresenterState,
  WorkshopChanged,
  WorkshopState
} from '../../shared/ipc/contract'
import { TEST_PASSPHRASE, checksums, cleanup, err, newBackend, ok, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

const SESSION = 'facilitator-window-1'
const OTHER = 'facilitator-window-2'
const SECRET_NOTE = 'CFO-privately-doubts-the-budget'

async function setup(): Promise<{ backend: Backend; vaultDir: string; clientId: string }> {
  const { backend, vaultDir } = await unlockedBackend()
  dirs.push(vaultDir)
  const c = await ok<ClientSummary>(backend, 'client.create', { name: 'Northwind Analytics' })
  return { backend, vaultDir, clientId: c.id }
}

async function start(b: Backend, clientId: string, extra: Record<string, unknown> = {}): Promise<WorkshopState> {
  return ok<WorkshopState>(b, 'workshop.create', {
    clientId,
    sessionId: SESSION,
    title: 'Q3 program review',
    heldOn: '2026-09-14',
    participants: [
      { name: 'Ana Lima', role: 'VP Sales', side: 'client' },
      { name: 'Ben Ortiz', role: 'Partner manager', side: 'client' },
      { name: 'Chris Vale', role: 'Fractional partner leader', side: 'consultant' }
    ],
    dimensions: [
      { id: 'strategy', timeBoxMinutes: 20 },
      { id: 'activation', timeBoxMinutes: 15 }
    ],
    ...extra
  })
}

describe('workshop', () => {
  it('runs a workshop: hidden votes, reveal, spread, consensus, scores', async () => {
    const { backend: b, clientId } = await setup()
    const events: WorkshopChanged[] = []
    b.onEvent((e, p) => e === 'workshop.changed' && events.push(p as WorkshopChanged))

    let s = await start(b, clientId)
    expect(s.order).toEqual(['strategy.why', 'strategy.sponsor', 'strategy.horizon', 'activation.plan', 'activation.goals', 'activation.first'])
    expect(s.assessment.currentQuestionId).toBe('strategy.why')
    expect(s.model).toEqual(DEFAULT_MODEL)
    const [ana, ben, chris] = s.participants.map((p) => p.id)
    const run = { clientId, assessmentId: s.assessment.id, sessionId: SESSION }

    await ok(b, 'workshop.vote', { ...run, questionId: 'strategy.why', participantId: ana, vote: 1 })
    await ok(b, 'workshop.vote', { ...run, questionId: 'strategy.why', participantId: ben, vote: 3 })
    s = await ok<WorkshopState>(b, 'workshop.vote', { ...run, questionId: 'strategy.why', participantId: chris, vote: 'skip' })
    s = await ok<WorkshopState>(b, 'workshop.note', { ...run, questionId: 'strategy.why', notes: SECRET_NOTE })

    // Before the reveal: who voted, never what.
    const hidden = s.questions['strategy.why']
    expect(hidden.voted.sort()).toEqual([ana, ben, chris].sort())
    expect(hidden.votes).toBeNull()
    expect(hidden.stats).toBeNull()
    const get = await ok<WorkshopState>(b, 'workshop.get', { clientId, assessmentId: run.assessmentId })
    expect(get.questions['strategy.why'].votes).toBeNull()
    const p = await ok<PresenterState>(b, 'workshop.presenter', { clientId, assessmentId: run.assessmentId })
    expect(p.current).toMatchObject({ questionId: 'strategy.why', votedCount: 3, expectedCount: 3, reveal: null, index: 1, total: 6 })
    expect(p.current!.levels).toHaveLength(5)
    expect(JSON.stringify(p)).not.toContain(SECRET_NOTE)

    s = await ok<WorkshopState>(b, 'workshop.reveal', { ...run, questionId: 'strategy.why', revealed: true })
    const shown = s.questions['strategy.why']
    expect(shown.votes).toEqual({ [ana]: 1, [ben]: 3, [chris]: 'skip' })
    expect(shown.stats).toEqual({ distribution: [0, 1, 0, 1, 0], skips: 1, spread: 2, disagreement: true, mean: 2 })

    s = await ok<WorkshopState>(b, 'workshop.consensus', { ...run, questionId: 'strategy.why', score: 2, rationale: 'Written, but not in the plan' })
    s = await ok<WorkshopState>(b, 'workshop.navigate', { ...run, questionId: 'strategy.sponsor' })
    expect(s.assessment.currentQuestionId).toBe('strategy.sponsor')
    // Consensus without a reveal reveals the votes: nobody agrees a score blind.
    s = await ok<WorkshopState>(b, 'workshop.consensus', { ...run, questionId: 'strategy.sponsor', score: 1, rationale: '' })
    expect(s.questions['strategy.sponsor'].revealed).toBe(true)
    s = await ok<WorkshopState>(b, 'workshop.consensus', { ...run, questionId: 'activation.plan', score: 0, rationale: 'Pen pals' })

    expect(s.scores.map((d) => [d.dimensionId, d.score, d.scored])).toEqual([
      ['strategy', 1.5, 2],
      ['activation', 0, 1]
    ])
    expect(s.assessment.overall).toBe(0.75)
    expect(s.assessment.progress).toEqual({ scored: 3, total: 6 })
    expect(s.gaps.map((g) => g.questionId)).toEqual(['activation.plan', 'strategy.sponsor', 'strategy.why'])
    expect(s.dimensions[0].startedAt).not.toBeNull()

    // Events: one per change, increasing revisions, and never notes or hidden votes.
    expect(events.length).toBeGreaterThanOrEqual(9)
    for (let i = 1; i < events.length; i++) expect(events[i].revision).toBeGreaterThan(events[i - 1].revision)
    for (const e of events) {
      expect(JSON.stringify(e)).not.toContain(SECRET_NOTE)
      expect(e.clientId).toBe(clientId)
      if (e.presenter.current && !e.presenter.current.reveal) expect(JSON.stringify(e.presenter.current)).not.toMatch(/distribution|spread/)
    }
    const last = events.at(-1)!.presenter
    expect(last.radar.map((r) => r.score)).toEqual([1.5, 0])

    // Gaps become actions in one step.
    s = await ok<WorkshopState>(b, 'workshop.createActions', {
      ...run,
      actions: s.gaps.map((g) => ({ dimensionId: g.dimensionId, questionId: g.questionId, title: g.suggestion, owner: 'Ben Ortiz' }))
    })
    expect(s.actions).toHaveLength(3)
    expect(s.actions[0].title).toContain('reach level')
  })

  it('resumes an interrupted workshop at the same question with everything in place', async () => {
    const { backend: b, vaultDir, clientId } = await setup()
    const s = await start(b, clientId)
    const run = { clientId, assessmentId: s.assessment.id, sessionId: SESSION }
    const [ana, ben] = s.participants.map((p) => p.id)
    await ok(b, 'workshop.navigate', { ...run, questionId: 'strategy.horizon' })
    await ok(b, 'workshop.vote', { ...run, questionId: 'strategy.horizon', participantId: ana, vote: 2 })
    await ok(b, 'workshop.vote', { ...run, questionId: 'strategy.horizon', participantId: ben, vote: 4 })
    await ok(b, 'workshop.note', { ...run, questionId: 'strategy.horizon', notes: 'Board wants revenue in Q1' })
    // The lid closes: the process dies without locking the vault (no checkpoint, WAL left behind).
    const walFiles = readdirSync(join(vaultDir, 'clients')).filter((f) => f.endsWith('-wal'))
    expect(walFiles.length).toBeGreaterThan(0)

    // What a new process finds on disk: a copy of the folder as it is now (the vault's instance lock keeps a
    // second backend out of a vault that is still open, so the "next start" reads the copy).
    const afterCrash = `${vaultDir}-after-crash`
    cpSync(vaultDir, afterCrash, { recursive: true })
    onTestFinished(() => cleanup(afterCrash))
    const again = newBackend(afterCrash)
    await ok(again, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    const r = await ok<WorkshopState>(again, 'workshop.open', run)
    expect(r.assessment.currentQuestionId).toBe('strategy.horizon')
    expect(r.questions['strategy.horizon'].voted.sort()).toEqual([ana, ben].sort())
    expect(r.questions['strategy.horizon'].notes).toBe('Board wants revenue in Q1')
    const rv = await ok<WorkshopState>(again, 'workshop.reveal', { ...run, questionId: 'strategy.horizon', revealed: true })
    expect(rv.questions['strategy.horizon'].votes).toEqual({ [ana]: 2, [ben]: 4 })
    b.close()
  })

  it('refuses a vote outside 0–4 and changes no file', async () => {
    const { backend: b, vaultDir, clientId } = await setup()
    const s = await start(b, clientId)
    const run = { clientId, assessmentId: s.assessment.id, sessionId: SESSION, questionId: 'strategy.why', participantId: s.participants[0].id }
    const before = checksums(vaultDir)
    for (const vote of [5, -1, 2.5, '3', null]) {
      const e = await err(b, 'workshop.vote', { ...run, vote })
      expect(e.code).toBe('VALIDATION')
      expect(e.message).toContain('0 to 4')
    }
    expect((await err(b, 'workshop.consensus', { ...run, participantId: undefined, score: 9 })).message).toContain('0 to 4')
    expect((await err(b, 'workshop.vote', { ...run, questionId: 'not.in.workshop', vote: 1 })).code).toBe('NOT_FOUND')
    expect(checksums(vaultDir)).toEqual(before)
  })

  it('keeps the votes of a participant removed mid-workshop and refuses new ones', async () => {
    const { backend: b, clientId } = await setup()
    const s = await start(b, clientId)
    const run = { clientId, assessmentId: s.assessment.id, sessionId: SESSION }
    const [ana, ben, chris] = s.participants.map((p) => p.id)
    await ok(b, 'workshop.vote', { ...run, questionId: 'strategy.why', participantId: ben, vote: 3 })
    let st = await ok<WorkshopState>(b, 'workshop.removeParticipant', { ...run, participantId: ben })
    expect(st.participants.find((p) => p.id === ben)!.removed).toBe(true)
    const e = await err(b, 'workshop.vote', { ...run, questionId: 'strategy.sponsor', participantId: ben, vote: 1 })
    expect(e.code).toBe('CONFLICT')
    expect(e.message).toContain('Ben Ortiz was removed')
    const p = await ok<PresenterState>(b, 'workshop.presenter', { clientId, assessmentId: run.assessmentId })
    expect(p.current!.expectedCount).toBe(2)
    st = await ok<WorkshopState>(b, 'workshop.reveal', { ...run, questionId: 'strategy.why', revealed: true })
    expect(st.questions['strategy.why'].votes).toEqual({ [ben]: 3 })
    await ok(b, 'workshop.removeParticipant', { ...run, participantId: chris })
    expect((await err(b, 'workshop.removeParticipant', { ...run, participantId: ana })).code).toBe('CONFLICT')
    // Added back, they vote again.
    await ok(b, 'workshop.removeParticipant', { ...run, participantId: ben, removed: false })
    await ok(b, 'workshop.vote', { ...run, questionId: 'strategy.sponsor', participantId: ben, vote: 1 })
  })

  it('lets one facilitator window at a time change a workshop, and hands over cleanly', async () => {
    const { backend: b, vaultDir, clientId } = await setup()
    const s = await start(b, clientId)
    const assessmentId = s.assessment.id
    const pid = s.participants[0].id
    const before = checksums(vaultDir)
    const e = await err(b, 'workshop.open', { clientId, assessmentId, sessionId: OTHER })
    expect(e.code).toBe('CONFLICT')
    expect(e.message).toContain('another facilitator window')
    expect((await err(b, 'workshop.vote', { clientId, assessmentId, sessionId: OTHER, questionId: 'strategy.why', participantId: pid, vote: 2 })).code).toBe('CONFLICT')
    expect(checksums(vaultDir)).toEqual(before)

    await ok(b, 'workshop.open', { clientId, assessmentId, sessionId: OTHER, takeOver: true })
    await ok(b, 'workshop.vote', { clientId, assessmentId, sessionId: OTHER, questionId: 'strategy.why', participantId: pid, vote: 2 })
    const stale = await err(b, 'workshop.vote', { clientId, assessmentId, sessionId: SESSION, questionId: 'strategy.why', participantId: pid, vote: 4 })
    expect(stale.code).toBe('CONFLICT')
    expect((await err(b, 'workshop.heartbeat', { clientId, assessmentId, sessionId: SESSION })).code).toBe('CONFLICT')
    // Releasing (closing the window) frees it at once.
    await ok(b, 'workshop.release', { clientId, assessmentId, sessionId: OTHER })
    await ok(b, 'workshop.open', { clientId, assessmentId, sessionId: SESSION })
    // A read-only view needs no lease.
    const g = await ok<WorkshopState>(b, 'workshop.get', { clientId, assessmentId })
    expect(g.questions['strategy.why'].voted).toEqual([pid])
  })

  it('keeps an assessment on its model snapshot when the model is edited', async () => {
    const { backend: b, vaultDir, clientId } = await setup()
    const s = await start(b, clientId)
    const edited = structuredClone(DEFAULT_MODEL)
    edited.dimensions[0].questions[0].text = 'Rewritten: is partnering in the board deck?'
    edited.dimensions = edited.dimensions.filter((d) => d.id !== 'activation')
    const v2 = await ok<MaturityModel>(b, 'workshop.saveModel', { modelId: 'trellis-default', baseVersion: 1, content: { name: edited.name, dimensions: edited.dimensions } })
    expect(v2.version).toBe(2)
    const again = await ok<WorkshopState>(b, 'workshop.get', { clientId, assessmentId: s.assessment.id })
    expect(again.model).toEqual(DEFAULT_MODEL)
    expect(again.order).toContain('activation.plan')
    // A second editor who started from version 1 is told, not overwritten.
    const c = await err(b, 'workshop.saveModel', { modelId: 'trellis-default', baseVersion: 1, content: { name: 'x', dimensions: edited.dimensions } })
    expect(c.code).toBe('CONFLICT')
    // New workshops use the newest version; version 1 stays available.
    const next = await start(b, clientId, { dimensions: [{ id: 'strategy', timeBoxMinutes: 10 }] })
    expect(next.assessment.modelVersion).toBe(2)
    expect(next.model.dimensions[0].questions[0].text).toContain('Rewritten')
    expect((await ok<MaturityModel>(b, 'workshop.model', { modelId: 'trellis-default', version: 1 })).dimensions).toHaveLength(10)
    const models = await ok<ModelSummary[]>(b, 'workshop.models')
    expect(models[0]).toMatchObject({ id: 'trellis-default', version: 2, versions: [1, 2], builtIn: true })
    // A model missing the dimension asked for is refused clearly.
    expect((await err(b, 'workshop.create', { clientId, sessionId: SESSION, title: 't', participants: [{ name: 'A', side: 'client' }], dimensions: [{ id: 'activation', timeBoxMinutes: 5 }] })).message).toContain('has no dimension')
    // Models live encrypted at vault level and survive a lock.
    expect(readFileSync(join(vaultDir, 'maturity-models.enc'), 'latin1')).not.toContain('Rewritten')
    await ok(b, 'vault.lock')
    await ok(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect((await ok<MaturityModel>(b, 'workshop.model', { modelId: 'trellis-default' })).version).toBe(2)
    // Bad model content gets a clear message.
    const bad = await err(b, 'workshop.saveModel', { content: { name: 'Mine', dimensions: [{ id: 'x', name: 'X', questions: [{ id: 'x.1', text: 'Q', levels: ['a', 'b'] }] }] } })
    expect(bad.message).toContain('five levels')
  })

  it('exports JSON and CSV, imports into another vault, and compares two assessments', async () => {
    const { backend: b, clientId } = await setup()
    const first = await start(b, clientId, { heldOn: '2026-03-01' })
    const second = await start(b, clientId, { heldOn: '2026-09-01' })
    for (const [s, scores] of [
      [first, [1, 1, 2, 0, 0, 1]],
      [second, [2, 3, 2, 2, 1, 2]]
    ] as const) {
      const run = { clientId, assessmentId: s.assessment.id, sessionId: SESSION }
      for (const [i, q] of s.order.entries()) {
        for (const [j, p] of s.participants.entries()) await ok(b, 'workshop.vote', { ...run, questionId: q, participantId: p.id, vote: Math.min(4, scores[i] + j) })
        await ok(b, 'workshop.consensus', { ...run, questionId: q, score: scores[i], rationale: `Agreed on ${q}` })
      }
      await ok(b, 'workshop.note', { ...run, questionId: s.order[0], notes: SECRET_NOTE })
      expect((await err(b, 'workshop.export', { clientId, assessmentId: s.assessment.id, format: 'json' })).code).toBe('CONFLICT')
      await ok(b, 'workshop.finish', { ...run, finished: true })
    }
    expect((await err(b, 'workshop.vote', { clientId, assessmentId: first.assessment.id, sessionId: SESSION, questionId: 'strategy.why', participantId: first.participants[0].id, vote: 1 })).message).toContain('finished')

    const cmp = await ok<Comparison>(b, 'workshop.compare', { clientId, a: second.assessment.id, b: first.assessment.id })
    expect(cmp.before.heldOn).toBe('2026-03-01')
    expect(cmp.dimensions.map((d) => [d.dimensionId, d.before, d.after, d.delta])).toEqual([
      ['strategy', 1.33, 2.33, 1],
      ['activation', 0.33, 1.67, 1.34]
    ])
    expect(cmp.overall.delta).toBe(1.17)

    const csv = await ok<{ content: string; fileName: string }>(b, 'workshop.export', { clientId, assessmentId: first.assessment.id, format: 'csv' })
    expect(csv.fileName).toBe('assessment-2026-03-01-Q3-program-review.csv')
    const rows = Papa.parse<string[]>(csv.content.trim()).data
    expect(rows[0]).toEqual(['Dimension', 'Question', 'Ana Lima', 'Ben Ortiz', 'Chris Vale', 'Spread', 'Disagreement', 'Consensus', 'Rationale', 'Dimension score'])
    expect(rows[1].slice(0, 1).concat(rows[1].slice(2))).toEqual(['Strategy & business alignment', '1', '2', '3', '2', 'yes', '1', 'Agreed on strategy.why', '1.33'])
    expect(rows.at(-1)!.slice(0, 1)).toEqual(['Overall'])
    expect(csv.content).not.toContain(SECRET_NOTE)

    const json = await ok<{ content: string }>(b, 'workshop.export', { clientId, assessmentId: first.assessment.id, format: 'json' })
    const other = await setup()
    const imported = await ok<ImportResult>(other.backend, 'workshop.import', { clientId: other.clientId, content: json.content })
    expect(imported.notices).toEqual([])
    expect(imported.assessment).toMatchObject({ id: first.assessment.id, heldOn: '2026-03-01', status: 'finished', overall: 0.83 })
    const h1 = await ok<ScoreSummary[]>(b, 'workshop.history', { clientId })
    const h2 = await ok<ScoreSummary[]>(other.backend, 'workshop.history', { clientId: other.clientId })
    expect(h2[0]).toEqual(h1[0])
    const st = await ok<WorkshopState>(other.backend, 'workshop.get', { clientId: other.clientId, assessmentId: first.assessment.id })
    expect(st.questions['strategy.why'].notes).toBe(SECRET_NOTE)
    expect(Object.values(st.questions['strategy.why'].votes!).sort()).toEqual([1, 2, 3])
    expect((await err(other.backend, 'workshop.import', { clientId: other.clientId, content: json.content })).code).toBe('CONFLICT')
    const list = await ok<AssessmentSummary[]>(b, 'workshop.list', { clientId })
    expect(list.map((a) => a.heldOn)).toEqual(['2026-09-01', '2026-03-01'])
  })

  it('refuses imports from a newer version or damaged files, and notes a different model', async () => {
    const { backend: b, vaultDir, clientId } = await setup()
    const s = await start(b, clientId, { dimensions: [{ id: 'team', timeBoxMinutes: 10 }] })
    const run = { clientId, assessmentId: s.assessment.id, sessionId: SESSION }
    await ok(b, 'workshop.consensus', { ...run, questionId: 'team.people', score: 2, rationale: '' })
    await ok(b, 'workshop.finish', { ...run, finished: true })
    const { content } = await ok<{ content: string }>(b, 'workshop.export', { clientId, assessmentId: s.assessment.id, format: 'json' })
    const other = await setup()
    const before = checksums(other.vaultDir)

    const future = { ...JSON.parse(content), version: 2 }
    const f = await err(other.backend, 'workshop.import', { clientId: other.clientId, content: JSON.stringify(future) })
    expect(f.code).toBe('FROM_FUTURE_VERSION')
    expect(f.message).toContain('newer version')
    expect((await err(other.backend, 'workshop.import', { clientId: other.clientId, content: 'not json' })).code).toBe('VALIDATION')
    expect((await err(other.backend, 'workshop.import', { clientId: other.clientId, content: '{"format":"something-else"}' })).code).toBe('VALIDATION')
    const broken = JSON.parse(content)
    broken.votes = [{ questionId: 'no.such.question', participantId: broken.participants[0].id, value: 2 }]
    expect((await err(other.backend, 'workshop.import', { clientId: other.clientId, content: JSON.stringify(broken) })).message).toContain('inconsistent')
    const badVote = JSON.parse(content)
    badVote.votes = [{ questionId: 'team.people', participantId: badVote.participants[0].id, value: 7 }]
    expect((await err(other.backend, 'workshop.import', { clientId: other.clientId, content: JSON.stringify(badVote) })).code).toBe('VALIDATION')
    expect(checksums(other.vaultDir)).toEqual(before)

    // A different model with the same id and version in this vault: imported with its own snapshot, and said so.
    const foreign = JSON.parse(content)
    foreign.model.dimensions[foreign.model.dimensions.findIndex((d: { id: string }) => d.id === 'team')].name = 'People & budget'
    const r = await ok<ImportResult>(other.backend, 'workshop.import', { clientId: other.clientId, content: JSON.stringify(foreign) })
    expect(r.notices[0]).toContain('differs')
    const h = await ok<ScoreSummary[]>(other.backend, 'workshop.history', { clientId: other.clientId })
    expect(h[0].dimensions).toEqual([{ dimensionId: 'team', name: 'People & budget', score: 2 }])
    void vaultDir
  })

  it('gives every demo client sample workshops that read back as real ones', async () => {
    const { backend: b, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    await ok(b, 'demo.seed', { clients: 3, partners: 5, seed: 7 })
    for (const c of await ok<ClientSummary[]>(b, 'client.list')) {
      const list = await ok<AssessmentSummary[]>(b, 'workshop.list', { clientId: c.id })
      expect(list.length).toBeGreaterThanOrEqual(1)
      const h = await ok<ScoreSummary[]>(b, 'workshop.history', { clientId: c.id })
      expect(h.every((x) => x.dimensions.length >= 3)).toBe(true)
      const finished = list.find((a) => a.status === 'finished')
      if (finished) {
        expect(finished.overall).not.toBeNull()
        const csv = await ok<{ content: string }>(b, 'workshop.export', { clientId: c.id, assessmentId: finished.id, format: 'csv' })
        expect(csv.content.split('\r\n').length).toBeGreaterThan(5)
      }
    }
  })
})
