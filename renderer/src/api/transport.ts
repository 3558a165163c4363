import type { Result } from '../../../shared/ipc/errors'

/** How the renderer reaches the backend. Picked once at build time (see ./index.ts); tests swap in a fake. */
export interface Transport {
  call(channel: string, input: unknown): Promise<Result<unknown>>
  /** Subscribes to a pushed backend event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void
}

/**
 * What the Electron preload exposes as `window.trellis` (contextBridge). The preload forwards only contract
 * channel names; main checks the sender and hands the call to the backend process.
 */
export interface PreloadBridge {
  call(channel: string, input: unknown): Promise<Result<unknown>>
  on(event: string, listener: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    trellis?: PreloadBridge
  }
}
