/**
 * `.trellis` files opened from the file manager. The OS hands the path over three ways: on the command line when
 * the app starts (Windows, Linux), in the argv of a second instance that then quits (Windows, Linux), and as an
 * `open-file` event on macOS (which may arrive before `ready`, so it is registered at once). Each path waits here
 * until the window has loaded and the vault is unlocked, then goes to the renderer as `file.opened`; the renderer
 * may import only a path main handed it (see the router's `grantedOpenPaths`). No electron import: tested in Node.
 */
import { basename, isAbsolute, resolve } from 'node:path'

export const FILE_OPENED_EVENT = 'file.opened'

/** The `.trellis` path in a command line, made absolute against the folder the command ran in; null if none. */
export function trellisFileFromArgv(argv: readonly string[], cwd: string): string | null {
  // argv[0] is the executable (and in development argv[1] the app folder); switches start with '-'.
  for (let i = argv.length - 1; i >= 1; i--) {
    const a = argv[i]
    if (!a || a.startsWith('-') || !/\.trellis$/i.test(a)) continue
    return isAbsolute(a) ? a : resolve(cwd, a)
  }
  return null
}

/** The part of `app` this module uses, so tests can fake it. */
export interface OpenFileApp {
  on(event: 'open-file', listener: (e: { preventDefault(): void }, path: string) => void): unknown
  on(event: 'second-instance', listener: (e: unknown, argv: string[], workingDirectory: string) => void): unknown
}

export interface OpenedFilesOptions {
  send(event: typeof FILE_OPENED_EVENT, payload: { path: string; name: string }): void
  /** Lets the renderer import exactly this path (a grant, as the save dialog gives for writes). */
  grant(path: string): void
  /** Bring the window forward when a file arrives. */
  focus?(): void
}

export class OpenedFiles {
  private readonly queue: string[] = []
  private windowReady = false
  private unlocked = false

  constructor(private readonly opts: OpenedFilesOptions) {}

  /** A file the OS asked us to open; delivered now or once the window is loaded and the vault unlocked. */
  offer(path: string): void {
    if (!this.queue.includes(path)) this.queue.push(path)
    this.opts.focus?.()
    this.flush()
  }

  /** The window's page finished loading (true) or is gone / reloading (false). */
  setWindowReady(ready: boolean): void {
    this.windowReady = ready
    this.flush()
  }

  setUnlocked(unlocked: boolean): void {
    this.unlocked = unlocked
    this.flush()
  }

  get pending(): readonly string[] {
    return this.queue
  }

  private flush(): void {
    if (!this.windowReady || !this.unlocked) return
    for (const path of this.queue.splice(0)) {
      this.opts.grant(path)
      this.opts.send(FILE_OPENED_EVENT, { path, name: basename(path) })
    }
  }
}

/** Channels whose success means the vault is now unlocked (or, for `vault.status`, says whether it is). */
const UNLOCKING = new Set(['vault.create', 'vault.unlock', 'vault.resetPassphrase', 'device.unlockRemembered'])

/** Follows the lock state from the results main routes: unlocks, `vault.status`, `vault.lock`. */
export function trackUnlock(files: OpenedFiles, channel: unknown, result: { ok: boolean; data?: unknown }): void {
  if (!result.ok) return
  if (UNLOCKING.has(String(channel))) files.setUnlocked(true)
  else if (channel === 'vault.lock') files.setUnlocked(false)
  else if (channel === 'vault.status') files.setUnlocked((result.data as { unlocked?: boolean } | undefined)?.unlocked === true)
}

/**
 * Registers the OS hooks. Call before `app.whenReady()`: macOS sends `open-file` for the file that started the app
 * before `ready`. The starting command line is read at once.
 */
export function watchOpenedFiles(app: OpenFileApp, files: OpenedFiles, argv: readonly string[], cwd: string): void {
  app.on('open-file', (e, path) => {
    e.preventDefault()
    files.offer(path)
  })
  app.on('second-instance', (_e, secondArgv, workingDirectory) => {
    const path = trellisFileFromArgv(secondArgv, workingDirectory)
    if (path) files.offer(path)
  })
  const first = trellisFileFromArgv(argv, cwd)
  if (first) files.offer(first)
}
