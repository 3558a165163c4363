import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../electron/backend/backend'
import { CACHE_FILE } from '../../electron/backend/services/benchmark/index'
import type { BenchmarkFigure } from '../../shared/benchmark/metrics'
import type { BenchmarkProgressed, ClientBenchmark, Cockpit, JourneyView, RunSummary } from '../../shared/ipc/contract'
import type { PortfolioSummary } from '../../shared/portfolio/metrics'
import { resourcesUpTo } from '../helpers/migrations'
import { canMount, readOnlyMount } from '../helpers/damage'
import { TEST_KDF, TEST_PASSPHRASE, checksums, cleanup, err, ok, unlockedBackend } from '../helpers/vault'
import { AS_OF, client, db, fillSubject, partner, subjectAndPeers } from './benchmark-fixture'

const MOUNT = canMount()
if (!MOUNT) console.warn('the read-only vault benchmark test needs to mount a read-only bind mount (root); skipped here, runs in CI')

const dirs: string[] = []
const backends: Backend[] = []
afterEach(() => {
  backends.splice(0).forEach((b) => b.close())
  dirs.splice(0).forEach(cleanup)
})

async function vault() {
  const { backend, vaultDir } = await unlockedBackend()
  dirs.push(vaultDir)
  backends.push(backend)
  return { b: backend, vaultDir }
}

async function fixture() {
  const { b, vaultDir } = await vault()
  return { b, vaultDir, ...(await subjectAndPeers(b)) }
}

const fig = (r: ClientBenchmark, key: string): BenchmarkFigure => {
  const f = r.figures.find((x) => x.key === key)
  if (!f) throw new Error(`no figure ${key}`)
  return f
}

