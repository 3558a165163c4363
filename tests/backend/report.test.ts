/**
 * Client-ready reports: the model of a full sample client, HTML and Markdown output, section choice and order,
 * settings and branding, the export record, and atomic writing with clear errors that leave old files intact.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import type { ClientSummary, ReportExportRecord, ReportExportResult, ReportPreview, ReportSettings } from '../../shared/ipc/contract'
import { SECTION_KEYS } from '../../shared/report/model'
import { checksums, cleanup, err, ok, tempDir, unlockedBackend } from '../helpers/vault'

let b: Backend
let vaultDir: string
let out: string
let client: ClientSummary
const dirs: string[] = []

beforeAll(async () => {
  ;({ backend: b, vaultDir } = await unlockedBackend())
  out = tempDir('trellis-report-out-')
  dirs.push(vaultDir, out)
  await ok(b, 'demo.seed', { clients: 1, partners: 60, seed: 11 })
  client = (await ok<ClientSummary[]>(b, 'client.list', {}))[0]
}, 60_000)

afterAll(() => {
  b?.close()
  dirs.forEach(cleanup)
})

const sectionsIn = (html: string) => [...html.matchAll(/data-section="(\w+)"/g)].map((m) => m[1])

describe('report model and HTML', () => {
  it('renders every section of a full sample client, and says why the benchmark is left out', async () => {
    const p = await ok<ReportPreview>(b, 'report.preview', { clientId: client.id })
    expect(sectionsIn(p.html)).toEqual(SECTION_KEYS.filter((k) => k !== 'benchmark'))
    expect(p.omitted.map((o) => o.section)).toEqual(['benchmark'])
    expect(p.omitted[0].reason).toMatch(/benchmark/)
    // Facts from each data source reach the page.
    expect(p.html).toContain(client.name)
    expect(p.html).toMatch(/Overall maturity/)
    expect(p.html).toMatch(/Activation rate/)
    expect(p.html).toMatch(/Top partners by sourced pipeline/)
    expect(p.draft.length).toBeGreaterThanOrEqual(5)
    expect(p.draft.join(' ')).toMatch(/stage \d of 5/)
    // Charts are inline vector SVG: the stage strip, the timeline, the radar and the bars.
    for (const label of ['Journey stages', 'Roadmap timeline', 'Maturity radar', 'Partners by lifecycle stage', 'Partners by health'])
      expect(p.html).toContain(`aria-label="${label}"`)
  })

  it('is one self-contained file: no script, no external reference, a CSP that forbids the network', async () => {
    const { html } = await ok<ReportPreview>(b, 'report.preview', { clientId: client.id })
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"`)
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<link\b/i)
    expect(html).not.toMatch(/\bsrc="(?!data:)/)
    expect(html).not.toMatch(/url\(/)
    // The only URL is the SVG namespace name (an identifier, never fetched).
    expect(new Set(html.match(/https?:\/\/[^"'\s)]+/g))).toEqual(new Set(['http://www.w3.org/2000/svg']))
  })

  it('prints with page rules: paper size, page numbers, confidentiality line, repeated table headers, no cut rows', async () => {
    const a4 = (await ok<ReportPreview>(b, 'report.preview', { clientId: client.id })).html
    const letter = (await ok<ReportPreview>(b, 'report.preview', { clientId: client.id, paper: 'letter' })).html
    expect(a4).toMatch(/@page \{ size: A4;/)
    expect(letter).toMatch(/@page \{ size: letter;/)
    expect(a4).toMatch(/@bottom-right \{ content: counter\(page\) " \/ " counter\(pages\)/)
    expect(a4).toMatch(/@bottom-left \{ content: "Confidential — prepared for /)
    expect(a4).toMatch(/table\.t thead \{ display: table-header-group; \}/)
    expect(a4).toMatch(/table\.t tr \{ break-inside: avoid;/)
    expect(a4).toMatch(/h1, h2, h3 \{ break-after: avoid;/)
  })

  it('shows only the sections picked, in the order picked', async () => {
    const { html } = await ok<ReportPreview>(b, 'report.preview', { clientId: client.id, sections: ['actions', 'maturity', 'cover'] })
    expect(sectionsIn(html)).toEqual(['actions', 'maturity', 'cover'])
    expect(html).toMatch(/<div class="kicker">01<\/div><h1>The next 90 days/)
    const e = await err(b, 'report.preview', { clientId: client.id, sections: ['cover', 'cover'] })
    expect(e.code).toBe('VALIDATION')
    expect((await err(b, 'report.preview', { clientId: client.id, sections: ['appendix'] })).code).toBe('VALIDATION')
    expect((await err(b, 'report.preview', { clientId: client.id, sections: [] })).message).toMatch(/at least one section/)
  })

  it('escapes what clients and consultants type, in the page and in the print rules', async () => {
    const c = await ok<ClientSummary>(b, 'client.create', { name: '<script>alert(1)</script> "Quotes" & \\ Co </style>' })
    await ok(b, 'report.settings.update', { clientId: c.id, patch: { summary: '<img src=x onerror=alert(1)>\n\nSecond paragraph', confidentiality: 'Secret "{client}" </style><b>' } })
    const { html } = await ok<ReportPreview>(b, 'report.preview', { clientId: c.id })
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    expect(html.match(/<\/style>/g)).toHaveLength(1)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;Quotes&quot; &amp; \\ Co')
    // In CSS strings quotes, backslashes and angle brackets are hex escapes.
    expect(html).toMatch(/@bottom-left \{ content: "Secret \\22 &lt;|@bottom-left \{ content: "Secret \\22 \\3c script\\3e /)
    const md = await exportTo(c.id, 'md', 'esc.md')
    expect(readFileSync(md.path, 'utf8')).toContain('Second paragraph')
  })

  it('a client with no data yet still gets a report: cover, summary and what can be shown', async () => {
    const c = await ok<ClientSummary>(b, 'client.create', { name: 'Empty Start Ltd' })
    const p = await ok<ReportPreview>(b, 'report.preview', { clientId: c.id })
    expect(sectionsIn(p.html)).toContain('cover')
    expect(sectionsIn(p.html)).toContain('summary')
    expect(p.omitted.map((o) => o.section)).toEqual(expect.arrayContaining(['journey', 'roadmap', 'maturity', 'portfolio', 'benchmark']))
  })
})

describe('Markdown', () => {
  it('carries the same content as tables and lists', async () => {
    const r = await exportTo(client.id, 'md', 'report.md')
    const md = readFileSync(r.path, 'utf8')
    expect(md.startsWith(`# Partner program report: ${client.name}`)).toBe(true)
    for (const h of ['## 1. Executive summary', '## 2. Where the program is on its journey', '## 3. Roadmap for the next two quarters', '## 4. Maturity results', '## 6. Portfolio health', '## 7. The next 90 days'])
      expect(md).toContain(h)
    expect(md).toMatch(/\| Dimension \| Score \| Level \| Before \| Change \|/)
    expect(md).toMatch(/\| Due \| Action \| Owner \| From \|/)
    expect(md).not.toMatch(/<svg|<div|<table/)
    // Every table row has as many cells as its header.
    const tables = md.split('\n\n').filter((blk) => blk.startsWith('| '))
    for (const t of tables) {
      const rows = t.split('\n').filter((l) => l.startsWith('|'))
      const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length
      for (const row of rows) expect(cells(row)).toBe(cells(rows[0]))
    }
  })
})

async function exportTo(clientId: string, format: 'html' | 'md' | 'pdf', name: string, extra: Record<string, unknown> = {}) {
  return ok<ReportExportResult>(b, 'report.export', { clientId, format, outPath: join(out, name), ...extra })
}

describe('settings, branding and the export record', () => {
  it('keeps the consultant’s choices per client and uses them by default', async () => {
    const s = await ok<ReportSettings>(b, 'report.settings.update', {
      clientId: client.id,
      patch: { sections: ['cover', 'summary', 'actions'], paper: 'letter', summary: 'Partners are the growth engine this year.', title: 'Quarterly partner review' }
    })
    expect(s.sections).toEqual(['cover', 'summary', 'actions'])
    const { html } = await ok<ReportPreview>(b, 'report.preview', { clientId: client.id })
    expect(sectionsIn(html)).toEqual(['cover', 'summary', 'actions'])
    expect(html).toContain('Partners are the growth engine this year.')
    expect(html).toContain('Quarterly partner review')
    expect(html).toMatch(/size: letter/)
    expect((await err(b, 'report.settings.update', { clientId: client.id, patch: { clientLogo: 'data:text/html;base64,PGI+' } })).message).toMatch(/PNG, JPEG, WebP or SVG/)
    await ok(b, 'report.settings.update', { clientId: client.id, patch: { sections: [...SECTION_KEYS], paper: 'a4', summary: '', title: 'Partner program report' } })
  })

  it('branding lives in the vault folder, encrypted, and shows on every client’s report', async () => {
    const logo = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="20"><rect width="80" height="20" fill="#222"/></svg>').toString('base64')}`
    await ok(b, 'report.branding.update', { patch: { firmName: 'Fernhill Partner Advisory', accent: '#7A3E9D', firmLogo: logo, preparedBy: 'Jo Ortega' } })
    const { html } = await ok<ReportPreview>(b, 'report.preview', { clientId: client.id })
    expect(html).toContain('Fernhill Partner Advisory')
    expect(html).toContain('--accent: #7a3e9d')
    expect(html).toContain(`src="${logo}"`)
    const file = readFileSync(join(vaultDir, 'settings', 'branding.json'), 'utf8')
    expect(file).not.toContain('Fernhill')
    expect((await err(b, 'report.branding.update', { patch: { accent: 'purple' } })).code).toBe('VALIDATION')
  })

  it('records each export on the client (date, format, paper, sections, file name) for regeneration', async () => {
    const r = await exportTo(client.id, 'html', 'record.html', { sections: ['summary', 'portfolio'], paper: 'letter' })
    expect(r.record).toMatchObject({ format: 'html', paper: 'letter', sections: ['summary', 'portfolio'], fileName: 'record.html', bytes: r.bytes })
    const h = await ok<ReportExportRecord[]>(b, 'report.history', { clientId: client.id })
    expect(h[0]).toEqual(r.record)
    // The record is in the client's own file, not in the vault.
    const row = b.session.client(client.id).sqlite.prepare('SELECT file_name, sections FROM report_exports WHERE id = ?').get(r.record.id)
    expect(row).toEqual({ file_name: 'record.html', sections: '["summary","portfolio"]' })
  })
})

describe('writing the file', () => {
  it('refuses to replace an existing file without force, leaving it intact; replaces it with force', async () => {
    const path = join(out, 'exists.html')
    writeFileSync(path, 'the old report')
    const e = await err(b, 'report.export', { clientId: client.id, format: 'html', outPath: path })
    expect(e.code).toBe('CONFLICT')
    expect(e.message).toMatch(/exists\.html already exists/)
    expect(readFileSync(path, 'utf8')).toBe('the old report')
    await ok(b, 'report.export', { clientId: client.id, format: 'html', outPath: path, force: true })
    expect(readFileSync(path, 'utf8')).toMatch(/^<!doctype html>/)
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('gives clear errors for a missing folder, a folder as target and a wrong extension, writing nothing', async () => {
    const before = checksums(out)
    const missing = await err(b, 'report.export', { clientId: client.id, format: 'html', outPath: join(out, 'nope', 'r.html') })
    expect(missing).toMatchObject({ code: 'FILE_MISSING' })
    expect(missing.message).toMatch(/does not exist/)
    mkdirSync(join(out, 'dir.html'))
    expect((await err(b, 'report.export', { clientId: client.id, format: 'html', outPath: join(out, 'dir.html'), force: true })).message).toMatch(/is a folder/)
    expect((await err(b, 'report.export', { clientId: client.id, format: 'pdf', outPath: join(out, 'r.html') })).message).toMatch(/ends with \.pdf/)
    expect((await err(b, 'report.export', { clientId: client.id, format: 'md', outPath: 'relative.md' })).message).toMatch(/full path/)
    expect(checksums(out)).toEqual(before)
  })

  it('an unwritable folder answers READ_ONLY and leaves the old file there intact', async () => {
    const dir = tempDir('trellis-report-ro-')
    dirs.push(dir)
    writeFileSync(join(dir, 'r.html'), 'old')
    const ro = readOnlyView(dir)
    try {
      const e = await err(b, 'report.export', { clientId: client.id, format: 'html', outPath: join(ro, 'r.html'), force: true })
      expect(e.code).toBe('READ_ONLY')
      expect(e.message).toMatch(/cannot be saved/)
      expect(readFileSync(join(dir, 'r.html'), 'utf8')).toBe('old')
      expect(readdirSync(dir)).toEqual(['r.html'])
    } finally {
      release(ro, dir)
    }
  })

  it('a cancelled or unknown job is answered plainly', async () => {
    expect(await ok(b, 'report.cancel', { jobId: 'no-such-job' })).toEqual({ cancelled: false })
    expect((await err(b, 'report.cancel', { jobId: 'x' })).code).toBe('VALIDATION')
  })
})

// Root ignores file permissions, so there a read-only bind mount makes the folder really unwritable.
function readOnlyView(dir: string): string {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555)
    return dir
  }
  const ro = tempDir('trellis-report-romnt-')
  execFileSync('mount', ['--bind', dir, ro])
  execFileSync('mount', ['-o', 'remount,ro,bind', ro])
  return ro
}
function release(ro: string, dir: string): void {
  if (ro === dir) chmodSync(dir, 0o755)
  else {
    execFileSync('umount', ['-l', ro])
    dirs.push(ro)
  }
  expect(existsSync(dir)).toBe(true)
}
