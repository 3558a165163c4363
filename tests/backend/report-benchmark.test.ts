/**
 * The report's benchmark section from the benchmark feature's anonymous aggregates: shown only where the cohort
 * rule allows (at least 5 other clients with data), never naming another client, in every format.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import type { ClientSummary, ReportExportResult, ReportPreview } from '../../shared/ipc/contract'
import { cleanup, ok, tempDir, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
const backends: Backend[] = []
afterAll(() => {
  backends.forEach((b) => b.close())
  dirs.forEach(cleanup)
})

async function vaultWith(clients: number): Promise<{ b: Backend; list: ClientSummary[] }> {
  const u = await unlockedBackend()
  dirs.push(u.vaultDir)
  backends.push(u.backend)
  await ok(u.backend, 'demo.seed', { clients, partners: 25, seed: 31 })
  return { b: u.backend, list: await ok<ClientSummary[]>(u.backend, 'client.list', {}) }
}

describe('report benchmark section', { timeout: 120_000 }, () => {
  it('with 7 programs in the vault: quartiles, median and percentile per measure, and no other client named', async () => {
    const { b, list } = await vaultWith(7)
    const [me, ...others] = list
    const p = await ok<ReportPreview>(b, 'report.preview', { clientId: me.id })
    expect(p.omitted).toEqual([])
    const html = p.html
    const section = html.slice(html.indexOf('id="sec-benchmark"'), html.indexOf('</section>', html.indexOf('id="sec-benchmark"')))
    expect(section).toContain('Compared anonymously with 6 other programs')
    expect(section).toMatch(/Activation rate<div class="note">Higher is better/)
    expect(section).toMatch(/Paper-partner ratio<div class="note">Lower is better/)
    expect(section.match(/aria-label="Position in the cohort"/g)?.length ?? 0).toBeGreaterThanOrEqual(4)
    expect(section).toMatch(/median [^<]+<\/div><div class="note">6 peers/)
    const out = tempDir('trellis-report-bench-')
    dirs.push(out)
    const md = await ok<ReportExportResult>(b, 'report.export', { clientId: me.id, format: 'md', outPath: join(out, 'r.md') })
    const text = readFileSync(md.path, 'utf8')
    expect(text).toMatch(/\| Measure \| This program \| 25th percentile \| Median \| 75th percentile \| Percentile \| Peers \|/)
    for (const o of others) {
      expect(html).not.toContain(o.name)
      expect(text).not.toContain(o.name)
    }
  })

  it('with fewer than 5 peers the section is left out, saying why', async () => {
    const { b, list } = await vaultWith(4)
    const p = await ok<ReportPreview>(b, 'report.preview', { clientId: list[0].id })
    expect(p.html).not.toContain('id="sec-benchmark"')
    expect(p.omitted).toEqual([{ section: 'benchmark', reason: expect.stringMatching(/^Not enough peers for the benchmark: .*at least 5 other clients/) }])
  })
})
