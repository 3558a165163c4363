/**
 * The PDF of a full sample client, printed by real headless Chromium, checked with poppler: page count and size,
 * vector charts (no bitmaps), no blank pages, page numbers and the confidentiality line on every page; the HTML
 * export opened in Chromium from disk with every other request blocked; cancelling a running export.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import { closeSharedChromium, findChromium } from '../../electron/backend/services/report/chromium'
import type { ClientSummary, ReportExportResult, ReportProgress } from '../../shared/ipc/contract'
import { cleanup, err, ok, tempDir, unlockedBackend } from '../helpers/vault'

const CHROMIUM = findChromium()
const POPPLER = (() => {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
if (!CHROMIUM || !POPPLER) console.warn('report PDF tests need Chromium and poppler-utils; skipped here (CI installs both)')

let b: Backend
let out: string
let client: ClientSummary
const dirs: string[] = []

beforeAll(async () => {
  if (!CHROMIUM || !POPPLER) return
  const u = await unlockedBackend()
  b = u.backend
  out = tempDir('trellis-report-pdf-')
  dirs.push(u.vaultDir, out)
  await ok(b, 'demo.seed', { clients: 1, partners: 80, seed: 21 })
  client = (await ok<ClientSummary[]>(b, 'client.list', {}))[0]
}, 60_000)

afterAll(async () => {
  await closeSharedChromium()
  b?.close()
  dirs.forEach(cleanup)
})

function pdftext(path: string, page?: number): string {
  return execFileSync('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), path, '-'], { encoding: 'utf8' })
}

function info(path: string): { pages: number; size: string } {
  const s = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
  return { pages: Number(/Pages:\s+(\d+)/.exec(s)![1]), size: /Page size:\s+(.+)/.exec(s)![1] }
}

/** One PDF page as SVG (poppler's cairo backend): what it draws, as paths with their colours. */
function pageSvg(path: string, page: number): string {
  const file = join(out, `page-${page}.svg`)
  execFileSync('pdftocairo', ['-svg', '-f', String(page), '-l', String(page), path, file])
  return readFileSync(file, 'utf8')
}

/** The first page after the cover (which lists the contents) whose text contains `title`. */
function pageWith(path: string, pages: number, title: string): number {
  for (let p = 2; p <= pages; p++) if (pdftext(path, p).includes(title)) return p
  throw new Error(`no page shows ${title}`)
}

/** Share of pixels that are not white on one page rendered in grey at low resolution. */
function inkShare(path: string, page: number): number {
  const dir = join(out, `ink-${page}`)
  mkdirSync(dir, { recursive: true })
  execFileSync('pdftoppm', ['-gray', '-r', '20', '-f', String(page), '-l', String(page), path, join(dir, 'p')])
  const file = join(dir, readdirSync(dir)[0])
  const buf = readFileSync(file)
  // PGM (P5): three header lines, then one byte per pixel.
  let at = 0
  for (let lines = 0; lines < 3; at++) if (buf[at] === 0x0a) lines++
  const px = buf.subarray(at)
  let ink = 0
  for (const v of px) if (v < 235) ink++
  return ink / px.length
}

