/**
 * The CLI's command registry and plumbing. A domain adds commands by exporting a `CommandGroup` from
 * `commands/<domain>.ts` and listing it in `commands/index.ts`; every command gets the global options, `--help`,
 * `--json`, exit codes and error output from here.
 *
 * Exit codes: 0 success, 1 failure (one line on stderr; with --json a JSON `{error:{code,message}}` line),
 * 2 usage error (a short usage text on stderr).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { Channel, ClientSummary, Input, Output } from '../../../shared/ipc/contract'
import { AppError } from '../errors'
import { createBackend, type Backend } from '../backend'
import { defaultVaultDir } from '../paths'
import { nameKey } from '../vault/index'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>
type Values = Record<string, string | boolean | string[] | boolean[] | undefined>

export interface Command {
  /** The verb (`create`); '' for a group that is itself the command (`doctor`). */
  name: string
  summary: string
  /** Arguments after the verb, e.g. `ID --name NAME [--force]`. */
  usage: string
  options?: OptionSpec
  /** Names of the positional arguments, in order (all required). */
  args?: string[]
  /** Extra lines for `--help`. */
  details?: string
  run(ctx: CommandContext): Promise<CommandResult>
}

export interface CommandGroup {
  name: string
  summary: string
  commands: Command[]
}

/** `data` is printed with --json; `text` (default: `data` as JSON) for people. */
export interface CommandResult {
  data: unknown
  text?: string
  /** Non-zero when the command ran but found something wrong (e.g. doctor with unreadable clients). */
  exitCode?: number
  /** One line on stderr explaining a non-zero exitCode. */
  warning?: string
}

/** A mistake in how the command was called: exit code 2 with the usage text. */
export class UsageError extends Error {}

export const GLOBAL_OPTIONS = {
  vault: { type: 'string' },
  json: { type: 'boolean' },
  'passphrase-file': { type: 'string' },
  'recovery-key-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const satisfies OptionSpec

const GLOBAL_USAGE = `Global options:
  --vault DIR               vault folder (default: $TRELLIS_VAULT, else the app's folder)
  --passphrase-file FILE    read the vault passphrase from FILE (default: $TRELLIS_PASSPHRASE)
  --recovery-key-file FILE  unlock with the recovery key in FILE instead of the passphrase
  --json                    machine-readable output
  -h, --help                help for a command`

export interface Io {
  argv: string[]
  env: NodeJS.ProcessEnv
  stdout(text: string): void
  stderr(text: string): void
  cwd: string
}

export class CommandContext {
  private backendInstance: Backend | null = null

  constructor(
    readonly io: Io,
    readonly values: Values,
    readonly args: Record<string, string>,
    readonly json: boolean
  ) {}

  get vaultDir(): string {
    const v = (this.values.vault as string | undefined) ?? this.io.env.TRELLIS_VAULT
    return v ? resolve(this.io.cwd, v) : defaultVaultDir()
  }

  str(name: string): string | undefined {
    const v = this.values[name]
    return typeof v === 'string' ? v : undefined
  }

  flag(name: string): boolean {
    return this.values[name] === true
  }

  path(p: string): string {
    return resolve(this.io.cwd, p)
  }

  get backend(): Backend {
    this.backendInstance ??= createBackend({ vaultDir: this.vaultDir, instanceKind: 'cli' })
    return this.backendInstance
  }

  close(): void {
    this.backendInstance?.close()
  }

  /** Calls a contract channel; a failure is thrown as an AppError (exit code 1). */
  async call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
    const r = await this.backend.call(channel, input)
    if (!r.ok) throw new AppError(r.error.code, r.error.message)
    return r.data as Output<C>
  }

  /**
   * A secret from a file (one trailing newline removed) or an environment variable. Returns undefined when
   * neither is given; a file that cannot be read is a failure.
   */
  secret(fileOption: string, envName?: string): string | undefined {
    const file = this.str(fileOption)
    if (file !== undefined) {
      try {
        return readFileSync(this.path(file), 'utf8').replace(/\r?\n$/, '')
      } catch (err) {
        const code = (err as { code?: string }).code
        throw new AppError(
          'FILE_MISSING',
          code === 'ENOENT' ? `--${fileOption}: ${file} does not exist.` : `--${fileOption}: ${file} cannot be read (${code}).`
        )
      }
    }
    const v = envName ? this.io.env[envName] : undefined
    return v === undefined || v === '' ? undefined : v
  }

  passphrase(): string {
    const p = this.secret('passphrase-file', 'TRELLIS_PASSPHRASE')
    if (p === undefined) throw new UsageError('No passphrase: set TRELLIS_PASSPHRASE or pass --passphrase-file FILE.')
    return p
  }

  /** Unlocks the vault with the recovery key (if --recovery-key-file is given) or the passphrase. */
  async unlock(): Promise<{ clientCount: number }> {
    const recoveryKey = this.secret('recovery-key-file')
    return recoveryKey !== undefined ? this.call('vault.unlock', { recoveryKey }) : this.call('vault.unlock', { passphrase: this.passphrase() })
  }

  /** A client by id or by name (exact, else ignoring case and extra spaces), archived ones included. */
  async client(ref: string): Promise<ClientSummary> {
    const all = await this.call('client.list', { includeArchived: true })
    const hit =
      all.find((c) => c.id === ref) ?? all.find((c) => c.name === ref) ?? all.find((c) => nameKey(c.name) === nameKey(ref))
    if (!hit) throw new AppError('NOT_FOUND', `There is no client with the id or name “${ref}” in this vault.`)
    return hit
  }
}

