import { afterEach, describe, expect, it } from 'vitest'
import type { ClientSummary, HealthEntry, PartnerDetail } from '../../shared/ipc/contract'
import { cleanup, err, ok, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

describe('correcting a recorded health score', () => {
  it('changes the score, note and date of one signal and leaves the rest of the check alone', async () => {
    const { backend: b, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    const c = await ok<ClientSummary>(b, 'client.create', { name: 'Harbor Payments' })
    const ref = { clientId: c.id, partnerId: (await ok<{ id: string }>(b, 'partner.create', { clientId: c.id, name: 'Apex', type: 'technology' })).id }
    const [two, truth] = await ok<HealthEntry[]>(b, 'partner.health.record', {
      ...ref,
      date: '2026-01-05',
      scores: [
        { signal: 'two-way', score: 0 },
        { signal: 'truth-told', score: 1, note: 'DTR held' }
      ]
    })
    const before = (await ok<PartnerDetail>(b, 'partner.get', { ...ref, asOf: '2026-02-01' })).health.score
    const saved = await ok<HealthEntry>(b, 'partner.health.save', { ...ref, id: two.id, score: 2, date: '2026-01-06', note: 'Shared two leads first' })
    expect(saved).toMatchObject({ id: two.id, signal: 'two-way', score: 2, date: '2026-01-06', note: 'Shared two leads first' })
    const d = await ok<PartnerDetail>(b, 'partner.get', { ...ref, asOf: '2026-02-01' })
    expect(d.healthHistory.find((h) => h.id === truth.id)).toMatchObject({ score: 1, note: 'DTR held', date: '2026-01-05' })
    expect(d.health.score).toBeGreaterThan(before!)

    expect((await err(b, 'partner.health.save', { ...ref, id: 'no-such-entry', score: 1, date: '2026-01-06' })).code).toBe('NOT_FOUND')
    expect((await err(b, 'partner.health.save', { ...ref, id: two.id, score: 3, date: '2026-01-06' })).code).toBe('VALIDATION')
    // Another partner's entry cannot be edited through this one.
    const other = (await ok<{ id: string }>(b, 'partner.create', { clientId: c.id, name: 'Beacon', type: 'si' })).id
    expect((await err(b, 'partner.health.save', { clientId: c.id, partnerId: other, id: two.id, score: 1, date: '2026-01-06' })).code).toBe('NOT_FOUND')
  })
})
