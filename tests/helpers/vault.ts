/** Each test gets its own temporary vault, with a cheap KDF so hundreds of unlocks stay fast. */
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBackend, type Backend } from '../../electron/backend/backend'

export const TEST_PASSPHRASE = 'correct horse battery staple'
export const TEST_KDF = { N: 2 ** 12 }

export function tempDir(prefix = 'trellis-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function newBackend(vaultDir = tempDir()): Backend {
  return createBackend({ vaultDir, kdfCost: TEST_KDF })
}

/** Unwraps a backend result or fails the test with the error it carried. */
export async function ok<T = unknown>(b: Backend, channel: string, input: unknown = {}): Promise<T> {
  const r = await b.call(channel, input)
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`)
  return r.data as T
}

export async function err(b: Backend, channel: string, input: unknown = {}): Promise<{ code: string; message: string }> {
  const r = await b.call(channel, input)
  if (r.ok) throw new Error(`${channel} was expected to fail but returned ${JSON.stringify(r.data).slice(0, 200)}`)
  return r.error
}

export async function unlockedBackend(vaultDir = tempDir()): Promise<{ backend: Backend; vaultDir: string; recoveryKey: string }> {
  const backend = newBackend(vaultDir)
  const { recoveryKey } = await ok<{ recoveryKey: string }>(backend, 'vault.create', { passphrase: TEST_PASSPHRASE })
  return { backend, vaultDir, recoveryKey }
}

/** sha256 of every file under a folder, to prove that a failed operation changed nothing. */
export function checksums(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      const r = rel ? `${rel}/${name}` : name
      if (statSync(p).isDirectory()) walk(p, r)
      else out[r] = createHash('sha256').update(readFileSync(p)).digest('hex')
    }
  }
  walk(dir, '')
  return out
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** A new vault in `vaultDir` with one client holding `partners` partners ("Partner 0", "Partner 1"…). */
export async function vaultWithClient(vaultDir: string, partners: number, name = 'Granite Security'): Promise<{ backend: Backend; client: { id: string; name: string } }> {
  const backend = newBackend(vaultDir)
  await ok(backend, 'vault.create', { passphrase: TEST_PASSPHRASE })
  const client = await ok<{ id: string; name: string }>(backend, 'client.create', { name })
  for (let i = 0; i < partners; i++) await ok(backend, 'partner.create', { clientId: client.id, name: `Partner ${i}`, type: 'referral' })
  return { backend, client }
}
