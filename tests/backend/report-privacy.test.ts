/**
 * Privacy: three clients in one vault, each with a unique marker in every kind of record a report can show (name,
 * partner, risk, action, milestone, hypothesis and its learning card, executive summary, logo), plus six sample
 * clients so the benchmark section is there. Every format of every client's report holds its own markers and none
 * of the others'; a report benchmarked against a cohort shows that cohort's counts and aggregates only, and the
 * cohort picker answers counts, never a name.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import { closeSharedChromium, findChromium } from '../../electron/backend/services/report/chromium'
import type { ClientSummary, HypothesisEdit, JourneyView, PartnerRow, ReportCohorts, ReportExportResult } from '../../shared/ipc/contract'
import { cleanup, ok, tempDir, unlockedBackend } from '../helpers/vault'

const PDF = (() => {
  if (!findChromium()) return false
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
if (!PDF) console.warn('the PDF part of the privacy test needs Chromium and poppler-utils; only HTML and Markdown are checked here')

const MARKERS = ['QZXALPHA', 'QZXBRAVO', 'QZXCHARLIE']
/** The three marker clients and four sample clients are in it; two sample clients are not. */
const COHORT = { companyStage: 'growth', region: 'emea' } as const
let b: Backend
let others: ClientSummary[] = []
let out: string
const clients: { c: ClientSummary; marker: string }[] = []
const dirs: string[] = []
const today = new Date().toISOString().slice(0, 10)
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)

