/**
 * What every measurement gets: the cached benchmark vaults (built once with the backend's own `demo.seed` and the
 * real scrypt cost, since unlock time is a target) and a way to get a freshly unlocked backend on one of them.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createBackend, defaultResourcesDir, type Backend } from '../../electron/backend/backend'
import { loadMigrations } from '../../electron/backend/db/clientFile'
import { DEFAULT_KDF } from '../../electron/backend/vault/keys'

export const BENCH_PASSPHRASE = 'bench: correct horse battery staple'
const SEED = 20_240_601
/** demo.seed is called in chunks so a long build shows progress. */
const CHUNK = 20

export interface BenchVault {
  name: string
  dir: string
  passphrase: string
  clients: number
  partners: number
  clientIds: string[]
}

export interface BenchContext {
  /** The project root. */
  root: string
  /** `.bench/`: cached vaults, built web renderer checks, figures. Git-ignored. */
  benchDir: string
  /** 200 clients × 500 partners. */
  big: BenchVault
  /** 10 clients × 500 partners, to show that unlock does not grow with the client count. */
  small: BenchVault
  /** A new backend on `v`, unlocked with the passphrase (the unlock itself is not timed here). */
  unlocked(v: BenchVault): Promise<Backend>
  log(msg: string): void
}

export async function call<T>(b: Backend, channel: string, input: unknown = {}): Promise<T> {
  const r = await b.call(channel, input)
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`)
  return r.data as T
}

interface Stamp {
  clients: number
  partners: number
  seed: number
  /** A vault built under an older schema would migrate on first open and spoil the cold-open figure. */
  schemaVersion: number
  kdf: typeof DEFAULT_KDF
  clientIds: string[]
}

/** Builds the vault unless a matching one is cached; the stamp is written last, so an interrupted build is redone. */
export async function ensureVault(
  benchDir: string,
  name: string,
  clients: number,
  partners: number,
  opts: { fresh: boolean; log: (m: string) => void }
): Promise<BenchVault> {
  const dir = join(benchDir, name)
  const stampPath = join(benchDir, `${name}.json`)
  const want = { clients, partners, seed: SEED, schemaVersion: loadMigrations(defaultResourcesDir()).version, kdf: DEFAULT_KDF }
  if (!opts.fresh && existsSync(stampPath)) {
    const have = JSON.parse(readFileSync(stampPath, 'utf8')) as Stamp
    const { clientIds, ...rest } = have
    if (JSON.stringify(rest) === JSON.stringify(want) && existsSync(join(dir, 'vault.json')))
      return { name, dir, passphrase: BENCH_PASSPHRASE, clients, partners, clientIds }
    opts.log(`${name}: cached vault is out of date (schema or size changed); rebuilding`)
  }
  rmSync(stampPath, { force: true })
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const started = performance.now()
  const b = createBackend({ vaultDir: dir })
  try {
    await call(b, 'vault.create', { passphrase: BENCH_PASSPHRASE })
    for (let done = 0; done < clients; done += CHUNK) {
      const n = Math.min(CHUNK, clients - done)
      await call(b, 'demo.seed', { clients: n, partners, seed: SEED + done })
      opts.log(`${name}: seeded ${done + n}/${clients} clients × ${partners} partners`)
    }
    const list = await call<{ id: string }[]>(b, 'client.list', { includeArchived: true })
    if (list.length !== clients) throw new Error(`${name}: expected ${clients} clients, the vault lists ${list.length}`)
    const stamp: Stamp = { ...want, clientIds: list.map((c) => c.id) }
    writeFileSync(stampPath, JSON.stringify(stamp, null, 2))
    opts.log(`${name}: built in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    return { name, dir, passphrase: BENCH_PASSPHRASE, clients, partners, clientIds: stamp.clientIds }
  } finally {
    b.close()
  }
}

export async function unlockedBackend(v: BenchVault): Promise<Backend> {
  const b = createBackend({ vaultDir: v.dir })
  await call(b, 'vault.unlock', { passphrase: v.passphrase })
  return b
}
