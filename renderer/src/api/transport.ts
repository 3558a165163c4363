import type { TrellisBridge } from '../../../shared/ipc/bridge'
import type { Result } from '../../../shared/ipc/errors'

/** How the renderer reaches the backend. Picked once at build time (see ./index.ts); tests swap in a fake. */
export interface Transport {
  call(channel: string, input: unknown): Promise<Result<unknown>>
  /** Subscribes to a pushed backend event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    /** Put there by the sandboxed preload (electron/preload); only api/bridge.ts reads it. */
    trellis?: TrellisBridge
  }
}