beforeAll(async () => {
  const u = await unlockedBackend()
  b = u.backend
  out = tempDir('trellis-report-privacy-')
  dirs.push(u.vaultDir, out)
  for (const marker of MARKERS) {
    const c = await ok<ClientSummary>(b, 'client.create', { name: `Client ${marker}` })
    const id = c.id
    const p = await ok<PartnerRow>(b, 'partner.create', { clientId: id, name: `Partner ${marker}1`, type: 'reseller', stage: 'producing', signedAt: inDays(-200), firstCommercialAt: inDays(-150) })
    await ok(b, 'partner.opportunity.save', { clientId: id, partnerId: p.id, name: `Deal ${marker}`, kind: 'sourced', amount: 50_000, currency: 'USD', stage: 'proposal', openedAt: inDays(-100) })
    await ok(b, 'partner.risk.save', { clientId: id, partnerId: p.id, kind: 'overpromising', severity: 'high', description: `Risk ${marker}2`, raisedAt: today })
    await ok(b, 'partner.action.save', { clientId: id, partnerId: p.id, text: `Action ${marker}3`, owner: `Owner ${marker}4`, dueAt: inDays(10) })
    const j = await ok<JourneyView>(b, 'journey.show', { clientId: id })
    await ok(b, 'milestone.create', { clientId: id, stageId: j.stages[0].id, title: `Milestone ${marker}5`, plannedStart: today, plannedEnd: inDays(30), ownerName: `Lead ${marker}6` })
    const h = await ok<HypothesisEdit>(b, 'hypothesis.create', { clientId: id, belief: `Belief ${marker}7`, category: 'economics', importance: 5 })
    await ok(b, 'hypothesis.decide', { clientId: id, id: h.hypothesis!.id, decision: 'pivot', observed: `Seen ${marker}8`, learned: `Learned ${marker}9`, therefore: 'Change the offer' })
    await ok(b, 'hypothesis.create', { clientId: id, belief: `Next ${marker}10`, category: 'economics', importance: 4, status: 'testing' })
    const logo = `data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><desc>${marker}11</desc></svg>`).toString('base64')}`
    await ok(b, 'report.settings.update', { clientId: id, patch: { summary: `Summary ${marker}12`, clientLogo: logo } })
    clients.push({ c, marker })
  }
  await ok(b, 'demo.seed', { clients: 6, partners: 20, seed: 5 })
  const all = await ok<ClientSummary[]>(b, 'client.list', {})
  const samples = all.filter((c) => !MARKERS.some((m) => c.name.includes(m)))
  for (const c of [...clients.map((x) => x.c), ...samples.slice(0, 4)]) await ok(b, 'client.updateSegment', { id: c.id, segment: COHORT })
  for (const c of samples.slice(4)) await ok(b, 'client.updateSegment', { id: c.id, segment: { companyStage: 'startup', region: 'apac' } })
  others = samples
}, 90_000)

afterAll(async () => {
  await closeSharedChromium()
  b?.close()
  dirs.forEach(cleanup)
})

/** The text a reader of each format sees (for HTML also the embedded logo's decoded SVG). */
function readable(r: ReportExportResult): string {
  if (r.format === 'pdf') return execFileSync('pdftotext', [r.path, '-'], { encoding: 'utf8' })
  const s = readFileSync(r.path, 'utf8')
  const logos = [...s.matchAll(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'))
  return [s, ...logos].join('\n')
}

describe('report privacy', { timeout: 120_000 }, () => {
  for (const format of ['html', 'md', 'pdf'] as const) {
    it.skipIf(format === 'pdf' && !PDF)(`${format}: each client's report holds its own markers and no other client's`, async () => {
      for (const { c, marker } of clients) {
        const r = await ok<ReportExportResult>(b, 'report.export', { clientId: c.id, format, outPath: join(out, `${marker}.${format}`) })
        const text = readable(r)
        // Its own data is really there (so the absence of the others means something).
        const own = ['', '1', '2', '3', '4', '5', '7', '8', '9', '10', '12'].map((n) => `${marker}${n}`)
        if (format === 'html') own.push(`${marker}11`)
        for (const m of own) expect(text, `${format} of ${marker} lacks ${m}`).toContain(m)
        for (const other of MARKERS.filter((m) => m !== marker)) expect(text, `${format} of ${marker} shows ${other}`).not.toContain(other)
        for (const o of others) expect(text, `${format} of ${marker} names ${o.name}`).not.toContain(o.name)
        // Compared with the 8 other clients, as aggregates.
        expect(text).toMatch(/Compared\s+anonymously\s+with\s+8\s+other\s+programs\s+\(all\s+clients\)/)
      }
    })
  }

  it('the cohort picker offers only cohorts with at least 5 other clients, as counts', async () => {
    const { c } = clients[0]
    const all = await ok<ReportCohorts>(b, 'report.cohorts', { clientId: c.id })
    expect(all.peers).toBe(8)
    expect(all.minPeers).toBe(5)
    expect(all.options).toContainEqual({ key: 'companyStage', value: 'growth', label: 'Growth', peers: 6 })
    // Two other clients are start-ups: too few to be offered.
    expect(all.options.find((o) => o.key === 'companyStage' && o.value === 'startup')).toBeUndefined()
    expect(all.options.every((o) => o.peers >= 5)).toBe(true)
    const inCohort = await ok<ReportCohorts>(b, 'report.cohorts', { clientId: c.id, cohort: COHORT })
    expect(inCohort).toMatchObject({ cohort: COHORT, label: 'Growth · EMEA', peers: 6 })
    // The marker clients have no sales motion, so any motion leaves at most the 4 sample clients: none is offered.
    expect(inCohort.options.filter((o) => o.key === 'salesMotion')).toEqual([])
    expect(inCohort.options).toContainEqual({ key: 'companyStage', value: 'growth', label: 'Growth', peers: 6 })
    const said = JSON.stringify([all, inCohort])
    for (const o of [...others, ...clients.slice(1).map((x) => x.c)]) expect(said).not.toContain(o.name)
  })

  for (const format of ['html', 'md', 'pdf'] as const) {
    it.skipIf(format === 'pdf' && !PDF)(`${format}: benchmarked against a cohort, the report compares with that cohort only and names no one`, async () => {
      const { c, marker } = clients[0]
      const r = await ok<ReportExportResult>(b, 'report.export', { clientId: c.id, format, cohort: COHORT, outPath: join(out, `${marker}-cohort.${format}`) })
      expect(r.omitted.filter((o) => o.section === 'benchmark')).toEqual([])
      const text = readable(r)
      expect(text).toMatch(/Compared\s+anonymously\s+with\s+6\s+other\s+programs\s+\(Growth\s+·\s+EMEA\)/)
      expect(text).toContain(`${marker}12`)
      for (const other of MARKERS.filter((m) => m !== marker)) expect(text).not.toContain(other)
      for (const o of others) expect(text).not.toContain(o.name)
    })
  }

  it('a cohort saved in the report choices is used until changed; one with too few peers leaves the section out, saying so', async () => {
    const { c } = clients[1]
    await ok(b, 'report.settings.update', { clientId: c.id, patch: { cohort: { companyStage: 'startup' } } })
    const few = await ok<ReportExportResult>(b, 'report.export', { clientId: c.id, format: 'md', outPath: join(out, 'few.md') })
    expect(few.omitted.filter((o) => o.section === 'benchmark')).toEqual([{ section: 'benchmark', reason: expect.stringContaining('(Startup: 2 other clients)') }])
    await ok(b, 'report.settings.update', { clientId: c.id, patch: { cohort: COHORT } })
    const saved = await ok<ReportExportResult>(b, 'report.export', { clientId: c.id, format: 'md', outPath: join(out, 'saved.md') })
    expect(readFileSync(saved.path, 'utf8')).toMatch(/Compared anonymously with 6 other programs \(Growth · EMEA\)/)
  })
})
