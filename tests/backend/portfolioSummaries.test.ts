/**
 * The portfolio query reduces each partner's records in SQL (loadPortfolioSummaries) and the table's health is the
 * lean score (leanHealth). Both are held here, on random portfolios written to a real client file, to the
 * definitions computed from the records: summarisePartner and computePortfolio, and the explained healthScore the
 * partner page shows. The summaries kept between queries (only the partners a write touched are reduced again)
 * are held to a full query after every kind of write.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import type { ClientDb } from '../../electron/backend/db/clientFile'
import { CHANGED_SQL, lastPortfolioLoad, loadPortfolioSummaries, PORTFOLIO_SQL, reducePortfolio } from '../../electron/backend/services/portfolio'
import { ACTIVATION_TOPICS, DEFAULT_PORTFOLIO_SETTINGS, HEALTH_SIGNALS, type PortfolioSettings } from '../../shared/domain/portfolio'
import type { ClientSummary, PartnerDetail, PortfolioRow } from '../../shared/ipc/contract'
import {
  addDays,
  computeFromSummaries,
  computePortfolio,
  healthScore,
  leanHealth,
  summarisePartner,
  type PartnerWarningInput,
  type PortfolioData
} from '../../shared/portfolio/metrics'
import { cleanup, ok, unlockedBackend } from '../helpers/vault'

const ASOF = '2026-06-01'
// Days around the as-of day, so the 180-day and one-year windows, overdue and future dates all occur.
const day = fc.integer({ min: -500, max: 60 }).map((n) => new Date(Date.UTC(2026, 5, 1 + n)).toISOString().slice(0, 10))
const portfolioOf = (minLength: number, maxLength: number) =>
  fc
  .array(
    fc.record({
      type: fc.constantFrom('si', 'reseller', 'technology'),
      stage: fc.constantFrom('prospect', 'signed', 'activating', 'producing', 'dormant', 'exited'),
      tier: fc.constantFrom(null, 'Gold', 'Silver'),
      signedAt: fc.option(day),
      first: fc.option(day),
      meetings: fc.array(day, { maxLength: 4 }),
      opps: fc.array(
        fc.record({
          kind: fc.constantFrom('sourced', 'influenced'),
          amount: fc.integer({ min: 0, max: 100_000 }),
          currency: fc.constantFrom('USD', 'USD', 'EUR'),
          stage: fc.constantFrom('discovery', 'won', 'lost'),
          openedAt: day
        }),
        { maxLength: 4 }
      ),
      actions: fc.array(fc.record({ dueAt: fc.option(day), doneAt: fc.option(day) }), { maxLength: 4 }),
      goals: fc.array(fc.record({ target: fc.option(fc.integer({ min: 1, max: 1000 })), dueAt: fc.option(day) }), { maxLength: 3 }),
      contacts: fc.array(fc.record({ isPrimary: fc.boolean(), endedAt: fc.option(day) }), { maxLength: 4 }),
      topics: fc.array(fc.constantFrom('agreed', 'discussed', 'not-discussed', 'declined'), { maxLength: 10 }),
      // Few signals and days, so the same signal is often scored twice on one day (the later score wins).
      scores: fc.array(
        fc.record({
          signal: fc.constantFrom(...HEALTH_SIGNALS.slice(0, 3)),
          score: fc.integer({ min: 0, max: 2 }),
          date: fc.constantFrom('2026-01-10', '2026-03-01', '2026-05-20')
        }),
        { maxLength: 6 }
      )
    }),
    { minLength, maxLength }
  )
  .map((ps): PortfolioData => {
    const id = (i: number) => `p${String(i).padStart(3, '0')}`
    return {
      // Names in the byte order SQLite's ORDER BY name gives.
      partners: ps.map((p, i) => ({
        id: id(i),
        name: `Partner ${(i * 7) % 20} ${i}`,
        type: p.type as 'si',
        tier: p.tier,
        stage: p.stage as 'signed',
        signedAt: p.signedAt,
        firstCommercialAt: p.first
      })).sort((a, b) => (a.name < b.name ? -1 : 1)),
      opportunities: ps.flatMap((p, i) => p.opps.map((o) => ({ partnerId: id(i), ...o }) as PortfolioData['opportunities'][number])),
      meetings: ps.flatMap((p, i) => p.meetings.map((date) => ({ partnerId: id(i), date }))),
      actions: ps.flatMap((p, i) => p.actions.map((a) => ({ partnerId: id(i), ...a }))),
      goals: ps.flatMap((p, i) => p.goals.map((g) => ({ partnerId: id(i), ...g }))),
      contacts: ps.flatMap((p, i) => p.contacts.map((c) => ({ partnerId: id(i), startedAt: null, ...c }))),
      topics: ps.flatMap((p, i) => p.topics.map((state, k) => ({ partnerId: id(i), topic: ACTIVATION_TOPICS[k], state: state as 'agreed' }))),
      healthScores: ps.flatMap((p, i) => p.scores.map((x) => ({ partnerId: id(i), ...x })))
    }
  })
const portfolio = portfolioOf(0, 20)

/** Replaces the client's portfolio with `d`, in the order given (the rowid order breaks ties on a day). */
function write(db: ClientDb, d: PortfolioData): void {
  const q = db.sqlite
  q.transaction(() => {
    q.prepare('DELETE FROM partners').run()
    const now = '2026-01-01T00:00:00.000Z'
    const partner = q.prepare(
      'INSERT INTO partners (id, name, type, tier, stage, signed_at, first_commercial_at, owner, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)'
    )
    for (const p of d.partners) partner.run(p.id, p.name, p.type, p.tier, p.stage, p.signedAt, p.firstCommercialAt, now, now)
    let n = 0
    const opp = q.prepare("INSERT INTO opportunities (id, partner_id, name, kind, amount, currency, stage, opened_at) VALUES (?, ?, 'Deal', ?, ?, ?, ?, ?)")
    for (const o of d.opportunities) opp.run(`o${n++}`, o.partnerId, o.kind, o.amount, o.currency, o.stage, o.openedAt)
    const meeting = q.prepare("INSERT INTO meetings (id, partner_id, date, kind) VALUES (?, ?, ?, 'check-in')")
    for (const m of d.meetings) meeting.run(`m${n++}`, m.partnerId, m.date)
    const action = q.prepare("INSERT INTO action_items (id, partner_id, text, due_at, done_at) VALUES (?, ?, 'Follow up', ?, ?)")
    for (const a of d.actions) action.run(`a${n++}`, a.partnerId, a.dueAt, a.doneAt)
    const goal = q.prepare("INSERT INTO joint_goals (id, partner_id, metric, target, due_at) VALUES (?, ?, 'Pipeline', ?, ?)")
    for (const g of d.goals) goal.run(`g${n++}`, g.partnerId, g.target, g.dueAt)
    const contact = q.prepare("INSERT INTO partner_contacts (id, partner_id, name, is_primary, started_at, ended_at) VALUES (?, ?, 'Ana', ?, ?, ?)")
    for (const c of d.contacts) contact.run(`c${n++}`, c.partnerId, c.isPrimary ? 1 : 0, c.startedAt, c.endedAt)
    const topic = q.prepare('INSERT INTO activation_topics (partner_id, topic, state) VALUES (?, ?, ?)')
    for (const t of d.topics) topic.run(t.partnerId, t.topic, t.state)
    const score = q.prepare('INSERT INTO health_scores (id, partner_id, signal, score, date) VALUES (?, ?, ?, ?, ?)')
    for (const h of d.healthScores) score.run(`h${n++}`, h.partnerId, h.signal, h.score, h.date)
  })()
}

