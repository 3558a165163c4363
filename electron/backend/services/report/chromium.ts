/**
 * PDF outside Electron (CLI, browser harness, tests, bench): headless Chromium driven over the DevTools protocol on
 * a pipe (no port is opened, nothing listens). One browser, with a temporary profile of its own, stays warm for
 * repeated exports; its one page is emptied after each print, and every network request the page attempts is failed
 * and counted (the report's own CSP already forbids them; this is the second lock). The app itself prints through
 * Electron's printToPDF from the same HTML.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import type { Readable, Writable } from 'node:stream'
import type { Paper } from '../../../../shared/report/model'
import { AppError } from '../../errors'
import { ownedTempDir, sweepStaleTempDirs } from '../../tempFolders'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']

/**
 * Chromium's old headless shell (Debian: chromium-headless-shell): the same Blink and PDF printer without the
 * browser's UI layer, which in the full browser's headless mode costs about 0.8 s of CPU at every start (measured:
 * a cold print of the largest bench client 2.2–2.4 s of CPU with the browser, 1.1–1.4 s with the shell). The
 * binary itself first: Debian's /usr/bin wrapper does not exec it, so killing the wrapper would leave it running.
 */
const SHELL_CANDIDATES = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell', '/usr/lib/chromium-browser/chromium-headless-shell']

/** A full Chromium: $TRELLIS_CHROMIUM, else a usual install location (browsers for tests, and the printer's fallback). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.TRELLIS_CHROMIUM
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null
  return CANDIDATES.find((p) => existsSync(p)) ?? null
}

/** What PDFs are printed with: $TRELLIS_CHROMIUM, else the headless shell, else a full Chromium. */
export function findPdfPrinter(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.TRELLIS_CHROMIUM) return findChromium(env)
  return SHELL_CANDIDATES.find((p) => existsSync(p)) ?? findChromium(env)
}

/**
 * A warm browser that nobody used for this long is closed: it holds about 150 MB and, until the page is emptied,
 * one client's report. Long enough to cover editing the summary between the preview and the export.
 */
export const IDLE_MS = 3 * 60_000

