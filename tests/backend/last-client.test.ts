/** The client open last is remembered in the vault (encrypted), written on lock or quit, and reopened after unlock. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Backend } from '../../electron/backend/backend'
import type { ClientSummary, VaultStatus } from '../../shared/ipc/contract'
import { TEST_PASSPHRASE, cleanup, newBackend, ok, tempDir, vaultWithClient } from '../helpers/vault'

const dirs: string[] = []
const backends: Backend[] = []
afterEach(() => {
  backends.splice(0).forEach((b) => b.close())
  dirs.splice(0).forEach(cleanup)
})

const last = async (b: Backend) => (await ok<VaultStatus>(b, 'vault.status')).lastClientId

describe('the last open client', () => {
  it('is kept across a lock and a restart, encrypted, and only what was really opened', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const { backend, client } = await vaultWithClient(dir, 0)
    backends.push(backend)
    const other = await ok<ClientSummary>(backend, 'client.create', { name: 'Juniper Energy' })
    expect(await last(backend)).toBeNull()
    await ok(backend, 'client.open', { id: client.id })
    await ok(backend, 'client.open', { id: other.id })
    expect(await last(backend)).toBe(other.id)
    await ok(backend, 'vault.lock')
    expect(await last(backend)).toBeNull() // locked: nothing said

    const file = readFileSync(join(dir, 'settings', 'last-client.json'), 'utf8')
    expect(file).not.toContain(other.id)
    expect(file).not.toContain('Juniper')

    // The app quits (close locks): a fresh process reads it after unlock.
    backend.close()
    const again = newBackend(dir)
    backends.push(again)
    await ok(again, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(await last(again)).toBe(other.id)
    // An unlock that opens nothing keeps what was there.
    await ok(again, 'vault.lock')
    await ok(again, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(await last(again)).toBe(other.id)
    await ok(again, 'client.open', { id: client.id })
    again.close()
    const third = newBackend(dir)
    backends.push(third)
    await ok(third, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(await last(third)).toBe(client.id)
  })
})