function facts(d: PortfolioData, partnerId: string): PartnerWarningInput {
  const mine = <T extends { partnerId: string }>(xs: T[]) => xs.filter((x) => x.partnerId === partnerId)
  return {
    partner: d.partners.find((p) => p.id === partnerId)!,
    opportunities: mine(d.opportunities),
    meetings: mine(d.meetings),
    actions: mine(d.actions),
    goals: mine(d.goals),
    contacts: mine(d.contacts),
    topics: mine(d.topics),
    healthScores: mine(d.healthScores)
  }
}

let b: Backend
let vaultDir: string
let clientId: string
let db: ClientDb
beforeAll(async () => {
  ;({ backend: b, vaultDir } = await unlockedBackend())
  clientId = (await ok<ClientSummary>(b, 'client.create', { name: 'Summary Checks' })).id
  db = b.session.client(clientId)
})
afterAll(() => {
  b.close()
  cleanup(vaultDir)
})

describe('portfolio summaries in SQL', () => {
  it('reduce every partner exactly as summarisePartner does from the records', () => {
    fc.assert(
      fc.property(portfolio, fc.constantFrom('USD', 'EUR'), (d, currency) => {
        write(db, d)
        const fromSql = loadPortfolioSummaries(db, ASOF, currency)
        expect(fromSql.map((s) => s.partner.id)).toEqual(d.partners.map((p) => p.id))
        for (const s of fromSql) {
          const { partner, ...reduced } = summarisePartner(facts(d, s.partner.id), ASOF, currency)
          const { partner: record, ...sql } = s
          expect(sql).toEqual(reduced)
          expect(record).toMatchObject(partner)
        }
      }),
      { numRuns: 150 }
    )
  })

  it('give the same table, health, warnings and portfolio figures as computePortfolio on the records', () => {
    const settings: PortfolioSettings = { ...DEFAULT_PORTFOLIO_SETTINGS, cadenceDays: { Gold: 30, Silver: 90 }, paperWindowDays: 120 }
    fc.assert(
      fc.property(portfolio, (d) => {
        write(db, d)
        const fast = computeFromSummaries(loadPortfolioSummaries(db, ASOF, settings.currency), ASOF, settings)
        const slow = computePortfolio(d, ASOF, settings)
        expect(fast.summary).toEqual(slow.summary)
        expect(fast.perPartner).toEqual(slow.perPartner)
      }),
      { numRuns: 150 }
    )
  })

  it('read only covering indexes for the per-partner reductions', () => {
    const args = { asOf: ASOF, since: '2025-12-03', yearAgo: '2025-06-01', currency: 'USD' }
    for (const [name, sql] of Object.entries(PORTFOLIO_SQL)) {
      if (name === 'partners') continue
      const used = Object.fromEntries(Object.entries(args).filter(([k]) => sql.includes(`@${k}`)))
      const plan = (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(used) as { detail: string }[]).map((r) => r.detail).join('; ')
      // The child table is read through a covering index, never row by row.
      expect(plan, name).toMatch(/COVERING INDEX/)
      expect(plan, name).not.toMatch(/SCAN (opportunities|meetings|action_items|joint_goals|partner_contacts|activation_topics|health_scores)(;|$)/)
    }
  })
})

