/**
 * The backend holds the files it has open for itself alone, with each WAL index in its own memory: no `-shm` file is
 * mapped from the vault, so a drive that goes away or files locked against change under it give errors, never a
 * SIGBUS that kills the process (readonly-midsession.test.ts freezes a vault with clean mapped pages to prove it).
 * What that changes is tested here: another connection is refused clearly while the backend holds a file, the
 * benchmark still reads the files the backend holds (from the backend's own snapshot, writes not yet merged
 * included), and locking the vault lets the files go.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import type { Backend } from '../../electron/backend/backend'
import { applyKey } from '../../electron/backend/db/clientFile'
import type { ClientSummary, Cockpit, JourneyView, PartnerRow } from '../../shared/ipc/contract'
import { cleanup, ok, tempDir, vaultWithClient } from '../helpers/vault'

const dirs: string[] = []
const backends: Backend[] = []
afterEach(() => {
  backends.splice(0).forEach((b) => b.close())
  dirs.splice(0).forEach(cleanup)
})

function everything(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? everything(join(dir, e.name)) : [join(dir, e.name)]))
}

async function vault() {
  const dir = tempDir()
  dirs.push(dir)
  const vaultDir = join(dir, 'vault')
  const { backend, client } = await vaultWithClient(vaultDir, 1)
  backends.push(backend)
  return { backend, vaultDir, client }
}

describe('files the backend holds', () => {
  it('maps no WAL index from the vault: client files, the index and the benchmark cache keep theirs in memory', async () => {
    const { backend, vaultDir, client } = await vault()
    await ok(backend, 'journey.show', { clientId: client.id })
    await ok(backend, 'benchmark.run', {})
    const files = everything(vaultDir).map((f) => f.slice(vaultDir.length + 1))
    // Written and open right now: the WAL files are there, their shared-memory indexes are not.
    expect(files).toContain(`clients/${client.id}.trellis-wal`)
    expect(files).toContain('index.db-wal')
    expect(files.filter((f) => f.endsWith('-shm'))).toEqual([])
  })

  it('refuses a second connection to a file it holds, and lets it go on lock', async () => {
    const { backend, vaultDir, client } = await vault()
    const path = join(vaultDir, 'clients', `${client.id}.trellis`)
    const key = backend.session.vault.clientKey(client.id)
    const intruder = () => {
      const db = new Database(path, { timeout: 100 })
      try {
        applyKey(db, key)
        return db.prepare('SELECT count(*) AS n FROM partners').get()
      } finally {
        db.close()
      }
    }
    expect(intruder).toThrow(/locked|busy/i)
    // The backend itself is not disturbed by the attempt.
    await ok(backend, 'partner.create', { clientId: client.id, name: 'Second Partner', type: 'referral' })
    expect(await ok<PartnerRow[]>(backend, 'partner.list', { clientId: client.id })).toHaveLength(2)
    await ok(backend, 'vault.lock')
    expect(intruder()).toEqual({ n: 2 })
  })

  it('lets the benchmark read a file it holds open, with the writes of this session', async () => {
    const { backend, client } = await vault()
    const other = await ok<ClientSummary>(backend, 'client.create', { name: 'Juniper Energy' })
    const journey = await ok<JourneyView>(backend, 'journey.show', { clientId: client.id })
    await ok(backend, 'journey.startStage', { clientId: client.id, stageId: journey.stages[0].id })
    // Both files are open in the session (exclusively); the change above sits in the WAL, not yet in the file.
    const cockpit = await ok<Cockpit>(backend, 'cockpit.show', {})
    const row = cockpit.clients.find((c) => c.clientId === client.id)!
    expect(row.skipped).toBeNull()
    expect(row.stage).toMatchObject({ key: journey.stages[0].key, name: journey.stages[0].name })
    expect(cockpit.clients.find((c) => c.clientId === other.id)!.skipped).toBeNull()
  })
})
