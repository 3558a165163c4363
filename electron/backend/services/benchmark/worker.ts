/**
 * A benchmark worker thread: takes one client file at a time, reduces it to aggregates (aggregate.ts) and posts
 * back only the result. The key arrives with the task and is dropped with it.
 */
import { parentPort } from 'node:worker_threads'
import { aggregateFile, type FileTask } from './aggregate'

parentPort!.on('message', (m: { id: number; task: FileTask }) => {
  parentPort!.postMessage({ id: m.id, result: aggregateFile(m.task) })
})