describe.skipIf(!CHROMIUM || !POPPLER)('report PDF', { timeout: 120_000 }, () => {
  let a4: ReportExportResult

  /**
   * Every page of a full report: the paper size, the page count the export reported, ink and text of its own on
   * every page (nothing blank), page numbers and the confidentiality line in the margins, and every section there.
   */
  function checkPages(r: ReportExportResult, size: RegExp): number {
    const i = info(r.path)
    expect(i.size).toMatch(size)
    expect(i.pages).toBe(r.pages)
    expect(i.pages).toBeGreaterThanOrEqual(7)
    for (let p = 1; p <= i.pages; p++) {
      const text = pdftext(r.path, p)
      // Not blank: ink beyond the running header and footer, and real text on it.
      expect(inkShare(r.path, p), `page ${p} looks blank`).toBeGreaterThan(0.01)
      const body = text.replace(/.*(YOUR PARTNER PRACTICE|Confidential —).*\n?/g, '').replace(/\s+/g, ' ').trim()
      expect(body.length, `page ${p} has no text of its own`).toBeGreaterThan(40)
      if (p === 1) continue // the cover has no running header or page number
      // Page numbers come from the @page margin box (pdftotext may drop the spaces around the slash).
      expect(text).toMatch(new RegExp(`\\b${p}\\s*/\\s*${i.pages}\\s*$`))
      expect(text).toContain(`Confidential — prepared for ${client.name}.`)
    }
    const all = pdftext(r.path)
    for (const t of ['Executive summary', 'Where the program is on its journey', 'Roadmap for the next two quarters', 'Maturity results', 'Portfolio health', 'The next 90 days'])
      expect(all).toContain(t)
    return i.pages
  }

  it('prints a full sample client on A4: every page has content, numbers and the confidentiality line', async () => {
    a4 = await ok<ReportExportResult>(b, 'report.export', { clientId: client.id, format: 'pdf', outPath: join(out, 'report-a4.pdf') })
    checkPages(a4, /\(A4\)/)
  })

  it('draws the charts as vector paths in the accent colour, not pictures', () => {
    // No raster image at all (no logo is set): the charts cannot be bitmaps.
    const images = execFileSync('pdfimages', ['-list', a4.path], { encoding: 'utf8' }).trim().split('\n').slice(2)
    expect(images).toEqual([])
    const pages = info(a4.path).pages
    // #0f6e6e as poppler writes it: rgb(5.9%, 43.1%, 43.1%).
    const accent = /rgb\(5\.8\d*%,43\.1\d*%,43\.1\d*%\)/
    for (const title of ['Where the program is on its journey', 'Roadmap for the next two quarters', 'Maturity results', 'Portfolio health']) {
      const svg = pageSvg(a4.path, pageWith(a4.path, pages, title))
      const paths = svg.match(/<path[^>]*>/g) ?? []
      expect(paths.filter((x) => /fill:rgb\(5\.8/.test(x) || /stroke:rgb\(5\.8/.test(x)).length, title).toBeGreaterThan(0)
      expect(svg).toMatch(accent)
      expect(paths.length, title).toBeGreaterThan(40)
    }
    // The radar's outline is one stroked accent path with a segment per dimension.
    const radar = pageSvg(a4.path, pageWith(a4.path, pages, 'Maturity results'))
    expect(radar).toMatch(/stroke:rgb\(5\.8\d*%,43\.1\d*%,43\.1\d*%\)/)
    // Chart labels are real text.
    const text = pdftext(a4.path)
    expect(text).toContain('TODAY')
    expect(text).toMatch(/Strategy & business/)
  })

  it('prints the same client on US Letter: every page has content, numbers and the confidentiality line', async () => {
    const r = await ok<ReportExportResult>(b, 'report.export', { clientId: client.id, format: 'pdf', outPath: join(out, 'report-letter.pdf'), paper: 'letter' })
    const pages = checkPages(r, /612 x 792 pts \(letter\)/)
    // A shorter page than A4 takes at most two more pages for the same content, never fewer.
    expect(pages).toBeGreaterThanOrEqual(a4.pages!)
    expect(pages).toBeLessThanOrEqual(a4.pages! + 2)
    // The maturity section (score, radar, one row per dimension) fits on one Letter page.
    const mat = pageWith(r.path, pages, 'Maturity results')
    expect(pdftext(r.path, mat)).toMatch(/Measurement & governance +\d\.\d +\S/)
  })

  it('repeats the table header on every page a long table runs to, and cuts no row', async () => {
    // 45 actions in the next 90 days: the table of the next 90 days runs over at least two pages.
    const partner = (await ok<{ id: string; name: string }[]>(b, 'partner.list', { clientId: client.id }))[0]
    const texts = Array.from({ length: 45 }, (_, i) => `Joint plan check-in ${String(i + 1).padStart(2, '0')}`)
    for (const [i, text] of texts.entries())
      await ok(b, 'partner.action.save', { clientId: client.id, partnerId: partner.id, text, owner: 'Dana Whitfield', dueAt: `2027-01-${String((i % 28) + 1).padStart(2, '0')}` })
    const r = await ok<ReportExportResult>(b, 'report.export', { clientId: client.id, format: 'pdf', outPath: join(out, 'actions.pdf'), sections: ['actions'], asOf: '2026-12-20' })
    expect(r.pages).toBeGreaterThanOrEqual(2)
    let seen = ''
    for (let p = 1; p <= r.pages!; p++) {
      const text = pdftext(r.path, p)
      // The header row of the table on every page (pdftotext keeps the columns apart with spaces).
      expect(text, `page ${p} lacks the table header`).toMatch(/DUE\s+ACTION\s+OWNER\s+FROM/)
      seen += text
    }
    // Every row the table holds (it lists up to a limit, then says how many more) whole on one page: its text once,
    // never split over a page break.
    const { html } = await ok<{ html: string }>(b, 'report.preview', { clientId: client.id, sections: ['actions'], asOf: '2026-12-20', purpose: 'print' })
    const shown = texts.filter((t) => html.includes(t))
    expect(shown.length).toBeGreaterThan(20)
    for (const t of shown) expect(seen.split(t).length - 1, t).toBe(1)
  })

  it('opens the HTML export from disk in Chromium with the network blocked: nothing is requested, nothing fails', async () => {
    const r = await ok<ReportExportResult>(b, 'report.export', { clientId: client.id, format: 'html', outPath: join(out, 'report.html') })
    const browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
    try {
      const context = await browser.newContext({ offline: true })
      const page = await context.newPage()
      const fileUrl = `file://${r.path}`
      const requested: string[] = []
      const failed: string[] = []
      await context.route('**/*', (route) => (route.request().url() === fileUrl ? route.continue() : (requested.push(route.request().url()), route.abort())))
      page.on('requestfailed', (req) => failed.push(req.url()))
      const errors: string[] = []
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
      await page.goto(fileUrl, { waitUntil: 'load' })
      expect(requested).toEqual([])
      expect(failed).toEqual([])
      expect(errors).toEqual([])
      expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(5)
      expect(await page.locator('section[data-section]').count()).toBe(8)
      await context.close()
    } finally {
      await browser.close()
    }
  })

  it('reports progress and can be cancelled while printing; no file is written', async () => {
    const steps: string[] = []
    const off = b.onEvent((event, payload) => {
      if (event !== 'report.progressed') return
      const p = payload as ReportProgress
      steps.push(p.step)
      if (p.step === 'print' && p.jobId === 'job-cancel-1') void b.call('report.cancel', { jobId: p.jobId })
    })
    try {
      const target = join(out, 'cancelled.pdf')
      const e = await err(b, 'report.export', { clientId: client.id, format: 'pdf', outPath: target, jobId: 'job-cancel-1' })
      expect(e.code).toBe('CANCELLED')
      expect(existsSync(target)).toBe(false)
      expect(readdirSync(out).filter((f) => f.includes('cancelled'))).toEqual([])
      expect(steps).toEqual(['collect', 'render', 'print', 'cancelled'])
      // A later export with the warm printer still works.
      const r = await ok<ReportExportResult>(b, 'report.export', { clientId: client.id, format: 'pdf', outPath: target, jobId: 'job-cancel-2' })
      expect(r.pages).toBeGreaterThan(5)
    } finally {
      off()
    }
  })
})