describe('benchmark figures', () => {
  it('computes every metric of a client as defined, against hand-computed answers', async () => {
    const { b, subject } = await fixture()
    const r = await ok<ClientBenchmark>(b, 'benchmark.client', { clientId: subject, asOf: AS_OF })
    const v = (k: string) => fig(r, k).value
    expect(v('activationRate')).toBeCloseTo(1 / 3, 10)
    expect(v('daysToFirstCommercial')).toBe(76)
    expect(v('paperPartnerRatio')).toBe(0.25)
    expect(v('sourcedShare')).toBe(0.25)
    expect(v('concentrationTop1')).toBe(0.75)
    expect(v('concentrationTop3')).toBe(1)
    expect(v('cadenceAdherence')).toBe(0.5)
    expect(v('maturity')).toBe(1.75)
    expect(v('maturity:strategy')).toBe(2.5)
    expect(v('maturity:team')).toBe(1)
    expect(v('hypothesisVelocity')).toBe(0.5)
    expect(v('stageDays:foundations')).toBe(59)
    expect(v('stageDays:prove')).toBe(130)
    expect(r.figures.some((f) => f.key === 'stageDays:activate')).toBe(false)
    expect(v('milestoneRatio:strategy')).toBe(0.9333)
    expect(v('milestoneRatio:recruitment')).toBe(1.5)
    expect(r.attributes).toEqual({ companyStage: 'growth', arrBand: null, salesMotion: 'hybrid', region: 'emea', partnerModel: 'technology' })
    // Every figure carries its definition, shown next to it in the app.
    for (const f of r.figures) expect(f.definition.length).toBeGreaterThan(40)
    expect(fig(r, 'paperPartnerRatio').definition).toMatch(/signed partners past the window/)
  })

  it('shows P25, median, P75 and the percentile of peers, and suppresses figures with fewer than 5 peers', async () => {
    const { b, subject } = await fixture()
    const all = await ok<ClientBenchmark>(b, 'benchmark.client', { clientId: subject, asOf: AS_OF })
    expect(all.cohort).toEqual({ filter: {}, label: 'All clients', size: 7 })
    // Velocities of the six peers: 0, .25, .5, .75, 1, 2; this client .5 → 2 below, 1 equal → 2.5 / 6.
    expect(fig(all, 'hypothesisVelocity')).toMatchObject({ peers: 6, suppressed: false, p25: 0.3125, median: 0.625, p75: 0.9375, percentile: 41.7 })
    // Maturity of five peers (one has no assessment): 0, 1, 2, 3, 4; this client 1.75.
    expect(fig(all, 'maturity')).toMatchObject({ peers: 5, suppressed: false, p25: 1, median: 2, p75: 3, percentile: 40 })
    expect(fig(all, 'maturity:strategy')).toMatchObject({ peers: 5, percentile: 60 })
    expect(fig(all, 'maturity:team')).toMatchObject({ peers: 5, percentile: 30 })
    // Peers have no signed partners: no peer value, so nothing to compare with.
    expect(fig(all, 'activationRate')).toMatchObject({ value: expect.any(Number), peers: 0, suppressed: true, median: null, percentile: null })

    // Hybrid: five peers → velocity shown; maturity has only four → "not enough peers".
    const hybrid = await ok<ClientBenchmark>(b, 'benchmark.client', { clientId: subject, asOf: AS_OF, cohort: { salesMotion: 'hybrid' } })
    expect(hybrid.cohort).toMatchObject({ size: 6, label: 'Hybrid' })
    expect(fig(hybrid, 'hypothesisVelocity')).toMatchObject({ peers: 5, suppressed: false, p25: 0.25, median: 0.5, p75: 0.75, percentile: 50 })
    expect(fig(hybrid, 'maturity')).toMatchObject({ peers: 4, suppressed: true, p25: null, median: null, p75: null, percentile: null, value: 1.75 })

    // EMEA: three peers → everything suppressed.
    const emea = await ok<ClientBenchmark>(b, 'benchmark.client', { clientId: subject, asOf: AS_OF, cohort: { region: 'emea' } })
    expect(emea.cohort.size).toBe(4)
    expect(emea.figures.every((f) => f.suppressed && f.median === null)).toBe(true)

    // Partner model is a cohort key: the peers have none (only prospects), so this client stands alone.
    const tech = await ok<ClientBenchmark>(b, 'benchmark.client', { clientId: subject, asOf: AS_OF, cohort: { partnerModel: 'technology' } })
    expect(tech.cohort.size).toBe(1)
    expect(await err(b, 'benchmark.client', { clientId: subject, cohort: { region: 'mars' } })).toMatchObject({ code: 'VALIDATION' })
    expect(await err(b, 'benchmark.client', { clientId: 'c_aaaaaaaaaaaaaaaa' })).toMatchObject({ code: 'NOT_FOUND' })
  })

  it('builds the cockpit: stage, latest maturity, red flags and what is due in the next 14 days', async () => {
    const { b, subject } = await fixture()
    const c = await ok<Cockpit>(b, 'cockpit.show', { asOf: AS_OF })
    expect(c.clients).toHaveLength(7)
    const s = c.clients.find((x) => x.clientId === subject)!
    expect(s.stage).toEqual({ key: 'prove', name: 'Prove', position: 1 })
    expect(s.maturity).toEqual({ overall: 1.75, heldOn: '2026-05-10' })
    const summary = await ok<PortfolioSummary>(b, 'portfolio.summary', { clientId: subject, asOf: AS_OF })
    expect(s.flags).toEqual({ paperPartners: 1, overdueMilestones: 1, partnersNotMet: 2, importantUntested: 2, redHealth: summary.health.red })
    // The same counts as the Partners screen's warnings.
    expect(summary.warningCounts['paper-partner']).toBe(1)
    expect(summary.warningCounts['no-recent-meeting']).toBe(2)
    expect(c.due.map((d) => [d.dueOn, d.kind, d.title, d.partnerName, d.section, d.clientName])).toEqual([
      ['2026-07-01', 'hypothesis', 'Subject resellers will co-sell', null, 'hypotheses', 'Subject Co'],
      ['2026-07-03', 'action', 'Send the joint plan', 'Subject Partner One', 'partners', 'Subject Co'],
      ['2026-07-05', 'milestone', 'Subject review with the sponsor', null, 'journey', 'Subject Co'],
      ['2026-07-10', 'credential', 'Rotate Partner API key', 'Subject Partner Two', 'partners', 'Subject Co'],
      ['2026-07-14', 'goal', 'First joint customer', 'Subject Partner Three', 'partners', 'Subject Co']
    ])
    const peer = c.clients.find((x) => x.name === 'Peer 0')!
    expect(peer).toMatchObject({ stage: null, maturity: { overall: 0 }, skipped: null })
  })

  it('calibrates the journey’s usual durations from five or more clients, and the realism warnings use them', async () => {
    const { b } = await vault()
    // Five clients with done onboarding milestones of 20, 40, 60, 80 and 100 days; strategy ones in only four.
    for (let i = 0; i < 5; i++) {
      const d = db(b, await client(b, `Cal ${i}`))
      d.prepare(`INSERT INTO journey_stages (id, key, name, position, gate, created_at, updated_at) VALUES ('s', 'activate', 'Activate', 2, 'active', 'x', 'x')`).run()
      const end = new Date(Date.UTC(2026, 0, 20 * (i + 1))).toISOString().slice(0, 10)
      const ins = d.prepare(
        `INSERT INTO milestones (id, stage_id, title, kind, status, planned_start, planned_end, actual_start, actual_end, created_at, updated_at)
         VALUES (?, 's', 't', ?, 'done', '2026-01-01', '2026-01-10', '2026-01-01', ?, 'x', 'x')`
      )
      ins.run('m', 'onboarding', end)
      if (i < 4) ins.run('m2', 'strategy', '2026-01-02')
    }
    // A client planning a 25-day onboarding: fine against the default (45 days), short against 60.
    const plan = await client(b, 'Plan Co')
    const j = await ok<JourneyView>(b, 'journey.show', { clientId: plan })
    const withPlan = await ok<JourneyView>(b, 'milestone.create', {
      clientId: plan,
      stageId: j.stages[2].id,
      title: 'Onboard the first resellers',
      kind: 'onboarding',
      plannedStart: '2027-03-01',
      plannedEnd: '2027-03-25'
    })
    const created = withPlan.milestones.find((m) => m.title === 'Onboard the first resellers')!
    const short = (v: JourneyView) => v.warnings.filter((w) => w.kind === 'short_duration' && w.milestoneId === created.id)
    expect(short(withPlan)).toEqual([])
    expect(await ok(b, 'benchmark.calibration')).toEqual({ asOf: null, calibrated: {}, clients: {} })

    await ok(b, 'benchmark.run', { asOf: AS_OF })
    const cal = await ok<{ calibrated: Record<string, number>; clients: Record<string, number> }>(b, 'benchmark.calibration')
    // Median of 20, 40, 60, 80, 100.
    expect(cal.calibrated).toEqual({ onboarding: 60 })
    expect(cal.clients).toMatchObject({ onboarding: 5, strategy: 4 })
    const after = await ok<JourneyView>(b, 'journey.show', { clientId: plan })
    expect(short(after).map((w) => w.message)).toEqual(['Planned for 25 days; onboarding and enablement usually takes about 60 days.'])
  })
})

