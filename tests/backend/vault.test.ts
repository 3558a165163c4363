import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientOverview, ClientSummary } from '../../shared/ipc/contract'
import { TEST_PASSPHRASE, cleanup, err, newBackend, ok, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

describe('vault', () => {
  it('creates, locks and unlocks with the passphrase or the recovery key', async () => {
    const { backend, vaultDir, recoveryKey } = await unlockedBackend()
    dirs.push(vaultDir)
    expect(recoveryKey).toMatch(/^([A-Z2-7]{4}-){12}[A-Z2-7]{4}$/)
    const c = await ok<ClientSummary>(backend, 'client.create', { name: 'Northwind Analytics' })
    await ok(backend, 'vault.lock')
    expect((await err(backend, 'client.list')).code).toBe('VAULT_LOCKED')

    const again = newBackend(vaultDir)
    expect((await err(again, 'vault.unlock', { passphrase: 'not the passphrase' })).code).toBe('KEY_INVALID')
    expect(await ok(again, 'vault.unlock', { passphrase: TEST_PASSPHRASE })).toEqual({ clientCount: 1 })
    await ok(again, 'vault.lock')
    expect((await err(again, 'vault.unlock', { recoveryKey: 'AAAA-BBBB' })).code).toBe('KEY_INVALID')
    await ok(again, 'vault.unlock', { recoveryKey: recoveryKey.toLowerCase().replace(/-/g, ' ') })
    const overview = await ok<ClientOverview>(again, 'client.open', { id: c.id })
    expect(overview.client.name).toBe('Northwind Analytics')
  })

  it('changes the passphrase without rewriting client files', async () => {
    const { backend, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    const c = await ok<ClientSummary>(backend, 'client.create', { name: 'Bluefin Health' })
    backend.close()
    const file = join(vaultDir, 'clients', `${c.id}.trellis`)
    const before = readFileSync(file)
    const b2 = newBackend(vaultDir)
    await ok(b2, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect((await err(b2, 'vault.changePassphrase', { current: 'wrong one!', next: 'a new passphrase' })).code).toBe('KEY_INVALID')
    await ok(b2, 'vault.changePassphrase', { current: TEST_PASSPHRASE, next: 'a new passphrase' })
    b2.close()
    expect(readFileSync(file).equals(before)).toBe(true)
    const b3 = newBackend(vaultDir)
    expect((await err(b3, 'vault.unlock', { passphrase: TEST_PASSPHRASE })).code).toBe('KEY_INVALID')
    await ok(b3, 'vault.unlock', { passphrase: 'a new passphrase' })
    expect((await ok<ClientSummary[]>(b3, 'client.list')).map((x) => x.name)).toEqual(['Bluefin Health'])
  })

  it('never writes client data in plaintext', async () => {
    const { backend, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    const c = await ok<ClientSummary>(backend, 'client.create', { name: 'Zyxwvut Plaintextcheck' })
    await ok(backend, 'partner.create', { clientId: c.id, name: 'Qwertyuiop Partnerco', type: 'reseller' })
    backend.close()
    const walk = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]))
    for (const f of walk(vaultDir)) {
      const bytes = readFileSync(f).toString('latin1')
      expect(bytes).not.toContain('Zyxwvut')
      expect(bytes).not.toContain('Qwertyuiop')
      expect(bytes).not.toContain('SQLite format 3')
    }
  })
})