const PROFILE_PREFIX = 'trellis-print-'
/** Browsers of this process with their profile folders: ended and removed if Node exits with them running. */
const liveBrowsers = new Map<ChildProcess, string>()
process.once('exit', () => {
  for (const [proc, dir] of liveBrowsers) {
    proc.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
})

/** Removes the print profiles of processes that are gone (see tempFolders). */
export const sweepStaleProfiles = (dir?: string, force = false): void => sweepStaleTempDirs(PROFILE_PREFIX, dir, force)

const PAPER_INCHES: Record<Paper, { w: number; h: number }> = { a4: { w: 8.27, h: 11.69 }, letter: { w: 8.5, h: 11 } }

export interface PrintResult {
  pdf: Buffer
  /** URLs the page tried to fetch (all refused). Empty for a proper report. */
  blockedRequests: string[]
}

interface Pending {
  resolve(v: Record<string, unknown>): void
  reject(e: Error): void
}

type EventHandler = (params: Record<string, unknown>, sessionId?: string) => void

export class ChromiumPdf {
  private proc: ChildProcess | null = null
  private out: Writable | null = null
  private nextId = 1
  private pending = new Map<number, Pending>()
  private handlers = new Map<string, Set<EventHandler>>()
  private buffer = ''
  private profileDir: string | null = null
  private starting: Promise<void> | null = null
  private busy = 0
  private stderrTail = ''
  private idleTimer: NodeJS.Timeout | null = null
  private readonly idleMs: number

  constructor(
    private readonly executable: string,
    private readonly extraArgs: string[] = [],
    opts: { idleMs?: number } = {}
  ) {
    this.idleMs = opts.idleMs ?? IDLE_MS
  }

  /** The browser process while it runs (tests check that it is gone). */
  get pid(): number | null {
    return this.running ? (this.proc?.pid ?? null) : null
  }

  get running(): boolean {
    return this.proc !== null && this.proc.exitCode === null
  }

  private start(): Promise<void> {
    if (this.running && !this.starting) return Promise.resolve()
    this.starting ??= new Promise<void>((resolve, reject) => {
      this.profileDir = ownedTempDir(PROFILE_PREFIX)
      const args = [
        '--headless',
        '--remote-debugging-pipe',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        '--disable-default-apps',
        '--no-first-run',
        '--no-default-browser-check',
        '--mute-audio',
        '--hide-scrollbars',
        // No OS keyring (no D-Bus prompt or wait), exact colours for the firm's accent.
        '--password-store=basic',
        '--force-color-profile=srgb',
        // Headless Chromium still builds the omnibox popups of its (invisible) window as web pages: two renderer
        // processes that cost more CPU than printing the report. A print never needs them, nor a spare renderer
        // started ahead for a next tab (about 0.1 s of CPU).
        '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup,SpareRendererForSitePerProcess,Translate,MediaRouter,OptimizationHints',
        // Two helper processes a print does not need: the network service (every request is failed anyway) runs
        // in the browser process, and with no GPU there is no GPU process to start for software compositing. Measured
        // on a cold print of the largest bench client: 1.35–1.6 s of CPU before, 1.0–1.25 s after, same PDF.
        '--enable-features=NetworkServiceInProcess2',
        '--in-process-gpu',
        '--disable-software-rasterizer',
        `--user-data-dir=${this.profileDir}`,
        // Chromium refuses its sandbox as root (containers, CI); elsewhere the sandbox stays on.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ...this.extraArgs,
        'about:blank'
      ]
      const proc = spawn(this.executable, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] })
      this.proc = proc
      liveBrowsers.set(proc, this.profileDir)
      this.out = proc.stdio[3] as Writable
      const input = proc.stdio[4] as Readable
      input.setEncoding('utf8')
      input.on('data', (chunk: string) => this.onData(chunk))
      ;(proc.stderr as Readable).setEncoding('utf8')
      ;(proc.stderr as Readable).on('data', (s: string) => {
        this.stderrTail = (this.stderrTail + s).slice(-2000)
      })
      this.out.on('error', () => {})
      proc.on('error', (err) => {
        this.starting = null
        this.failAll(new AppError('INTERNAL', `Chromium could not be started to print the PDF (${err.message}).`))
        reject(new AppError('INTERNAL', `Chromium could not be started to print the PDF (${err.message}).`))
      })
      proc.on('exit', () => {
        liveBrowsers.delete(proc)
        if (this.idleTimer) clearTimeout(this.idleTimer)
        this.idleTimer = null
        this.proc = null
        this.page = null
        this.failAll(new AppError('INTERNAL', 'Chromium stopped while printing the PDF.'))
        this.cleanupProfile()
      })
      this.send('Browser.getVersion', {}).then(
        () => {
          this.starting = null
          resolve()
        },
        (err: Error) => {
          this.starting = null
          reject(err)
        }
      )
    })
    return this.starting
  }

  private cleanupProfile(): void {
    if (this.profileDir) rmSync(this.profileDir, { recursive: true, force: true })
    this.profileDir = null
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err)
    this.pending.clear()
  }

  private onData(chunk: string): void {
    this.buffer += chunk
    let at: number
    while ((at = this.buffer.indexOf('\0')) >= 0) {
      const raw = this.buffer.slice(0, at)
      this.buffer = this.buffer.slice(at + 1)
      let msg: { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string }
      try {
        msg = JSON.parse(raw)
      } catch {
        continue
      }
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id)
        if (!p) continue
        this.pending.delete(msg.id)
        if (msg.error) p.reject(new AppError('INTERNAL', `Printing the PDF failed in Chromium (${msg.error.message}).`))
        else p.resolve(msg.result ?? {})
      } else if (msg.method) {
        for (const h of this.handlers.get(msg.method) ?? []) h(msg.params ?? {}, msg.sessionId)
      }
    }
  }

  private send(method: string, params: Record<string, unknown>, sessionId?: string): Promise<Record<string, unknown>> {
    if (!this.out) return Promise.reject(new AppError('INTERNAL', 'Chromium is not running.'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.out!.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`)
    })
  }

  private on(method: string, h: EventHandler): () => void {
    const set = this.handlers.get(method) ?? new Set()
    set.add(h)
    this.handlers.set(method, set)
    return () => set.delete(h)
  }

  /** Keeps Node alive only while printing, so a CLI run ends when its work is done. */
  private hold(on: boolean): void {
    // close() resets the count while a start-ahead may still be ending: never below zero.
    this.busy = Math.max(0, this.busy + (on ? 1 : -1))
    // Idle time counts from the end of the last start-ahead or print; the timer never keeps Node alive.
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    if (this.busy === 0 && this.running) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null
        if (this.busy === 0) void this.close()
      }, this.idleMs)
      this.idleTimer.unref()
    }
    const refs = [this.proc, this.proc?.stdio[3], this.proc?.stdio[4], this.proc?.stderr] as ({ ref?(): void; unref?(): void } | null | undefined)[]
    for (const r of refs) {
      if (!r) continue
      if (this.busy > 0) r.ref?.()
      else r.unref?.()
    }
  }

  /**
   * The page prints happen in: the tab Chromium opens at start (a new context and page would start another renderer
   * process, about half a second of CPU), reused for every export. The browser's profile is a fresh temporary
   * folder that no other program uses, and the page's document is emptied after every print, so no client's
   * report stays in memory. Every request it attempts is failed and recorded for the print that is running.
   */
  private page: Promise<{ session: string; frameId: string }> | null = null
  private blocked: string[] = []
  private queue: Promise<unknown> = Promise.resolve()

  private openPage(): Promise<{ session: string; frameId: string }> {
    this.page ??= (async () => {
      const pages = (await this.send('Target.getTargets', { filter: [{ type: 'page' }] })).targetInfos as { targetId: string; url: string }[]
      const targetId = pages.find((t) => t.url === 'about:blank')?.targetId ?? ((await this.send('Target.createTarget', { url: 'about:blank' })).targetId as string)
      const session = (await this.send('Target.attachToTarget', { targetId, flatten: true })).sessionId as string
      this.on('Fetch.requestPaused', (p, sid) => {
        if (sid !== session) return
        this.blocked.push(String((p.request as { url?: string })?.url ?? ''))
        void this.send('Fetch.failRequest', { requestId: p.requestId, errorReason: 'BlockedByClient' }, session).catch(() => {})
      })
      await Promise.all([this.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }, session), this.send('Page.enable', {}, session)])
      const tree = (await this.send('Page.getFrameTree', {}, session)).frameTree as { frame: { id: string } }
      return { session, frameId: tree.frame.id }
    })()
    this.page.catch(() => (this.page = null))
    return this.page
  }

  /**
   * Starts Chromium and its page ahead of the first print (the Report screen asks when it opens; an export calls
   * this before it builds the model), or just restarts the idle time of a running one. Resolves when ready; a
   * failure to start is reported by the print that follows.
   */
  warm(): Promise<void> {
    this.hold(true)
    return this.start()
      .then(() => this.openPage())
      .then(
        () => {},
        () => {}
      )
      .finally(() => this.hold(false))
  }

  /** Prints one HTML document to PDF, one at a time. `isCancelled` is checked between steps. */
  print(html: string, paper: Paper, isCancelled: () => boolean = () => false): Promise<PrintResult> {
    const run = this.queue.then(() => this.printNow(html, paper, isCancelled))
    this.queue = run.catch(() => {})
    return run
  }

  private async printNow(html: string, paper: Paper, isCancelled: () => boolean): Promise<PrintResult> {
    this.hold(true)
    this.blocked = []
    let page: { session: string; frameId: string } | null = null
    try {
      await this.start()
      page = await this.openPage()
      if (isCancelled()) throw new AppError('CANCELLED', 'The export was cancelled.')
      await this.send('Page.setDocumentContent', { frameId: page.frameId, html }, page.session)
      // Images are data URIs and fonts are local, but both decode asynchronously: wait for them before printing.
      await this.send(
        'Runtime.evaluate',
        {
          expression:
            'Promise.all([document.fonts.ready, ...Array.from(document.images).map((i) => i.complete ? 0 : new Promise((r) => { i.onload = i.onerror = r }))]).then(() => true)',
          awaitPromise: true,
          returnByValue: true
        },
        page.session
      )
      if (isCancelled()) throw new AppError('CANCELLED', 'The export was cancelled.')
      const size = PAPER_INCHES[paper]
      const r = await this.send(
        'Page.printToPDF',
        { printBackground: true, preferCSSPageSize: true, paperWidth: size.w, paperHeight: size.h, displayHeaderFooter: false, generateTaggedPDF: true },
        page.session
      )
      return { pdf: Buffer.from(r.data as string, 'base64'), blockedRequests: [...this.blocked] }
    } catch (err) {
      // A page in an unknown state is not reused.
      if (!(err instanceof AppError && err.code === 'CANCELLED')) this.page = null
      if (err instanceof AppError) throw err
      throw new AppError('INTERNAL', `Printing the PDF failed (${(err as Error).message}).`)
    } finally {
      if (page) await this.send('Page.setDocumentContent', { frameId: page.frameId, html: '<!doctype html><title></title>' }, page.session).catch(() => {})
      this.hold(false)
    }
  }

  async close(): Promise<void> {
    const proc = this.proc
    if (!proc) return
    const exited = new Promise<void>((r) => proc.once('exit', () => r()))
    this.hold(true)
    await this.send('Browser.close', {}).catch(() => {})
    const timer = setTimeout(() => proc.kill('SIGKILL'), 3000)
    await exited
    clearTimeout(timer)
    this.busy = 0
  }
}

let shared: ChromiumPdf | null = null

/** The process-wide warm printer (started on first use). Throws when no Chromium is installed. */
export function sharedChromium(env: NodeJS.ProcessEnv = process.env): ChromiumPdf {
  if (shared) return shared
  const exe = findPdfPrinter(env)
  if (!exe)
    throw new AppError(
      'FILE_MISSING',
      'PDF export outside the app needs Chromium: install it (e.g. the chromium-headless-shell or chromium package) or set TRELLIS_CHROMIUM to its path. HTML and Markdown exports work without it.'
    )
  shared = new ChromiumPdf(exe)
  return shared
}

export async function closeSharedChromium(): Promise<void> {
  const s = shared
  shared = null
  await s?.close()
}

/** Pages in a PDF Chromium wrote (its page objects are plain, never inside object streams). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length
}
