/** Runs the real CLI as a child process (`tsx electron/backend/cli/main.ts`), as a user or a script would. */
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')
const TSX = resolve(ROOT, 'node_modules/tsx/dist/cli.mjs')
const MAIN = resolve(ROOT, 'electron/backend/cli/main.ts')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export function trellis(args: string[], env: Record<string, string | undefined> = {}, cwd = ROOT): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env }
  for (const k of Object.keys(childEnv)) if (k.startsWith('TRELLIS_')) delete childEnv[k]
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v
  return new Promise((done) => {
    execFile(process.execPath, [TSX, MAIN, ...args], { env: childEnv, cwd, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0
      done({ code, stdout, stderr })
    })
  })
}

/** A CLI bound to one vault folder and passphrase. */
export function cliFor(vault: string, passphrase = 'correct horse battery staple') {
  return (args: string[], env: Record<string, string | undefined> = {}) =>
    trellis(args, { TRELLIS_VAULT: vault, TRELLIS_PASSPHRASE: passphrase, ...env })
}