describe('benchmark runs', () => {
  it('lists unreadable files as skipped with their reason and carries on; never migrates an older file', async () => {
    const vaultDir = (await vault()).vaultDir
    backends.pop()!.close()
    // A client file of the previous schema, written by the app as it was before the portfolio migration.
    const oldRes = resourcesUpTo(tagBefore('_portfolio'))
    dirs.push(oldRes)
    const old = createBackend({ vaultDir, kdfCost: TEST_KDF, resourcesDir: oldRes })
    await ok(old, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    const oldId = await client(old, 'Old Schema Co')
    old.close()

    const b = createBackend({ vaultDir, kdfCost: TEST_KDF })
    backends.push(b)
    await ok(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    const good = await client(b, 'Good Co')
    partner(db(b, good), 'p1', 'Atlas', 'reseller', 'signed', '2026-01-01')
    const future = await client(b, 'Future Co')
    const corrupt = await client(b, 'Corrupt Co')
    const empty = await client(b, 'Empty Co')
    const missing = await client(b, 'Missing Co')
    const foreign = await client(b, 'Foreign Key Co')
    db(b, future).pragma('user_version = 99')
    for (const id of [future, corrupt, empty, missing, foreign]) b.session.closeClient(id)
    const file = (id: string) => join(vaultDir, 'clients', `${id}.trellis`)
    // Random bytes where the encrypted pages were: the key no longer opens it.
    const bytes = readFileSync(file(corrupt))
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 255
    writeFileSync(file(corrupt), bytes)
    truncateSync(file(empty), 0)
    rmSync(file(missing))
    // Another client's key file: wrapped for another client id, so it does not unwrap for this one.
    writeFileSync(join(vaultDir, 'clients', `${foreign}.key`), readFileSync(join(vaultDir, 'clients', `${good}.key`)))
    const before = checksums(join(vaultDir, 'clients'))

    const run = await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })
    expect(run).toMatchObject({ total: 7, computed: 7, cached: 0, cancelled: false })
    expect(run.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['Corrupt Co', 'key-invalid'],
      ['Empty Co', 'file-corrupt'],
      ['Foreign Key Co', 'file-corrupt'],
      ['Future Co', 'from-future-version'],
      ['Missing Co', 'file-missing'],
      ['Old Schema Co', 'needs-upgrade']
    ])
    expect(run.skipped.find((s) => s.reason === 'needs-upgrade')!.message).toMatch(/open the client in Trellis once/)
    // The good client still got its figures.
    const r = await ok<ClientBenchmark>(b, 'benchmark.client', { clientId: good, asOf: AS_OF })
    expect(r.ownSkip).toBeNull()
    expect(r.skippedFiles).toBe(6)
    const own = await ok<ClientBenchmark>(b, 'benchmark.client', { clientId: oldId, asOf: AS_OF })
    expect(own.ownSkip?.reason).toBe('needs-upgrade')
    expect(own.figures).toEqual([])
    // Nothing was migrated, repaired or written. Readers may leave an empty WAL and touch the shared-memory index
    // (-shm, a cache of the WAL's layout): neither holds data.
    const after = checksums(join(vaultDir, 'clients'))
    for (const [f, sum] of Object.entries(before)) if (!f.endsWith('-shm')) expect(after[f], f).toBe(sum)
    for (const f of Object.keys(after).filter((f) => !(f in before))) expect(f).toMatch(/\.trellis-(wal|shm)$/)
    for (const f of Object.keys(after).filter((f) => f.endsWith('-wal') && !(f in before))) expect(readFileSync(join(vaultDir, 'clients', f)).length).toBe(0)
  })

  it('is incremental: a warm run opens nothing, one changed client is the only one read again', async () => {
    const { b, vaultDir, subject, peers } = await fixture()
    // Closing a client file checkpoints its WAL into the file, which is a change on disk: close them before the
    // cold run, as after a restart.
    for (const id of [subject, ...peers]) b.session.closeClient(id)
    const cold = await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })
    expect(cold).toMatchObject({ total: 7, computed: 7, cached: 0 })
    const warm = await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })
    expect(warm).toMatchObject({ total: 7, computed: 0, cached: 7 })
    await ok(b, 'partner.create', { clientId: subject, name: 'Brand New Partner', type: 'oem', stage: 'signed', signedAt: '2026-06-01' })
    const one = await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })
    expect(one).toMatchObject({ computed: 1, cached: 6 })
    const r = await ok<ClientBenchmark>(b, 'benchmark.client', { clientId: subject, asOf: AS_OF })
    expect(fig(r, 'paperPartnerRatio').value).toBe(0.2)
    // Another day is another cache generation (the metrics depend on the date).
    b.session.closeClient(subject)
    expect(await ok<RunSummary>(b, 'benchmark.run', { asOf: '2026-07-01' })).toMatchObject({ computed: 7, cached: 0 })
    // The cache is an encrypted file, and a fresh session (after lock and unlock) still finds it warm.
    const head = readFileSync(join(vaultDir, CACHE_FILE)).subarray(0, 16).toString('latin1')
    expect(head).not.toContain('SQLite format')
    await ok(b, 'vault.lock')
    expect(await err(b, 'benchmark.run', {})).toMatchObject({ code: 'VAULT_LOCKED' })
    await ok(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(await ok<RunSummary>(b, 'benchmark.run', { asOf: '2026-07-01' })).toMatchObject({ computed: 0, cached: 7 })
    // A damaged cache is thrown away and rebuilt.
    writeFileSync(join(vaultDir, CACHE_FILE), 'not a cache')
    rmSync(join(vaultDir, `${CACHE_FILE}-wal`), { force: true })
    rmSync(join(vaultDir, `${CACHE_FILE}-shm`), { force: true })
    expect(await ok<RunSummary>(b, 'benchmark.run', { asOf: '2026-07-01' })).toMatchObject({ computed: 7, cached: 0 })
  })

  it('reports progress per client and can be cancelled; finished clients stay cached', async () => {
    const { b } = await vault()
    for (let i = 0; i < 24; i++) {
      const id = await client(b, `Client ${i}`)
      const d = db(b, id)
      for (let p = 0; p < 40; p++) partner(d, `p${p}`, `Partner ${p}`, 'reseller', 'signed', '2026-01-01')
    }
    const events: BenchmarkProgressed[] = []
    let cancelled: Promise<unknown> | null = null
    b.onEvent((e, p) => {
      if (e !== 'benchmark.progressed') return
      events.push(p as BenchmarkProgressed)
      if (events.length === 3) cancelled = b.call('benchmark.cancel', {})
    })
    const run = await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })
    expect(await cancelled).toEqual({ ok: true, data: { cancelled: true } })
    expect(run.cancelled).toBe(true)
    expect(run.computed).toBeGreaterThanOrEqual(3)
    expect(run.computed).toBeLessThan(24)
    expect(events.map((e) => e.done)).toEqual(events.map((_, i) => i + 1))
    expect(events.every((e) => e.total === 24 && e.runId === run.runId)).toBe(true)
    // Progress events carry counts only.
    expect(Object.keys(events[0]).sort()).toEqual(['done', 'runId', 'skipped', 'total'])
    const rest = await ok<RunSummary>(b, 'benchmark.run', { asOf: AS_OF })
    expect(rest).toMatchObject({ cancelled: false, cached: run.computed, computed: 24 - run.computed })
    expect(await ok(b, 'benchmark.cancel', {})).toEqual({ cancelled: false })
  })
})

