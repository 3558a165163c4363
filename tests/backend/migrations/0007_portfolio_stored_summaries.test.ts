/**
 * Migration 0007 (portfolio_stored_summaries) adds the table of stored per-partner summaries and the triggers that
 * delete a partner's summary when one of its records is written. A portfolio of the previous shape keeps every
 * record; the first query after the upgrade reduces it in full and stores it, the next opening reads it back. A
 * file written with 0007 is refused, untouched and with a clear message, by the app version before it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { lastPortfolioLoad, loadPortfolioSummaries, reducePortfolio } from '../../../electron/backend/services/portfolio'
import { ok } from '../../helpers/vault'
import { clientFileAt, currentVersion, expectPreMigrationBackup, expectRefusedByVersionBefore, insertProfile, insertTwoPartners, openCurrent, versionBefore, type OldClientFile } from './harness'

const made: OldClientFile[] = []
afterEach(() => made.splice(0).forEach((m) => m.cleanup()))

describe('migration 0007 (portfolio stored summaries)', () => {
  it('keeps a portfolio of the previous shape, stores its summaries at the first query and reads them at the next opening', async () => {
    const old = await clientFileAt(versionBefore('portfolio_stored_summaries'))
    made.push(old)
    insertProfile(old.sqlite, old.id, 'Juniper Freight')
    const q = old.sqlite
    insertTwoPartners(q)
    q.prepare("INSERT INTO opportunities (id, partner_id, name, kind, amount, currency, stage, opened_at) VALUES ('o1', 'p2', 'Globex', 'sourced', 42000, 'USD', 'won', '2025-09-15')").run()
    q.prepare("INSERT INTO meetings (id, partner_id, date, kind) VALUES ('m1', 'p1', '2026-05-20', 'qbr')").run()
    q.prepare("INSERT INTO action_items (id, partner_id, text, due_at, done_at) VALUES ('a1', 'p1', 'Send the plan', '2026-04-01', NULL)").run()
    expect(q.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'partner_summaries'").pluck().get()).toBe(0)
    old.close()

    const cur = await openCurrent(old)
    expect(cur.userVersion).toBe(currentVersion())
    expectPreMigrationBackup(cur, old.version, old.key).close()
    const db = cur.db.sqlite
    const count = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()
    expect(['partners', 'opportunities', 'meetings', 'action_items', 'partner_summaries'].map(count)).toEqual([2, 1, 1, 1, 0])
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'partner_summaries_%'").pluck().all()
    expect(triggers).toHaveLength(24)

    const asOf = '2026-06-01'
    const first = loadPortfolioSummaries(cur.db, asOf, 'USD')
    expect(lastPortfolioLoad(cur.db)).toBe('full')
    expect(first).toEqual(reducePortfolio(cur.db, asOf, 'USD'))
    expect(db.prepare('SELECT partner_id, currency, computed_on, valid_until FROM partner_summaries ORDER BY partner_id').raw().all()).toEqual([
      // p1: its open action is overdue from before; the meeting leaves the 180-day window on 2026-11-17.
      ['p1', 'USD', asOf, '2026-11-17'],
      // p2: nothing of it depends on the day.
      ['p2', 'USD', asOf, '9999-12-31']
    ])
    await ok(cur.backend, 'vault.doctor') // the vault's index learns of the client file written behind its back
    cur.backend.session.closeClient(old.id)
    const again = cur.backend.session.client(old.id)
    expect(loadPortfolioSummaries(again, asOf, 'USD')).toEqual(first)
    expect(lastPortfolioLoad(again)).toBe('stored')

    // A write through the app deletes the written partner's stored summary, and only that one.
    await ok(cur.backend, 'partner.meeting.save', { clientId: old.id, partnerId: 'p2', date: asOf, kind: 'qbr' })
    expect(again.sqlite.prepare('SELECT partner_id FROM partner_summaries').pluck().all()).toEqual(['p1'])
    await cur.close()
  })

  it('a file written with it is refused by the version before, left untouched, saying to update Trellis', async () => {
    await expectRefusedByVersionBefore('portfolio_stored_summaries', 'portfolio.table', (b, clientId) => ok(b, 'portfolio.table', { clientId }))
  })
})
