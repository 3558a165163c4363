/** The backend side of the process boundary: answers requests from a port and forwards pushed events. */
import type { Backend } from '../backend'
import { isRequest, type BackendMessage } from './protocol'

export interface ServerPort {
  onMessage(listener: (message: unknown) => void): void
  post(message: BackendMessage): void
}

export function serveBackend(backend: Backend, port: ServerPort): void {
  backend.onEvent((event, payload) => port.post({ event, payload }))
  port.onMessage((m) => {
    // Only main talks to this port, and it validated the call; a malformed message is a bug there, so drop it.
    if (!isRequest(m)) return
    void backend.call(m.channel, m.input).then((result) => port.post({ id: m.id, result }))
  })
  port.post({ ready: true })
}
