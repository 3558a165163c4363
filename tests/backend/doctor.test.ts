import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientSummary, DoctorReport } from '../../shared/ipc/contract'
import { TEST_PASSPHRASE, checksums, cleanup, newBackend, ok, unlockedBackend } from '../helpers/vault'
import { flipByte } from '../helpers/damage'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

async function vaultWithClients(names: string[]) {
  const { backend, vaultDir } = await unlockedBackend()
  dirs.push(vaultDir)
  const clients: ClientSummary[] = []
  for (const name of names) clients.push(await ok<ClientSummary>(backend, 'client.create', { name }))
  await ok(backend, 'partner.create', { clientId: clients[0].id, name: 'Apex Consulting', type: 'si' })
  backend.close()
  return { vaultDir, clients }
}

async function unlock(vaultDir: string) {
  const b = newBackend(vaultDir)
  await ok(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
  return b
}

describe('doctor and the rebuildable index', () => {
  it('lists every client after index.db is deleted', async () => {
    const { vaultDir, clients } = await vaultWithClients(['Northwind Analytics', 'Bluefin Health', 'Lumen / Labs 🚀'])
    for (const s of ['', '-wal', '-shm']) rmSync(join(vaultDir, `index.db${s}`), { force: true })
    const b = await unlock(vaultDir)
    const list = await ok<ClientSummary[]>(b, 'client.list')
    expect(list.map((c) => c.id).sort()).toEqual(clients.map((c) => c.id).sort())
    expect((await ok<{ partnerCount: number }>(b, 'client.open', { id: clients[0].id })).partnerCount).toBe(1)
    b.close()
  })

  it('lists every client after index.db is overwritten with garbage', async () => {
    const { vaultDir, clients } = await vaultWithClients(['Harbor Payments', 'Quarry Robotics'])
    for (const s of ['-wal', '-shm']) rmSync(join(vaultDir, `index.db${s}`), { force: true })
    writeFileSync(join(vaultDir, 'index.db'), Buffer.alloc(8192, 0x5a))
    const b = await unlock(vaultDir)
    expect((await ok<ClientSummary[]>(b, 'client.list')).map((c) => c.name).sort()).toEqual(clients.map((c) => c.name).sort())
    b.close()
  })

  it('lists again, at the next unlock, a whole client file the index missed (a create or import cut off before listing it)', async () => {
    const { backend, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    const kept = await ok<ClientSummary>(backend, 'client.create', { name: 'Saltmarsh Labs' })
    const cutOff = await ok<ClientSummary>(backend, 'client.create', { name: 'Copperline Freight' })
    backend.session.index.remove(cutOff.id) // as if killed between the rename into place and the listing
    backend.close()
    const b = await unlock(vaultDir)
    const list = await ok<ClientSummary[]>(b, 'client.list')
    expect(list.map((c) => [c.id, c.name]).sort()).toEqual([[cutOff.id, cutOff.name], [kept.id, kept.name]].sort())
    b.close()
  })

  it('rebuilds the index and reports foreign files, orphan keys and unreadable clients without touching them', async () => {
    const { vaultDir, clients } = await vaultWithClients(['Tidewater Data', 'Alder Security', 'Brightline HR'])
    const clientsDir = join(vaultDir, 'clients')
    const [good, damaged, missing] = clients
    // Dropped in by hand: a PDF, a note, a plain SQLite file with a Trellis-looking extension, a folder.
    writeFileSync(join(clientsDir, 'contract.pdf'), '%PDF-1.7\n1 0 obj\n<< >>\nendobj\n')
    writeFileSync(join(clientsDir, 'notes.txt'), 'call Dana about the Q3 plan\n')
    const plain = new Database(join(clientsDir, 'Old Export.trellis'))
    plain.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)')
    plain.close()
    mkdirSync(join(clientsDir, 'misc'))
    // Left by interrupted writes: an atomic write's temporary, and an import cut off before its copy got a name
    // (with the fresh key written for it). The unlock clears them; the key of the client whose file is missing
    // stays (its backups need it).
    const leftovers = [`${good.id}.key.1234.1700000000000.tmp`, 'c_qqqqqqqqqqqqqqqq.import.tmp', 'c_qqqqqqqqqqqqqqqq.key']
    for (const f of leftovers) writeFileSync(join(clientsDir, f), f.endsWith('.import.tmp') ? Buffer.alloc(4096, 7) : '{}')
    flipByte(join(clientsDir, `${damaged.id}.trellis`), 200)
    rmSync(join(clientsDir, `${missing.id}.trellis`))
    const before = checksums(vaultDir)

    const b = await unlock(vaultDir)
    const report = await ok<DoctorReport>(b, 'vault.doctor')
    b.close()

    expect(report.clientsFound).toBe(1)
    expect(report.problems).toEqual(
      expect.arrayContaining([
        { file: `clients/${damaged.id}.trellis`, code: 'FILE_CORRUPT', message: expect.stringContaining('cannot be decrypted') },
        { file: `clients/${missing.id}.trellis`, code: 'FILE_MISSING', message: expect.stringContaining('only its key is left') }
      ])
    )
    expect(report.problems).toHaveLength(2)
    const why = Object.fromEntries(report.ignored.map((f) => [f.file, f.reason]))
    expect(why['clients/contract.pdf']).toMatch(/^a PDF document, not a Trellis file/)
    expect(why['clients/notes.txt']).toMatch(/^a text file, not a Trellis file/)
    expect(why['clients/Old Export.trellis']).toMatch(/^a plain, unencrypted SQLite database not named like a Trellis client file/)
    expect(why['clients/misc']).toMatch(/a folder/)
    expect(report.ignored).toHaveLength(4)

    // Nothing else in the clients folder was changed (the rebuilt index and the good client's backup may be).
    const after = checksums(vaultDir)
    for (const f of leftovers) expect(after[`clients/${f}`], `leftover ${f}`).toBeUndefined()
    for (const [f, sum] of Object.entries(before))
      if (f.startsWith('clients/') && !leftovers.includes(f.slice('clients/'.length))) expect(after[f], f).toBe(sum)
    expect(after[`clients/${missing.id}.key`]).toBeDefined()

    const again = await unlock(vaultDir)
    expect((await ok<ClientSummary[]>(again, 'client.list')).map((c) => c.id)).toEqual([good.id])
    again.close()
  })

  it('reports a client whose later page is damaged although its profile still reads', async () => {
    const { backend, vaultDir } = await unlockedBackend()
    dirs.push(vaultDir)
    const c = await ok<ClientSummary>(backend, 'client.create', { name: 'Meridian Cloud' })
    await ok(backend, 'demo.seed', { clients: 1, partners: 400, seed: 3 })
    backend.close()
    const file = join(vaultDir, 'clients', `${c.id}.trellis`)
    const size = readFileSync(file).length
    // The profile sits in the first pages; flip a byte in the last page.
    flipByte(file, size - 2000)
    const b = await unlock(vaultDir)
    const report = await ok<DoctorReport>(b, 'vault.doctor')
    b.close()
    expect(report.problems).toEqual([{ file: `clients/${c.id}.trellis`, code: 'FILE_CORRUPT', message: expect.stringContaining('damaged') }])
  })
})
