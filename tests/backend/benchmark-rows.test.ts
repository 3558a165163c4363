/**
 * The benchmark reader's per-partner SQL (readRows: grouped and max()-based, shaped for cost) against the plain
 * definitions: a real encrypted client file with the app's migrations is filled with random portfolios, with
 * many same-day health scores of one signal (ties go to the score given last, as latestSignals decides), and
 * the figures read from it must be the Partners screen's figures for the same rows.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultResourcesDir } from '../../electron/backend/backend'
import { loadMigrations, openClientFile } from '../../electron/backend/db/clientFile'
import { portfolioFigures, readRows } from '../../electron/backend/services/benchmark/aggregate'
import { DEFAULT_PORTFOLIO_SETTINGS } from '../../shared/domain/portfolio'
import { dayArb, partnersScreenFigures, portfolioArb } from '../helpers/portfolioArb'
import { resourcesUpTo } from '../helpers/migrations'
import { cleanup, tempDir } from '../helpers/vault'

const dir = tempDir('trellis-bench-rows-')
afterAll(() => cleanup(dir))

// Few days and two signals, so scores of one signal often share a day.
const day = dayArb(40)
const portfolio = portfolioArb({ days: 40, signals: 2, maxScores: 8, maxPartners: 20, interleaveScores: true })

// The newest schema, and one from before migration 0005's covering indexes (the reader picks other plans there).
const schemas = [
  { label: 'the newest schema', resources: defaultResourcesDir() },
  { label: 'a schema without the covering indexes (0004)', resources: resourcesUpTo('0004_reports') }
]
afterAll(() => cleanup(schemas[1].resources))

describe.each(schemas)('benchmark reader SQL on $label', ({ resources }) => {
  it('reads the same per-partner facts as the Partners screen, same-day health scores included', () => {
    const file = openClientFile(join(dir, `rows-${randomBytes(4).toString('hex')}.trellis`), randomBytes(32), { create: true, migrations: loadMigrations(resources) })
    const db = file.sqlite
    const tables = ['health_scores', 'activation_topics', 'action_items', 'meetings', 'opportunities', 'partners']
    const ins = {
      partner: db.prepare(`INSERT INTO partners (id, name, type, tier, stage, signed_at, first_commercial_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'x', 'x')`),
      opp: db.prepare(`INSERT INTO opportunities (id, partner_id, name, kind, amount, currency, stage, opened_at) VALUES (?, ?, 'd', ?, ?, ?, ?, ?)`),
      meeting: db.prepare(`INSERT INTO meetings (id, partner_id, date, kind) VALUES (?, ?, ?, 'check-in')`),
      action: db.prepare(`INSERT INTO action_items (id, partner_id, text, due_at, done_at) VALUES (?, ?, 't', ?, ?)`),
      topic: db.prepare(`INSERT INTO activation_topics (partner_id, topic, state) VALUES (?, ?, ?)`),
      score: db.prepare(`INSERT INTO health_scores (id, partner_id, signal, score, date) VALUES (?, ?, ?, ?, ?)`)
    }
    let ties = 0
    try {
      fc.assert(
        fc.property(portfolio, day, (d, asOf) => {
          db.transaction(() => {
            for (const t of tables) db.exec(`DELETE FROM ${t}`)
            for (const p of d.partners) ins.partner.run(p.id, p.name, p.type, p.tier, p.stage, p.signedAt, p.firstCommercialAt)
            d.opportunities.forEach((o, i) => ins.opp.run(`o${i}`, o.partnerId, o.kind, o.amount, o.currency, o.stage, o.openedAt))
            d.meetings.forEach((m, i) => ins.meeting.run(`m${i}`, m.partnerId, m.date))
            d.actions.forEach((a, i) => ins.action.run(`a${i}`, a.partnerId, a.dueAt, a.doneAt))
            for (const t of d.topics) ins.topic.run(t.partnerId, t.topic, t.state)
            // Ids in reverse so their order differs from the rowid order; ties must follow the rowid.
            d.healthScores.forEach((h, i) => ins.score.run(`h${1000 - i}`, h.partnerId, h.signal, h.score, h.date))
          })()
          const keys = d.healthScores.map((h) => `${h.partnerId}|${h.signal}|${h.date}`)
          if (new Set(keys).size < keys.length) ties++
          const read = readRows(db, asOf).data
          expect(read.partners.map((p) => ({ ...p, name: d.partners.find((x) => x.id === p.id)!.name }))).toEqual(d.partners)
          expect(read.opportunities).toEqual(d.opportunities)
          const mine = portfolioFigures(read, asOf, DEFAULT_PORTFOLIO_SETTINGS)
          // The Partners screen reads health scores in table order, as the portfolio service does.
          expect(mine).toMatchObject(partnersScreenFigures(d, asOf))
        }),
        { numRuns: 150, seed: 20261204 }
      )
    } finally {
      file.close()
    }
    // The property above is only worth something if same-day scores of one signal came up often.
    expect(ties).toBeGreaterThan(30)
  })
})
