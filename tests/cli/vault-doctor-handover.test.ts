import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClientSummary, DoctorReport } from '../../shared/ipc/contract'
import { cliFor } from '../helpers/cli'
import { flipByte } from '../helpers/damage'
import { checksums, cleanup, tempDir } from '../helpers/vault'

const PASS = 'correct horse battery staple'
let vault: string
let files: string
let cli: ReturnType<typeof cliFor>
let recoveryKey: string

beforeAll(async () => {
  vault = tempDir('trellis-cli-vault-')
  files = tempDir('trellis-cli-files-')
  cli = cliFor(vault, PASS)
  const init = await cli(['vault', 'init'])
  expect(init.code).toBe(0)
  recoveryKey = /^ {4}([A-Z2-7]{4}(-[A-Z2-7]{4}){12})$/m.exec(init.stdout)?.[1] ?? ''
  expect(recoveryKey).not.toBe('')
  expect(init.stdout).toContain('shown only this once')
  expect(init.stdout).toContain('Store it somewhere safe')
}, 120_000)
afterAll(() => {
  cleanup(vault)
  cleanup(files)
})

// Each run is a fresh Node process (about 1 s of CPU, more on a busy machine), so these tests get a long timeout.
describe('trellis vault, demo, doctor and handover', { timeout: 300_000 }, () => {
  it('refuses a second init, reports status, and unlocks from files or the recovery key', async () => {
    const again = await cli(['vault', 'init', '--json'])
    expect(again.code).toBe(1)
    expect(JSON.parse(again.stderr).error.code).toBe('VAULT_EXISTS')

    const status = await cli(['vault', 'status', '--json'], { TRELLIS_PASSPHRASE: undefined })
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout)).toMatchObject({ exists: true, location: vault, clientFiles: 0 })

    writeFileSync(join(files, 'pass.txt'), `${PASS}\n`)
    writeFileSync(join(files, 'recovery.txt'), `${recoveryKey.toLowerCase()}\n`)
    writeFileSync(join(files, 'bad-recovery.txt'), `${'A'.repeat(52)}\n`)
    const seeded = await cli(['demo', 'seed', '--clients', '2', '--partners', '5', '--seed', '7', '--passphrase-file', join(files, 'pass.txt'), '--json'], {
      TRELLIS_PASSPHRASE: undefined
    })
    expect(seeded.code).toBe(0)
    expect(JSON.parse(seeded.stdout)).toMatchObject({ created: 2, partnersPerClient: 5, seed: 7 })

    const viaRecovery = await cli(['client', 'list', '--json', '--recovery-key-file', join(files, 'recovery.txt')], { TRELLIS_PASSPHRASE: undefined })
    expect(viaRecovery.code).toBe(0)
    expect(JSON.parse(viaRecovery.stdout) as ClientSummary[]).toHaveLength(2)
    const wrongRecovery = await cli(['client', 'list', '--recovery-key-file', join(files, 'bad-recovery.txt')])
    expect(wrongRecovery.code).toBe(1)
    expect(wrongRecovery.stderr).toBe('trellis: Wrong recovery key. Check each group and try again.\n')

    const badNumber = await cli(['demo', 'seed', '--clients', 'lots'])
    expect(badNumber.code).toBe(2)
    expect(badNumber.stderr).toContain('--clients must be a whole number')
  })

  it('changes the passphrase without touching client files', async () => {
    const before = checksums(join(vault, 'clients'))
    const missing = await cli(['vault', 'change-passphrase'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('TRELLIS_NEW_PASSPHRASE')
    const changed = await cli(['vault', 'change-passphrase'], { TRELLIS_NEW_PASSPHRASE: 'a brand new passphrase' })
    expect(changed.code).toBe(0)
    expect((await cli(['client', 'list'])).code).toBe(1)
    expect((await cli(['client', 'list'], { TRELLIS_PASSPHRASE: 'a brand new passphrase' })).code).toBe(0)
    // The passphrase "lost": set it back with the recovery key.
    const back = await cli(['vault', 'change-passphrase', '--recovery-key-file', join(files, 'recovery.txt')], {
      TRELLIS_PASSPHRASE: undefined,
      TRELLIS_NEW_PASSPHRASE: PASS
    })
    expect(back.code).toBe(0)
    expect(back.stdout).toContain('set with the recovery key')
    expect(checksums(join(vault, 'clients'))).toEqual(before)
  })

  it('writes a handover copy the stock sqlcipher tool opens, and never replaces a file without --force', async () => {
    const list = JSON.parse((await cli(['client', 'list', '--json'])).stdout) as ClientSummary[]
    const c = list[0]
    const out = join(files, 'handover.db')
    writeFileSync(out, 'keep me')
    const env = { TRELLIS_HANDOVER_PASSPHRASE: 'for the client only' }
    const refused = await cli(['client', 'handover', c.name, '--out', out], env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('already exists')
    expect(refused.stderr).toContain('--force')
    expect(readFileSync(out, 'utf8')).toBe('keep me')

    const noPass = await cli(['client', 'handover', c.id, '--out', out, '--force'])
    expect(noPass.code).toBe(2)
    expect(noPass.stderr).toContain('TRELLIS_HANDOVER_PASSPHRASE')

    const written = await cli(['client', 'handover', c.id, '--out', out, '--force', '--json'], env)
    expect(written.code).toBe(0)
    expect(JSON.parse(written.stdout)).toMatchObject({ client: c.id, path: out })
    if (existsSync('/usr/bin/sqlcipher')) {
      const rows = execFileSync('/usr/bin/sqlcipher', ['-batch', out], {
        input: "PRAGMA key='for the client only';\nSELECT name FROM profile;\nSELECT count(*) FROM partners;\n",
        encoding: 'utf8'
      })
      expect(rows.trim().split('\n').slice(-2)).toEqual([c.name, '5'])
    }
  })

  it('doctor rebuilds a lost index, lists stray files, and exits 1 when a client cannot be read', async () => {
    const list = JSON.parse((await cli(['client', 'list', '--json'])).stdout) as ClientSummary[]
    for (const s of ['', '-wal', '-shm']) rmSync(join(vault, `index.db${s}`), { force: true })
    writeFileSync(join(vault, 'clients', 'scan.pdf'), '%PDF-1.4\n%%EOF\n')

    const healthy = await cli(['doctor'])
    expect(healthy.code).toBe(0)
    expect(healthy.stdout).toContain('Index rebuilt: 2 clients found.')
    expect(healthy.stdout).toMatch(/clients\/scan\.pdf +a PDF document, not a Trellis file/)

    flipByte(join(vault, 'clients', `${list[1].id}.trellis`), 50)
    const damaged = await cli(['doctor', '--json'])
    expect(damaged.code).toBe(1)
    const report = JSON.parse(damaged.stdout) as DoctorReport
    expect(report.clientsFound).toBe(1)
    expect(report.problems).toEqual([{ file: `clients/${list[1].id}.trellis`, code: 'FILE_CORRUPT', message: expect.stringContaining('cannot be decrypted') }])
    expect(JSON.parse(damaged.stderr)).toEqual({ error: { code: 'PROBLEMS', message: '1 client file cannot be read; see the report.' } })
  })
})
