/**
 * Disk full and read-only, on real file systems: a small tmpfs filled to the last byte, and a read-only bind mount
 * of a vault. Writes answer DISK_FULL / READ_ONLY with a human message, files stay consistent, reads go on.
 * Mounting needs root (CI runs as root); elsewhere these tests say so and skip.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import type { ClientSummary, JourneyView, PartnerRow } from '../../shared/ipc/contract'
import { canMount, fillDisk } from '../helpers/damage'
import { TEST_PASSPHRASE, checksums, cleanup, err, newBackend, ok, tempDir } from '../helpers/vault'

const mounts: string[] = []
const dirs: string[] = []
const backends: Backend[] = []
afterEach(() => {
  backends.splice(0).forEach((b) => b.close())
  for (const m of mounts.splice(0).reverse()) execFileSync('umount', ['-l', m])
  dirs.splice(0).forEach(cleanup)
})

const MOUNT = canMount()
if (!MOUNT) console.warn('disk-full and read-only tests need mount (root); skipped here, run in CI')

function tmpfs(sizeKb: number): string {
  const dir = tempDir('trellis-tmpfs-')
  dirs.push(dir)
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=700`, 'tmpfs', dir])
  mounts.push(dir)
  return dir
}

async function vaultIn(dir: string) {
  const vaultDir = join(dir, 'vault')
  const backend = newBackend(vaultDir)
  backends.push(backend)
  await ok(backend, 'vault.create', { passphrase: TEST_PASSPHRASE })
  const client = await ok<ClientSummary>(backend, 'client.create', { name: 'Granite Security' })
  for (let i = 0; i < 20; i++) await ok(backend, 'partner.create', { clientId: client.id, name: `Partner ${i}`, type: 'referral' })
  return { backend, vaultDir, client }
}

describe.skipIf(!MOUNT)('disk full', { timeout: 120_000 }, () => {
  it('answers DISK_FULL, keeps every saved write and the file consistent, and keeps serving reads', async () => {
    const mnt = tmpfs(6 * 1024)
    const { backend, vaultDir, client } = await vaultIn(mnt)
    await ok(backend, 'backup.create', { clientId: client.id })
    const filler = fillDisk(mnt)

    // Keep writing until the disk refuses (the WAL may still have room for a few).
    let saved = 20
    let failure: { code: string; message: string } | null = null
    for (let i = 0; i < 5000 && !failure; i++) {
      const r = await backend.call('partner.create', { clientId: client.id, name: `More ${i} ${'x'.repeat(150)}`, type: 'referral' })
      if (r.ok) saved++
      else failure = r.error
    }
    expect(failure?.code).toBe('DISK_FULL')
    expect(failure?.message).toContain('the disk is full')

    // Reads go on while the disk is full.
    expect(await ok<PartnerRow[]>(backend, 'partner.list', { clientId: client.id })).toHaveLength(saved)
    expect(await ok(backend, 'client.open', { id: client.id })).toMatchObject({ partnerCount: saved })
    expect(backend.session.client(client.id).sqlite.pragma('integrity_check', { simple: true })).toBe('ok')

    // Other writes fail the same way and leave nothing half-made behind.
    const clientFiles = readdirSync(join(vaultDir, 'clients')).sort()
    const backupFiles = readdirSync(join(vaultDir, 'backups', client.id)).sort()
    expect((await err(backend, 'client.create', { name: 'Juniper Energy' })).code).toBe('DISK_FULL')
    expect((await err(backend, 'backup.create', { clientId: client.id })).code).toBe('DISK_FULL')
    expect(readdirSync(join(vaultDir, 'clients')).sort()).toEqual(clientFiles)
    expect(readdirSync(join(vaultDir, 'backups', client.id)).sort()).toEqual(backupFiles)
    expect((await ok<ClientSummary[]>(backend, 'client.list')).map((c) => c.name)).toEqual(['Granite Security'])

    // Space comes back: writing works again, and everything is there after a lock and a fresh unlock.
    rmSync(filler)
    await ok(backend, 'partner.create', { clientId: client.id, name: 'After the cleanup', type: 'referral' })
    await ok(backend, 'vault.lock')
    const again = newBackend(vaultDir)
    backends.push(again)
    await ok(again, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(await ok<PartnerRow[]>(again, 'partner.list', { clientId: client.id })).toHaveLength(saved + 1)
    expect(again.session.client(client.id).sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('a lock on a full disk still closes cleanly; the skipped backup leaves no partial file', async () => {
    const mnt = tmpfs(4 * 1024)
    const { backend, vaultDir, client } = await vaultIn(mnt)
    fillDisk(mnt)
    await ok(backend, 'vault.lock') // the close backup fails for lack of space; the lock must not
    const left = readdirSync(join(vaultDir, 'backups', client.id), { withFileTypes: true }).map((e) => e.name)
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([])
    await ok(backend, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(await ok<PartnerRow[]>(backend, 'partner.list', { clientId: client.id })).toHaveLength(20)
  })
})

/** The vault seen through a read-only bind mount (as on a write-protected disk), unlocked there. */
async function unlockReadOnly(vaultDir: string): Promise<{ b: Backend; before: Record<string, string> }> {
  const ro = tempDir('trellis-ro-')
  dirs.push(ro)
  execFileSync('mount', ['--bind', vaultDir, ro])
  mounts.push(ro)
  execFileSync('mount', ['-o', 'remount,ro,bind', ro])
  const before = checksums(vaultDir)
  const b = newBackend(ro)
  backends.push(b)
  await ok(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
  return { b, before }
}

describe.skipIf(!MOUNT)('read-only vault', { timeout: 120_000 }, () => {
  it('shows a client never opened before with the default journey, read-only, and saves none of it', async () => {
    const src = tempDir('trellis-ro-src-')
    dirs.push(src)
    const { backend, vaultDir, client } = await vaultIn(src)
    // The same journey, as a client that can be written gets it: the reference.
    const other = await ok<ClientSummary>(backend, 'client.create', { name: 'Juniper Energy' })
    const reference = await ok<JourneyView>(backend, 'journey.show', { clientId: other.id })
    await ok(backend, 'vault.lock')
    backend.close()

    const { b, before } = await unlockReadOnly(vaultDir)

    const j = await ok<JourneyView>(b, 'journey.show', { clientId: client.id })
    const shape = (v: JourneyView) => ({ template: v.templateName, stages: v.stages.map((st) => st.name), milestones: v.milestones.map((m) => m.title) })
    expect(shape(j)).toEqual(shape(reference))
    expect(j.stages.length).toBeGreaterThan(0)
    expect(await ok(b, 'hypothesis.list', { clientId: client.id })).toEqual([])
    expect(await ok(b, 'hypothesis.map', { clientId: client.id })).toEqual([])
    // Shown twice, it is the same journey (nothing left behind in the connection), and writing it is refused.
    expect(shape(await ok<JourneyView>(b, 'journey.show', { clientId: client.id }))).toEqual(shape(reference))
    for (const [channel, input] of [
      ['milestone.create', { clientId: client.id, stageId: j.stages[0].id, title: 'Not saved', plannedStart: '2026-06-01', plannedEnd: '2026-06-02' }],
      ['hypothesis.create', { clientId: client.id, belief: 'Not saved' }],
      ['journey.startStage', { clientId: client.id, stageId: j.stages[0].id }]
    ] as const)
      expect((await err(b, channel, input)).code, channel).toBe('READ_ONLY')
    // The other client's saved journey reads as it was saved.
    expect(shape(await ok<JourneyView>(b, 'journey.show', { clientId: other.id }))).toEqual(shape(reference))
    await ok(b, 'vault.lock')
    expect(checksums(vaultDir)).toEqual(before)
  })

  it('opens a vault on a read-only disk for reading; every write answers READ_ONLY and changes nothing', async () => {
    const src = tempDir('trellis-ro-src-')
    dirs.push(src)
    const { backend, vaultDir, client } = await vaultIn(src)
    await ok(backend, 'backup.create', { clientId: client.id })
    const backups = await ok<unknown[]>(backend, 'backup.list', { clientId: client.id })
    await ok(backend, 'vault.lock')
    backend.close()

    const { b, before } = await unlockReadOnly(vaultDir)
    expect(await ok(b, 'vault.status')).toMatchObject({ unlocked: true, readOnly: true })
    expect((await ok<ClientSummary[]>(b, 'client.list')).map((c) => c.name)).toEqual(['Granite Security'])
    expect(await ok<PartnerRow[]>(b, 'partner.list', { clientId: client.id })).toHaveLength(20)
    expect(await ok(b, 'client.open', { id: client.id })).toMatchObject({ partnerCount: 20 })
    expect(await ok<unknown[]>(b, 'backup.list', { clientId: client.id })).toEqual(backups)

    const writes: [string, unknown][] = [
      ['partner.create', { clientId: client.id, name: 'Nope', type: 'referral' }],
      ['client.rename', { id: client.id, name: 'Granite Renamed' }],
      ['client.archive', { id: client.id, archived: true }],
      ['client.create', { name: 'Another Client' }],
      ['backup.create', { clientId: client.id }],
      ['backup.setPolicy', { daily: 3, weekly: 1 }],
      ['client.delete', { id: client.id }]
    ]
    for (const [channel, input] of writes) {
      const e = await err(b, channel, input)
      expect(e.code, channel).toBe('READ_ONLY')
      expect(e.message, channel).toMatch(/cannot be written|read-only/)
    }
    // Reads still work after the refusals, and not one byte changed.
    expect(await ok<PartnerRow[]>(b, 'partner.list', { clientId: client.id })).toHaveLength(20)
    await ok(b, 'vault.lock')
    expect(checksums(vaultDir)).toEqual(before)
  })
})

