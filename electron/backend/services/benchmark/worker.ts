/**
 * A benchmark worker thread: takes one client file at a time and reduces it to aggregates (aggregate.ts), posting
 * back only the result (JSON made here). The run's writer also stores every result in the cache: it holds the
 * cache connection (and its key) from its first store until the run ends; a file's key arrives with its task and
 * is dropped with it.
 */
import { parentPort } from 'node:worker_threads'
import { aggregateFile } from './aggregate'
import { AggregateCache } from './cache'
import type { CacheRef, WorkerReply, WorkerRequest, WorkerResult } from './pool'

let cache: { ref: CacheRef; cache: AggregateCache } | null = null
/** Why a store of this run failed, told by `finish`. */
let storeFailed: string | null = null

function cacheFor(ref: CacheRef): AggregateCache {
  if (cache && cache.ref.path === ref.path && cache.ref.keyHex === ref.keyHex) return cache.cache
  closeCache()
  cache = { ref, cache: AggregateCache.open(ref.path, ref.keyHex) }
  return cache.cache
}

/** Closing the connection checkpoints the WAL into the cache file: here, not on the backend's thread. */
function closeCache(): void {
  const c = cache
  cache = null
  c?.cache.close()
}

const codeOf = (err: unknown) => (err as { code?: string }).code ?? (err as Error).name

function handle(req: WorkerRequest): Omit<WorkerReply, 'id'> | null {
  switch (req.kind) {
    case 'file': {
      const r = aggregateFile(req.task)
      const result: WorkerResult = r.ok
        ? { clientId: r.clientId, ok: true, aggregates: JSON.stringify(r.aggregates), cockpit: JSON.stringify(r.cockpit) }
        : { clientId: r.clientId, ok: false, aggregates: JSON.stringify({ reason: r.reason, message: r.message }), cockpit: null }
      return { result }
    }
    case 'put':
      try {
        cacheFor(req.cache).put(req.entries)
      } catch (err) {
        storeFailed ??= codeOf(err)
      }
      return null
    case 'finish':
      try {
        if (storeFailed) throw Object.assign(new Error('store failed'), { code: storeFailed })
        const c = cacheFor(req.cache)
        c.put(req.entries)
        if (req.recalibrateAsOf) c.recalibrate(req.recalibrateAsOf)
      } finally {
        storeFailed = null
        closeCache()
      }
      return { done: true }
  }
}

parentPort!.on('message', (m: { id: number; req: WorkerRequest }) => {
  let reply: Omit<WorkerReply, 'id'> | null
  try {
    reply = handle(m.req)
  } catch (err) {
    // Only storing can fail here (aggregateFile never throws): the reason goes to the log, never data.
    reply = { error: codeOf(err) }
  }
  if (reply) parentPort!.postMessage({ id: m.id, ...reply })
})
