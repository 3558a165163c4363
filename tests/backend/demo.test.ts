import { afterEach, describe, expect, it } from 'vitest'
import type { ClientSummary } from '../../shared/ipc/contract'
import { cleanup, ok, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

// The bands a company at each stage can plausibly have, written out here rather than read from the seeder.
const FITS: Record<string, string[]> = {
  startup: ['lt1m', '1to5m'],
  scaleup: ['1to5m', '5to20m'],
  growth: ['5to20m', '20to100m'],
  enterprise: ['20to100m', 'gt100m']
}

describe('sample data', () => {
  it('gives every demo client revenue that fits its stage, and uses every stage', async () => {
    const { backend, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    await ok(backend, 'demo.seed', { clients: 16, partners: 2, seed: 5 })
    const clients = await ok<ClientSummary[]>(backend, 'client.list', {})
    expect(clients).toHaveLength(16)
    for (const c of clients) expect(FITS[c.segment.companyStage!], `${c.segment.companyStage} at ${c.segment.arrBand}`).toContain(c.segment.arrBand)
    expect(new Set(clients.map((c) => c.segment.companyStage)).size).toBe(4)
  })
})
