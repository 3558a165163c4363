/**
 * The one object the preload puts on `window.trellis` in the desktop app, and the shape every renderer transport
 * implements (the browser harness transport too). Nothing else crosses from main into the renderer.
 *
 *   const r = await window.trellis.call('client.list', {})   // → { ok: true, data } | { ok: false, error }
 *   const off = window.trellis.on('vault.locked', (p) => …)   // → call off() to unsubscribe
 *
 * `call` never rejects: transport failures come back as `{ ok: false, error }` too (e.g. `BACKEND_RESTARTED` when
 * the backend process died while the call was running). The renderer declares `window.trellis` itself
 * (`declare global { interface Window { trellis?: TrellisBridge } }`) because shared/ has no DOM types.
 */
import type { Channel, Events, Input, Output } from './contract'
import type { DeviceChannel, DeviceInput, DeviceOutput } from './device'
import type { Result } from './errors'

export type BridgeChannel = Channel | DeviceChannel
export type BridgeInput<C extends BridgeChannel> = C extends Channel
  ? Input<C>
  : C extends DeviceChannel
    ? DeviceInput<C>
    : never
export type BridgeOutput<C extends BridgeChannel> = C extends Channel
  ? Output<C>
  : C extends DeviceChannel
    ? DeviceOutput<C>
    : never

/**
 * Events pushed to the renderer. On `vault.locked` (whatever the reason: the user, idle, system sleep or screen
 * lock, or `restart` when the backend process died and was restarted) the renderer drops client data from its
 * state and returns to the unlock screen.
 */
export type BridgeEvents = Events
export type BridgeEventName = keyof BridgeEvents

export interface TrellisBridge {
  call<C extends BridgeChannel>(channel: C, input: BridgeInput<C>): Promise<Result<BridgeOutput<C>>>
  on<E extends BridgeEventName>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void
}

/** The global name, and the two IPC channel names between preload and main. */
export const BRIDGE_GLOBAL = 'trellis'
export const IPC_CALL = 'trellis:call'
export const IPC_EVENT = 'trellis:event'
