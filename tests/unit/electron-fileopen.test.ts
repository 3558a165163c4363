/** `.trellis` files handed over by the OS: command line, second instance, macOS open-file; held until unlocked. */
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { OpenedFiles, trackUnlock, trellisFileFromArgv, watchOpenedFiles, type OpenFileApp } from '../../electron/main/fileOpen'

function fakeApp() {
  const emitter = new EventEmitter()
  return { app: emitter as unknown as OpenFileApp, emitter }
}

function harness() {
  const sent: { path: string; name: string }[] = []
  const granted: string[] = []
  let focused = 0
  const files = new OpenedFiles({ send: (_e, p) => sent.push(p), grant: (p) => granted.push(p), focus: () => focused++ })
  return { files, sent, granted, focused: () => focused }
}

describe('the .trellis path in a command line', () => {
  it('is found after the executable and switches, made absolute against the working folder', () => {
    expect(trellisFileFromArgv(['/opt/Trellis/trellis', '/home/a/Kestrel.trellis'], '/home/a')).toBe('/home/a/Kestrel.trellis')
    expect(trellisFileFromArgv(['trellis.exe', '--flag', 'Acme.TRELLIS'], '/home/a/Downloads')).toBe('/home/a/Downloads/Acme.TRELLIS')
    expect(trellisFileFromArgv(['electron', '.', '--allow-file-access'], '/w')).toBeNull()
    expect(trellisFileFromArgv(['trellis.trellis'], '/w')).toBeNull() // argv[0] is the executable
    expect(trellisFileFromArgv(['trellis', '--open=x.trellis'], '/w')).toBeNull()
  })
})

describe('opened files', () => {
  it('queues a file from the starting command line until the window is loaded and the vault unlocked', () => {
    const { app } = fakeApp()
    const h = harness()
    watchOpenedFiles(app, h.files, ['/opt/trellis', 'Kestrel.trellis'], '/home/a')
    expect(h.files.pending).toEqual(['/home/a/Kestrel.trellis'])
    h.files.setWindowReady(true)
    expect(h.sent).toEqual([]) // locked
    trackUnlock(h.files, 'vault.unlock', { ok: false })
    expect(h.sent).toEqual([])
    trackUnlock(h.files, 'vault.unlock', { ok: true, data: { clientCount: 0 } })
    expect(h.sent).toEqual([{ path: '/home/a/Kestrel.trellis', name: 'Kestrel.trellis' }])
    expect(h.granted).toEqual(['/home/a/Kestrel.trellis'])
    expect(h.files.pending).toEqual([])
  })

  it('takes macOS open-file (before ready, default prevented) and a second instance’s argv', () => {
    const { app, emitter } = fakeApp()
    const h = harness()
    watchOpenedFiles(app, h.files, ['/Applications/Trellis.app/Contents/MacOS/Trellis'], '/')
    let prevented = false
    emitter.emit('open-file', { preventDefault: () => (prevented = true) }, '/Users/a/Acme.trellis')
    expect(prevented).toBe(true)
    emitter.emit('second-instance', {}, ['C:\\Trellis\\Trellis.exe', '--some-switch'], 'C:\\Users\\a')
    emitter.emit('second-instance', {}, ['/opt/trellis', 'Beta.trellis'], '/home/a/Downloads')
    expect(h.files.pending).toEqual(['/Users/a/Acme.trellis', '/home/a/Downloads/Beta.trellis'])
    expect(h.focused()).toBe(2)
    trackUnlock(h.files, 'vault.status', { ok: true, data: { unlocked: true } })
    h.files.setWindowReady(true)
    expect(h.sent.map((s) => s.name)).toEqual(['Acme.trellis', 'Beta.trellis'])
  })

  it('holds files again while locked or reloading, and delivers each path once', () => {
    const h = harness()
    h.files.setWindowReady(true)
    trackUnlock(h.files, 'device.unlockRemembered', { ok: true, data: null })
    h.files.offer('/a/One.trellis')
    expect(h.sent).toHaveLength(1)
    trackUnlock(h.files, 'vault.lock', { ok: true, data: null })
    h.files.offer('/a/Two.trellis')
    h.files.offer('/a/Two.trellis')
    h.files.setUnlocked(true)
    h.files.setWindowReady(false)
    h.files.offer('/a/Three.trellis')
    expect(h.sent.map((s) => s.name)).toEqual(['One.trellis', 'Two.trellis'])
    trackUnlock(h.files, 'vault.status', { ok: true, data: { unlocked: false } })
    h.files.setWindowReady(true)
    expect(h.sent).toHaveLength(2)
    trackUnlock(h.files, 'vault.create', { ok: true, data: { recoveryKey: 'x' } })
    expect(h.sent.map((s) => s.name)).toEqual(['One.trellis', 'Two.trellis', 'Three.trellis'])
  })
})
