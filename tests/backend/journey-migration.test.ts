import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientSummary, HypothesisRow, JourneyView, PartnerRow } from '../../shared/ipc/contract'
import { createBackend } from '../../electron/backend/backend'
import { resourcesUpTo } from '../helpers/migrations'
import { TEST_KDF, TEST_PASSPHRASE, cleanup, newBackend, ok, tempDir } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

describe('journey migration', () => {
  // The foundation-era shape, and the shape just before the journey migration.
  it.each([
    ['0000_initial', 1],
    ['0001_workshops', 2]
  ])('upgrades a client file of shape %s; the client gets the default journey on first open', async (tag, version) => {
    const res = resourcesUpTo(tag)
    const vaultDir = tempDir()
    dirs.push(res, vaultDir)
    const old = createBackend({ vaultDir, kdfCost: TEST_KDF, resourcesDir: res })
    await ok(old, 'vault.create', { passphrase: TEST_PASSPHRASE })
    const c = await ok<ClientSummary>(old, 'client.create', { name: 'Harbor Logistics' })
    // A partner row as the old build wrote it (today's partner.create also writes tables that shape lacks).
    old.session
      .client(c.id)
      .sqlite.prepare(
        "INSERT INTO partners (id, name, type, tier, stage, signed_at, first_commercial_at, owner, notes, created_at, updated_at) VALUES ('p1', 'Summit Resellers', 'reseller', NULL, 'signed', '2026-01-15', NULL, NULL, NULL, '2026-01-15T09:00:00Z', '2026-01-15T09:00:00Z')"
      )
      .run()
    // The old build does not know the new channels' tables.
    expect((await old.call('journey.show', { clientId: c.id })).ok).toBe(false)
    old.close()

    const b = newBackend(vaultDir)
    await ok(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    const j = await ok<JourneyView>(b, 'journey.show', { clientId: c.id })
    expect(j.stages.map((s) => s.key)).toEqual(['foundations', 'prove', 'activate', 'scale', 'optimize'])
    expect(j.milestones.length).toBeGreaterThan(10)
    expect(await ok<HypothesisRow[]>(b, 'hypothesis.list', { clientId: c.id })).toEqual([])
    const partners = await ok<PartnerRow[]>(b, 'partner.list', { clientId: c.id })
    expect(partners.map((p) => [p.name, p.signedAt])).toEqual([['Summit Resellers', '2026-01-15']])
    // A copy of the old file was kept before migrating.
    expect(readdirSync(join(vaultDir, 'backups', c.id)).some((f) => f.includes(`pre-migration-v${version}`))).toBe(true)
    // Opening again does not add a second journey.
    b.close()
    const b2 = newBackend(vaultDir)
    await ok(b2, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    const again = await ok<JourneyView>(b2, 'journey.show', { clientId: c.id })
    expect(again.milestones.map((m) => m.id)).toEqual(j.milestones.map((m) => m.id))
  })
})
