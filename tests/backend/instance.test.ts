/**
 * Two instances, one vault: the instance lock refuses a second process clearly (VAULT_BUSY naming the holder),
 * is released when the holder locks, closes or is killed, and two writers on one client file never corrupt it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createBackend } from '../../electron/backend/backend'
import { loadMigrations, openClientFile } from '../../electron/backend/db/clientFile'
import { VaultLock } from '../../electron/backend/vault/instanceLock'
import { Vault } from '../../electron/backend/vault/vault'
import { TEST_KDF, TEST_PASSPHRASE, cleanup, err, newBackend, ok, unlockedBackend } from '../helpers/vault'

const ROOT = resolve(__dirname, '../..')
const dirs: string[] = []
const children: ChildProcessWithoutNullStreams[] = []
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL')
  dirs.splice(0).forEach(cleanup)
})

/** A TypeScript fixture in its own Node process, with its stdout as a stream of lines. */
function fixture(name: string, args: string[]) {
  // `--import tsx` rather than the tsx CLI: one process, so its pid is the lock holder's and SIGKILL reaches it.
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'tests/fixtures', name), ...args], {
    cwd: ROOT,
    env: { ...process.env, TRELLIS_LOG: 'silent' },
    stdio: ['pipe', 'pipe', 'pipe']
  })
  children.push(child)
  const lines: string[] = []
  const waiters: { test: (l: string) => boolean; done: (l: string) => void }[] = []
  let buf = ''
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  child.stdout.on('data', (c: Buffer) => {
    buf += c.toString()
    let nl: number
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl)
      buf = buf.slice(nl + 1)
      lines.push(line)
      for (const w of [...waiters]) {
        if (!w.test(line)) continue
        waiters.splice(waiters.indexOf(w), 1)
        w.done(line)
      }
    }
  })
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)))
  return {
    child,
    lines,
    exited,
    stderr: () => stderr,
    /** Resolves with the first line (already seen or coming) that passes `test`. */
    line(test: (l: string) => boolean): Promise<string> {
      const seen = lines.find(test)
      if (seen !== undefined) return Promise.resolve(seen)
      return new Promise((done, fail) => {
        waiters.push({ test, done })
        exited.then(() => fail(new Error(`fixture ${name} exited without the line; stderr: ${stderr}`)))
      })
    }
  }
}

describe('one vault, one process', { timeout: 120_000 }, () => {
  it('refuses a second backend in the same process with VAULT_BUSY and lets it in once the first locks', async () => {
    const { backend: a, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    const b = createBackend({ vaultDir, kdfCost: TEST_KDF, lockWaitMs: 50 })
    const busy = await err(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(busy.code).toBe('VAULT_BUSY')
    expect(busy.message).toContain(`open in the Trellis app (process ${process.pid})`)
    expect(busy.message).toContain('Close or lock it there')
    expect(await ok(b, 'vault.status')).toMatchObject({ unlocked: false })
    expect(VaultLock.holder(vaultDir)).toMatchObject({ pid: process.pid, kind: 'app' })

    await ok(a, 'vault.lock')
    expect(VaultLock.holder(vaultDir)).toBeNull()
    await ok(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect((await err(a, 'vault.unlock', { passphrase: TEST_PASSPHRASE })).code).toBe('VAULT_BUSY')
    b.close()
    await ok(a, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
  })

  it('refuses while another process holds the vault, and takes it over when that process is killed', async () => {
    const { backend, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    await ok(backend, 'client.create', { name: 'Lumen Cloud' })
    backend.close()

    const holder = fixture('hold-vault.ts', [vaultDir])
    expect(await holder.line((l) => l === 'held' || l.startsWith('failed'))).toBe('held')
    const me = newBackend(vaultDir)
    const busy = await err(me, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(busy).toMatchObject({ code: 'VAULT_BUSY' })
    expect(busy.message).toContain(`a trellis command (process ${holder.child.pid})`)

    // Let go politely: the lock is free again at once.
    holder.child.stdin.write('release\n')
    await holder.line((l) => l === 'released')
    await ok(me, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    await ok(me, 'vault.lock')

    // A killed holder leaves no stale lock: the operating system drops it with the process.
    const second = fixture('hold-vault.ts', [vaultDir])
    expect(await second.line((l) => l === 'held' || l.startsWith('failed'))).toBe('held')
    expect((await err(me, 'vault.unlock', { passphrase: TEST_PASSPHRASE })).code).toBe('VAULT_BUSY')
    second.child.kill('SIGKILL')
    await second.exited
    expect(await ok(me, 'vault.unlock', { passphrase: TEST_PASSPHRASE })).toEqual({ clientCount: 1 })
  })

  it('two writers on one client file never corrupt it and lose no acknowledged write', async () => {
    const { backend, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    const c = await ok<{ id: string }>(backend, 'client.create', { name: 'Kestrel Logistics' })
    backend.close()
    const N = 150
    const writers = [fixture('file-writer.ts', [vaultDir, c.id, 'one', String(N)]), fixture('file-writer.ts', [vaultDir, c.id, 'two', String(N)])]
    for (const w of writers) await w.line((l) => l === 'done')
    const acked = writers.flatMap((w) => w.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4)))
    const errors = writers.flatMap((w) => w.lines.filter((l) => l.startsWith('error')))
    expect(errors).toEqual([])
    expect(acked.length).toBeGreaterThan(N) // both really wrote, interleaved

    const vault = new Vault(vaultDir)
    await vault.unlock({ passphrase: TEST_PASSPHRASE })
    const db = openClientFile(vault.clientFile(c.id), vault.clientKey(c.id), { migrations: loadMigrations(resolve(ROOT, 'resources')) })
    try {
      expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      const ids = new Set((db.sqlite.prepare('SELECT id FROM partners').all() as { id: string }[]).map((r) => r.id))
      for (const id of acked) expect(ids.has(id)).toBe(true)
      expect(ids.size).toBe(acked.length)
    } finally {
      db.close()
    }
  })
})
