/** `SpawnChild` over `child_process.fork`, for tests and Node tools (the app uses utilityProcess instead). */
import { fork, type ForkOptions } from 'node:child_process'
import type { SpawnChild } from './client'

export function forkSpawner(modulePath: string, args: string[] = [], options: ForkOptions = {}): SpawnChild {
  return (hooks) => {
    const child = fork(modulePath, args, { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], ...options })
    child.on('message', (m) => hooks.onMessage(m))
    child.on('exit', (code) => hooks.onExit(code))
    child.on('error', () => child.kill('SIGKILL'))
    return {
      send: (m) => {
        if (child.connected) child.send(m)
      },
      kill: () => child.kill('SIGKILL'),
      pid: child.pid
    }
  }
}
