/**
 * Regenerating a recorded export: the record keeps every choice the report was made with (format, paper, the
 * sections asked for in their order, the day it spoke of, the benchmark cohort), and exporting with those choices
 * gives the same report again even after the client's saved choices have changed.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import type { ClientSummary, ReportExportRecord, ReportExportResult } from '../../shared/ipc/contract'
import { cleanup, ok, tempDir, unlockedBackend } from '../helpers/vault'

let b: Backend
let out: string
let me: ClientSummary
const dirs: string[] = []

beforeAll(async () => {
  const u = await unlockedBackend()
  b = u.backend
  out = tempDir('trellis-report-again-')
  dirs.push(u.vaultDir, out)
  await ok(b, 'demo.seed', { clients: 8, partners: 20, seed: 5 })
  const clients = await ok<ClientSummary[]>(b, 'client.list', {})
  // Six growth companies (this one and five peers: enough for a benchmark) and two start-ups, all in EMEA.
  for (const [i, c] of clients.entries()) await ok(b, 'client.updateSegment', { id: c.id, segment: { companyStage: i < 6 ? 'growth' : 'startup', region: 'emea' } })
  me = clients[0]
}, 120_000)

afterAll(() => {
  b?.close()
  dirs.forEach(cleanup)
})

const sectionsIn = (html: string) => [...html.matchAll(/data-section="(\w+)"/g)].map((m) => m[1])

describe('regenerating a recorded export', { timeout: 60_000 }, () => {
  it('records every choice and reproduces the same report after the saved choices changed', async () => {
    await ok(b, 'report.settings.update', { clientId: me.id, patch: { cohort: { companyStage: 'growth' }, paper: 'letter', sections: ['benchmark', 'roadmap', 'summary', 'actions'] } })
    const first = await ok<ReportExportResult>(b, 'report.export', { clientId: me.id, format: 'html', outPath: join(out, 'q2.html'), asOf: '2026-05-15' })
    const html = readFileSync(first.path, 'utf8')
    expect(sectionsIn(html)).toEqual(['benchmark', 'roadmap', 'summary', 'actions'])
    expect(html).toContain('Compared anonymously with 5 other programs (Growth)')
    expect(html).toMatch(/size: letter/)
    expect(first.record).toMatchObject({
      format: 'html',
      paper: 'letter',
      sections: ['benchmark', 'roadmap', 'summary', 'actions'],
      asOf: '2026-05-15',
      cohort: { companyStage: 'growth' },
      fileName: 'q2.html'
    })
    const [rec] = await ok<ReportExportRecord[]>(b, 'report.history', { clientId: me.id })
    expect(rec).toEqual(first.record)

    // The consultant moves on: every client, A4, the default sections.
    await ok(b, 'report.settings.update', { clientId: me.id, patch: { cohort: {}, paper: 'a4', sections: ['cover', 'summary', 'journey', 'roadmap', 'maturity', 'learning', 'portfolio', 'benchmark', 'actions'] } })
    const now = await ok<ReportExportResult>(b, 'report.export', { clientId: me.id, format: 'html', outPath: join(out, 'now.html') })
    const nowHtml = readFileSync(now.path, 'utf8')
    expect(nowHtml).toContain('Compared anonymously with 7 other programs (all clients)')
    expect(now.record.cohort).toEqual({})

    // Again, with the record's choices (what the history's "Again" sends): the same report, byte for byte.
    const again = await ok<ReportExportResult>(b, 'report.export', {
      clientId: me.id,
      format: rec.format,
      outPath: join(out, 'q2-again.html'),
      sections: rec.sections,
      paper: rec.paper,
      asOf: rec.asOf,
      ...(rec.cohort ? { cohort: rec.cohort } : {})
    })
    expect(readFileSync(again.path, 'utf8')).toBe(html)
    expect(again.record).toMatchObject({ sections: rec.sections, paper: rec.paper, asOf: rec.asOf, cohort: rec.cohort, format: 'html' })
    // The saved choices were not touched by it.
    expect(await ok(b, 'report.settings.get', { clientId: me.id })).toMatchObject({ cohort: {}, paper: 'a4' })
  })

  it('records the sections asked for, in order, even when one had nothing to show', async () => {
    // A cohort of start-ups leaves one peer: the benchmark is left out of the file but stays a choice.
    const r = await ok<ReportExportResult>(b, 'report.export', {
      clientId: me.id,
      format: 'md',
      outPath: join(out, 'small-cohort.md'),
      sections: ['actions', 'benchmark', 'summary'],
      cohort: { companyStage: 'startup' },
      asOf: '2026-06-01'
    })
    expect(r.omitted.map((o) => o.section)).toEqual(['benchmark'])
    expect(r.record).toMatchObject({ sections: ['actions', 'benchmark', 'summary'], cohort: { companyStage: 'startup' }, asOf: '2026-06-01', format: 'md', paper: 'a4' })
    const md = readFileSync(r.path, 'utf8')
    expect(md.indexOf('The next 90 days')).toBeLessThan(md.indexOf('Executive summary'))
  })
})
