/**
 * The record of one e2e-web run, outside Playwright's output folder (which it empties): every test appends its
 * backend log, the client and partner names its vault held, and how many requests its page made (and which of
 * them went anywhere but the harness). The global teardown reads it back for the whole run.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const RUN_DIR = resolve(__dirname, '../../test-results/e2e-web-run')
const LOG = join(RUN_DIR, 'backend.log')
const NAMES = join(RUN_DIR, 'names.txt')
const TALLY = join(RUN_DIR, 'requests.jsonl')

export function resetRun(): void {
  rmSync(RUN_DIR, { recursive: true, force: true })
  mkdirSync(RUN_DIR, { recursive: true })
}

function append(file: string, text: string): void {
  mkdirSync(RUN_DIR, { recursive: true })
  appendFileSync(file, text)
}

export function appendRunLog(test: string, lines: string[], names: Iterable<string>): void {
  append(LOG, `# ${test}\n${lines.map((l) => `${l}\n`).join('')}`)
  append(NAMES, [...names].map((n) => `${JSON.stringify(n)}\n`).join(''))
}

export function appendRunTally(test: string, requests: number, foreign: string[]): void {
  append(TALLY, `${JSON.stringify({ test, requests, foreign })}\n`)
}

export interface RunSummary {
  tests: number
  requests: number
  foreign: string[]
  logLines: number
  names: number
  leaked: string[]
}

/** The whole run: every name any test's vault held, searched for in every line any test logged. */
export function readRun(): RunSummary {
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean) : [])
  const tally = read(TALLY).map((l) => JSON.parse(l) as { requests: number; foreign: string[] })
  const log = read(LOG).filter((l) => !l.startsWith('# '))
  const names = new Set(read(NAMES).map((l) => JSON.parse(l) as string))
  const text = log.join('\n')
  return {
    tests: tally.length,
    requests: tally.reduce((a, t) => a + t.requests, 0),
    foreign: tally.flatMap((t) => t.foreign),
    logLines: log.length,
    names: names.size,
    leaked: [...names].filter((n) => text.includes(n))
  }
}
