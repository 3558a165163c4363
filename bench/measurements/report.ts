/**
 * The report issue's budgets, on the largest bench client (500 partners with their records, the demo roadmap,
 * hypotheses and workshops): HTML export ≤ 500 ms; PDF ≤ 3 s including Chromium's start, ≤ 1.5 s with a warm
 * renderer. Every figure is a whole `report.export` through the contract: model, render, print, atomic write and
 * the export record.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Backend } from '../../electron/backend/backend'
import { closeSharedChromium, findPdfPrinter } from '../../electron/backend/services/report/chromium'
import type { ReportExportResult } from '../../shared/ipc/contract'
import { call, type BenchContext } from '../lib/context'
import { Series, timed, type Measurement } from '../lib/registry'

interface Fixture {
  b: Backend
  clientId: string
  out: string
  note: string
}
async function build(ctx: BenchContext): Promise<Fixture> {
  const b = await ctx.unlocked(ctx.big)
  // The largest client: the biggest file.
  const sized = ctx.big.clientIds.map((id) => ({ id, bytes: statSync(b.session.vault.clientFile(id)).size })).sort((x, y) => y.bytes - x.bytes)
  const clientId = sized[0].id
  const out = mkdtempSync(join(tmpdir(), 'trellis-bench-report-'))
  const r = await call<ReportExportResult>(b, 'report.export', { clientId, format: 'html', outPath: join(out, 'probe.html'), force: true })
  return { b, clientId, out, note: `largest bench client: ${(sized[0].bytes / 1024 / 1024).toFixed(1)} MB file, ${ctx.big.partners} partners; HTML ${(r.bytes / 1024).toFixed(0)} KB` }
}

/**
 * Each figure unlocks the bench vault for itself and locks it when done: a vault is held by one process, and the
 * benchmark figures after these unlock the same vault.
 */
async function withFixture<T>(ctx: BenchContext, fn: (f: Fixture) => Promise<T>): Promise<T> {
  const f = await build(ctx)
  try {
    return await fn(f)
  } finally {
    f.b.close()
    rmSync(f.out, { recursive: true, force: true })
  }
}

const exportOnce = (f: Fixture, format: 'html' | 'pdf', name: string) =>
  call<ReportExportResult>(f.b, 'report.export', { clientId: f.clientId, format, outPath: join(f.out, name), force: true })

export const reportHtml: Measurement = {
  name: 'report.html',
  label: 'export the HTML report of the largest client',
  targetMs: 500,
  run: (ctx) =>
    withFixture(ctx, async (f) => {
      const s = new Series()
      for (let i = 0; i < 15; i++) s.add(await timed(() => exportOnce(f, 'html', 'r.html')))
      return { ...s, notes: [f.note] }
    })
}

const NO_CHROMIUM = { notMeasured: 'no Chromium on this machine (set TRELLIS_CHROMIUM)' }

export const reportPdfCold: Measurement = {
  name: 'report.pdf.cold',
  label: 'export the PDF report, Chromium start included',
  targetMs: 3000,
  run: (ctx) =>
    findPdfPrinter()
      ? withFixture(ctx, async (f) => {
          const s = new Series()
          let pages = 0
          for (let i = 0; i < 5; i++) {
            await closeSharedChromium()
            const t = await timed(() => exportOnce(f, 'pdf', 'r.pdf'), { tree: true })
            pages = t.value.pages ?? 0
            s.add(t)
          }
          return { ...s, notes: [f.note, `${pages} A4 pages; CPU includes Chromium's processes (${basename(findPdfPrinter()!)})`] }
        })
      : Promise.resolve(NO_CHROMIUM)
}

export const reportPdfWarm: Measurement = {
  name: 'report.pdf.warm',
  label: 'export the PDF report with a warm renderer',
  targetMs: 1500,
  run: (ctx) =>
    findPdfPrinter()
      ? withFixture(ctx, async (f) => {
          await exportOnce(f, 'pdf', 'warmup.pdf')
          const s = new Series()
          for (let i = 0; i < 8; i++) s.add(await timed(() => exportOnce(f, 'pdf', 'r.pdf'), { tree: true }))
          await closeSharedChromium()
          return { ...s, notes: [f.note, `one warm page reused, emptied after each export; CPU includes Chromium (${basename(findPdfPrinter()!)})`] }
        })
      : Promise.resolve(NO_CHROMIUM)
}