describe('the lean health score of the table', () => {
  it('is the score and band of the explained score on the partner page, for every partner', async () => {
    await fc.assert(
      fc.asyncProperty(portfolio, async (d) => {
        write(db, d)
        for (const p of d.partners) {
          const f = facts(d, p.id)
          const explained = healthScore(f, ASOF, DEFAULT_PORTFOLIO_SETTINGS)
          expect(leanHealth(summarisePartner(f, ASOF, 'USD'), ASOF, DEFAULT_PORTFOLIO_SETTINGS)).toEqual({ score: explained.score, band: explained.band })
        }
        // And through the app: the table's score is the one the partner page explains.
        const rows = await ok<PortfolioRow[]>(b, 'portfolio.table', { clientId, asOf: ASOF })
        for (const r of rows.slice(0, 5)) {
          const detail = await ok<PartnerDetail>(b, 'partner.get', { clientId, partnerId: r.id, asOf: ASOF })
          expect([detail.health.score, detail.health.band], r.name).toEqual([r.health, r.healthBand])
          expect([...new Set(detail.warnings.map((w) => w.kind))]).toEqual(r.warnings)
        }
      }),
      { numRuns: 60 }
    )
  })
})

// ---------------------------------------------------------------------------------------------- kept between queries

const b64 = (text: string) => Buffer.from(text).toString('base64')
const item = fc.nat(1000)
/** One write of any kind the app makes, on the partner at `p` (modulo the partners there are). */
const writeOp = fc.oneof(
  fc.record({ op: fc.constant('meeting'), p: item, date: day, edit: fc.boolean() }),
  fc.record({
    op: fc.constant('opportunity'),
    p: item,
    edit: fc.boolean(),
    kind: fc.constantFrom('sourced', 'influenced'),
    stage: fc.constantFrom('discovery', 'won', 'lost'),
    currency: fc.constantFrom('USD', 'EUR'),
    amount: fc.integer({ min: 0, max: 50_000 }),
    openedAt: day
  }),
  fc.record({ op: fc.constant('action'), p: item, edit: fc.boolean(), dueAt: fc.option(day), doneAt: fc.option(day) }),
  fc.record({ op: fc.constant('goal'), p: item, target: fc.option(fc.integer({ min: 1, max: 100 })), dueAt: fc.option(day) }),
  fc.record({ op: fc.constant('contact'), p: item, isPrimary: fc.boolean(), startedAt: day, endedAt: fc.option(day) }),
  fc.record({ op: fc.constant('topic'), p: item, topic: fc.constantFrom(...ACTIVATION_TOPICS.slice(0, 3)), state: fc.constantFrom('agreed', 'discussed', 'declined', 'not-discussed') }),
  fc.record({ op: fc.constant('health'), p: item, date: day, score: fc.integer({ min: 0, max: 2 }), signal: fc.constantFrom(...HEALTH_SIGNALS.slice(0, 2)) }),
  fc.record({ op: fc.constant('healthEdit'), p: item, score: fc.integer({ min: 0, max: 2 }), date: day }),
  fc.record({ op: fc.constant('deleteItem'), p: item, kind: fc.constantFrom('meeting', 'opportunity', 'action', 'goal', 'contact', 'health') }),
  fc.record({ op: fc.constant('partner'), p: item, signedAt: fc.option(day), first: fc.option(day), stage: fc.constantFrom('signed', 'producing', 'dormant') }),
  fc.record({ op: fc.constant('rename'), p: item, name: fc.constantFrom('Aardvark', 'Partner 5', 'Zebra', 'partner', 'Ärger') }),
  fc.record({ op: fc.constant('createPartner'), name: fc.constantFrom('Aardvark', 'New Partner', 'Zulu'), signedAt: fc.option(day) }),
  fc.record({ op: fc.constant('deletePartner'), p: item }),
  // Writes outside the services (an undo, a restore step): the triggers see them all the same.
  fc.record({ op: fc.constant('sql'), p: item, date: day }),
  fc.record({ op: fc.constant('importPartners'), n: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('importOpportunities'), p: item, amount: fc.integer({ min: 1, max: 9000 }), openedAt: day }),
  fc.record({ op: fc.constant('rolledBack'), p: item }),
  fc.record({ op: fc.constant('currency'), currency: fc.constantFrom('USD', 'EUR') }),
  fc.record({ op: fc.constant('asOf'), asOf: fc.constantFrom(ASOF, '2026-06-02', '2026-03-15', '2026-09-30') }),
  // The client file closed and opened again: the next query starts from the summaries stored in the file. Weighted,
  // so each run reads stored summaries often enough for the count below.
  { arbitrary: fc.record({ op: fc.constant('reopen') }), weight: 3 },
  fc.record({ op: fc.constant('none') })
)
type WriteOp = typeof writeOp extends fc.Arbitrary<infer T> ? T : never

