import type { BridgeChannel, BridgeEventName } from '../../../shared/ipc/bridge'
import type { Transport } from './transport'

/** Electron: the sandboxed preload's bridge. Only this module touches `window.trellis`. */
export function electronTransport(): Transport {
  const bridge = window.trellis
  if (!bridge) throw new Error('The Trellis preload bridge is missing')
  return {
    call: (channel, input) => bridge.call(channel as BridgeChannel, input as never),
    on: (event, listener) => bridge.on(event as BridgeEventName, listener)
  }
}
