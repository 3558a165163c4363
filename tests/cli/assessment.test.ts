/** `trellis assessment …` against a real vault holding two finished workshops. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comparison } from '../../shared/domain/assessment'
import type { AssessmentSummary, ClientSummary, WorkshopState } from '../../shared/ipc/contract'
import { createBackend } from '../../electron/backend/backend'
import { cliFor } from '../helpers/cli'
import { cleanup, ok, tempDir, TEST_PASSPHRASE } from '../helpers/vault'

let vault: string
let cli: ReturnType<typeof cliFor>
const ids: string[] = []

beforeAll(async () => {
  vault = tempDir('trellis-cli-assessment-')
  cli = cliFor(vault, TEST_PASSPHRASE)
  // Build the data through the same backend the app uses, then drive only the CLI.
  const b = createBackend({ vaultDir: vault, kdfCost: { N: 2 ** 12 } })
  await ok(b, 'vault.create', { passphrase: TEST_PASSPHRASE })
  const c = await ok<ClientSummary>(b, 'client.create', { name: 'Harbor Logistics' })
  for (const [heldOn, base] of [
    ['2026-02-02', 1],
    ['2026-08-02', 2]
  ] as const) {
    const s = await ok<WorkshopState>(b, 'workshop.create', {
      clientId: c.id,
      sessionId: 'cli-test-session',
      title: `Review ${heldOn.slice(0, 7)}`,
      heldOn,
      participants: [
        { name: 'Dana Whitfield', role: 'CRO', side: 'client' },
        { name: 'Marco Ruiz', role: 'Partner lead', side: 'client' }
      ],
      dimensions: [{ id: 'selection', timeBoxMinutes: 15 }]
    })
    const run = { clientId: c.id, assessmentId: s.assessment.id, sessionId: 'cli-test-session' }
    for (const q of s.order) {
      for (const p of s.participants) await ok(b, 'workshop.vote', { ...run, questionId: q, participantId: p.id, vote: base })
      await ok(b, 'workshop.consensus', { ...run, questionId: q, score: base, rationale: 'agreed' })
    }
    await ok(b, 'workshop.finish', { ...run, finished: true })
    ids.push(s.assessment.id)
  }
  b.close()
}, 120_000)
afterAll(() => cleanup(vault))

describe('trellis assessment', { timeout: 300_000 }, () => {
  it('lists, shows and compares', async () => {
    const list = await cli(['assessment', 'list', 'Harbor Logistics'])
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/2026-08-02\s+Review 2026-08\s+finished\s+3\/3\s+2\.00/)
    const json = await cli(['assessment', 'list', 'harbor logistics', '--json'])
    expect((JSON.parse(json.stdout) as AssessmentSummary[]).map((a) => a.id)).toEqual([ids[1], ids[0]])

    const show = await cli(['assessment', 'show', 'Harbor Logistics', ids[0], '--json'])
    expect(show.code).toBe(0)
    const s = JSON.parse(show.stdout) as WorkshopState
    expect(s.assessment.overall).toBe(1)
    expect(s.questions['selection.ipp'].votes).not.toBeNull()
    const text = await cli(['assessment', 'show', 'Harbor Logistics', 'latest'])
    expect(text.stdout).toContain('Partner selection & ideal partner profile')

    const cmp = await cli(['assessment', 'compare', 'Harbor Logistics', '2026-08-02', '2026-02-02', '--json'])
    expect((JSON.parse(cmp.stdout) as Comparison).overall).toEqual({ before: 1, after: 2, delta: 1 })

    const missing = await cli(['assessment', 'show', 'Harbor Logistics', 'a_zzzzzzzzzzzz'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('has no assessment')
  })

  it('exports CSV and JSON, refuses to overwrite, and imports', async () => {
    const csv = join(vault, 'out.csv')
    const r = await cli(['assessment', 'export', 'Harbor Logistics', ids[0], '--format', 'csv', '--out', csv])
    expect(r.code).toBe(0)
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toBe('Dimension,Question,Dana Whitfield,Marco Ruiz,Spread,Disagreement,Consensus,Rationale,Dimension score')
    const again = await cli(['assessment', 'export', 'Harbor Logistics', ids[0], '--format', 'csv', '--out', csv])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('--force')
    const badFormat = await cli(['assessment', 'export', 'Harbor Logistics', ids[0], '--format', 'xml', '--out', csv])
    expect(badFormat.code).toBe(2)

    const json = join(vault, 'out.json')
    expect((await cli(['assessment', 'export', 'Harbor Logistics', ids[1], '--format', 'json', '--out', json])).code).toBe(0)
    expect(existsSync(json)).toBe(true)
    await cli(['client', 'create', '--name', 'Quarry Cloud'])
    const imp = await cli(['assessment', 'import', 'Quarry Cloud', '--file', json])
    expect(imp.code).toBe(0)
    expect(imp.stdout).toContain('Imported “Review 2026-08”')
    const dup = await cli(['assessment', 'import', 'Quarry Cloud', '--file', json])
    expect(dup.code).toBe(1)
    expect(dup.stderr).toContain('already has this assessment')
    const future = JSON.parse(readFileSync(json, 'utf8'))
    future.version = 9
    writeFileSync(json, JSON.stringify(future))
    const f = await cli(['assessment', 'import', 'Quarry Cloud', '--file', json, '--json'])
    expect(f.code).toBe(1)
    expect(JSON.parse(f.stderr).error.code).toBe('FROM_FUTURE_VERSION')
  })
})
