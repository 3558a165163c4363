/**
 * `trellis`: the command-line face of the backend (`npm run --silent trellis -- <command>`). It calls the same
 * contract channels as the app, in-process. Commands live in `commands/`, one file per domain.
 */
import { setLogSink } from '../log'
import { COMMAND_GROUPS } from './commands/index'
import { runCli } from './framework'

// The backend log would interleave stack traces with command output; TRELLIS_LOG=verbose shows it on stderr.
if (process.env.TRELLIS_LOG !== 'verbose') setLogSink(null)

runCli(COMMAND_GROUPS, {
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(`${t}\n`),
  stderr: (t) => process.stderr.write(`${t}\n`)
}).then(
  (code) => {
    process.exitCode = code
  },
  (err) => {
    process.stderr.write(`trellis: unexpected failure: ${(err as Error)?.message ?? err}\n`)
    process.exitCode = 1
  }
)
