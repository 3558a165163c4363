/**
 * Opening a client and loading its overview, the first time in a session: key unwrap, SQLCipher open with the raw
 * key, migrations check, pragmas, drizzle and the overview queries. Compared with raw better-sqlite3 opening the
 * same file with the same key pragmas and running the equivalent SQL.
 */
import Database from 'better-sqlite3'
import { applyKey } from '../../electron/backend/db/clientFile'
import { call } from '../lib/context'
import { formatMs, median, quantile, Series, timed, type Measurement } from '../lib/registry'

const WARMUP = 3

/** The overview's reads in plain SQL: the profile row, partner counts by stage, the 8 most recently updated. */
function rawOverview(path: string, key: Buffer): number {
  const db = new Database(path, { fileMustExist: true })
  try {
    applyKey(db, key)
    const profile = db.prepare('SELECT * FROM profile WHERE id = 1').get()
    const byStage = db.prepare('SELECT stage, count(*) AS n FROM partners GROUP BY stage').all() as { n: number }[]
    const recent = db.prepare('SELECT * FROM partners ORDER BY updated_at DESC LIMIT 8').all()
    if (!profile || recent.length === 0) throw new Error('raw overview read nothing')
    return byStage.reduce((a, r) => a + r.n, 0)
  } finally {
    db.close()
  }
}

export const clientOpen: Measurement = {
  name: 'client.open',
  label: 'open a client and load its overview (cold)',
  targetMs: 30,
  maxRatio: 3,
  async run(ctx) {
    const v = ctx.big
    const b = await ctx.unlocked(v)
    try {
      const vault = b.session.vault
      const backend = new Series()
      const raw = new Series()
      const warm: number[] = []
      const unwrap: number[] = []
      for (const [i, id] of v.clientIds.entries()) {
        const path = vault.clientFile(id)
        const k = await timed(() => vault.clientKey(id))
        const key = k.value
        const timeRaw = async () => {
          const r = await timed(() => rawOverview(path, key))
          if (r.value !== v.partners) throw new Error(`raw overview counted ${r.value} partners, expected ${v.partners}`)
          return r
        }
        const timeBackend = async () => {
          const r = await timed(() => call<{ partnerCount: number }>(b, 'client.open', { id }))
          if (r.value.partnerCount !== v.partners)
            throw new Error(`client.open counted ${r.value.partnerCount} partners, expected ${v.partners}`)
          // Switching back to a client whose connection is still open.
          const w = await timed(() => call(b, 'client.open', { id }))
          // Closed outside the timer so every open is a first open and no timed open pays for an LRU eviction.
          b.session.closeClient(id)
          return { ...r, warm: w.wall }
        }
        // Alternate which goes first, so neither always runs right after the other touched the same file.
        let tr: Awaited<ReturnType<typeof timeRaw>>, tb: Awaited<ReturnType<typeof timeBackend>>
        if (i % 2) {
          tr = await timeRaw()
          tb = await timeBackend()
        } else {
          tb = await timeBackend()
          tr = await timeRaw()
        }
        if (i < WARMUP) continue
        raw.add(tr)
        backend.add(tb)
        warm.push(tb.warm)
        unwrap.push(k.wall)
      }
      return {
        ...backend,
        baseline: { label: 'raw better-sqlite3 (same file, key pragmas, overview SQL)', ...raw },
        notes: [
          `${backend.samples.length} different clients × ${v.partners} partners, each opened for the first time in the session`,
          `of which key unwrap (read + check + AES-GCM): median ${formatMs(median(unwrap))} ms`,
          `switching back to a client still open: median ${formatMs(median(warm))} ms, p95 ${formatMs(quantile(warm, 0.95))} ms`
        ]
      }
    } finally {
      b.close()
    }
  }
}