let imported = 0
/** Applies one write through the app's channels (or SQL, where the op says so); returns the day and currency to query. */
async function apply(o: WriteOp, view: { asOf: string; currency: string }): Promise<void> {
  const ids = db.sqlite.prepare('SELECT id FROM partners ORDER BY id').pluck().all() as string[]
  const partnerId = 'p' in o ? ids[o.p % Math.max(1, ids.length)] : undefined
  const ref = { clientId, partnerId: partnerId! }
  const first = (table: string) => (partnerId ? (db.sqlite.prepare(`SELECT id FROM ${table} WHERE partner_id = ? ORDER BY id LIMIT 1`).pluck().get(partnerId) as string | undefined) : undefined)
  if (!partnerId && 'p' in o) return
  switch (o.op) {
    case 'meeting':
      await ok(b, 'partner.meeting.save', { ...ref, id: o.edit ? first('meetings') : undefined, date: o.date, kind: 'check-in' })
      break
    case 'opportunity': {
      const { op: _o, p: _p, edit, ...v } = o
      await ok(b, 'partner.opportunity.save', { ...ref, id: edit ? first('opportunities') : undefined, name: 'Deal', ...v })
      break
    }
    case 'action':
      await ok(b, 'partner.action.save', { ...ref, id: o.edit ? first('action_items') : undefined, text: 'Follow up', dueAt: o.dueAt, doneAt: o.doneAt })
      break
    case 'goal':
      await ok(b, 'partner.goal.save', { ...ref, metric: 'Pipeline', target: o.target, dueAt: o.dueAt })
      break
    case 'contact':
      await ok(b, 'partner.contact.save', { ...ref, name: 'Ana', isPrimary: o.isPrimary, startedAt: o.startedAt, endedAt: o.endedAt })
      break
    case 'topic':
      await ok(b, 'partner.topic.set', { ...ref, topic: o.topic, state: o.state })
      break
    case 'health':
      await ok(b, 'partner.health.record', { ...ref, date: o.date, scores: [{ signal: o.signal, score: o.score }] })
      break
    case 'healthEdit': {
      const id = first('health_scores')
      if (id) await ok(b, 'partner.health.save', { ...ref, id, score: o.score, date: o.date })
      break
    }
    case 'deleteItem': {
      const table = { meeting: 'meetings', opportunity: 'opportunities', action: 'action_items', goal: 'joint_goals', contact: 'partner_contacts', health: 'health_scores' }[o.kind]
      const id = first(table)
      if (id) await ok(b, 'partner.item.delete', { ...ref, kind: o.kind, id })
      break
    }
    case 'partner':
      await ok(b, 'partner.update', { ...ref, patch: { signedAt: o.signedAt, firstCommercialAt: o.first, stage: o.stage } })
      break
    case 'rename':
      await ok(b, 'partner.update', { ...ref, patch: { name: o.name } })
      break
    case 'createPartner':
      await ok(b, 'partner.create', { clientId, name: o.name, type: 'reseller', signedAt: o.signedAt })
      break
    case 'deletePartner':
      await ok(b, 'partner.delete', ref)
      break
    case 'sql':
      db.sqlite.prepare('UPDATE meetings SET date = ? WHERE partner_id = ?').run(o.date, partnerId)
      db.sqlite.prepare("UPDATE activation_topics SET state = 'agreed' WHERE partner_id = ?").run(partnerId)
      break
    case 'importPartners': {
      const rows = Array.from({ length: o.n }, () => `Imported ${++imported},imp${imported}.example,Reseller,Gold,signed,2026-01-0${(imported % 9) + 1}`)
      const csv = ['Company name,Company Domain Name,Partner Type,Tier,Lifecycle Stage,Signed Date', ...rows].join('\n')
      await ok(b, 'portfolio.import.commit', { clientId, kind: 'partners', fileBase64: b64(csv), confirm: true })
      break
    }
    case 'importOpportunities': {
      const name = db.sqlite.prepare('SELECT name FROM partners WHERE id = ?').pluck().get(partnerId) as string
      const csv = ['Deal ID,Deal Name,Partner,Amount,Deal Stage,Create Date,Attribution,Currency', `D-${++imported},Deal,"${name}",${o.amount},Closed Won,${o.openedAt},Partner Sourced,USD`].join('\n')
      await ok(b, 'portfolio.import.commit', { clientId, kind: 'opportunities', fileBase64: b64(csv), confirm: true, skipInvalid: true })
      break
    }
    case 'rolledBack':
      expect(() =>
        db.sqlite.transaction(() => {
          db.sqlite.prepare("INSERT INTO meetings (id, partner_id, date, kind) VALUES ('rolled-back', ?, ?, 'check-in')").run(partnerId, ASOF)
          // A query inside the transaction sees the write, and keeps nothing of it.
          loadPortfolioSummaries(db, view.asOf, view.currency)
          throw new Error('undone')
        })()
      ).toThrow('undone')
      break
    case 'currency':
      await ok(b, 'portfolio.settings.update', { clientId, patch: { currency: o.currency } })
      view.currency = o.currency
      break
    case 'asOf':
      view.asOf = o.asOf
      break
    case 'reopen':
      b.session.closeClient(clientId)
      db = b.session.client(clientId)
      break
    case 'none':
      break
  }
}

