/**
 * Bad input, each on real encrypted files: a clear error code and message naming what is wrong, no file changed
 * (checksums before and after), and the other clients keep working.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientSummary, PartnerRow } from '../../shared/ipc/contract'
import type { Backend } from '../../electron/backend/backend'
import { applyKey } from '../../electron/backend/db/clientFile'
import { TEST_PASSPHRASE, checksums, cleanup, err, newBackend, ok, unlockedBackend } from '../helpers/vault'
import { flipByte } from '../helpers/damage'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/**
 * Every file that existed before has the same bytes after. SQLite's shared-memory index (`-shm`) is not data and
 * an empty WAL holds none, so those may come and go while a connection is open.
 */
function expectUnchanged(before: Record<string, string>, after: Record<string, string>): void {
  const data = (sums: Record<string, string>) =>
    Object.fromEntries(Object.entries(sums).filter(([f, h]) => !f.endsWith('-shm') && !(f.endsWith('-wal') && h === EMPTY_SHA256)))
  expect(data(after)).toEqual(data(before))
}

interface Fixture {
  vaultDir: string
  target: ClientSummary
  others: ClientSummary[]
  targetKey: Buffer
  file: string
}

/** A vault with a target client (with partners) and two others; closed, so every file is at rest. */
async function fixture(partners = 3): Promise<Fixture> {
  const { backend, vaultDir } = await unlockedBackend()
  dirs.push(vaultDir)
  const target = await ok<ClientSummary>(backend, 'client.create', { name: 'Target Client' })
  const others = [
    await ok<ClientSummary>(backend, 'client.create', { name: 'Juniper Energy' }),
    await ok<ClientSummary>(backend, 'client.create', { name: 'Larkspur Learning' })
  ]
  for (let i = 0; i < partners; i++)
    await ok(backend, 'partner.create', { clientId: target.id, name: `Partner ${i} ${'x'.repeat(40)}`, type: 'referral' })
  const targetKey = Buffer.from(backend.session.vault.clientKey(target.id))
  backend.close()
  return { vaultDir, target, others, targetKey, file: join(vaultDir, 'clients', `${target.id}.trellis`) }
}

