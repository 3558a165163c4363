/**
 * The vault stops being writable while a client is open: the files are made immutable (chattr +i, which binds
 * root too and fails writes through already-open descriptors, like a drive remounted read-only after an error),
 * or the disk fills up. Writes answer READ_ONLY / DISK_FULL with a human message, the app is told (an event and
 * vault.status) so it shows a read-only banner, reads go on, and nothing acknowledged is lost. Needs root on a
 * file system with chattr (CI); elsewhere the read-only test says so and skips.
 */
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import type { ClientSummary, JourneyView, PartnerRow, VaultStatus, WriteProblem } from '../../shared/ipc/contract'
import { canChattr, canMount, fillDisk, freeze, thaw } from '../helpers/damage'
import { TEST_PASSPHRASE, cleanup, err, ok, tempDir, vaultWithClient } from '../helpers/vault'

const dirs: string[] = []
const backends: Backend[] = []
const frozen: string[] = []
const mounts: string[] = []
afterEach(() => {
  unfreeze()
  backends.splice(0).forEach((b) => b.close())
  for (const m of mounts.splice(0).reverse()) execFileSync('umount', ['-l', m])
  dirs.splice(0).forEach(cleanup)
})

const CHATTR = canChattr()
if (!CHATTR) console.warn('read-only mid-session test needs chattr +i (root on ext4 or similar); skipped here, runs in CI')

/** Freezes the vault (see helpers/damage.ts); afterEach thaws it. */
function freezeVault(vaultDir: string): void {
  frozen.push(...freeze(vaultDir))
}
function unfreeze(): void {
  thaw(frozen.splice(0))
}

async function vault(dir = tempDir()) {
  dirs.push(dir)
  const vaultDir = join(dir, 'vault')
  const { backend, client } = await vaultWithClient(vaultDir, 5)
  backends.push(backend)
  const events: (WriteProblem | null)[] = []
  backend.onEvent((e, p) => e === 'vault.writeProblemChanged' && events.push((p as { problem: WriteProblem | null }).problem))
  return { backend, vaultDir, client, events }
}

describe.skipIf(!CHATTR)('vault becomes read-only mid-session', { timeout: 120_000 }, () => {
  it('refuses writes in plain words, tells the app, keeps reading, and writes again once it can', async () => {
    const { backend, vaultDir, client, events } = await vault()
    expect(await ok<VaultStatus>(backend, 'vault.status')).toMatchObject({ readOnly: false, writeProblem: null })

    freezeVault(vaultDir)
    const e = await err(backend, 'partner.create', { clientId: client.id, name: 'Not saved', type: 'referral' })
    expect(e.code).toBe('READ_ONLY')
    expect(e.message).toContain('cannot save to the vault folder')
    expect(e.message).toContain('this change was not saved')
    expect(events).toEqual([expect.objectContaining({ problem: 'read-only' })])
    expect((await ok<VaultStatus>(backend, 'vault.status')).writeProblem).toMatchObject({ problem: 'read-only' })

    // Everything stays readable, and other writes are refused the same way.
    expect((await ok<PartnerRow[]>(backend, 'partner.list', { clientId: client.id })).map((p) => p.name)).not.toContain('Not saved')
    expect(await ok(backend, 'client.open', { id: client.id })).toMatchObject({ partnerCount: 5 })
    // Its journey was never opened: the default one is shown (read-only, not saved) instead of an error.
    const journey = await ok<JourneyView>(backend, 'journey.show', { clientId: client.id })
    expect(journey.stages.length).toBeGreaterThan(0)
    expect(await ok(backend, 'hypothesis.list', { clientId: client.id })).toEqual([])
    for (const [channel, input] of [
      ['client.rename', { id: client.id, name: 'Granite Renamed' }],
      ['client.create', { name: 'Another Client' }],
      ['backup.create', { clientId: client.id }]
    ] as const) {
      const x = await err(backend, channel, input)
      expect(x.code, channel).toBe('READ_ONLY')
      expect(x.message, channel).toMatch(/cannot save to the vault folder|cannot be written/)
    }
    expect(events).toHaveLength(1)

    // A file not open yet is read from a private copy (SQLite cannot open it in place any more).
    backend.session.closeClient(client.id)
    expect(await ok<PartnerRow[]>(backend, 'partner.list', { clientId: client.id })).toHaveLength(5)
    expect((await err(backend, 'partner.create', { clientId: client.id, name: 'Not saved either', type: 'referral' })).code).toBe('READ_ONLY')

    // Writable again: the next write works, the app is told, and nothing acknowledged was lost.
    unfreeze()
    await ok(backend, 'partner.create', { clientId: client.id, name: 'Saved after', type: 'referral' })
    expect(events).toEqual([expect.objectContaining({ problem: 'read-only' }), null])
    expect((await ok<VaultStatus>(backend, 'vault.status')).writeProblem).toBeNull()
    await ok(backend, 'vault.lock')
    await ok(backend, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    const names = (await ok<PartnerRow[]>(backend, 'partner.list', { clientId: client.id })).map((p) => p.name)
    expect(names).toHaveLength(6)
    expect(names).toContain('Saved after')
    expect(backend.session.client(client.id).sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect((await ok<ClientSummary[]>(backend, 'client.list')).map((c) => c.name)).toEqual(['Granite Security'])
    // Writable again, the journey is created and kept like any other.
    const saved = await ok<JourneyView>(backend, 'journey.show', { clientId: client.id })
    expect(saved.stages.map((st) => st.name)).toEqual(journey.stages.map((st) => st.name))
    expect(backend.session.client(client.id).sqlite.prepare('SELECT count(*) AS n FROM main.journey_stages').get()).toEqual({ n: saved.stages.length })
  })

  it('still locks cleanly while read-only, and the files open again afterwards', async () => {
    const { backend, vaultDir, client } = await vault()
    freezeVault(vaultDir)
    expect((await err(backend, 'partner.create', { clientId: client.id, name: 'x', type: 'referral' })).code).toBe('READ_ONLY')
    await ok(backend, 'vault.lock')
    unfreeze()
    await ok(backend, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(await ok<PartnerRow[]>(backend, 'partner.list', { clientId: client.id })).toHaveLength(5)
    expect(backend.session.client(client.id).sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})

const MOUNT = canMount()

describe.skipIf(!MOUNT)('the disk fills mid-session', { timeout: 120_000 }, () => {
  it('tells the app the disk is full, and clears it once space is back', async () => {
    const mnt = tempDir('trellis-tmpfs-')
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m,mode=700', 'tmpfs', mnt])
    mounts.push(mnt)
    const { backend, client, events } = await vault(mnt)
    const filler = fillDisk(mnt)
    let failure: { code: string; message: string } | null = null
    for (let i = 0; i < 5000 && !failure; i++) {
      const r = await backend.call('partner.create', { clientId: client.id, name: `More ${i} ${'x'.repeat(150)}`, type: 'referral' })
      if (!r.ok) failure = r.error
    }
    expect(failure?.code).toBe('DISK_FULL')
    expect(failure?.message).toMatch(/disk .*full/)
    expect(events).toEqual([expect.objectContaining({ problem: 'disk-full' })])
    expect((await ok<VaultStatus>(backend, 'vault.status')).writeProblem).toMatchObject({ problem: 'disk-full' })
    rmSync(filler)
    await ok(backend, 'partner.create', { clientId: client.id, name: 'After the cleanup', type: 'referral' })
    expect(events.at(-1)).toBeNull()
  })
})
