/**
 * The sandboxed preload: puts `window.trellis = { call, on }` into the page and nothing else. No logic lives
 * here: main checks the sender and the channel of every call. Bundled to one CommonJS file that requires only
 * `electron` (a sandboxed preload cannot load other modules).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { BRIDGE_GLOBAL, IPC_CALL, IPC_EVENT, type TrellisBridge } from '../../shared/ipc/bridge'

const bridge = {
  call: (channel: string, input: unknown) =>
    ipcRenderer
      .invoke(IPC_CALL, String(channel), input)
      .catch(() => ({ ok: false, error: { code: 'INTERNAL', message: 'Trellis could not reach its data engine.' } })),
  on: (event: string, listener: (payload: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function')
    const name = String(event)
    // The IpcRendererEvent (with `sender`) never reaches the page: only the payload does.
    const wrapped = (_e: IpcRendererEvent, got: unknown, payload: unknown) => {
      if (got === name) listener(payload)
    }
    ipcRenderer.on(IPC_EVENT, wrapped)
    return () => void ipcRenderer.removeListener(IPC_EVENT, wrapped)
  }
} as unknown as TrellisBridge

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge)
