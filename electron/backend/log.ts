/**
 * The backend log. It records what failed and where, never client data or keys: callers pass channel names
 * and error objects, and messages of SQLite and file-system errors name columns and paths by id only.
 */
type Sink = (line: string) => void

let sink: Sink = (line) => process.stderr.write(`${line}\n`)
let quiet = process.env.TRELLIS_LOG === 'silent'

export function setLogSink(s: Sink | null): void {
  if (s === null) quiet = true
  else {
    sink = s
    quiet = false
  }
}

function write(level: string, msg: string, err?: unknown): void {
  if (quiet) return
  const detail = err instanceof Error ? ` ${err.name}: ${err.message}${err.stack ? `\n${err.stack}` : ''}` : ''
  sink(`${new Date().toISOString()} ${level} ${msg}${detail}`)
}

export const log = {
  info: (msg: string) => write('INFO', msg),
  warn: (msg: string, err?: unknown) => write('WARN', msg, err),
  error: (msg: string, err?: unknown) => write('ERROR', msg, err)
}
