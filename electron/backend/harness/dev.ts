/**
 * `npm run dev:web`: the real backend behind the loopback harness plus Vite's dev server (middleware mode) on
 * the same 127.0.0.1 port, so the renderer runs in any local browser against real encrypted files.
 * Vault: `--vault DIR`, else TRELLIS_VAULT, else a fresh temporary folder.
 */
import { mkdtempSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startHarness } from './server'

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  if (i >= 0) return process.argv[i + 1]
  const eq = process.argv.find((a) => a.startsWith(`${name}=`))
  return eq?.slice(name.length + 1)
}

async function main(): Promise<void> {
  const vaultDir = resolve(argValue('--vault') ?? process.env.TRELLIS_VAULT ?? mkdtempSync(join(tmpdir(), 'trellis-dev-')))
  process.env.VITE_TRANSPORT = 'ws'
  const { createServer } = await import('vite')
  let middleware: ((req: IncomingMessage, res: ServerResponse) => void) | null = null
  const harness = await startHarness({
    vaultDir,
    handler: (req, res) => {
      if (middleware) middleware(req, res)
      else res.writeHead(503).end('starting')
    }
  })
  const vite = await createServer({
    configFile: resolve(__dirname, '../../../renderer/vite.web.config.mts'),
    server: { middlewareMode: true, hmr: { server: harness.server } },
    appType: 'spa'
  })
  middleware = (req, res) => vite.middlewares(req, res)
  console.log(`Trellis (web dev) — vault: ${vaultDir}`)
  console.log(`Open: ${harness.url}`)
  const stop = async () => {
    await vite.close()
    await harness.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
