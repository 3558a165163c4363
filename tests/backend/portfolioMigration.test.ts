import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createBackend } from '../../electron/backend/backend'
import type { ClientSummary, PartnerDetail, PortfolioRow } from '../../shared/ipc/contract'
import { TEST_KDF, TEST_PASSPHRASE, cleanup, ok, tempDir } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

/** A resources folder holding only the first `n` migrations: the app as it was before them. */
function olderResources(before: string): string {
  const dir = tempDir('trellis-res-')
  dirs.push(dir)
  const src = join(__dirname, '../../resources/migrations')
  const journal = JSON.parse(readFileSync(join(src, 'meta/_journal.json'), 'utf8'))
  const n = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith(before))
  journal.entries = journal.entries.slice(0, n)
  mkdirSync(join(dir, 'migrations/meta'), { recursive: true })
  for (const e of journal.entries) cpSync(join(src, `${e.tag}.sql`), join(dir, `migrations/${e.tag}.sql`))
  writeFileSync(join(dir, 'migrations/meta/_journal.json'), JSON.stringify(journal))
  return dir
}

describe('portfolio migration', () => {
  it('upgrades a client file with partners of the previous shape, keeping them and starting their stage history', async () => {
    const vaultDir = tempDir()
    dirs.push(vaultDir)
    const old = createBackend({ vaultDir, kdfCost: TEST_KDF, resourcesDir: olderResources('_portfolio') })
    await ok(old, 'vault.create', { passphrase: TEST_PASSPHRASE })
    const c = await ok<ClientSummary>(old, 'client.create', { name: 'Copperleaf Labs' })
    // Rows as the previous version wrote them (its partner.create predates the history table).
    const db = old.session.client(c.id).sqlite
    const ins = db.prepare(
      'INSERT INTO partners (id, name, type, tier, stage, signed_at, first_commercial_at, owner, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
    )
    ins.run('p1', 'Atlas Partners', 'reseller', 'Gold', 'signed', '2025-11-02', null, 'Dana', 'Met at the summit', '2025-10-01T09:00:00.000Z', '2025-11-02T09:00:00.000Z')
    ins.run('p2', 'Nova Digital', 'agency', null, 'prospect', null, null, null, null, '2025-12-01T09:00:00.000Z', '2026-01-15T10:00:00.000Z')
    const oldVersion = db.pragma('user_version', { simple: true }) as number
    old.close()

    const b = createBackend({ vaultDir, kdfCost: TEST_KDF })
    await ok(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    const rows = await ok<PortfolioRow[]>(b, 'portfolio.table', { clientId: c.id })
    expect(rows.map((r) => [r.name, r.tier, r.stage, r.signedAt, r.owner, r.notes, r.partnerTiersUs, r.domain])).toEqual([
      ['Atlas Partners', 'Gold', 'signed', '2025-11-02', 'Dana', 'Met at the summit', null, null],
      ['Nova Digital', null, 'prospect', null, null, null, null, null]
    ])
    const d1 = await ok<PartnerDetail>(b, 'partner.get', { clientId: c.id, partnerId: 'p1' })
    expect(d1.stageHistory.map((s) => [s.stage, s.at])).toEqual([['signed', '2025-11-02']])
    const d2 = await ok<PartnerDetail>(b, 'partner.get', { clientId: c.id, partnerId: 'p2' })
    expect(d2.stageHistory.map((s) => [s.stage, s.at])).toEqual([['prospect', '2026-01-15']])
    // The new tables work on the upgraded file, with cascading deletes.
    await ok(b, 'partner.meeting.save', { clientId: c.id, partnerId: 'p1', date: '2026-01-05', kind: 'check-in' })
    await ok(b, 'partner.delete', { clientId: c.id, partnerId: 'p1' })
    expect(b.session.client(c.id).sqlite.prepare('SELECT count(*) AS n FROM meetings').get()).toEqual({ n: 0 })
    const journal = JSON.parse(readFileSync(join(__dirname, '../../resources/migrations/meta/_journal.json'), 'utf8'))
    expect(b.session.client(c.id).sqlite.pragma('user_version', { simple: true })).toBe(journal.entries.length)
    // A backup copy was taken before migrating.
    const backups = join(vaultDir, 'backups', c.id)
    expect(existsSync(backups) && readdirSync(backups).some((f) => f.includes(`pre-migration-v${oldVersion}`))).toBe(true)
    b.close()
  })
})
