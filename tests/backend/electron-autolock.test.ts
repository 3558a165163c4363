/**
 * Auto-lock as main wires it (electron/main/settings.ts `watchForLock`), with Electron's powerMonitor faked at its
 * boundary and a real backend behind it: system sleep, screen lock and the set idle time each lock the vault, and
 * the backend then holds no key and answers VAULT_LOCKED for client data. (That the renderer returns to the unlock
 * screen with nothing kept is tests/unit/renderer/stores.test.ts.)
 */
import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import { watchForLock, type PowerEvents } from '../../electron/main/settings'
import type { VaultStatus } from '../../shared/ipc/contract'
import { TEST_PASSPHRASE, cleanup, err, ok, tempDir, vaultWithClient } from '../helpers/vault'

class FakePowerMonitor extends EventEmitter implements PowerEvents {
  idleSeconds = 0
  getSystemIdleTime(): number {
    return this.idleSeconds
  }
}

const dirs: string[] = []
const backends: Backend[] = []
const stops: (() => void)[] = []
afterEach(() => {
  stops.splice(0).forEach((s) => s())
  backends.splice(0).forEach((b) => b.close())
  dirs.splice(0).forEach(cleanup)
})

async function setup(minutes: number | null = 15) {
  const dir = tempDir()
  dirs.push(dir)
  const { backend, client } = await vaultWithClient(dir, 3)
  backends.push(backend)
  await ok(backend, 'client.open', { id: client.id })
  const power = new FakePowerMonitor()
  const locks: { reason: string; why: string }[] = []
  let locked: () => void = () => {}
  const lockedOnce = () => new Promise<void>((resolve) => (locked = resolve))
  // As main does: the lock goes to the backend (host.call('vault.lock')).
  stops.push(
    watchForLock(
      power,
      () => minutes,
      (reason, why) => {
        locks.push({ reason, why })
        void backend.call('vault.lock', {}).then(() => locked())
      },
      5
    )
  )
  return { backend, client, power, locks, lockedOnce }
}

async function expectLocked(backend: Backend, clientId: string): Promise<void> {
  expect(await ok<VaultStatus>(backend, 'vault.status')).toMatchObject({ unlocked: false })
  expect(() => backend.session.vault.key()).toThrow(/locked/i)
  expect((await err(backend, 'partner.list', { clientId })).code).toBe('VAULT_LOCKED')
  expect((await err(backend, 'client.list', {})).code).toBe('VAULT_LOCKED')
}

describe('auto-lock', () => {
  it('locks on system sleep and on screen lock: keys dropped, client data refused', async () => {
    const { backend, client, power, locks, lockedOnce } = await setup()
    let done = lockedOnce()
    power.emit('suspend')
    await done
    await expectLocked(backend, client.id)

    await ok(backend, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(await ok<unknown[]>(backend, 'partner.list', { clientId: client.id })).toHaveLength(3)
    done = lockedOnce()
    power.emit('lock-screen')
    await done
    await expectLocked(backend, client.id)
    expect(locks).toEqual([
      { reason: 'system', why: 'system sleep' },
      { reason: 'system', why: 'screen lock' }
    ])
  })

  it('locks after the set idle time of the computer, once, and never when set to never', async () => {
    const { backend, client, power, locks, lockedOnce } = await setup(15)
    power.idleSeconds = 14 * 60
    await new Promise((r) => setTimeout(r, 40))
    expect(locks).toEqual([])
    const done = lockedOnce()
    power.idleSeconds = 15 * 60
    await done
    await expectLocked(backend, client.id)
    await new Promise((r) => setTimeout(r, 40))
    expect(locks).toEqual([{ reason: 'idle', why: 'idle' }])

    const never = await setup(null)
    never.power.idleSeconds = 10 * 3600
    await new Promise((r) => setTimeout(r, 40))
    expect(never.locks).toEqual([])
    expect(await ok<VaultStatus>(never.backend, 'vault.status')).toMatchObject({ unlocked: true })
  })
})