// ---------------------------------------------------------------- output helpers

function width(s: string): number {
  return [...s].length
}

/** A plain text table: columns padded to the widest cell, a header line, no borders. */
export function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined || c === '' ? '-' : String(c))))
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ''))))
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - width(c))))
      .join('  ')
      .trimEnd()
  return [line(headers), ...cells.map(line)].join('\n')
}

/** `key: value` lines with the keys aligned. */
export function fields(pairs: [string, string | number | boolean | null | undefined][]): string {
  const w = Math.max(...pairs.map(([k]) => width(k)))
  return pairs.map(([k, v]) => `${k}:${' '.repeat(w - width(k) + 1)}${v === null || v === undefined || v === '' ? '-' : String(v)}`).join('\n')
}

// ---------------------------------------------------------------- dispatch

const VALUE_OPTIONS = new Set(
  Object.entries(GLOBAL_OPTIONS)
    .filter(([, o]) => o.type === 'string')
    .map(([k]) => `--${k}`)
)

/** The first two words that are not global options (or their values): the group and the verb. */
function findWords(argv: string[]): { words: { value: string; at: number }[] } {
  const words: { value: string; at: number }[] = []
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i]
    if (a === '--') break
    if (VALUE_OPTIONS.has(a)) {
      i++
      continue
    }
    if (a.startsWith('-')) continue
    words.push({ value: a, at: i })
  }
  return { words }
}

function usageOf(group: CommandGroup, cmd: Command): string {
  return `trellis ${[group.name, cmd.name].filter(Boolean).join(' ')} ${cmd.usage}`.trimEnd()
}

function helpText(groups: CommandGroup[]): string {
  const lines = ['Usage: npm run --silent trellis -- <command> [options]', '', 'Commands:']
  const rows: string[][] = []
  for (const g of groups) for (const c of g.commands) rows.push([`  ${[g.name, c.name].filter(Boolean).join(' ')}`, c.summary])
  const w = Math.max(...rows.map((r) => r[0].length))
  for (const [a, b] of rows) lines.push(`${a.padEnd(w + 2)}${b}`)
  lines.push('', GLOBAL_USAGE, '', 'Run `trellis <command> --help` for the options of one command.')
  return lines.join('\n')
}

function commandHelp(group: CommandGroup, cmd: Command): string {
  return [`Usage: ${usageOf(group, cmd)}`, '', cmd.summary, ...(cmd.details ? ['', cmd.details] : []), '', GLOBAL_USAGE].join('\n')
}

