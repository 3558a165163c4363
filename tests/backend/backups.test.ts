import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BackupInfo, BackupPolicy, ClientOverview, ClientSummary, PartnerRow } from '../../shared/ipc/contract'
import { backupClock } from '../../electron/backend/services/backups'
import { TEST_PASSPHRASE, checksums, cleanup, err, newBackend, ok, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
const realNow = backupClock.now
afterEach(() => {
  backupClock.now = realNow
  dirs.splice(0).forEach(cleanup)
})

const DAY = 86_400_000

async function vaultWithClient(name = 'Copperleaf Robotics') {
  const { backend, vaultDir } = await unlockedBackend()
  dirs.push(vaultDir)
  const client = await ok<ClientSummary>(backend, 'client.create', { name })
  return { backend, vaultDir, client }
}

const addPartner = (b: Awaited<ReturnType<typeof vaultWithClient>>['backend'], clientId: string, name: string) =>
  ok<PartnerRow>(b, 'partner.create', { clientId, name, type: 'reseller' })

const partnerNames = async (b: Awaited<ReturnType<typeof vaultWithClient>>['backend'], clientId: string) =>
  (await ok<PartnerRow[]>(b, 'partner.list', { clientId })).map((p) => p.name).sort()

describe('backups', () => {
  it('backs up a changed client file when it closes, encrypted, and skips unchanged ones', async () => {
    const { backend, vaultDir, client } = await vaultWithClient('Zyxwvut Backupcheck')
    await addPartner(backend, client.id, 'Qwertyuiop Partnerco')
    await ok(backend, 'vault.lock')
    const dir = join(vaultDir, 'backups', client.id)
    const files = readdirSync(dir).filter((f) => f.endsWith('.trellis'))
    expect(files).toHaveLength(1)
    const bytes = readFileSync(join(dir, files[0])).toString('latin1')
    expect(bytes).not.toContain('Qwertyuiop')
    expect(bytes).not.toContain('SQLite format 3')

    // Reading only: closing again makes no new backup, even though the portfolio query stored its summaries in the
    // file (derived data, not a change of the client's records).
    await ok(backend, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    await ok(backend, 'client.open', { id: client.id })
    await ok(backend, 'portfolio.overview', { clientId: client.id })
    expect(backend.session.client(client.id).sqlite.prepare('SELECT count(*) FROM partner_summaries').pluck().get()).toBe(1)
    await ok(backend, 'vault.lock')
    expect(readdirSync(dir).filter((f) => f.endsWith('.trellis'))).toHaveLength(1)

    await ok(backend, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    const list = await ok<BackupInfo[]>(backend, 'backup.list', { clientId: client.id })
    expect(list).toEqual([expect.objectContaining({ id: files[0], kind: 'close' })])
    expect(list[0].bytes).toBeGreaterThan(0)
  })

  it('makes at most one daily backup while a client stays open, and keeps 14 daily + 8 weekly by default', async () => {
    let now = Date.parse('2026-01-05T10:00:00Z')
    backupClock.now = () => now
    const { backend, client } = await vaultWithClient()
    for (let day = 0; day < 70; day++) {
      now += DAY
      await addPartner(backend, client.id, `Partner day ${day} a`)
      await addPartner(backend, client.id, `Partner day ${day} b`)
    }
    const list = await ok<BackupInfo[]>(backend, 'backup.list', { clientId: client.id })
    expect(list.every((b) => b.kind === 'daily')).toBe(true)
    const days = list.map((b) => b.createdAt.slice(0, 10))
    expect(new Set(days).size).toBe(days.length) // one per day at most
    // The 14 newest days, then one per older week until 8 weeks are covered.
    expect(list.length).toBeGreaterThanOrEqual(14)
    expect(list.length).toBeLessThanOrEqual(14 + 8)
    const newest = new Date(now).toISOString().slice(0, 10)
    expect(days[0]).toBe(newest)
    const oldest = Date.parse(list[list.length - 1].createdAt)
    expect(now - oldest).toBeLessThan(8 * 7 * DAY)
    expect(now - oldest).toBeGreaterThan(6 * 7 * DAY)

    // A smaller retention applies at once, to every client.
    expect(await ok<BackupPolicy>(backend, 'backup.setPolicy', { daily: 3, weekly: 0 })).toEqual({ daily: 3, weekly: 0 })
    expect(await ok<BackupInfo[]>(backend, 'backup.list', { clientId: client.id })).toHaveLength(3)
    expect((await err(backend, 'backup.setPolicy', { daily: 0, weekly: 0 })).code).toBe('VALIDATION')
  })

  it('keeps the retention setting in the vault', async () => {
    const { backend, vaultDir } = await vaultWithClient()
    expect(await ok(backend, 'backup.policy')).toEqual({ daily: 14, weekly: 8 })
    await ok(backend, 'backup.setPolicy', { daily: 30, weekly: 12 })
    backend.close()
    const again = newBackend(vaultDir)
    await ok(again, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(await ok(again, 'backup.policy')).toEqual({ daily: 30, weekly: 12 })
  })

  it('restores a backup as the current file, keeping the replaced file as a backup first', async () => {
    const { backend, client } = await vaultWithClient()
    await addPartner(backend, client.id, 'Apex Digital')
    const first = await ok<BackupInfo>(backend, 'backup.create', { clientId: client.id })
    await addPartner(backend, client.id, 'Beacon Group')
    await ok(backend, 'client.rename', { id: client.id, name: 'Copperleaf Robotics Renamed' })

    const restored = await ok<ClientSummary>(backend, 'backup.restore', { clientId: client.id, backupId: first.id })
    expect(restored).toMatchObject({ id: client.id, name: 'Copperleaf Robotics' })
    expect(await partnerNames(backend, client.id)).toEqual(['Apex Digital'])
    expect((await ok<ClientSummary[]>(backend, 'client.list')).map((c) => c.name)).toEqual(['Copperleaf Robotics'])

    // Nothing was destroyed: the replaced state is a pre-restore backup, and restoring it brings it back.
    const list = await ok<BackupInfo[]>(backend, 'backup.list', { clientId: client.id })
    const pre = list.find((b) => b.kind === 'pre-restore')!
    expect(pre).toBeDefined()
    await ok(backend, 'backup.restore', { clientId: client.id, backupId: pre.id })
    expect(await partnerNames(backend, client.id)).toEqual(['Apex Digital', 'Beacon Group'])
    expect((await ok<ClientOverview>(backend, 'client.open', { id: client.id })).client.name).toBe('Copperleaf Robotics Renamed')
  })

  it('restores a backup as a new client with its own key, leaving the original alone', async () => {
    const { backend, vaultDir, client } = await vaultWithClient()
    await addPartner(backend, client.id, 'Apex Digital')
    const b = await ok<BackupInfo>(backend, 'backup.create', { clientId: client.id })
    await addPartner(backend, client.id, 'Beacon Group')

    const copy = await ok<ClientSummary>(backend, 'backup.restore', { clientId: client.id, backupId: b.id, asNew: true })
    expect(copy.id).not.toBe(client.id)
    expect(copy.name).toBe('Copperleaf Robotics (restored)')
    expect(await partnerNames(backend, copy.id)).toEqual(['Apex Digital'])
    expect(await partnerNames(backend, client.id)).toEqual(['Apex Digital', 'Beacon Group'])
    const again = await ok<ClientSummary>(backend, 'backup.restore', { clientId: client.id, backupId: b.id, asNew: true })
    expect(again.name).toBe('Copperleaf Robotics (restored) 2')

    // Each copy has its own key file, and survives a lock and a fresh unlock (the index is rebuilt by doctor too).
    const keys = readdirSync(join(vaultDir, 'clients')).filter((f) => f.endsWith('.key'))
    expect(keys).toHaveLength(3)
    backend.close()
    const b2 = newBackend(vaultDir)
    await ok(b2, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    const report = await ok<{ problems: unknown[]; clientsFound: number }>(b2, 'vault.doctor')
    expect(report).toMatchObject({ problems: [], clientsFound: 3 })
    expect(await partnerNames(b2, copy.id)).toEqual(['Apex Digital'])
  })

  it('refuses unknown, malformed and damaged backups without changing any file', async () => {
    const { backend, vaultDir, client } = await vaultWithClient()
    await addPartner(backend, client.id, 'Apex Digital')
    const b = await ok<BackupInfo>(backend, 'backup.create', { clientId: client.id })
    for (const backupId of ['../../vault.json', '../c_aaaaaaaaaaaaaaaa/x.trellis', 'index.db', '', 'a'.repeat(500)])
      expect((await err(backend, 'backup.restore', { clientId: client.id, backupId })).code).toBe('VALIDATION')
    expect(
      (await err(backend, 'backup.restore', { clientId: client.id, backupId: '2020-01-01T00-00-00-000Z-close.trellis' })).code
    ).toBe('NOT_FOUND')
    expect((await err(backend, 'backup.list', { clientId: 'c_aaaaaaaaaaaaaaaa' })).code).toBe('NOT_FOUND')

    // A damaged backup is found out before it replaces anything.
    const path = join(vaultDir, 'backups', client.id, b.id)
    const bytes = readFileSync(path)
    bytes.fill(0x41, 5000, 9000)
    writeFileSync(path, bytes)
    backend.session.closeClient(client.id)
    const before = checksums(vaultDir)
    expect((await err(backend, 'backup.restore', { clientId: client.id, backupId: b.id })).code).toBe('FILE_CORRUPT')
    expect(checksums(vaultDir)).toEqual(before)
    expect(await partnerNames(backend, client.id)).toEqual(['Apex Digital'])
  })

  it('restores over a damaged current file and keeps its bytes as a backup', async () => {
    const { backend, vaultDir, client } = await vaultWithClient()
    await addPartner(backend, client.id, 'Apex Digital')
    const b = await ok<BackupInfo>(backend, 'backup.create', { clientId: client.id })
    backend.session.closeClient(client.id)
    const file = join(vaultDir, 'clients', `${client.id}.trellis`)
    truncateSync(file, 1000)
    expect((await err(backend, 'client.open', { id: client.id })).code).toBe('FILE_CORRUPT')
    await ok(backend, 'backup.restore', { clientId: client.id, backupId: b.id })
    expect(await partnerNames(backend, client.id)).toEqual(['Apex Digital'])
    const pre = (await ok<BackupInfo[]>(backend, 'backup.list', { clientId: client.id })).find((x) => x.kind === 'pre-restore')
    expect(pre?.bytes).toBe(1000)
  })

  it('answers VAULT_LOCKED while locked', async () => {
    const { backend, client } = await vaultWithClient()
    await ok(backend, 'vault.lock')
    expect((await err(backend, 'backup.list', { clientId: client.id })).code).toBe('VAULT_LOCKED')
  })
})
