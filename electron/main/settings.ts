/**
 * Per-device state of the desktop app in `<userData>/settings.json`: the user's preferences (auto-lock, theme)
 * and the window's last bounds. Unreadable or odd values fall back to defaults instead of failing the start.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { AUTO_LOCK_MINUTES_MAX, THEMES, type DesktopSettings, type Theme } from '../../shared/ipc/device'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Rect
  maximized: boolean
}

export interface StoredSettings extends DesktopSettings {
  window: WindowState | null
}

export const DEFAULT_SETTINGS: StoredSettings = { autoLockMinutes: 15, theme: 'system', window: null }

export class SettingsFile {
  private value: StoredSettings
  constructor(private readonly file: string) {
    this.value = read(file)
  }
  get(): StoredSettings {
    return this.value
  }
  preferences(): DesktopSettings {
    return { autoLockMinutes: this.value.autoLockMinutes, theme: this.value.theme }
  }
  update(patch: Partial<StoredSettings>): StoredSettings {
    this.value = sanitize({ ...this.value, ...patch })
    mkdirSync(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, JSON.stringify(this.value, null, 2), { mode: 0o600 })
    renameSync(tmp, this.file)
    return this.value
  }
}

function read(file: string): StoredSettings {
  try {
    return sanitize(JSON.parse(readFileSync(file, 'utf8')))
  } catch {
    return { ...DEFAULT_SETTINGS }
  }
}

function sanitize(v: unknown): StoredSettings {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>
  const minutes = o.autoLockMinutes
  return {
    autoLockMinutes:
      minutes === null
        ? null
        : Number.isInteger(minutes) && (minutes as number) >= 1 && (minutes as number) <= AUTO_LOCK_MINUTES_MAX
          ? (minutes as number)
          : DEFAULT_SETTINGS.autoLockMinutes,
    theme: THEMES.includes(o.theme as Theme) ? (o.theme as Theme) : 'system',
    window: windowState(o.window)
  }
}

function windowState(v: unknown): WindowState | null {
  if (typeof v !== 'object' || v === null) return null
  const w = v as { bounds?: Record<string, unknown>; maximized?: unknown }
  const b = w.bounds
  if (!b || !['x', 'y', 'width', 'height'].every((k) => Number.isFinite(b[k]))) return null
  return { bounds: { x: b.x as number, y: b.y as number, width: b.width as number, height: b.height as number }, maximized: w.maximized === true }
}

export const DEFAULT_SIZE = { width: 1280, height: 820 }
export const MIN_SIZE = { width: 900, height: 600 }

/**
 * Where to open the window: the saved bounds when enough of them is on a display that still exists (monitors
 * get unplugged), shrunk to fit that display; otherwise the default size, placed by the OS.
 */
export function restoreBounds(saved: WindowState | null, workAreas: Rect[]): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  if (!saved) return { bounds: { ...DEFAULT_SIZE }, maximized: false }
  const b = saved.bounds
  const area = workAreas.find((a) => overlap(a, b) >= 0.5 * Math.min(b.width * b.height, a.width * a.height) || overlapTitle(a, b))
  if (!area) return { bounds: { ...DEFAULT_SIZE }, maximized: saved.maximized }
  const width = Math.max(MIN_SIZE.width, Math.min(b.width, area.width))
  const height = Math.max(MIN_SIZE.height, Math.min(b.height, area.height))
  const x = Math.min(Math.max(b.x, area.x), area.x + area.width - width)
  const y = Math.min(Math.max(b.y, area.y), area.y + area.height - height)
  return { bounds: { x, y, width, height }, maximized: saved.maximized }
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

// The title bar (top 40 px) on screen is enough to grab and move the window.
function overlapTitle(a: Rect, b: Rect): boolean {
  return overlap(a, { x: b.x, y: b.y, width: b.width, height: 40 }) >= 40 * Math.min(200, b.width)
}

/**
 * Locks the vault after the configured idle time. `tick()` is called on a timer with the system's idle seconds
 * (Electron's powerMonitor); it locks once per idle period and re-arms when the user is back.
 */
export class IdleLock {
  private armed = true
  constructor(
    private readonly limitMinutes: () => number | null,
    private readonly lock: () => void
  ) {}
  tick(idleSeconds: number): boolean {
    const limit = this.limitMinutes()
    if (limit === null || idleSeconds < limit * 60) {
      this.armed = true
      return false
    }
    if (!this.armed) return false
    this.armed = false
    this.lock()
    return true
  }
}

/** What auto-lock needs of Electron's powerMonitor (the real one in the app, a fake in tests). */
export interface PowerEvents {
  on(event: 'suspend' | 'lock-screen', listener: () => void): unknown
  getSystemIdleTime(): number
}

/**
 * Locks the vault on system sleep, on screen lock, and after the set idle time of the computer (asked every
 * `everyMs`). Returns a function that stops the idle timer.
 */
export function watchForLock(
  power: PowerEvents,
  limitMinutes: () => number | null,
  lock: (reason: 'system' | 'idle', why: string) => void,
  everyMs = 15_000
): () => void {
  power.on('suspend', () => lock('system', 'system sleep'))
  power.on('lock-screen', () => lock('system', 'screen lock'))
  // The system's idle time (keyboard and mouse anywhere), so reading in another app does not count as away.
  const idle = new IdleLock(limitMinutes, () => lock('idle', 'idle'))
  const timer = setInterval(() => idle.tick(power.getSystemIdleTime()), everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
