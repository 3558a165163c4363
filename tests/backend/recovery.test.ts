import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientSummary } from '../../shared/ipc/contract'
import { checksums, cleanup, err, newBackend, ok, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

describe('a lost passphrase', () => {
  it('is replaced with the recovery key, without rewriting client files; the recovery key keeps working', async () => {
    const { backend, vaultDir, recoveryKey } = await unlockedBackend()
    dirs.push(vaultDir)
    const c = await ok<ClientSummary>(backend, 'client.create', { name: 'Pinecrest Software' })
    backend.close()
    const clientsBefore = checksums(join(vaultDir, 'clients'))
    const header = readFileSync(join(vaultDir, 'vault.json'), 'utf8')

    const b = newBackend(vaultDir)
    const wrong = (recoveryKey[0] === 'A' ? 'B' : 'A') + recoveryKey.slice(1)
    expect(await err(b, 'vault.resetPassphrase', { recoveryKey: wrong, next: 'a fresh passphrase' })).toEqual({
      code: 'KEY_INVALID',
      message: 'Wrong recovery key; the passphrase was not changed.'
    })
    expect((await err(b, 'vault.resetPassphrase', { recoveryKey: 'nope', next: 'a fresh passphrase' })).code).toBe('KEY_INVALID')
    expect((await err(b, 'vault.resetPassphrase', { recoveryKey, next: 'short' })).code).toBe('VALIDATION')
    expect(readFileSync(join(vaultDir, 'vault.json'), 'utf8')).toBe(header)

    await ok(b, 'vault.resetPassphrase', { recoveryKey, next: 'a fresh passphrase' })
    b.close()
    expect(checksums(join(vaultDir, 'clients'))).toEqual(clientsBefore)

    const b2 = newBackend(vaultDir)
    expect((await err(b2, 'vault.unlock', { passphrase: 'correct horse battery staple' })).code).toBe('KEY_INVALID')
    await ok(b2, 'vault.unlock', { passphrase: 'a fresh passphrase' })
    expect((await ok<{ client: ClientSummary }>(b2, 'client.open', { id: c.id })).client.name).toBe('Pinecrest Software')
    await ok(b2, 'vault.lock')
    await ok(b2, 'vault.unlock', { recoveryKey })
    b2.close()
  })
})
