/**
 * Opening a `.trellis` file from the file manager (`client.importFile`): a handover file becomes a new client under
 * a fresh raw key, a file of this vault answers with its client, and every bad file is refused with its own code,
 * the original untouched and nothing left in the vault.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientImportResult, ClientSummary, PartnerRow } from '../../shared/ipc/contract'
import { checksums, cleanup, err, ok, tempDir, unlockedBackend } from '../helpers/vault'

const HANDOVER = 'the handover secret 2026'
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

/** A consultant's vault that writes a handover file, and a second vault (the receiver) to import it into. */
async function setup() {
  const from = await unlockedBackend()
  const to = await unlockedBackend()
  const out = tempDir('trellis-import-')
  dirs.push(from.vaultDir, to.vaultDir, out)
  const c = await ok<ClientSummary>(from.backend, 'client.create', { name: 'Kestrel Payments', segment: { region: 'emea' } })
  await ok(from.backend, 'partner.create', { clientId: c.id, name: 'Summit Advisory', type: 'si', stage: 'producing' })
  const file = join(out, 'Kestrel Payments.trellis')
  await ok(from.backend, 'client.handover', { id: c.id, outPath: file, passphrase: HANDOVER })
  from.backend.close()
  return { backend: to.backend, vaultDir: to.vaultDir, out, file, source: c }
}

function clientFiles(vaultDir: string): string[] {
  return readdirSync(join(vaultDir, 'clients')).sort()
}

