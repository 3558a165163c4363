import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClientSummary, HypothesisDetail, HypothesisRow } from '../../shared/ipc/contract'
import { cliFor } from '../helpers/cli'
import { cleanup, tempDir } from '../helpers/vault'

let vault: string
let cli: ReturnType<typeof cliFor>
let client: ClientSummary

beforeAll(async () => {
  vault = tempDir('trellis-cli-journey-')
  cli = cliFor(vault)
  expect((await cli(['vault', 'init', '--json'])).code).toBe(0)
  const created = await cli(['client', 'create', '--name', 'Lumen Security', '--json'])
  client = JSON.parse(created.stdout) as ClientSummary
}, 120_000)
afterAll(() => cleanup(vault))

// Each run is a fresh Node process, so these tests get a long timeout.
describe('trellis journey and hypothesis commands', { timeout: 300_000 }, () => {
  it('shows the default journey as text', async () => {
    const text = await cli(['journey', 'show', 'lumen security'])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^1 Foundations +Not started +0\/4/m)
    expect(text.stdout).toMatch(/^Prove +Recruit first partners +Client team +\d{4}-\d{2}-\d{2} +\d{4}-\d{2}-\d{2} +Planned$/m)
  })

  it('adds hypotheses with a full test card and lists them with filters', async () => {
    const add = await cli([
      'hypothesis', 'add', client.id,
      '--belief', 'MSPs will resell our add-on',
      '--verify', 'pitch ten MSPs',
      '--measure', 'signed MSPs',
      '--right-if', 'three sign within 60 days',
      '--category', 'partner-type',
      '--importance', '5',
      '--stage', 'Prove',
      '--json'
    ])
    expect(add.code).toBe(0)
    const h = JSON.parse(add.stdout) as HypothesisDetail
    expect(h).toMatchObject({ belief: 'MSPs will resell our add-on', rightIf: 'three sign within 60 days', category: 'partner_type', importance: 5, testFirst: true })
    expect((await cli(['hypothesis', 'add', client.id, '--belief', 'Referral partners want a 10% fee', '--category', 'economics'])).stdout).toContain(
      'Captured hypothesis for “Lumen Security”'
    )
    const list = await cli(['hypothesis', 'list', client.id, '--category', 'partner_type', '--json'])
    expect((JSON.parse(list.stdout) as HypothesisRow[]).map((x) => x.belief)).toEqual(['MSPs will resell our add-on'])
    const text = await cli(['hypothesis', 'list', 'LUMEN SECURITY', '--stage', 'prove'])
    expect(text.stdout).toMatch(/^\* +5 +No evidence +Untested +Partner type +MSPs will resell our add-on$/m)
    expect(text.stdout).toContain('1 hypothesis;')
  })

  it('refuses bad input with the option named and saves nothing', async () => {
    const bad = await cli(['hypothesis', 'add', client.id, '--belief', 'x', '--importance', '9'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('Importance is at most 5 (--importance)')
    const date = await cli(['hypothesis', 'add', client.id, '--belief', 'x', '--due', '2027-02-31', '--json'])
    expect(date.code).toBe(1)
    expect(JSON.parse(date.stderr)).toEqual({ error: { code: 'VALIDATION', message: 'That day does not exist in the calendar (--due)' } })
    const usage = await cli(['hypothesis', 'add', client.id, '--category', 'astrology', '--belief', 'x'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('--category must be one of')
    const list = await cli(['hypothesis', 'list', client.id, '--json'])
    expect((JSON.parse(list.stdout) as HypothesisRow[]).map((h) => h.belief)).not.toContain('x')
  })
})
