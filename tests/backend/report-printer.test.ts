/**
 * The PDF printer's life: started ahead by `report.prepare` (the Report screen) so the export reuses it, closed
 * after an idle time, and closed when the vault locks or the backend closes, leaving no Chromium process behind.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import { ChromiumPdf, closeSharedChromium, findPdfPrinter, sharedChromium, sweepStaleProfiles } from '../../electron/backend/services/report/chromium'
import { ReportService } from '../../electron/backend/services/report/index'
import type { ClientSummary, ReportExportResult } from '../../shared/ipc/contract'
import { cleanup, ok, TEST_PASSPHRASE, tempDir, unlockedBackend } from '../helpers/vault'

const PRINTER = findPdfPrinter()
if (!PRINTER) console.warn('report printer tests need Chromium; skipped here (CI installs it)')

/** Whether a process with this id still exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until(what: string, cond: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** The browser's helper processes (renderer, network…) named after it, found through /proc. */
function childrenOf(pid: number): number[] {
  const kids: number[] = []
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) kids.push(Number(d))
    } catch {
      // gone meanwhile
    }
  }
  return kids
}

let b: Backend
let client: ClientSummary
const dirs: string[] = []

beforeAll(async () => {
  if (!PRINTER) return
  const u = await unlockedBackend()
  b = u.backend
  dirs.push(u.vaultDir)
  await ok(b, 'demo.seed', { clients: 1, partners: 40, seed: 3 })
  client = (await ok<ClientSummary[]>(b, 'client.list', {}))[0]
}, 60_000)

afterAll(async () => {
  await closeSharedChromium()
  b?.close()
  dirs.forEach(cleanup)
})

