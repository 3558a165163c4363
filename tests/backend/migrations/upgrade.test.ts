/**
 * Migrations against data of the previous shapes (see harness.ts for how to add the test of a new migration).
 * 0000 is the fresh create; every older version is upgraded with its data kept and a backup copy made first.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientOverview, ClientSummary, DoctorReport } from '../../../shared/ipc/contract'
import { ok } from '../../helpers/vault'
import {
  clientFileAt,
  currentVersion,
  expectPreMigrationBackup,
  insertProfile,
  migrationTags,
  openCurrent,
  type OldClientFile
} from './harness'

const made: OldClientFile[] = []
afterEach(() => made.splice(0).forEach((m) => m.cleanup()))

function tables(sqlite: OldClientFile['sqlite']): string[] {
  return (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name)
}
/** Every table and index with its definition. */
function schema(sqlite: OldClientFile['sqlite']): string[] {
  return (sqlite.prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS d FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { d: string }[]).map((r) => r.d)
}

describe('migration 0000 (fresh create)', () => {
  it('turns an empty keyed file (version 0) into the current schema, with nothing to back up', async () => {
    const old = await clientFileAt(0)
    made.push(old)
    expect(tables(old.sqlite)).toEqual([])
    old.close()

    const cur = await openCurrent(old)
    expect(cur.userVersion).toBe(currentVersion())
    expect(tables(cur.db.sqlite)).toEqual(expect.arrayContaining(['__drizzle_migrations', 'partners', 'profile']))
    const applied = cur.db.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }
    expect(applied.n).toBe(currentVersion())
    expect(cur.backups).toEqual([])
    await cur.close()
  })

  it('creates new clients at the current version', async () => {
    const old = await clientFileAt(currentVersion())
    made.push(old)
    insertProfile(old.sqlite, old.id, 'Granite Systems')
    old.close()
    const cur = await openCurrent(old)
    expect(cur.userVersion).toBe(currentVersion())
    expect(cur.backups).toEqual([]) // nothing to migrate, so no copy
    await cur.close()
  })
})

// Every version from 1 (0000 applied) to the one before current: a file written by each earlier build.
const older = Array.from({ length: Math.max(0, currentVersion() - 1) }, (_, i) => i + 1)

describe.each(older.map((v) => [v, migrationTags()[v - 1]]))('a client file at version %i (up to %s)', (version) => {
  it('upgrades to the current schema, keeps its profile and partners, and backs the old file up first', async () => {
    const old = await clientFileAt(version)
    made.push(old)
    insertProfile(old.sqlite, old.id, 'Foxglove Health')
    const add = old.sqlite.prepare(
      `INSERT INTO partners (id, name, type, tier, stage, signed_at, first_commercial_at, owner, notes, created_at, updated_at)
       VALUES (?, ?, ?, 'Gold', ?, '2025-02-01', NULL, 'Dana Whitfield', 'kept as written', '2025-01-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z')`
    )
    add.run('p-1', 'Atlas Consulting', 'si', 'signed')
    add.run('p-2', 'Nova Resellers 🚀', 'reseller', 'producing')
    old.close()

    const cur = await openCurrent(old)
    expect(cur.userVersion).toBe(currentVersion())
    const partners = cur.db.sqlite.prepare('SELECT id, name, type, tier, stage, signed_at, owner, notes FROM partners ORDER BY id').all()
    expect(partners).toEqual([
      { id: 'p-1', name: 'Atlas Consulting', type: 'si', tier: 'Gold', stage: 'signed', signed_at: '2025-02-01', owner: 'Dana Whitfield', notes: 'kept as written' },
      { id: 'p-2', name: 'Nova Resellers 🚀', type: 'reseller', tier: 'Gold', stage: 'producing', signed_at: '2025-02-01', owner: 'Dana Whitfield', notes: 'kept as written' }
    ])

    // The copy taken before migrating: same key, old version, old data, the old schema (tables and indexes).
    const copy = expectPreMigrationBackup(cur, version, old.key)
    expect(copy.prepare('SELECT count(*) AS n FROM partners').get()).toEqual({ n: 2 })
    expect(copy.prepare('SELECT name FROM profile').get()).toEqual({ name: 'Foxglove Health' })
    expect(tables(copy).length).toBeLessThanOrEqual(tables(cur.db.sqlite).length)
    expect(schema(copy)).not.toEqual(schema(cur.db.sqlite))
    copy.close()

    // And through the contract, as the app sees it once the index knows the client.
    const report = await ok<DoctorReport>(cur.backend, 'vault.doctor')
    expect(report.problems).toEqual([])
    const list = await ok<ClientSummary[]>(cur.backend, 'client.list')
    expect(list.map((c) => [c.id, c.name, c.segment.arrBand])).toEqual([[old.id, 'Foxglove Health', '5to20m']])
    const overview = await ok<ClientOverview>(cur.backend, 'client.open', { id: old.id })
    expect(overview.partnerCount).toBe(2)
    expect(overview.partnersByStage.producing).toBe(1)
    await cur.close()
  })
})
