/** `trellis client import FILE`: a handover file becomes a new client; the file is never changed. */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClientImportResult, ClientSummary } from '../../shared/ipc/contract'
import { cliFor } from '../helpers/cli'
import { cleanup, tempDir } from '../helpers/vault'

let vault: string
let files: string
let cli: ReturnType<typeof cliFor>

beforeAll(async () => {
  vault = tempDir('trellis-cli-import-')
  files = tempDir('trellis-cli-import-files-')
  cli = cliFor(vault)
  expect((await cli(['vault', 'init'])).code).toBe(0)
}, 120_000)
afterAll(() => {
  cleanup(vault)
  cleanup(files)
})

describe('trellis client import', { timeout: 300_000 }, () => {
  it('imports a handover file as a new client, asks for its passphrase, refuses a wrong one', async () => {
    const c = JSON.parse((await cli(['client', 'create', '--name', 'Kestrel Payments', '--json'])).stdout) as ClientSummary
    const file = join(files, 'kestrel.trellis')
    const env = { TRELLIS_HANDOVER_PASSPHRASE: 'for the client only' }
    expect((await cli(['client', 'handover', c.id, '--out', file], env)).code).toBe(0)
    const sum = createHash('sha256').update(readFileSync(file)).digest('hex')

    const noPass = await cli(['client', 'import', file])
    expect(noPass.code).toBe(2)
    expect(noPass.stderr).toContain('TRELLIS_HANDOVER_PASSPHRASE')

    const wrong = await cli(['client', 'import', file, '--json'], { TRELLIS_HANDOVER_PASSPHRASE: 'not the passphrase' })
    expect(wrong.code).toBe(1)
    expect(JSON.parse(wrong.stderr).error.code).toBe('KEY_INVALID')

    const done = await cli(['client', 'import', file, '--json'], env)
    expect(done.code).toBe(0)
    const r = JSON.parse(done.stdout) as ClientImportResult
    expect(r.outcome).toBe('imported')
    expect(r.client.name).toBe('Kestrel Payments (imported)')
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(sum)

    const own = await cli(['client', 'import', join(vault, 'clients', `${c.id}.trellis`)])
    expect(own.code).toBe(0)
    expect(own.stdout).toContain('is the file of “Kestrel Payments”')
  })
})