describe.skipIf(!PRINTER)('the report PDF printer', { timeout: 60_000 }, () => {
  it('is started ahead by report.prepare, and the export prints with that same browser', async () => {
    await closeSharedChromium()
    expect(await ok<{ ready: boolean }>(b, 'report.prepare', { clientId: client.id })).toEqual({ ready: true })
    const printer = sharedChromium()
    const pid = printer.pid!
    expect(pid).toBeGreaterThan(0)
    expect(alive(pid)).toBe(true)
    const out = tempDir('trellis-report-printer-')
    dirs.push(out)
    const r = await ok<ReportExportResult>(b, 'report.export', { clientId: client.id, format: 'pdf', outPath: join(out, 'r.pdf') })
    expect(r.pages).toBeGreaterThan(3)
    expect(printer.pid).toBe(pid)
    // Asking again while it runs changes nothing.
    expect(await ok<{ ready: boolean }>(b, 'report.prepare', { clientId: client.id })).toEqual({ ready: true })
    expect(sharedChromium().pid).toBe(pid)
  })

  it('refuses to prepare for a client that is not in the vault', async () => {
    const r = await b.call('report.prepare', { clientId: 'c_aaaaaaaaaaaaaaaa' })
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND')
  })

  it('answers ready: false where no Chromium can be started, without failing', async () => {
    const s = new ReportService(b.session)
    s.printer = () => {
      throw new Error('no Chromium here')
    }
    expect(await s.prepare(client.id)).toEqual({ ready: false })
  })

  it('closes itself after the idle time, with its helper processes, and starts again when needed', async () => {
    const p = new ChromiumPdf(PRINTER!, [], { idleMs: 400 })
    try {
      await p.warm()
      const pid = p.pid!
      expect(alive(pid)).toBe(true)
      const helpers = childrenOf(pid)
      expect(helpers.length).toBeGreaterThan(0)
      // A print restarts the idle time: still there right after it.
      const r = await p.print('<!doctype html><title>t</title><p>One page.</p>', 'a4')
      expect(r.pdf.subarray(0, 5).toString()).toBe('%PDF-')
      expect(p.pid).toBe(pid)
      await until('the idle browser closed', () => !p.running)
      await until('its processes are gone', () => !alive(pid) && helpers.every((h) => !alive(h)))
      // The next print starts a new one.
      const again = await p.print('<!doctype html><title>t</title><p>Again.</p>', 'letter')
      expect(again.pdf.subarray(0, 5).toString()).toBe('%PDF-')
      expect(p.pid).not.toBe(pid)
    } finally {
      await p.close()
    }
  })

  it('fails every request a page attempts and counts it; an export whose page tried one writes nothing', async () => {
    // A local server stands for "the network": it must never be reached.
    const hits: string[] = []
    const server = createServer((req, res) => (hits.push(req.url ?? ''), res.end('x')))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const p = new ChromiumPdf(PRINTER!)
      try {
        const page = `<!doctype html><title>t</title><link rel="stylesheet" href="${base}/style.css"><style>body { background: url(${base}/bg.png) }</style><p>Text</p><img src="${base}/logo.png"><iframe src="${base}/frame.html"></iframe>`
        const r = await p.print(page, 'a4')
        expect(r.pdf.subarray(0, 5).toString()).toBe('%PDF-')
        expect(r.blockedRequests.map((u) => u.slice(base.length)).sort()).toEqual(expect.arrayContaining(['/logo.png', '/style.css']))
        // A clean page afterwards reports nothing: the count is per print.
        expect((await p.print('<!doctype html><title>t</title><p>Clean</p>', 'a4')).blockedRequests).toEqual([])
      } finally {
        await p.close()
      }

      // Through the export: a page that tries the network is refused and no file appears. (The report's own CSP
      // stops any request below it, so the stand-in for a faulty report asks before that line.)
      const s = new ReportService(b.session)
      const real = new ChromiumPdf(PRINTER!)
      s.printer = () => ({ print: (html, paper, c) => real.print(html.replace('<head>', `<head><link rel="stylesheet" href="${base}/early.css">`), paper, c) })
      const out = tempDir('trellis-report-blocked-')
      dirs.push(out)
      try {
        await expect(s.export({ clientId: client.id, format: 'pdf', outPath: join(out, 'r.pdf'), force: false })).rejects.toThrow(/tried to load something from the network while printing; nothing was written/)
        expect(readdirSync(out)).toEqual([])
      } finally {
        await real.close()
      }
      expect(hits).toEqual([])
    } finally {
      server.close()
    }
  })

  it('removes the profile folders of printers whose process died, and keeps live and unknown recent ones', () => {
    const dir = tempDir('trellis-sweep-')
    dirs.push(dir)
    const make = (name: string, owner?: number) => {
      mkdirSync(join(dir, name))
      writeFileSync(join(dir, name, 'Local State'), '{}')
      if (owner !== undefined) writeFileSync(join(dir, name, 'trellis-owner'), String(owner))
      return join(dir, name)
    }
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!
    make('trellis-print-dead', gone)
    make('trellis-print-live', process.pid)
    make('trellis-print-recent')
    const old = make('trellis-print-old')
    utimesSync(old, new Date(Date.now() - 2 * 3_600_000), new Date(Date.now() - 2 * 3_600_000))
    make('something-else', gone)
    sweepStaleProfiles(dir, true)
    expect(readdirSync(dir).sort()).toEqual(['something-else', 'trellis-print-live', 'trellis-print-recent'])
  })

  it('ends its browser and removes the profile when Node exits with it running', async () => {
    const script = join(tempDir('trellis-exit-'), 'exit.mts')
    dirs.push(dirname(script))
    const chromium = join(__dirname, '../../electron/backend/services/report/chromium.ts')
    writeFileSync(
      script,
      `import { ChromiumPdf } from ${JSON.stringify(chromium)}\nconst p = new ChromiumPdf(${JSON.stringify(PRINTER)})\nawait p.warm()\nconsole.log(p.pid)\nprocess.exit(0)\n`
    )
    const before = new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('trellis-print-')))
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 })
    expect(r.status, r.stderr).toBe(0)
    const pid = Number(r.stdout.trim())
    expect(pid).toBeGreaterThan(0)
    await until('the browser ended with Node', () => !alive(pid))
    const left = readdirSync(tmpdir()).filter((n) => n.startsWith('trellis-print-') && !before.has(n))
    // Folders of printers other tests run at the same time are still theirs: none may name the exited process.
    const owner = (n: string) => {
      try {
        return readFileSync(join(tmpdir(), n, 'trellis-owner'), 'utf8')
      } catch {
        return ''
      }
    }
    for (const n of left) expect(owner(n)).not.toBe(String(r.pid))
  })

  it('closes when the vault locks, and on the backend’s close', async () => {
    expect(await ok<{ ready: boolean }>(b, 'report.prepare', { clientId: client.id })).toEqual({ ready: true })
    const pid = sharedChromium().pid!
    const helpers = childrenOf(pid)
    await ok(b, 'vault.lock', {})
    await until('Chromium ended on lock', () => !alive(pid) && helpers.every((h) => !alive(h)))
    expect(sharedChromium().running).toBe(false)

    await ok(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(await ok<{ ready: boolean }>(b, 'report.prepare', { clientId: client.id })).toEqual({ ready: true })
    const second = sharedChromium().pid!
    expect(second).not.toBe(pid)
    b.close()
    await until('Chromium ended on close', () => !alive(second))
    expect(existsSync(`/proc/${second}`)).toBe(false)
  })
})