function groupHelp(group: CommandGroup): string {
  const w = Math.max(...group.commands.map((c) => c.name.length))
  return [
    `Usage: trellis ${group.name} <command> [options]`,
    '',
    group.summary,
    '',
    ...group.commands.map((c) => `  ${c.name.padEnd(w + 2)}${c.summary}`),
    '',
    `Run \`trellis ${group.name} <command> --help\` for its options.`
  ].join('\n')
}

/** Runs one CLI invocation and returns its exit code. Never throws. */
export async function runCli(groups: CommandGroup[], io: Io): Promise<number> {
  const { argv } = io
  const jsonWanted = argv.includes('--json')
  const fail = (code: string, message: string): number => {
    io.stderr(jsonWanted ? JSON.stringify({ error: { code, message } }) : `trellis: ${message}`)
    return 1
  }
  const usage = (message: string, text: string): number => {
    if (jsonWanted) io.stderr(JSON.stringify({ error: { code: 'USAGE', message } }))
    else io.stderr(`trellis: ${message}\n\n${text}`)
    return 2
  }

  const { words } = findWords(argv)
  const wantsHelp = argv.includes('--help') || argv.includes('-h')
  if (words.length === 0) {
    if (wantsHelp) {
      io.stdout(helpText(groups))
      return 0
    }
    return usage('Missing command.', helpText(groups))
  }
  const group = groups.find((g) => g.name === words[0].value)
  if (!group) return usage(`Unknown command “${words[0].value}”.`, helpText(groups))

  const verbWord = words[1]
  const selfCommand = group.commands.find((c) => c.name === '')
  let cmd: Command | undefined
  let consumed = [words[0].at]
  if (selfCommand) cmd = selfCommand
  else if (!verbWord) {
    if (wantsHelp) {
      io.stdout(groupHelp(group))
      return 0
    }
    return usage(`Missing ${group.name} command.`, groupHelp(group))
  } else {
    cmd = group.commands.find((c) => c.name === verbWord.value)
    if (!cmd) return usage(`Unknown ${group.name} command “${verbWord.value}”.`, groupHelp(group))
    consumed = [words[0].at, verbWord.at]
  }

  if (wantsHelp) {
    io.stdout(commandHelp(group, cmd))
    return 0
  }

  let values: Values
  let positionals: string[]
  try {
    const parsed = parseArgs({
      args: argv.filter((_, i) => !consumed.includes(i)),
      options: { ...GLOBAL_OPTIONS, ...cmd.options },
      allowPositionals: true,
      strict: true
    })
    values = parsed.values as Values
    positionals = parsed.positionals
  } catch (err) {
    // parseArgs messages are clear ("Unknown option '--nme'"); drop its hint about `--` to keep one line.
    const msg = (err as Error).message.split('. To specify')[0].replace(/\.$/, '')
    return usage(`${msg}.`, `Usage: ${usageOf(group, cmd)}`)
  }
  const expected = cmd.args ?? []
  if (positionals.length < expected.length)
    return usage(`Missing ${expected.slice(positionals.length).join(' ')}.`, `Usage: ${usageOf(group, cmd)}`)
  if (positionals.length > expected.length)
    return usage(`Unexpected argument “${positionals[expected.length]}”.`, `Usage: ${usageOf(group, cmd)}`)
  const args = Object.fromEntries(expected.map((name, i) => [name, positionals[i]]))

  const ctx = new CommandContext(io, values, args, values.json === true)
  try {
    const result = await cmd.run(ctx)
    if (ctx.json) io.stdout(JSON.stringify(result.data, null, 2))
    else io.stdout(result.text ?? JSON.stringify(result.data, null, 2))
    if (result.exitCode) {
      if (result.warning) io.stderr(ctx.json ? JSON.stringify({ error: { code: 'PROBLEMS', message: result.warning } }) : `trellis: ${result.warning}`)
      return result.exitCode
    }
    return 0
  } catch (err) {
    if (err instanceof UsageError) return usage(err.message, `Usage: ${usageOf(group, cmd)}`)
    if (err instanceof AppError) return fail(err.code, err.message)
    return fail('INTERNAL', `${[group.name, cmd.name].filter(Boolean).join(' ')} failed unexpectedly: ${(err as Error)?.message ?? err}`)
  } finally {
    ctx.close()
  }
}
