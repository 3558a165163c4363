/** Unlock: scrypt once, unwrap the vault key, open the index. Must not grow with the number of clients. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createBackend } from '../../electron/backend/backend'
import { stretchPassphrase, type KdfParams } from '../../electron/backend/vault/keys'
import type { BenchVault } from '../lib/context'
import { formatMs, median, Series, timed, type Measurement } from '../lib/registry'

const RUNS = 7

/** Each run uses a fresh backend, as an app start does; only the `vault.unlock` call is timed. */
async function unlockTimes(v: BenchVault, runs: number): Promise<Series> {
  const out = new Series()
  for (let i = 0; i < runs; i++) {
    const b = createBackend({ vaultDir: v.dir })
    const t = await timed(() => b.call('vault.unlock', { passphrase: v.passphrase }))
    const r = t.value
    out.add(t)
    b.close()
    if (!r.ok) throw new Error(`unlock failed: ${r.error.code} ${r.error.message}`)
    const { clientCount } = r.data as { clientCount: number }
    if (clientCount !== v.clients) throw new Error(`unlock reported ${clientCount} clients, expected ${v.clients}`)
  }
  return out
}

export const unlock: Measurement = {
  name: 'unlock',
  label: 'unlock (200 clients)',
  targetMs: 500,
  async run(ctx) {
    const big = await unlockTimes(ctx.big, RUNS)
    const small = await unlockTimes(ctx.small, RUNS)
    const header = JSON.parse(readFileSync(join(ctx.big.dir, 'vault.json'), 'utf8')) as { kdf: KdfParams }
    const kdf = new Series()
    for (let i = 0; i < 3; i++) kdf.add(await timed(() => stretchPassphrase(ctx.big.passphrase, header.kdf)))
    const kdfFree = median(kdf.samples.map((w, i) => w - kdf.queued[i]))
    const { N, r, p } = header.kdf
    return {
      ...big,
      baseline: { label: `the same unlock of a ${ctx.small.clients}-client vault`, ...small },
      notes: [
        `of which scrypt (N=2^${Math.log2(N)}, r=${r}, p=${p}) alone: median ${formatMs(median(kdf.samples))} ms (${formatMs(kdfFree)} ms without waiting for a core)`,
        `growth from ${ctx.small.clients} to ${ctx.big.clients} clients: ${formatMs(median(big.samples) - median(small.samples))} ms`
      ]
    }
  }
}
