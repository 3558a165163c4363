/**
 * Starts the backend (out/main/backend.js) in an Electron utilityProcess, so SQL never runs on the main thread,
 * and wraps it in the electron-free `BackendClient` (correlation + restart). Its stdout/stderr go to main's log.
 */
import { utilityProcess } from 'electron'
import type { Writable } from 'node:stream'
import { BackendClient, type SpawnChild } from '../backend/rpc/client'
import { mainLog } from './logFile'

export interface BackendHostOptions {
  entry: string
  vaultDir: string
  resourcesDir?: string
  /** Development and tests only: a cheap scrypt cost. */
  kdfN?: number
  log: Writable | null
  onEvent(event: string, payload: unknown): void
  onRestart(): void
}

export function utilitySpawner(entry: string, args: string[], log: Writable | null): SpawnChild {
  return (hooks) => {
    const child = utilityProcess.fork(entry, args, { serviceName: 'Trellis backend', stdio: 'pipe' })
    const pipe = (s: NodeJS.ReadableStream | null) =>
      s?.on('data', (d: Buffer) => {
        log?.write(d)
        if (process.env.TRELLIS_LOG !== 'silent') process.stderr.write(d)
      })
    pipe(child.stdout)
    pipe(child.stderr)
    child.on('message', (m: unknown) => hooks.onMessage(m))
    child.on('exit', (code) => hooks.onExit(code))
    return {
      send: (m) => child.postMessage(m),
      kill: () => void child.kill(),
      get pid() {
        return child.pid
      }
    }
  }
}

export function startBackend(o: BackendHostOptions): BackendClient {
  const args = [`--vault-dir=${o.vaultDir}`]
  if (o.resourcesDir) args.push(`--resources-dir=${o.resourcesDir}`)
  if (o.kdfN) args.push(`--kdf-n=${o.kdfN}`)
  return new BackendClient({
    spawn: utilitySpawner(o.entry, args, o.log),
    onEvent: o.onEvent,
    onRestart: ({ code, restarts }) => {
      mainLog(`backend process exited (code ${code}); restarted (${restarts} so far)`)
      o.onRestart()
    }
  })
}
