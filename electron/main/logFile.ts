/**
 * Main's log: one file in the OS log folder (`app.getPath('logs')/main.log`), the backend process's stderr
 * appended to it. Lines name events and error codes, never client data or keys.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { join } from 'node:path'

let stream: WriteStream | null = null

export function openLog(dir: string): WriteStream {
  mkdirSync(dir, { recursive: true })
  stream = createWriteStream(join(dir, 'main.log'), { flags: 'a', mode: 0o600 })
  return stream
}

export function mainLog(message: string): void {
  const line = `${new Date().toISOString()} main ${message}\n`
  if (stream) stream.write(line)
  if (process.env.TRELLIS_LOG !== 'silent') process.stderr.write(line)
}

export function logStream(): WriteStream | null {
  return stream
}
