/**
 * The app's report path through main's router and device channels, on a real backend and vault: reports are
 * written only where the user picked in the save dialog; printed bytes come only from main; the PDF main prints
 * (here with headless Chromium standing in for Electron's printToPDF, from the same HTML) is written atomically and
 * recorded; cancelling main's own job works.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { closeSharedChromium, findChromium, sharedChromium } from '../../electron/backend/services/report/chromium'
import { createDevice } from '../../electron/main/deviceHandlers'
import { RememberedUnlock, type Keystore } from '../../electron/main/keychain'
import { createReportPrinter } from '../../electron/main/reportPrint'
import { SavePathGrants, createRouter } from '../../electron/main/router'
import { SettingsFile } from '../../electron/main/settings'
import { APP_ENTRY_URL, isTrustedSender } from '../../electron/main/security/policy'
import type { ClientSummary, ReportExportRecord, ReportExportResult, ReportProgress } from '../../shared/ipc/contract'
import type { Result } from '../../shared/ipc/errors'
import { cleanup, ok, tempDir, unlockedBackend } from '../helpers/vault'

const OWN = { url: APP_ENTRY_URL, isMainFrame: true, isOurWindow: true }
const dirs: string[] = []
afterAll(async () => {
  await closeSharedChromium()
  dirs.forEach(cleanup)
})

const noKeychain: Keystore = {
  platform: 'linux',
  linuxBackend: () => 'basic_text',
  isAvailable: async () => false,
  encrypt: async () => Buffer.alloc(0),
  decrypt: async () => ({ result: '', shouldReEncrypt: false })
}

async function setup(printHtml: (html: string) => Promise<Buffer>) {
  const { backend, vaultDir } = await unlockedBackend()
  const out = tempDir('trellis-main-report-')
  dirs.push(vaultDir, out)
  await ok(backend, 'demo.seed', { clients: 1, partners: 20, seed: 9 })
  const client = (await ok<ClientSummary[]>(backend, 'client.list', {}))[0]
  const grants = new SavePathGrants()
  const events: ReportProgress[] = []
  let dialogAnswer: string | null = null
  const printed: string[] = []
  const printer = createReportPrinter({
    backend,
    grants,
    printHtml: async (html) => (printed.push(html), printHtml(html)),
    emit: (_e, p) => events.push(p)
  })
  const device = createDevice({
    backend,
    keychain: new RememberedUnlock(noKeychain, join(out, 'k.json'), vaultDir),
    grants,
    showSaveDialog: async () => null,
    settings: new SettingsFile(join(tempDir(), 'settings.json')),
    report: { printer, showSaveDialog: async () => dialogAnswer }
  })
  const route = createRouter({ backend, device: device.handlers, grantedSavePaths: grants, isTrustedSender: (s) => isTrustedSender(s), cancelMainJob: (id) => printer.cancel(id) })
  const call = (channel: string, input: unknown) => route(OWN, channel, input) as Promise<Result<unknown>>
  return { backend, client, out, call, events, printed, pick: (p: string | null) => (dialogAnswer = p) }
}

describe('the app’s report path (main)', () => {
  it('writes a report only to the path picked in the save dialog, once', async () => {
    const t = await setup(async () => Buffer.from('%PDF-1.4 stand-in'))
    const path = join(t.out, 'Report.html')
    const refused = await t.call('report.export', { clientId: t.client.id, format: 'html', outPath: path })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(existsSync(path)).toBe(false)
    t.pick(path)
    expect(await t.call('device.chooseReportPath', { suggestedName: 'Report.html', format: 'html' })).toEqual({ ok: true, data: { path } })
    expect(await t.call('report.export', { clientId: t.client.id, format: 'html', outPath: path, force: true })).toMatchObject({ ok: true })
    expect(readFileSync(path, 'utf8')).toContain('<!doctype html>')
    // The grant is used up: the same path needs the dialog again.
    expect(await t.call('report.export', { clientId: t.client.id, format: 'html', outPath: path, force: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    t.pick(null)
    expect(await t.call('device.chooseReportPath', { suggestedName: 'x.pdf', format: 'pdf' })).toEqual({ ok: true, data: null })
  })

  it('never lets a window hand over bytes to be saved as a report', async () => {
    const t = await setup(async () => Buffer.from('%PDF'))
    const path = join(t.out, 'evil.pdf')
    t.pick(path)
    await t.call('device.chooseReportPath', { suggestedName: 'evil.pdf', format: 'pdf' })
    const r = await t.call('report.saveRendered', { clientId: t.client.id, format: 'pdf', outPath: path, dataBase64: 'AAAA', paper: 'a4', sections: ['cover'] })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(existsSync(path)).toBe(false)
  })

  it.skipIf(!findChromium())('prints the PDF from the print HTML, writes it atomically and records it', async () => {
    const t = await setup(async (html) => (await sharedChromium().print(html, 'a4')).pdf)
    const path = join(t.out, 'Report.pdf')
    const input = { clientId: t.client.id, outPath: path, force: true, sections: ['cover', 'summary', 'maturity'], paper: 'a4', jobId: 'main-job-1' }
    expect(await t.call('device.exportReportPdf', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    t.pick(path)
    await t.call('device.chooseReportPath', { suggestedName: 'Report.pdf', format: 'pdf' })
    const r = await t.call('device.exportReportPdf', input)
    expect(r.ok).toBe(true)
    const res = (r as { data: ReportExportResult }).data
    expect(res.record).toMatchObject({ format: 'pdf', sections: ['cover', 'summary', 'maturity'], fileName: 'Report.pdf' })
    expect(t.printed[0]).not.toContain('class="paper-a4 preview"')
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:\s+594\.96 x 841\.92 pts \(A4\)/)
    expect(t.events.map((e) => e.step)).toEqual(['render', 'print', 'write', 'done'])
    const h = await ok<ReportExportRecord[]>(t.backend, 'report.history', { clientId: t.client.id })
    expect(h[0].id).toBe(res.record.id)
  })

  it('records the choices the printed HTML was made with, and regenerates with a recorded day and cohort', async () => {
    const t = await setup(async () => Buffer.from('%PDF-1.4 stand-in'))
    await ok(t.backend, 'report.settings.update', { clientId: t.client.id, patch: { cohort: { region: 'emea' } } })
    const first = join(t.out, 'First.pdf')
    t.pick(first)
    await t.call('device.chooseReportPath', { suggestedName: 'First.pdf', format: 'pdf' })
    const r1 = await t.call('device.exportReportPdf', { clientId: t.client.id, outPath: first, force: true, sections: ['summary', 'cover'], paper: 'letter', jobId: 'main-job-3' })
    const rec1 = (r1 as { data: ReportExportResult }).data.record
    // Left to the saved cohort and today, it records those.
    expect(rec1).toMatchObject({ sections: ['summary', 'cover'], paper: 'letter', cohort: { region: 'emea' }, asOf: new Date().toISOString().slice(0, 10) })

    const again = join(t.out, 'Again.pdf')
    t.pick(again)
    await t.call('device.chooseReportPath', { suggestedName: 'Again.pdf', format: 'pdf' })
    const choice = { sections: ['roadmap', 'cover'] as const, paper: 'a4' as const, cohort: { companyStage: 'growth' as const }, asOf: '2026-02-27' }
    const r2 = await t.call('device.exportReportPdf', { clientId: t.client.id, outPath: again, force: true, ...choice, sections: [...choice.sections], jobId: 'main-job-4' })
    expect((r2 as { data: ReportExportResult }).data.record).toMatchObject({ ...choice, sections: [...choice.sections], format: 'pdf', fileName: 'Again.pdf' })
    // Main printed exactly the report those choices give.
    const expected = await ok<{ html: string }>(t.backend, 'report.preview', { clientId: t.client.id, ...choice, sections: [...choice.sections], purpose: 'print' })
    expect(t.printed[1]).toBe(expected.html)
    expect(t.printed[1]).toContain('27 February 2026')
  })

  it('cancels main’s own export while it prints; nothing is written', async () => {
    let release: () => void = () => {}
    const t = await setup(() => new Promise<Buffer>((r) => (release = () => r(Buffer.from('%PDF-late')))))
    const path = join(t.out, 'Cancelled.pdf')
    t.pick(path)
    await t.call('device.chooseReportPath', { suggestedName: 'Cancelled.pdf', format: 'pdf' })
    const running = t.call('device.exportReportPdf', { clientId: t.client.id, outPath: path, force: false, sections: ['cover'], paper: 'letter', jobId: 'main-job-2' })
    await expect.poll(() => t.printed.length).toBe(1)
    expect(await t.call('report.cancel', { jobId: 'main-job-2' })).toEqual({ ok: true, data: { cancelled: true } })
    release()
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(existsSync(path)).toBe(false)
    expect(t.events.at(-1)?.step).toBe('cancelled')
  })
})
