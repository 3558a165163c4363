/**
 * The backend process. In the app, main starts it with `utilityProcess.fork` and talks over `process.parentPort`;
 * tests start the same file with `child_process.fork` and talk over Node's IPC channel. Plain Node: no electron.
 *
 * Arguments: `--vault-dir=DIR` (required), `--resources-dir=DIR` (the folder holding `migrations/`; in the
 * packaged app main passes `process.resourcesPath`), `--kdf-n=N` (tests only: a cheap scrypt cost).
 */
import { createBackend } from './backend'
import { log } from './log'
import { serveBackend, type ServerPort } from './rpc/server'
import type { BackendMessage } from './rpc/protocol'

interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

function arg(name: string): string | undefined {
  const prefix = `--${name}=`
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length)
}

function parentPort(): ServerPort {
  const electronPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort
  if (electronPort)
    return {
      onMessage: (l) => electronPort.on('message', (e) => l(e.data)),
      post: (m: BackendMessage) => electronPort.postMessage(m)
    }
  if (process.send)
    return {
      onMessage: (l) => process.on('message', l),
      post: (m: BackendMessage) => void process.send?.(m)
    }
  throw new Error('entry.utility must be started by Electron main (utilityProcess) or child_process.fork')
}

const vaultDir = arg('vault-dir')
if (!vaultDir) {
  log.error('backend started without --vault-dir')
  process.exit(2)
}
const kdfN = Number(arg('kdf-n'))
const backend = createBackend({
  vaultDir,
  resourcesDir: arg('resources-dir'),
  ...(Number.isSafeInteger(kdfN) && kdfN > 0 ? { kdfCost: { N: kdfN } } : {})
})
const port = parentPort()
serveBackend(backend, port)
// Node's IPC channel keeps the process alive; when the parent goes away, close the files and leave.
process.on('disconnect', () => {
  backend.close()
  process.exit(0)
})
log.info('backend ready')
