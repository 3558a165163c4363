/**
 * A benchmark worker thread: takes one client file at a time, reduces it to aggregates (aggregate.ts) and posts
 * back only the result. The key arrives with the task and is dropped with it.
 */
import { parentPort } from 'node:worker_threads'
import { aggregateFile, type FileTask } from './aggregate'
import type { WorkerResult } from './pool'

// Serialised here, so the backend's thread receives strings it stores as they are.
parentPort!.on('message', (m: { id: number; task: FileTask }) => {
  const r = aggregateFile(m.task)
  const out: WorkerResult = r.ok
    ? { clientId: r.clientId, ok: true, aggregates: JSON.stringify(r.aggregates), cockpit: JSON.stringify(r.cockpit) }
    : { clientId: r.clientId, ok: false, aggregates: JSON.stringify({ reason: r.reason, message: r.message }), cockpit: null }
  parentPort!.postMessage({ id: m.id, result: out })
})
