/**
 * Messages between Electron main and the backend process (a utilityProcess in the app, a forked Node process in
 * tests). Plain structured-clone data, one request → one response, correlated by `id`; events have no id.
 */
import type { Result } from '../../../shared/ipc/errors'

export interface BackendRequest {
  id: number
  channel: string
  input: unknown
}

export type BackendMessage =
  | { id: number; result: Result<unknown> }
  | { event: string; payload: unknown }
  /** Sent once the backend listens; main sends nothing before it (Node drops IPC messages sent earlier). */
  | { ready: true }

export function isRequest(m: unknown): m is BackendRequest {
  return (
    typeof m === 'object' &&
    m !== null &&
    Number.isSafeInteger((m as BackendRequest).id) &&
    typeof (m as BackendRequest).channel === 'string'
  )
}

export function isResponse(m: unknown): m is { id: number; result: Result<unknown> } {
  if (typeof m !== 'object' || m === null) return false
  const r = m as { id?: unknown; result?: { ok?: unknown } }
  return Number.isSafeInteger(r.id) && typeof r.result === 'object' && r.result !== null && typeof r.result.ok === 'boolean'
}

export function isEvent(m: unknown): m is { event: string; payload: unknown } {
  return typeof m === 'object' && m !== null && typeof (m as { event?: unknown }).event === 'string'
}

export function isReady(m: unknown): m is { ready: true } {
  return typeof m === 'object' && m !== null && (m as { ready?: unknown }).ready === true
}
