/** Unlock: scrypt once, unwrap the vault key, open the index. Must not grow with the number of clients. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createBackend } from '../../electron/backend/backend'
import { stretchPassphrase, type KdfParams } from '../../electron/backend/vault/keys'
import type { BenchVault } from '../lib/context'
import { formatMs, median, timed, type Measurement } from '../lib/registry'

const RUNS = 7

/** Each run uses a fresh backend, as an app start does; only the `vault.unlock` call is timed. */
async function unlockTimes(v: BenchVault, runs: number): Promise<{ wall: number[]; cpu: number[] }> {
  const out = { wall: [] as number[], cpu: [] as number[] }
  for (let i = 0; i < runs; i++) {
    const b = createBackend({ vaultDir: v.dir })
    const { wall, cpu, value: r } = await timed(() => b.call('vault.unlock', { passphrase: v.passphrase }))
    out.wall.push(wall)
    out.cpu.push(cpu)
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
    const kdf: number[] = []
    for (let i = 0; i < 3; i++) kdf.push((await timed(() => stretchPassphrase(ctx.big.passphrase, header.kdf))).wall)
    const { N, r, p } = header.kdf
    return {
      samples: big.wall,
      cpu: big.cpu,
      baseline: { label: `the same unlock of a ${ctx.small.clients}-client vault`, samples: small.wall, cpu: small.cpu },
      notes: [
        `of which scrypt (N=2^${Math.log2(N)}, r=${r}, p=${p}) alone: median ${formatMs(median(kdf))} ms`,
        `growth from ${ctx.small.clients} to ${ctx.big.clients} clients: ${formatMs(median(big.wall) - median(small.wall))} ms`
      ]
    }
  }
}
