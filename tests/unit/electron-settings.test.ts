/** Desktop conventions decided in main without Electron: window placement, idle auto-lock, settings on disk. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SIZE, IdleLock, SettingsFile, restoreBounds } from '../../electron/main/settings'

const screen = { x: 0, y: 0, width: 1920, height: 1050 }
const second = { x: 1920, y: 0, width: 1280, height: 1000 }

describe('window placement', () => {
  it('opens at the default size the first time', () => {
    expect(restoreBounds(null, [screen])).toEqual({ bounds: DEFAULT_SIZE, maximized: false })
  })
  it('reopens where it was, maximized or not', () => {
    const saved = { bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true }
    expect(restoreBounds(saved, [screen])).toEqual({ bounds: saved.bounds, maximized: true })
    const onSecond = { bounds: { x: 2000, y: 50, width: 1000, height: 800 }, maximized: false }
    expect(restoreBounds(onSecond, [screen, second]).bounds).toEqual(onSecond.bounds)
  })
  it('comes back on screen when its monitor is gone, and shrinks to fit a smaller one', () => {
    const onSecond = { bounds: { x: 2000, y: 50, width: 1000, height: 800 }, maximized: false }
    expect(restoreBounds(onSecond, [screen]).bounds).toEqual(DEFAULT_SIZE)
    const big = { bounds: { x: -50, y: -20, width: 2500, height: 1400 }, maximized: false }
    expect(restoreBounds(big, [screen]).bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1050 })
    const halfOff = { bounds: { x: 1500, y: 500, width: 1000, height: 800 }, maximized: false }
    const b = restoreBounds(halfOff, [screen]).bounds
    expect(b.x! + b.width).toBeLessThanOrEqual(1920)
    expect(b.y! + b.height).toBeLessThanOrEqual(1050)
  })
})

describe('idle auto-lock', () => {
  it('locks once when the computer has been idle for the set time, and re-arms when the user is back', () => {
    let minutes: number | null = 15
    let locks = 0
    const idle = new IdleLock(() => minutes, () => locks++)
    expect([0, 60, 14 * 60 + 59].map((s) => idle.tick(s))).toEqual([false, false, false])
    expect(idle.tick(15 * 60)).toBe(true)
    expect(idle.tick(20 * 60)).toBe(false) // still away: no second lock
    expect(idle.tick(3)).toBe(false) // back
    expect(idle.tick(15 * 60 + 1)).toBe(true)
    minutes = null // "never"
    idle.tick(0)
    expect(idle.tick(10 * 3600)).toBe(false)
    expect(locks).toBe(2)
  })
})

describe('settings file', () => {
  it('falls back to defaults on a missing, damaged or odd file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-settings-'))
    const f = join(dir, 'settings.json')
    expect(new SettingsFile(f).get()).toEqual({ autoLockMinutes: 15, theme: 'system', window: null })
    writeFileSync(f, '{not json')
    expect(new SettingsFile(f).get().theme).toBe('system')
    writeFileSync(f, JSON.stringify({ autoLockMinutes: -3, theme: 'neon', window: { bounds: { x: 'a' } }, __proto__: { x: 1 } }))
    expect(new SettingsFile(f).get()).toEqual({ autoLockMinutes: 15, theme: 'system', window: null })
  })
  it('stores changes privately and reads them back', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'trellis-settings-')), 'settings.json')
    new SettingsFile(f).update({ theme: 'light', autoLockMinutes: 5, window: { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false } })
    expect(new SettingsFile(f).get()).toEqual({ theme: 'light', autoLockMinutes: 5, window: { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false } })
    expect(statSync(f).mode & 0o077).toBe(0)
    expect(JSON.parse(readFileSync(f, 'utf8')).theme).toBe('light')
  })
})
