/**
 * Migration 0005 (portfolio_indexes) rebuilds the per-partner indexes so they also hold what the portfolio query
 * reduces. A client file of the previous shape keeps every record, and the upgraded file gives the same portfolio
 * as its records did.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loadPortfolioSummaries, readSettings } from '../../../electron/backend/services/portfolio'
import type { PortfolioRow } from '../../../shared/ipc/contract'
import { computePortfolio, type PortfolioData } from '../../../shared/portfolio/metrics'
import { ok } from '../../helpers/vault'
import { clientFileAt, currentVersion, expectPreMigrationBackup, insertProfile, insertTwoPartners, openCurrent, versionBefore, type OldClientFile } from './harness'

const made: OldClientFile[] = []
afterEach(() => made.splice(0).forEach((m) => m.cleanup()))

const indexColumns = (sqlite: OldClientFile['sqlite'], name: string) =>
  (sqlite.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(name) as { name: string }[]).map((r) => r.name)

describe('migration 0005 (portfolio indexes)', () => {
  it('keeps a portfolio of the previous shape and answers the same table from the new indexes', async () => {
    const old = await clientFileAt(versionBefore('portfolio_indexes'))
    made.push(old)
    insertProfile(old.sqlite, old.id, 'Juniper Freight')
    const q = old.sqlite
    insertTwoPartners(q)
    q.prepare("INSERT INTO opportunities (id, partner_id, name, kind, amount, currency, stage, opened_at) VALUES ('o1', 'p2', 'Globex', 'sourced', 42000, 'USD', 'won', '2025-09-15')").run()
    q.prepare("INSERT INTO opportunities (id, partner_id, name, kind, amount, currency, stage, opened_at) VALUES ('o2', 'p1', 'Initech', 'influenced', 9000, 'USD', 'discovery', '2026-05-01')").run()
    q.prepare("INSERT INTO meetings (id, partner_id, date, kind) VALUES ('m1', 'p1', '2026-05-20', 'qbr')").run()
    q.prepare("INSERT INTO action_items (id, partner_id, text, due_at, done_at) VALUES ('a1', 'p1', 'Send the plan', '2026-04-01', NULL)").run()
    q.prepare("INSERT INTO joint_goals (id, partner_id, metric, target, due_at) VALUES ('g1', 'p2', 'Sourced pipeline', 100000, '2026-12-31')").run()
    q.prepare("INSERT INTO partner_contacts (id, partner_id, name, is_primary, started_at, ended_at) VALUES ('c1', 'p1', 'Ana', 1, '2025-01-01', '2026-02-01')").run()
    q.prepare("INSERT INTO activation_topics (partner_id, topic, state) VALUES ('p1', 'resources', 'agreed'), ('p1', 'rollout-speed', 'declined')").run()
    q.prepare("INSERT INTO health_scores (id, partner_id, signal, score, date) VALUES ('h1', 'p1', 'two-way', 2, '2026-05-01'), ('h2', 'p1', 'two-way', 0, '2026-05-01')").run()
    expect(indexColumns(q, 'opportunities_partner')).toEqual(['partner_id'])
    old.close()

    const cur = await openCurrent(old)
    expect(cur.userVersion).toBe(currentVersion())
    const db = cur.db.sqlite
    expect(indexColumns(db, 'opportunities_partner')).toEqual(['partner_id', 'stage', 'kind', 'currency', 'opened_at', 'amount'])
    expect(indexColumns(db, 'actions_partner')).toEqual(['partner_id', 'due_at', 'done_at'])
    expect(indexColumns(db, 'goals_partner')).toEqual(['partner_id', 'target', 'due_at'])
    expect(indexColumns(db, 'contacts_partner')).toEqual(['partner_id', 'is_primary', 'ended_at'])
    expect(indexColumns(db, 'topics_partner_state')).toEqual(['partner_id', 'state'])
    expect(indexColumns(db, 'health_partner_signal')).toEqual(['partner_id', 'signal', 'date', 'score'])
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
    expect(['partners', 'opportunities', 'meetings', 'action_items', 'joint_goals', 'partner_contacts', 'activation_topics', 'health_scores'].map(count)).toEqual([
      2, 2, 1, 1, 1, 1, 2, 2
    ])

    // The records, read plainly, give the same portfolio as the summaries the new indexes answer.
    const asOf = '2026-06-01'
    const all = <T>(sql: string) => db.prepare(sql).all() as T[]
    const data: PortfolioData = {
      partners: all('SELECT id, name, type, tier, stage, signed_at AS signedAt, first_commercial_at AS firstCommercialAt FROM partners ORDER BY name'),
      opportunities: all('SELECT partner_id AS partnerId, kind, amount, currency, stage, opened_at AS openedAt FROM opportunities'),
      meetings: all('SELECT partner_id AS partnerId, date FROM meetings'),
      actions: all('SELECT partner_id AS partnerId, due_at AS dueAt, done_at AS doneAt FROM action_items'),
      goals: all('SELECT partner_id AS partnerId, target, due_at AS dueAt FROM joint_goals'),
      contacts: all<{ partnerId: string; isPrimary: number; startedAt: string; endedAt: string }>(
        'SELECT partner_id AS partnerId, is_primary AS isPrimary, started_at AS startedAt, ended_at AS endedAt FROM partner_contacts'
      ).map((c) => ({ ...c, isPrimary: !!c.isPrimary })),
      topics: all('SELECT partner_id AS partnerId, topic, state FROM activation_topics'),
      healthScores: all('SELECT partner_id AS partnerId, signal, score, date FROM health_scores ORDER BY rowid')
    }
    const settings = readSettings(cur.db)
    const expected = computePortfolio(data, asOf, settings)
    await ok(cur.backend, 'vault.doctor') // the vault's index learns of the client file written behind its back
    const rows = await ok<PortfolioRow[]>(cur.backend, 'portfolio.table', { clientId: old.id, asOf })
    expect(rows.map((r) => [r.name, r.health, r.healthBand, r.warnings, r.sourced, r.influenced])).toEqual(
      data.partners.map((p) => {
        const c = expected.perPartner.get(p.id)!
        return [p.name, c.health.score, c.health.band, [...new Set(c.warnings.map((w) => w.kind))], c.sourced, c.influenced]
      })
    )
    // Atlas: the two-way score given last on 2026-05-01 (0) is the one that counts; one declined topic; one overdue action.
    expect(loadPortfolioSummaries(cur.backend.session.client(old.id), asOf, 'USD')[0]).toMatchObject({ signalSum: 0, signalsScored: 1, topicsDeclined: 1, overdueActions: 1, contactChanges: 1 })
    expectPreMigrationBackup(cur, old.version, old.key).close()
    await cur.close()
  })
})