async function unlock(vaultDir: string): Promise<Backend> {
  const b = newBackend(vaultDir)
  await ok(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
  return b
}

/** The others still open, list and take a write; the damaged client stays listed. */
async function othersKeepWorking(b: Backend, f: Fixture): Promise<void> {
  for (const o of f.others) {
    await ok(b, 'client.open', { id: o.id })
    await ok<PartnerRow>(b, 'partner.create', { clientId: o.id, name: 'Still Works Ltd', type: 'msp' })
  }
  const listed = (await ok<ClientSummary[]>(b, 'client.list')).map((c) => c.id)
  expect(listed).toEqual(expect.arrayContaining([f.target.id, ...f.others.map((o) => o.id)]))
}

/** Damages the target, then checks the error on open, that no file changed, and that the others work. */
async function expectRefused(
  f: Fixture,
  damage: () => void,
  code: string,
  message: RegExp,
  channel = 'client.open',
  input: (f: Fixture) => unknown = (x) => ({ id: x.target.id })
): Promise<void> {
  damage()
  const atRest = checksums(f.vaultDir)
  const b = await unlock(f.vaultDir)
  const before = checksums(f.vaultDir)
  const e = await err(b, channel, input(f))
  expect(e.code).toBe(code)
  expect(e.message).toMatch(message)
  // Asking again gives the same answer (nothing half-opened is cached).
  expect((await err(b, channel, input(f))).code).toBe(code)
  expectUnchanged(before, checksums(f.vaultDir))
  await othersKeepWorking(b, f)
  b.close()
  // After closing, the damaged client's files are byte for byte what they were.
  const after = checksums(f.vaultDir)
  for (const [name, sum] of Object.entries(atRest)) if (name.startsWith(`clients/${f.target.id}`)) expect(after[name], name).toBe(sum)
}

describe('wrong secrets', () => {
  it('refuses a wrong passphrase and a wrong or malformed recovery key, changing nothing', async () => {
    const { backend, vaultDir, recoveryKey } = await unlockedBackend()
    dirs.push(vaultDir)
    await ok(backend, 'client.create', { name: 'Saltmarsh Commerce' })
    backend.close()
    const before = checksums(vaultDir)
    const b = newBackend(vaultDir)
    expect(await err(b, 'vault.unlock', { passphrase: 'correct horse battery stapl' })).toEqual({
      code: 'KEY_INVALID',
      message: expect.stringMatching(/^Wrong passphrase/)
    })
    const flipped = (recoveryKey[0] === 'A' ? 'B' : 'A') + recoveryKey.slice(1)
    expect(await err(b, 'vault.unlock', { recoveryKey: flipped })).toEqual({
      code: 'KEY_INVALID',
      message: expect.stringMatching(/^Wrong recovery key/)
    })
    expect(await err(b, 'vault.unlock', { recoveryKey: 'my dog’s name' })).toEqual({
      code: 'KEY_INVALID',
      message: expect.stringMatching(/not a recovery key.*52 letters/)
    })
    expect((await err(b, 'client.list')).code).toBe('VAULT_LOCKED')
    expect(checksums(vaultDir)).toEqual(before)
    expect(await ok(b, 'vault.unlock', { recoveryKey })).toEqual({ clientCount: 1 })
    b.close()
  })
})

describe('damaged or foreign client files', () => {
  it('a file truncated at a page boundary', async () => {
    const f = await fixture(60)
    await expectRefused(f, () => truncateSync(f.file, Math.floor(readFileSync(f.file).length / 2 / 4096) * 4096), 'FILE_CORRUPT', /truncated/)
  })

  it('a file truncated mid-page', async () => {
    const f = await fixture()
    await expectRefused(f, () => truncateSync(f.file, 5000), 'FILE_CORRUPT', /truncated or damaged \(5000 bytes/)
  })

  it('an empty file', async () => {
    const f = await fixture()
    await expectRefused(f, () => truncateSync(f.file, 0), 'FILE_CORRUPT', /empty \(0 bytes\)/)
  })

  it('a flipped byte in page 1', async () => {
    const f = await fixture()
    await expectRefused(f, () => flipByte(f.file, 100), 'FILE_CORRUPT', /cannot be decrypted with its key/)
  })

  it('a flipped byte in a later page: the damaged part is refused, the rest of the vault works', async () => {
    const f = await fixture(300)
    const size = readFileSync(f.file).length
    expect(size).toBeGreaterThan(8 * 4096)
    await expectRefused(
      f,
      () => flipByte(f.file, size - 4096 + 1500),
      'FILE_CORRUPT',
      /client file is damaged/,
      'partner.list',
      (x) => ({ clientId: x.target.id })
    )
  })

  it('a plain, unencrypted SQLite database', async () => {
    const f = await fixture()
    await expectRefused(
      f,
      () => {
        rmSync(f.file)
        const db = new Database(f.file)
        db.exec("CREATE TABLE profile (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO profile VALUES (1, 'Sneaky')")
        db.close()
      },
      'FILE_FOREIGN',
      /plain, unencrypted SQLite database/
    )
  })

  it('random bytes', async () => {
    const f = await fixture()
    await expectRefused(f, () => writeFileSync(f.file, randomBytes(8192)), 'FILE_CORRUPT', /cannot be decrypted with its key/)
  })

  it('a PDF', async () => {
    const f = await fixture()
    await expectRefused(f, () => writeFileSync(f.file, `%PDF-1.7\n${'0'.repeat(4000)}\n%%EOF\n`), 'FILE_FOREIGN', /is a PDF document, not an encrypted Trellis client file/)
  })

  it('a text file', async () => {
    const f = await fixture()
    await expectRefused(f, () => writeFileSync(f.file, 'Meeting notes\nPartner kickoff on Monday\n'.repeat(100)), 'FILE_FOREIGN', /is a text file/)
  })

  it('a file from a newer schema', async () => {
    const f = await fixture()
    await expectRefused(
      f,
      () => {
        const db = new Database(f.file)
        applyKey(db, f.targetKey)
        db.pragma('user_version = 99')
        db.close()
      },
      'FROM_FUTURE_VERSION',
      /newer version of Trellis \(schema 99; this version knows \d+\)\. Update Trellis to open it; the file was left untouched/
    )
  })

  it('a missing client file', async () => {
    const f = await fixture()
    await expectRefused(f, () => rmSync(f.file), 'FILE_MISSING', /client file is missing/)
  })

  it('a missing key file', async () => {
    const f = await fixture()
    await expectRefused(f, () => rmSync(join(f.vaultDir, 'clients', `${f.target.id}.key`)), 'FILE_MISSING', /key file of this client is missing/)
  })

  it('a damaged key file', async () => {
    const f = await fixture()
    await expectRefused(f, () => writeFileSync(join(f.vaultDir, 'clients', `${f.target.id}.key`), '{"v":1,"clie'), 'FILE_CORRUPT', /key file of this client is damaged/)
  })

  it('a key file copied from another client', async () => {
    const f = await fixture()
    const other = readFileSync(join(f.vaultDir, 'clients', `${f.others[0].id}.key`), 'utf8')
    await expectRefused(
      f,
      () => writeFileSync(join(f.vaultDir, 'clients', `${f.target.id}.key`), other.replace(f.others[0].id, f.target.id)),
      'KEY_INVALID',
      /belongs to another vault or was altered/
    )
  })
})

describe('client names', () => {
  it('refuses a second client with the same name, ignoring case and spaces', async () => {
    const { backend, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    const first = await ok<ClientSummary>(backend, 'client.create', { name: 'Northwind Analytics' })
    const second = await ok<ClientSummary>(backend, 'client.create', { name: 'Bluefin Health' })
    const before = checksums(vaultDir)
    for (const name of ['Northwind Analytics', 'northwind analytics', '  NORTHWIND   analytics ', 'Northwind Analytics  '])
      expect(await err(backend, 'client.create', { name }), name).toEqual({
        code: 'CONFLICT',
        message: 'A client named “Northwind Analytics” already exists. Choose another name.'
      })
    expect((await err(backend, 'client.rename', { id: second.id, name: 'NORTHWIND analytics' })).code).toBe('CONFLICT')
    expectUnchanged(before, checksums(vaultDir))
    // Renaming a client to another spelling of its own name is fine.
    expect((await ok<ClientSummary>(backend, 'client.rename', { id: first.id, name: 'NorthWind Analytics' })).name).toBe('NorthWind Analytics')
    backend.close()
  })

  it('accepts slashes, dots and emoji (names never become file names) and refuses 500 characters', async () => {
    const { backend, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    const names = ['A/B Testing Co.', '../../etc/passwd', '..', '.hidden', 'C:\\Windows\\System32', 'Rocket 🚀 Labs', 'Zürich Rück AG', '株式会社テスト']
    const ids: string[] = []
    for (const name of names) {
      const c = await ok<ClientSummary>(backend, 'client.create', { name })
      expect(c.name).toBe(name)
      ids.push(c.id)
      expect((await ok<{ client: ClientSummary }>(backend, 'client.open', { id: c.id })).client.name).toBe(name)
    }
    const files = checksums(vaultDir)
    for (const file of Object.keys(files)) expect(file).toMatch(/^(vault\.json|instance\.(lock|json)|index\.db(-wal|-shm)?|clients\/c_[a-z2-7]{16}\.(trellis(-wal|-shm)?|key)|backups\/.*)$/)

    const before = checksums(vaultDir)
    const long = await err(backend, 'client.create', { name: 'N'.repeat(500) })
    expect(long).toEqual({ code: 'VALIDATION', message: 'Client name is too long (the limit is 120 characters) (name)' })
    expect((await err(backend, 'client.rename', { id: ids[0], name: '🚀'.repeat(500) })).code).toBe('VALIDATION')
    expect((await err(backend, 'client.create', { name: '   ' })).message).toMatch(/cannot be empty/)
    expect((await err(backend, 'client.create', { name: 'Line\nbreak' })).message).toMatch(/control characters/)
    expectUnchanged(before, checksums(vaultDir))
    const listed = (await ok<ClientSummary[]>(backend, 'client.list')).map((c) => c.name)
    expect(listed.sort()).toEqual([...names].sort())
    backend.close()
  })
})