describe('portfolio summaries kept between queries', () => {
  it('equal a full query after every kind of write, in random sequences', async () => {
    const seen = { full: 0, stored: 0, changed: 0, unchanged: 0 }
    await fc.assert(
      fc.asyncProperty(portfolioOf(8, 24), fc.array(writeOp, { minLength: 1, maxLength: 25 }), async (d, ops) => {
        write(db, d)
        await ok(b, 'portfolio.settings.update', { clientId, patch: { currency: 'USD' } })
        const view = { asOf: ASOF, currency: 'USD' }
        loadPortfolioSummaries(db, view.asOf, view.currency)
        for (const o of ops) {
          await apply(o, view)
          const kept = loadPortfolioSummaries(db, view.asOf, view.currency)
          seen[lastPortfolioLoad(db)!]++
          expect(kept, JSON.stringify(o)).toEqual(reducePortfolio(db, view.asOf, view.currency))
          // The app's own query (the settings' currency, its day) agrees too.
          if (view.asOf === ASOF) {
            const rows = await ok<PortfolioRow[]>(b, 'portfolio.table', { clientId, asOf: ASOF })
            expect(rows.map((r) => r.id)).toEqual(reducePortfolio(db, ASOF, view.currency).map((s) => s.partner.id))
          }
        }
      }),
      { numRuns: 60 }
    )
    // Each way of answering was taken, so the comparison above covered the per-partner one.
    expect(seen.changed).toBeGreaterThan(100)
    expect(seen.unchanged).toBeGreaterThan(10)
    expect(seen.full).toBeGreaterThan(10)
    expect(seen.stored).toBeGreaterThan(10)
  })

  it('are stored in the file and used on a later day only while none of their figures can have changed', async () => {
    let reused = 0
    const reopen = () => {
      b.session.closeClient(clientId)
      db = b.session.client(clientId)
    }
    await fc.assert(
      // Days right at the edges: a date of the records plus or minus a day, at the 180-day and one-year windows.
      fc.asyncProperty(
        portfolioOf(8, 24),
        fc.array(fc.record({ pick: fc.nat(), delta: fc.constantFrom(-1, 0, 1, 2, 180, 181, 182, 365, 366, 367) }), { minLength: 1, maxLength: 6 }),
        async (d, steps) => {
          write(db, d)
          await ok(b, 'portfolio.settings.update', { clientId, patch: { currency: 'USD' } })
          const dates = [ASOF, ...d.meetings.map((m) => m.date), ...d.opportunities.map((o) => o.openedAt), ...d.actions.map((a) => a.dueAt), ...d.contacts.map((c) => c.endedAt)]
            .filter((x): x is string => !!x)
          // Forward in time, as days pass (a summary for a later day is not replaced by one for an earlier day); the
          // first day stores them all.
          const days = steps.map(({ pick, delta }) => addDays(dates[pick % dates.length], delta)).sort()
          reopen()
          loadPortfolioSummaries(db, addDays(days[0], -1), 'USD')
          for (const asOf of days) {
            reopen()
            expect(loadPortfolioSummaries(db, asOf, 'USD'), asOf).toEqual(reducePortfolio(db, asOf, 'USD'))
            if (lastPortfolioLoad(db) === 'stored') reused++
          }
        }
      ),
      { numRuns: 150 }
    )
    expect(reused).toBeGreaterThan(60)
  })

  it('of a partner are deleted from the file by any write to its records, and kept for the others', async () => {
    write(db, fc.sample(portfolioOf(12, 20), { numRuns: 1, seed: 3 })[0])
    loadPortfolioSummaries(db, ASOF, 'USD')
    const storedIds = () => db.sqlite.prepare('SELECT partner_id FROM partner_summaries ORDER BY partner_id').pluck().all() as string[]
    const all = storedIds()
    expect(all).toEqual(db.sqlite.prepare('SELECT id FROM partners ORDER BY id').pluck().all())
    await ok(b, 'partner.opportunity.save', { clientId, partnerId: all[2], name: 'Deal', kind: 'sourced', stage: 'won', currency: 'USD', amount: 5, openedAt: ASOF })
    db.sqlite.prepare("INSERT INTO meetings (id, partner_id, date, kind) VALUES ('by-sql', ?, ?, 'qbr')").run(all[5], ASOF)
    await ok(b, 'partner.update', { clientId, partnerId: all[7], patch: { signedAt: '2026-02-02' } })
    // A new name changes no figure of the summary (the record is read from the partner, always).
    await ok(b, 'partner.update', { clientId, partnerId: all[9], patch: { name: 'Renamed' } })
    expect(storedIds()).toEqual(all.filter((id) => id !== all[2] && id !== all[5] && id !== all[7]))
  })

  it('reduce only the written partner after a one-partner write', async () => {
    write(db, fc.sample(portfolioOf(12, 20), { numRuns: 1, seed: 7 })[0])
    loadPortfolioSummaries(db, ASOF, 'USD')
    const before = loadPortfolioSummaries(db, ASOF, 'USD')
    expect(lastPortfolioLoad(db)).toBe('unchanged')
    const target = before[3].partner.id
    await ok(b, 'partner.meeting.save', { clientId, partnerId: target, date: ASOF, kind: 'qbr' })
    const after = loadPortfolioSummaries(db, ASOF, 'USD')
    expect(lastPortfolioLoad(db)).toBe('changed')
    expect(after[3]).toMatchObject({ lastMeetingAt: ASOF })
    // Every other partner's summary is the very object kept before: nothing else was reduced again.
    after.forEach((s, i) => (i === 3 ? expect(s).not.toBe(before[i]) : expect(s).toBe(before[i])))
    // Another day starts from the stored summaries that still hold; another currency is a full query.
    loadPortfolioSummaries(db, '2026-06-02', 'USD')
    expect(lastPortfolioLoad(db)).toBe('stored')
    loadPortfolioSummaries(db, '2026-06-02', 'EUR')
    expect(lastPortfolioLoad(db)).toBe('full')
  })

  it('are dropped when the client file closes, and a new connection starts from the summaries stored in the file', async () => {
    loadPortfolioSummaries(db, ASOF, 'USD')
    const sqlite = db.sqlite
    b.session.closeClient(clientId)
    expect(sqlite.open).toBe(false)
    expect(lastPortfolioLoad({ sqlite } as ClientDb)).toBeNull()
    db = b.session.client(clientId)
    expect(loadPortfolioSummaries(db, ASOF, 'USD')).toEqual(reducePortfolio(db, ASOF, 'USD'))
    expect(lastPortfolioLoad(db)).toBe('stored')
  })

  it('read back from the file keep every character of the records: accents, emoji, quotes, backslashes, new lines', async () => {
    write(db, fc.sample(portfolioOf(6, 10), { numRuns: 1, seed: 5 })[0])
    const [first, second] = loadPortfolioSummaries(db, ASOF, 'USD')
    const name = 'Zürich "Søn" \\ Partners 🚀'
    const notes = 'Line one\nLine two\t“quoted”\u0000end'
    await ok(b, 'partner.update', { clientId, partnerId: first.partner.id, patch: { name, notes, owner: 'Ólafur Ægir' } })
    // ASCII only, for the other branch of the decoding.
    await ok(b, 'partner.update', { clientId, partnerId: second.partner.id, patch: { notes: 'Plain "quoted" \\ text\nnext' } })
    loadPortfolioSummaries(db, ASOF, 'USD')
    b.session.closeClient(clientId)
    db = b.session.client(clientId)
    const again = loadPortfolioSummaries(db, ASOF, 'USD')
    expect(lastPortfolioLoad(db)).toBe('stored')
    expect(again).toEqual(reducePortfolio(db, ASOF, 'USD'))
    expect(again.find((s) => s.partner.id === first.partner.id)!.partner).toMatchObject({ name, notes, owner: 'Ólafur Ægir' })

    await ok(b, 'partner.update', { clientId, partnerId: first.partner.id, patch: { name: 'Plain', notes: null, owner: null } })
    b.session.closeClient(clientId)
    db = b.session.client(clientId)
    expect(loadPortfolioSummaries(db, ASOF, 'USD')).toEqual(reducePortfolio(db, ASOF, 'USD'))
    expect(lastPortfolioLoad(db)).toBe('stored')
  })

  it('that are not JSON (not written by this app) are dropped and reduced again, and the query answers all the same', async () => {
    write(db, fc.sample(portfolioOf(6, 10), { numRuns: 1, seed: 9 })[0])
    loadPortfolioSummaries(db, ASOF, 'USD')
    const [victim] = db.sqlite.prepare('SELECT partner_id FROM partner_summaries ORDER BY partner_id').pluck().all() as string[]
    db.sqlite.prepare("UPDATE partner_summaries SET data = '[1, 2' WHERE partner_id = ?").run(victim)
    b.session.closeClient(clientId)
    db = b.session.client(clientId)
    expect(loadPortfolioSummaries(db, ASOF, 'USD')).toEqual(reducePortfolio(db, ASOF, 'USD'))
    expect(lastPortfolioLoad(db)).toBe('full')
    expect(db.sqlite.prepare('SELECT count(*) FROM partner_summaries WHERE NOT json_valid(data)').pluck().get()).toBe(0)
    b.session.closeClient(clientId)
    db = b.session.client(clientId)
    expect(loadPortfolioSummaries(db, ASOF, 'USD')).toEqual(reducePortfolio(db, ASOF, 'USD'))
    expect(lastPortfolioLoad(db)).toBe('stored')
  })

  it('narrow each reduction to the changed partners by index seeks', () => {
    loadPortfolioSummaries(db, ASOF, 'USD')
    const args = { asOf: ASOF, since: '2025-12-03', yearAgo: '2025-06-01', currency: 'USD' }
    for (const [name, sql] of Object.entries(CHANGED_SQL)) {
      const used = Object.fromEntries(Object.entries(args).filter(([k]) => sql.includes(`@${k}`)))
      const plan = (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(used) as { detail: string }[]).map((r) => r.detail).join('; ')
      expect(plan, name).not.toMatch(/SCAN (partners|p|opportunities|o|meetings|action_items|joint_goals|partner_contacts|activation_topics|health_scores)( USING|;|$)/)
    }
  })

  // Last: it locks the vault the other tests use.
  it('are dropped when the vault locks (and with them the partner names they held)', async () => {
    loadPortfolioSummaries(db, ASOF, 'USD')
    expect(lastPortfolioLoad(db)).not.toBeNull()
    await ok(b, 'vault.lock')
    expect(db.sqlite.open).toBe(false)
    expect(lastPortfolioLoad(db)).toBeNull()
  })
})
