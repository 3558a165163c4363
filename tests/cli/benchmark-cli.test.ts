import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClientBenchmark, ClientSummary, Cockpit, RunSummary } from '../../shared/ipc/contract'
import { cliFor } from '../helpers/cli'
import { cleanup, tempDir } from '../helpers/vault'

let vault: string
let cli: ReturnType<typeof cliFor>

beforeAll(async () => {
  vault = tempDir('trellis-cli-bench-')
  cli = cliFor(vault)
  expect((await cli(['vault', 'init', '--json'])).code).toBe(0)
  expect((await cli(['demo', 'seed', '--clients', '7', '--partners', '12', '--seed', '3', '--json'])).code).toBe(0)
}, 180_000)
afterAll(() => cleanup(vault))

// Each run is a fresh Node process, slow on a busy machine.
describe('trellis benchmark / cockpit', { timeout: 240_000 }, () => {
  it('runs over every client, then answers one client against a cohort, with JSON for scripts', async () => {
    const cold = await cli(['benchmark', '--json'])
    expect(cold.code).toBe(0)
    const run = JSON.parse(cold.stdout) as { run: RunSummary }
    expect(run.run).toMatchObject({ total: 7, computed: 7, cached: 0, skipped: [] })
    const warm = JSON.parse((await cli(['benchmark', '--json'])).stdout) as { run: RunSummary }
    expect(warm.run).toMatchObject({ computed: 0, cached: 7 })

    const clients = JSON.parse((await cli(['client', 'list', '--json'])).stdout) as ClientSummary[]
    const one = await cli(['benchmark', '--client', clients[0].name, '--json'])
    expect(one.code).toBe(0)
    const r = JSON.parse(one.stdout) as ClientBenchmark
    expect(r.cohort.size).toBe(7)
    expect(r.figures.find((f) => f.key === 'activationRate')).toMatchObject({ peers: 6, suppressed: false })
    for (const c of clients.slice(1)) expect(one.stdout).not.toContain(c.name)

    const text = await cli(['benchmark', '--client', clients[0].id, '--cohort', `region=${clients[0].segment.region}`])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('not enough peers')
    expect(text.stdout).toMatch(/Activation rate = partners signed/)

    const bad = await cli(['benchmark', '--client', clients[0].id, '--cohort', 'planet=mars'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--cohort takes key=value with key one of: companyStage, arrBand, salesMotion, region, partnerModel')
    const badValue = await cli(['benchmark', '--client', clients[0].id, '--cohort', 'region=mars'])
    expect(badValue.code).toBe(2)
    expect(badValue.stderr).toContain('--cohort region must be one of: north-america, emea, apac, latam, global')
  })

  it('prints the cockpit across clients', async () => {
    const k = JSON.parse((await cli(['cockpit', '--json'])).stdout) as Cockpit
    expect(k.clients).toHaveLength(7)
    expect(k.clients.every((c) => c.flags !== null && c.stage !== null)).toBe(true)
    expect(k.due.every((d, i) => i === 0 || k.due[i - 1].dueOn <= d.dueOn)).toBe(true)
    const text = await cli(['cockpit'])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^CLIENT +STAGE +MATURITY +PAPER +OVERDUE +NOT MET +UNTESTED +RED$/m)
    expect(text.stdout).toContain(`items due in the next 14 days`)
  })
})