describe('client.importFile', () => {
  it('imports a handover file as a new client under a fresh key; the original is unchanged', async () => {
    const { backend, vaultDir, out, file, source } = await setup()
    const before = checksums(out)
    const r = await ok<ClientImportResult>(backend, 'client.importFile', { path: file, passphrase: HANDOVER })
    expect(r.outcome).toBe('imported')
    expect(r.client.name).toBe('Kestrel Payments')
    expect(r.client.segment.region).toBe('emea')
    expect(r.client.id).not.toBe(source.id)
    expect(checksums(out)).toEqual(before)
    expect(clientFiles(vaultDir)).toEqual([`${r.client.id}.key`, `${r.client.id}.trellis`])

    // An ordinary client now: listed, opens with its own raw key, holds the partners.
    expect((await ok<ClientSummary[]>(backend, 'client.list', {})).map((c) => c.id)).toEqual([r.client.id])
    const partners = await ok<PartnerRow[]>(backend, 'partner.list', { clientId: r.client.id })
    expect(partners.map((p) => p.name)).toEqual(['Summit Advisory'])
    backend.close()
  })

  it('the vault copy is keyed raw, not with the handover passphrase', async () => {
    const { backend, vaultDir, file } = await setup()
    const r = await ok<ClientImportResult>(backend, 'client.importFile', { path: file, passphrase: HANDOVER })
    backend.close()
    const db = new Database(join(vaultDir, 'clients', `${r.client.id}.trellis`))
    db.pragma(`cipher='sqlcipher'`)
    db.pragma('legacy=4')
    db.pragma(`key='${HANDOVER}'`)
    expect(() => db.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/)
    db.close()
    expect(readFileSync(join(vaultDir, 'clients', `${r.client.id}.trellis`)).toString('latin1')).not.toContain('Kestrel')
  })

  it('a name clash gets a suffixed name; importing twice gives two clients', async () => {
    const { backend, file } = await setup()
    await ok(backend, 'client.create', { name: 'Kestrel Payments' })
    const a = await ok<ClientImportResult>(backend, 'client.importFile', { path: file, passphrase: HANDOVER })
    const b = await ok<ClientImportResult>(backend, 'client.importFile', { path: file, passphrase: HANDOVER })
    expect(a.client.name).toBe('Kestrel Payments (imported)')
    expect(b.client.name).toBe('Kestrel Payments (imported) 2')
    expect(a.client.id).not.toBe(b.client.id)
    backend.close()
  })

  it('a file in this vault’s clients folder answers with its own client', async () => {
    const { backend, vaultDir } = await setup()
    const c = await ok<ClientSummary>(backend, 'client.create', { name: 'Own Client' })
    const before = checksums(vaultDir)
    const r = await ok<ClientImportResult>(backend, 'client.importFile', { path: join(vaultDir, 'clients', `${c.id}.trellis`) })
    expect(r).toEqual({ outcome: 'existing', client: c })
    expect(checksums(vaultDir)).toEqual(before)
    backend.close()
  })

  async function refused(
    prepare: (f: Awaited<ReturnType<typeof setup>>) => { path: string; passphrase?: string },
    code: string,
    message: RegExp
  ) {
    const f = await setup()
    const input = prepare(f)
    const before = { out: checksums(f.out), vault: checksums(f.vaultDir) }
    const e = await err(f.backend, 'client.importFile', input)
    expect(e.code).toBe(code)
    expect(e.message).toMatch(message)
    expect(checksums(f.out)).toEqual(before.out)
    expect(checksums(f.vaultDir)).toEqual(before.vault)
    expect(await ok<ClientSummary[]>(f.backend, 'client.list', {})).toEqual([])
    f.backend.close()
  }

  it('a wrong passphrase: KEY_INVALID, nothing left behind', () =>
    refused((f) => ({ path: f.file, passphrase: 'not the passphrase' }), 'KEY_INVALID', /passphrase does not open this file/))

  it('no passphrase for a handover file: KEY_INVALID asking for it', () =>
    refused((f) => ({ path: f.file }), 'KEY_INVALID', /Enter the handover passphrase/))

  it('a PDF named .trellis: FILE_CORRUPT', () =>
    refused(
      (f) => {
        const p = join(f.out, 'report.trellis')
        writeFileSync(p, `%PDF-1.7\n${'0'.repeat(4000)}\n%%EOF\n`)
        return { path: p, passphrase: HANDOVER }
      },
      'FILE_CORRUPT',
      /is a PDF document, not a Trellis client or handover file/
    ))

  it('a truncated handover file: FILE_CORRUPT', () =>
    refused(
      (f) => {
        const p = join(f.out, 'cut.trellis')
        writeFileSync(p, readFileSync(f.file).subarray(0, 1500))
        return { path: p, passphrase: HANDOVER }
      },
      'FILE_CORRUPT',
      /damaged or truncated/
    ))

  it('an encrypted database that is not a Trellis file: FILE_CORRUPT', () =>
    refused(
      (f) => {
        const p = join(f.out, 'other.trellis')
        const db = new Database(p)
        db.pragma(`cipher='sqlcipher'`)
        db.pragma('legacy=4')
        db.pragma(`key='${HANDOVER}'`)
        db.exec('CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES (\'hello\')')
        db.close()
        return { path: p, passphrase: HANDOVER }
      },
      'FILE_CORRUPT',
      /not a Trellis client file/
    ))

  it('a file from a newer version: FROM_FUTURE_VERSION', () =>
    refused(
      (f) => {
        const p = join(f.out, 'future.trellis')
        copyFileSync(f.file, p)
        const db = new Database(p)
        db.pragma(`cipher='sqlcipher'`)
        db.pragma('legacy=4')
        db.pragma(`key='${HANDOVER}'`)
        db.pragma('user_version = 99')
        db.close()
        return { path: p, passphrase: HANDOVER }
      },
      'FROM_FUTURE_VERSION',
      /newer version of Trellis \(schema 99/
    ))

  it('a missing file: NOT_FOUND', () =>
    refused((f) => ({ path: join(f.out, 'gone.trellis'), passphrase: HANDOVER }), 'NOT_FOUND', /gone\.trellis does not exist/))

  it('a locked vault: VAULT_LOCKED', async () => {
    const f = await setup()
    await ok(f.backend, 'vault.lock', {})
    expect((await err(f.backend, 'client.importFile', { path: f.file, passphrase: HANDOVER })).code).toBe('VAULT_LOCKED')
    f.backend.close()
  })
})
