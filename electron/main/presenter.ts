/**
 * The workshop's projector window, as logic without Electron (tested in Node): at most one presenter window,
 * opened only from the main window, placed on another display when there is one, told only the events it needs,
 * and closed when the vault locks (it must not keep showing a client's workshop behind the unlock screen).
 * `presenterWindow.ts` gives it real BrowserWindows.
 */
import { PRESENTER_EVENTS } from './security/policy'

export interface PresenterWin {
  isDestroyed(): boolean
  loadURL(url: string): void
  currentURL(): string
  show(): void
  close(): void
  send(event: string, payload: unknown): void
  /** True when an IPC message's sender is this window's page. */
  isSender(sender: unknown): boolean
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export class PresenterHost {
  private win: PresenterWin | null = null

  constructor(private readonly create: (url: string, onClosed: () => void) => PresenterWin) {}

  /** Opens the presenter at `url` (already checked by `presenterWindowUrl`), or brings the open one there. */
  open(url: string): void {
    const w = this.win
    if (w && !w.isDestroyed()) {
      if (w.currentURL() !== url) w.loadURL(url)
      w.show()
      return
    }
    const created = this.create(url, () => {
      if (this.win === created) this.win = null
    })
    this.win = created
  }

  isOpen(): boolean {
    return this.win !== null && !this.win.isDestroyed()
  }

  isPresenter(sender: unknown): boolean {
    return this.isOpen() && (this.win as PresenterWin).isSender(sender)
  }

  /** Called with every backend event: the presenter hears only its own; a lock closes it. */
  forward(event: string, payload: unknown): void {
    if (!this.isOpen()) return
    if (event === 'vault.locked') return this.close()
    if (PRESENTER_EVENTS.has(event)) (this.win as PresenterWin).send(event, payload)
  }

  close(): void {
    const w = this.win
    this.win = null
    if (w && !w.isDestroyed()) w.close()
  }
}

/** The projector is the display the facilitator's window is not on; with one display, the same one. */
export function presenterBounds(displays: readonly { id: number; workArea: Rect }[], mainDisplayId: number | null): { bounds: Rect; otherDisplay: boolean } {
  const other = displays.find((d) => d.id !== mainDisplayId)
  const target = other ?? displays.find((d) => d.id === mainDisplayId) ?? displays[0]
  if (!target) return { bounds: { x: 0, y: 0, width: 1280, height: 720 }, otherDisplay: false }
  const a = target.workArea
  if (other) return { bounds: { ...a }, otherDisplay: true }
  // Same display: a large window the facilitator can drag to the projector once it is plugged in.
  const width = Math.min(a.width, 1280)
  const height = Math.min(a.height, 800)
  return {
    bounds: { x: a.x + Math.round((a.width - width) / 2), y: a.y + Math.round((a.height - height) / 2), width, height },
    otherDisplay: false
  }
}
