/**
 * The renderer's only way to the backend. Components and stores call `api.call('client.open', { id })` and get
 * the typed result or an `ApiError` carrying `{ code, message }`. Device channels (keychain, native dialogs)
 * exist only in the desktop app; the browser harness answers them with an error. The transport is chosen at build time:
 * `VITE_TRANSPORT=ws` (browser build, loopback harness) or the Electron preload bridge (default).
 */
import type { BridgeChannel, BridgeEventName, BridgeEvents, BridgeInput, BridgeOutput } from '../../../shared/ipc/bridge'
import type { ErrorCode } from '../../../shared/ipc/errors'
import { electronTransport } from './bridge'
import type { Transport } from './transport'
import { wsTransport } from './socket'

export type { Transport } from './transport'

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

let current: Transport | null = null

function transport(): Transport {
  if (!current) current = import.meta.env.VITE_TRANSPORT === 'ws' ? wsTransport() : electronTransport()
  return current
}

/** Tests (and only tests) replace the transport with a fake. */
export function setTransport(t: Transport | null): void {
  current = t
}

export const api = {
  async call<C extends BridgeChannel>(channel: C, input: BridgeInput<C>): Promise<BridgeOutput<C>> {
    let r
    try {
      r = await transport().call(channel, input)
    } catch (e) {
      throw new ApiError('INTERNAL', e instanceof Error ? e.message : 'The backend could not be reached.')
    }
    if (!r.ok) throw new ApiError(r.error.code, r.error.message)
    return r.data as BridgeOutput<C>
  },
  on<E extends BridgeEventName>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void {
    return transport().on(event, listener as (p: unknown) => void)
  }
}

/** Plain-language text for any thrown value, for error banners. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error && e.message) return e.message
  return 'Something went wrong. Try again.'
}
