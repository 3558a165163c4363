/**
 * Main's routing and device channels against a real in-process backend on a real encrypted vault. The OS
 * keychain (safeStorage) cannot run here: a stand-in `Keystore` that really encrypts (AES-GCM with a key of its
 * own) plays it, so the stored file is checked to hold no passphrase.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Result } from '../../shared/ipc/errors'
import { createDevice } from '../../electron/main/deviceHandlers'
import { RememberedUnlock, type Keystore } from '../../electron/main/keychain'
import { SettingsFile } from '../../electron/main/settings'
import { SavePathGrants, createRouter, type BackendLike } from '../../electron/main/router'
import { APP_ENTRY_URL, isTrustedSender, type SenderInfo } from '../../electron/main/security/policy'
import { TEST_PASSPHRASE, checksums, newBackend, tempDir } from '../helpers/vault'

const OWN = { url: APP_ENTRY_URL, isMainFrame: true, isOurWindow: true }

function keystore(over: Partial<Keystore> = {}): Keystore {
  const key = randomBytes(32)
  return {
    platform: 'linux',
    linuxBackend: () => 'gnome_libsecret',
    isAvailable: async () => true,
    encrypt: async (s) => {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([c.update(s, 'utf8'), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), body])
    },
    decrypt: async (b) => {
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12))
      d.setAuthTag(b.subarray(12, 28))
      return { result: Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8'), shouldReEncrypt: false }
    },
    ...over
  }
}

function setup(ks: Keystore = keystore()) {
  const vaultDir = tempDir()
  const userData = tempDir()
  const backend = newBackend(vaultDir)
  const calls: string[] = []
  const counted: BackendLike = { call: (c, i) => (calls.push(c), backend.call(c, i)) }
  const grants = new SavePathGrants()
  const keychainFile = join(userData, 'remembered-unlock.json')
  let dialogAnswer: string | null = null
  const applied: unknown[] = []
  const device = createDevice({
    backend: counted,
    keychain: new RememberedUnlock(ks, keychainFile, vaultDir),
    grants,
    showSaveDialog: async () => dialogAnswer,
    settings: new SettingsFile(join(userData, 'settings.json')),
    onSettingsChanged: (x) => applied.push(x)
  })
  const route = createRouter({
    backend: counted,
    device: device.handlers,
    grantedSavePaths: grants,
    isTrustedSender: (s) => isTrustedSender(s),
    afterBackendCall: device.afterBackendCall
  })
  const call = async <T = unknown>(channel: string, input: unknown = {}): Promise<T> => {
    const r = await route(OWN, channel, input)
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
    return r.data as T
  }
  const fail = async (channel: string, input: unknown = {}, sender: SenderInfo = OWN) => {
    const r: Result<unknown> = await route(sender, channel, input)
    if (r.ok) throw new Error(`${channel} should have failed`)
    return r.error
  }
  return { vaultDir, userData, keychainFile, backend, calls, route, call, fail, applied, setDialog: (p: string | null) => (dialogAnswer = p) }
}

describe('router', () => {
  it('refuses calls from anything but our page and never reaches the backend', async () => {
    const t = setup()
    for (const sender of [
      { ...OWN, url: 'https://example.invalid/' },
      { ...OWN, isMainFrame: false },
      { ...OWN, isOurWindow: false },
      { ...OWN, url: undefined }
    ])
      expect(await t.fail('vault.status', {}, sender)).toMatchObject({ code: 'FORBIDDEN' })
    expect(t.calls).toEqual([])
  })

  it('answers unknown channels and bad device input without the backend', async () => {
    const t = setup()
    for (const ch of ['vault.nuke', '__proto__', 'constructor', 42, null, 'device.nope'])
      expect(await t.fail(ch as string)).toMatchObject({ code: 'UNKNOWN_CHANNEL' })
    expect(await t.fail('device.chooseHandoverPath', { suggestedName: 5 })).toMatchObject({ code: 'VALIDATION' })
    expect(await t.fail('device.rememberUnlock', { passphrase: 'x', extra: 1 })).toMatchObject({ code: 'VALIDATION' })
    expect(t.calls).toEqual([])
  })

  it('forwards contract channels to the backend, which validates them', async () => {
    const t = setup()
    expect(await t.call('vault.status')).toMatchObject({ exists: false, unlocked: false })
    expect(await t.fail('vault.create', { passphrase: 3 })).toMatchObject({ code: 'VALIDATION' })
  })

  it('lets client.handover write only where the user chose in the save dialog', async () => {
    const t = setup()
    await t.call('vault.create', { passphrase: TEST_PASSPHRASE })
    const c = await t.call<{ id: string }>('client.create', { name: 'Acme Robotics' })
    const out = join(tempDir(), 'acme.trellis')
    const before = checksums(t.vaultDir)
    expect(await t.fail('client.handover', { id: c.id, outPath: out, passphrase: 'handover passphrase' })).toMatchObject({ code: 'FORBIDDEN' })
    expect(existsSync(out)).toBe(false)
    expect(checksums(t.vaultDir)).toEqual(before)

    t.setDialog(null)
    expect(await t.call('device.chooseHandoverPath', { suggestedName: 'acme.trellis' })).toBeNull()
    t.setDialog(out)
    expect(await t.call('device.chooseHandoverPath', { suggestedName: 'acme.trellis' })).toEqual({ path: out })
    expect(await t.call('client.handover', { id: c.id, outPath: out, passphrase: 'handover passphrase' })).toMatchObject({ path: out })
    expect(statSync(out).size).toBeGreaterThan(0)
    // one dialog, one file: writing there again needs the dialog again
    expect(await t.fail('client.handover', { id: c.id, outPath: out, passphrase: 'handover passphrase', overwrite: true })).toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('desktop settings', () => {
  it('reads defaults, validates and stores changes, and applies them at once', async () => {
    const t = setup()
    expect(await t.call('device.getSettings')).toEqual({ autoLockMinutes: 15, theme: 'system' })
    expect(await t.call('device.updateSettings', { theme: 'dark' })).toEqual({ autoLockMinutes: 15, theme: 'dark' })
    expect(await t.call('device.updateSettings', { autoLockMinutes: null })).toEqual({ autoLockMinutes: null, theme: 'dark' })
    for (const bad of [{ theme: 'purple' }, { autoLockMinutes: 0 }, { autoLockMinutes: 2.5 }, { autoLockMinutes: 100000 }, { other: 1 }])
      expect(await t.fail('device.updateSettings', bad)).toMatchObject({ code: 'VALIDATION' })
    expect(t.applied).toEqual([
      { autoLockMinutes: 15, theme: 'dark' },
      { autoLockMinutes: null, theme: 'dark' }
    ])
    // a new start reads them back
    expect(new SettingsFile(join(t.userData, 'settings.json')).preferences()).toEqual({ autoLockMinutes: null, theme: 'dark' })
  })
})

describe('remembering the unlock on this device', () => {
  it('remembers only the passphrase that unlocked the vault, unlocks with it, and follows a passphrase change', async () => {
    const t = setup()
    expect(await t.call('device.keychainStatus')).toEqual({ available: true, remembered: false, reason: null })
    expect(await t.fail('device.rememberUnlock', { passphrase: TEST_PASSPHRASE })).toMatchObject({ code: 'VAULT_LOCKED' })
    const created = await t.call<{ recoveryKey: string }>('vault.create', { passphrase: TEST_PASSPHRASE })
    expect(await t.fail('device.rememberUnlock', { passphrase: 'some other passphrase' })).toMatchObject({ code: 'KEY_INVALID' })
    await t.call('device.rememberUnlock', { passphrase: TEST_PASSPHRASE })
    expect(await t.call('device.keychainStatus')).toMatchObject({ remembered: true })
    const stored = readFileSync(t.keychainFile)
    expect(stored.includes(Buffer.from(TEST_PASSPHRASE))).toBe(false)
    expect(statSync(t.keychainFile).mode & 0o077).toBe(0)

    await t.call('client.create', { name: 'Acme Robotics' })
    await t.call('vault.lock')
    expect(await t.call('device.unlockRemembered')).toEqual({ clientCount: 1 })

    await t.call('vault.changePassphrase', { current: TEST_PASSPHRASE, next: 'a brand new passphrase' })
    await t.call('vault.lock')
    expect(await t.call('device.unlockRemembered')).toEqual({ clientCount: 1 })

    // A passphrase reset with the recovery key keeps the remembered unlock in step too.
    await t.call('vault.resetPassphrase', { recoveryKey: created.recoveryKey, next: 'reset with the recovery key' })
    await t.call('vault.lock')
    expect(await t.call('device.unlockRemembered')).toEqual({ clientCount: 1 })

    await t.call('device.forgetUnlock')
    await t.call('vault.lock')
    expect(await t.fail('device.unlockRemembered')).toMatchObject({ code: 'NOT_FOUND' })
    expect(existsSync(t.keychainFile)).toBe(false)
  })

  it('forgets a remembered passphrase that no longer unlocks the vault', async () => {
    const t = setup()
    await t.call('vault.create', { passphrase: TEST_PASSPHRASE })
    await t.call('device.rememberUnlock', { passphrase: TEST_PASSPHRASE })
    // changed elsewhere (the CLI, another device): main did not see it
    await t.backend.call('vault.changePassphrase', { current: TEST_PASSPHRASE, next: 'changed by the cli' })
    await t.call('vault.lock')
    expect(await t.fail('device.unlockRemembered')).toMatchObject({ code: 'KEY_INVALID' })
    expect(await t.call('device.keychainStatus')).toMatchObject({ remembered: false })
  })

  it("refuses Linux's basic_text store and an unavailable keychain", async () => {
    for (const ks of [keystore({ linuxBackend: () => 'basic_text' }), keystore({ isAvailable: async () => false })]) {
      const t = setup(ks)
      const status = await t.call<{ available: boolean; reason: string }>('device.keychainStatus')
      expect(status.available).toBe(false)
      expect(status.reason).toMatch(/keyring|keychain/)
      await t.call('vault.create', { passphrase: TEST_PASSPHRASE })
      expect(await t.fail('device.rememberUnlock', { passphrase: TEST_PASSPHRASE })).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' })
      expect(existsSync(t.keychainFile)).toBe(false)
    }
    // basic_text matters on Linux only
    const mac = setup(keystore({ platform: 'darwin', linuxBackend: () => 'basic_text' }))
    expect(await mac.call('device.keychainStatus')).toMatchObject({ available: true })
  })

  it('forgets an entry the keychain cannot decrypt any more', async () => {
    const t = setup()
    await t.call('vault.create', { passphrase: TEST_PASSPHRASE })
    await t.call('device.rememberUnlock', { passphrase: TEST_PASSPHRASE })
    await t.call('vault.lock')
    // A different OS key (new keychain, another user) reading the same file.
    const device2 = createDevice({
      backend: t.backend,
      keychain: new RememberedUnlock(keystore(), t.keychainFile, t.vaultDir),
      grants: new SavePathGrants(),
      showSaveDialog: async () => null,
      settings: new SettingsFile(join(tempDir(), 'settings.json'))
    })
    const r = await device2.handlers['device.unlockRemembered']({})
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(existsSync(t.keychainFile)).toBe(false)
  })
})