describe.skipIf(!MOUNT)('benchmark on a read-only vault', () => {
  it('keeps its results in memory, writes nothing, and answers the same figures and cockpit', async () => {
    const { b, vaultDir, subject } = await fixture()
    const writable = await ok<ClientBenchmark>(b, 'benchmark.client', { clientId: subject, asOf: AS_OF })
    const writableCockpit = await ok<Cockpit>(b, 'cockpit.show', { asOf: AS_OF })
    await ok(b, 'vault.lock')
    // Without the cache file: a read-only vault cannot create one.
    for (const s of ['', '-wal', '-shm']) rmSync(join(vaultDir, CACHE_FILE + s), { force: true })
    const before = checksums(vaultDir)
    const ro = readOnlyMount(vaultDir)
    try {
      const r = createBackend({ vaultDir: ro.path, kdfCost: TEST_KDF })
      backends.push(r)
      await ok(r, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
      expect(r.session.readOnly).toBe(true)
      expect(await ok<RunSummary>(r, 'benchmark.run', { asOf: AS_OF })).toMatchObject({ total: 7, computed: 7, cached: 0, skipped: [] })
      expect(await ok<RunSummary>(r, 'benchmark.run', { asOf: AS_OF })).toMatchObject({ computed: 0, cached: 7 })
      const mine = await ok<ClientBenchmark>(r, 'benchmark.client', { clientId: subject, asOf: AS_OF })
      expect(mine.figures).toEqual(writable.figures)
      const c = await ok<Cockpit>(r, 'cockpit.show', { asOf: AS_OF })
      expect(c.clients).toEqual(writableCockpit.clients)
      expect(c.due).toEqual(writableCockpit.due)
      r.close()
    } finally {
      ro.release()
    }
    // Nothing written: no cache file, no client file touched (readers may refresh the WAL index, -shm).
    const after = checksums(vaultDir)
    for (const [f, sum] of Object.entries(before)) if (!f.endsWith('-shm')) expect(after[f], f).toBe(sum)
    expect(Object.keys(after).filter((f) => !(f in before) && !f.endsWith('-shm'))).toEqual([])
  })
})

describe('benchmark privacy', () => {
  it('never lets one client’s name, partners or work appear in another client’s benchmark', async () => {
    const { b } = await vault()
    const markers: Record<string, string> = {}
    for (let i = 0; i < 7; i++) {
      const marker = `ZQX${i}MARK${'abcdefg'[i]}`
      const id = await client(b, `${marker} Client`, { region: 'emea' })
      markers[id] = marker
      fillSubject(db(b, id), marker)
    }
    const events: unknown[] = []
    b.onEvent((e, p) => e === 'benchmark.progressed' && events.push(p))
    for (const id of Object.keys(markers)) {
      for (const cohort of [{}, { region: 'emea' }, { partnerModel: 'technology' }]) {
        const r = await ok<ClientBenchmark>(b, 'benchmark.client', { clientId: id, asOf: AS_OF, cohort })
        const text = JSON.stringify(r)
        expect(r.figures.some((f) => !f.suppressed)).toBe(true)
        for (const [other, m] of Object.entries(markers)) {
          expect(text.includes(m), `${markers[id]}'s benchmark mentions ${m}`).toBe(false)
          if (other !== id) expect(text.includes(other), 'another client id').toBe(false)
        }
      }
    }
    const all = JSON.stringify(events)
    for (const m of Object.values(markers)) expect(all.includes(m)).toBe(false)
    // The cockpit is the consultant's own view across clients: it names them, and only it does.
    const c = JSON.stringify(await ok<Cockpit>(b, 'cockpit.show', { asOf: AS_OF }))
    for (const m of Object.values(markers)) expect(c).toContain(m)
  })
})

/** The migration before the one whose tag ends with `suffix`: files of that age lack what the benchmark reads. */
function tagBefore(suffix: string): string {
  const journal = JSON.parse(readFileSync(join(__dirname, '../../resources/migrations/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] }
  return journal.entries[journal.entries.findIndex((e) => e.tag.endsWith(suffix)) - 1].tag
}
