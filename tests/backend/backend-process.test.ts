/**
 * The real backend entry (electron/backend/entry.utility.ts) in its own process, driven the way Electron main
 * drives it: create a vault and a client, kill the process mid-call, and check that the call answers
 * BACKEND_RESTARTED, the new process starts locked, and the data is intact after unlocking again.
 */
import { resolve } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { BackendClient } from '../../electron/backend/rpc/client'
import { forkSpawner } from '../../electron/backend/rpc/nodeChild'
import { TEST_KDF, TEST_PASSPHRASE, tempDir } from '../helpers/vault'

const ENTRY = resolve(__dirname, '../../electron/backend/entry.utility.ts')
let client: BackendClient | null = null
afterEach(async () => {
  await client?.stop()
  client = null
})

async function ok<T>(c: BackendClient, channel: string, input: unknown = {}): Promise<T> {
  const r = await c.call(channel, input)
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
  return r.data as T
}

it('runs the backend in a child process and survives its death without losing data', async () => {
  const vaultDir = tempDir()
  let restarted: () => void = () => {}
  const events: string[] = []
  const fork = forkSpawner(ENTRY, [`--vault-dir=${vaultDir}`, `--kdf-n=${TEST_KDF.N}`], { execArgv: ['--import', 'tsx'] })
  let pid: number | undefined
  client = new BackendClient({
    spawn: (hooks) => {
      const child = fork(hooks)
      pid = child.pid
      return child
    },
    onEvent: (e) => events.push(e),
    onRestart: () => restarted()
  })
  const c = client
  expect(await ok(c, 'vault.status')).toMatchObject({ exists: false, unlocked: false })
  await ok(c, 'vault.create', { passphrase: TEST_PASSPHRASE })
  const acme = await ok<{ id: string }>(c, 'client.create', { name: 'Acme Robotics' })
  // Validation happens in the backend process too.
  expect(await c.call('client.create', { name: 42 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })

  if (!pid) throw new Error('the backend process has no pid')
  const back = new Promise<void>((r) => (restarted = r))
  // A call in flight when the process is killed (sent and killed in the same tick: it cannot have answered).
  const inFlight = c.call('vault.changePassphrase', { current: TEST_PASSPHRASE, next: 'another long passphrase' })
  process.kill(pid, 'SIGKILL')
  expect(await inFlight).toMatchObject({ ok: false, error: { code: 'BACKEND_RESTARTED' } })
  await back

  expect(await ok(c, 'vault.status')).toMatchObject({ exists: true, unlocked: false })
  expect(await c.call('client.list', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
  await ok(c, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
  const list = await ok<{ id: string; name: string }[]>(c, 'client.list', {})
  expect(list.map((x) => [x.id, x.name])).toEqual([[acme.id, 'Acme Robotics']])
  await ok(c, 'vault.lock')
  expect(events).toContain('vault.locked')
})
