import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClientSummary, PortfolioImportPreview, PortfolioImportResult, PartnerDetail, PortfolioRow } from '../../shared/ipc/contract'
import type { PortfolioSummary } from '../../shared/portfolio/metrics'
import { cliFor } from '../helpers/cli'
import { cleanup, tempDir } from '../helpers/vault'

let vault: string
let cli: ReturnType<typeof cliFor>
let client: ClientSummary

beforeAll(async () => {
  vault = tempDir('trellis-cli-partner-')
  cli = cliFor(vault)
  expect((await cli(['vault', 'init', '--json'])).code).toBe(0)
  client = JSON.parse((await cli(['client', 'create', '--name', 'Granite Security', '--json'])).stdout)
}, 180_000)
afterAll(() => cleanup(vault))

// Each run is a fresh Node process, slow on a busy machine.
describe('trellis partner / portfolio / import', { timeout: 240_000 }, () => {
  it('imports a CRM export (dry run first), lists, shows and summarises the portfolio', async () => {
    const partners = join(vault, 'partners.csv')
    writeFileSync(
      partners,
      'Account Name;Website;Type;Tier;Status;Signed Date\nApex Integrations;apex.example;Technology;Gold;Active;15/01/2025\nBeacon Advisory;beacon.example;Consulting;Silver;Signed;20/02/2025\nBroken Row;;Technology;Gold;on fire;2025-13-01\n'
    )
    const dry = await cli(['partner', 'import', 'Granite Security', '--file', partners, '--dry-run'])
    expect(dry.code).toBe(1)
    expect(dry.stdout).toContain('3 rows: 2 to create, 0 to update, 0 to skip, 1 with errors.')
    expect(dry.stdout).toMatch(/^4 +rejected +Unknown lifecycle stage “on fire”/m)
    expect(dry.stdout).toContain('Dry run: nothing was written.')
    expect(JSON.parse((await cli(['partner', 'list', client.id, '--json'])).stdout)).toEqual([])

    const refused = await cli(['import', 'partners', client.id, partners, '--json'])
    expect(refused.code).toBe(1)
    expect(JSON.parse(refused.stderr).error.code).toBe('VALIDATION')

    const done = await cli(['import', 'partners', client.id, partners, '--skip-invalid', '--json'])
    expect(done.code).toBe(0)
    expect((JSON.parse(done.stdout) as { result: PortfolioImportResult }).result).toMatchObject({ created: 2, rejected: 1 })

    const deals = join(vault, 'deals.csv')
    writeFileSync(deals, 'Opportunity Name,Partner,Amount,Stage,Created Date,Partner Role\nGlobex,Apex Integrations,"$40,000",Closed Won,2025-02-10,Sourced\n')
    const d = await cli(['import', 'opportunities', client.id, deals, '--json'])
    expect(d.code).toBe(0)
    expect((JSON.parse(d.stdout) as { preview: PortfolioImportPreview; result: PortfolioImportResult }).result.created).toBe(1)

    const list = JSON.parse((await cli(['partner', 'list', client.id, '--json'])).stdout) as PortfolioRow[]
    expect(list.map((p) => [p.name, p.type, p.stage, p.signedAt, p.sourced])).toEqual([
      ['Apex Integrations', 'technology', 'activating', '2025-01-15', 40000],
      ['Beacon Advisory', 'si', 'signed', '2025-02-20', 0]
    ])
    const text = await cli(['partner', 'list', client.id])
    expect(text.stdout).toMatch(/^NAME +TYPE +TIER +STAGE +SIGNED +HEALTH +SOURCED +INFLUENCED +WARNINGS$/m)

    const show = await cli(['partner', 'show', client.id, 'apex integrations'])
    expect(show.code).toBe(0)
    expect(show.stdout).toMatch(/^First commercial event: 2025-02-10$/m)
    expect(show.stdout).toMatch(/^Health: \d+ \((green|amber|red)\)\. \d+ = \(Commercial/m)
    const shown = JSON.parse((await cli(['partner', 'show', client.id, 'Beacon Advisory', '--json'])).stdout) as PartnerDetail
    expect(shown.warnings.map((w) => w.kind)).toContain('paper-partner')

    const s = JSON.parse((await cli(['portfolio', 'summary', client.id, '--as-of', '2025-12-01', '--json'])).stdout) as PortfolioSummary
    expect(s.partnerCount).toBe(2)
    expect(s.paperPartners).toEqual({ value: 0.5, numerator: 1, denominator: 2 })
    expect(s.pipeline).toMatchObject({ sourced: 40000, sourcedShare: 1 })
    const st = await cli(['portfolio', 'summary', client.id, '--as-of', '2025-12-01'])
    expect(st.stdout).toMatch(/^Paper-partner ratio: +50 % \(1 of 2\)$/m)
    expect(st.stdout).toMatch(/Next: /)
  })

  it('explains mistakes', async () => {
    const missing = await cli(['partner', 'show', client.id, 'Nobody'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('There is no partner with the id or name “Nobody”')
    const nofile = await cli(['import', 'partners', client.id, join(vault, 'nope.csv')])
    expect(nofile.code).toBe(1)
    expect(nofile.stderr).toContain('does not exist')
  })
})
