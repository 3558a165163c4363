/**
 * Migration test framework: build a real client file (in a real vault, with its wrapped key) at an OLD schema
 * version N — only the first N migration SQL files applied, `user_version` = N — insert data of that shape, then
 * open it with the current code exactly as the app does (`session.client(id)`) and check what survived.
 *
 * Writing the test for the next migration (say `0003_partner_tiers`), in `tests/backend/migrations/0003_partner_tiers.test.ts`:
 *
 *   const old = await clientFileAt(versionBefore('partner_tiers'))   // the shape just before yours
 *   old.sqlite.prepare('INSERT INTO partners (…the columns as they were…) VALUES (…)').run(…)
 *   old.close()
 *   const cur = await openCurrent(old)
 *   expect(cur.db.sqlite.prepare('SELECT … FROM partners').all()).toEqual(…)      // data preserved / converted
 *   expect(cur.userVersion).toBe(currentVersion())
 *   expectPreMigrationBackup(cur, old.version, old.key)                             // readable, old shape, same key
 *   await cur.close()
 *
 * Write old-shape rows with raw SQL, never with the drizzle schema: the schema is the current shape, not the old one.
 * `upgrade.test.ts` already checks, for every older version, that a profile and partners survive and a backup
 * copy is made; your test adds what your migration changes (new defaults, moved or converted columns).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { expect } from 'vitest'
import { applyKey, openClientFile, type ClientDb, type Sqlite } from '../../../electron/backend/db/clientFile'
import { newClientId } from '../../../electron/backend/services/clients'
import { createBackend, type Backend } from '../../../electron/backend/backend'
import type { ClientSummary } from '../../../shared/ipc/contract'
import { resourcesUpTo } from '../../helpers/migrations'
import { TEST_KDF, TEST_PASSPHRASE, checksums, cleanup, err, newBackend, ok, tempDir, unlockedBackend } from '../../helpers/vault'

export const MIGRATIONS_DIR = resolve(__dirname, '../../../resources/migrations')

interface Journal {
  entries: { idx: number; tag: string; when: number }[]
}

function journal(): Journal & Record<string, unknown> {
  return JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as Journal & Record<string, unknown>
}

/** Migration tags in order, e.g. ['0000_initial', '0001_workshops', …]. */
export function migrationTags(): string[] {
  return journal().entries.map((e) => e.tag)
}

/** The schema version this build writes (= number of migrations). */
export function currentVersion(): number {
  return journal().entries.length
}

/** The version of a file just before the migration whose tag ends with `name` (e.g. 'workshops' → 1). */
export function versionBefore(name: string): number {
  const i = migrationTags().findIndex((t) => t === name || t.endsWith(`_${name}`))
  if (i < 0) throw new Error(`no migration named ${name} in ${MIGRATIONS_DIR}`)
  return i
}

/** A migrations folder holding only the first `n` migrations, in drizzle's own layout. */
export function migrationsUpTo(n: number, into: string): { dir: string; version: number } {
  const j = journal()
  if (n < 0 || n > j.entries.length) throw new Error(`version ${n} is outside 0..${j.entries.length}`)
  const dir = join(into, `migrations-v${n}`)
  mkdirSync(join(dir, 'meta'), { recursive: true })
  const entries = j.entries.slice(0, n)
  for (const e of entries) copyFileSync(join(MIGRATIONS_DIR, `${e.tag}.sql`), join(dir, `${e.tag}.sql`))
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...j, entries }))
  return { dir, version: n }
}

export interface OldClientFile {
  vaultDir: string
  id: string
  key: Buffer
  version: number
  /** Open on the old-shape file: insert the old data here, then `close()`. */
  sqlite: Sqlite
  close(): void
  cleanup(): void
}

/** A vault holding one client file at schema version `n`, keyed with its own wrapped key like any client. */
export async function clientFileAt(n: number): Promise<OldClientFile> {
  const { backend, vaultDir } = await unlockedBackend()
  const id = newClientId()
  const key = Buffer.from(backend.session.vault.newClientKey(id))
  backend.close()
  const scratch = tempDir('trellis-migrations-')
  const db = openClientFile(join(vaultDir, 'clients', `${id}.trellis`), key, { create: true, migrations: migrationsUpTo(n, scratch) })
  expect(db.sqlite.pragma('user_version', { simple: true })).toBe(n)
  return {
    vaultDir,
    id,
    key,
    version: n,
    sqlite: db.sqlite,
    close: () => {
      db.close()
      rmSync(scratch, { recursive: true, force: true })
    },
    cleanup: () => cleanup(vaultDir)
  }
}

/** Inserts the client profile in the shape every version since 0000 has. */
export function insertProfile(sqlite: Sqlite, id: string, name: string, at = '2025-06-01T09:00:00.000Z'): void {
  sqlite
    .prepare(
      `INSERT INTO profile (id, client_id, name, company_stage, arr_band, sales_motion, region, archived, created_at, updated_at)
       VALUES (1, ?, ?, 'growth', '5to20m', 'hybrid', 'emea', 0, ?, ?)`
    )
    .run(id, name, at, at)
}

/** Two partners, Atlas Partners (p1) and Bramble Systems (p2), in the shape every version since 0003 has. */
export function insertTwoPartners(sqlite: Sqlite, at = '2025-10-01T09:00:00.000Z'): void {
  const partner = sqlite.prepare(
    'INSERT INTO partners (id, name, type, tier, stage, signed_at, first_commercial_at, owner, notes, created_at, updated_at, partner_tiers_us, domain) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, NULL, ?)'
  )
  partner.run('p1', 'Atlas Partners', 'reseller', 'Gold', 'activating', '2025-11-02', 'Dana', at, at, 'atlas.example')
  partner.run('p2', 'Bramble Systems', 'si', 'Silver', 'producing', '2025-08-01', 'Ben', at, at, null)
}

export interface CurrentClient {
  backend: Backend
  /** The client file as the app holds it after opening (migrated). */
  db: ClientDb
  userVersion: number
  /** Pre-migration copies in backups/<id>/. */
  backups: string[]
  close(): Promise<void>
}

/** Unlocks the vault with the current code and opens the client the way every channel does. */
export async function openCurrent(old: OldClientFile): Promise<CurrentClient> {
  const backend = newBackend(old.vaultDir)
  await ok(backend, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
  const db = backend.session.client(old.id)
  const dir = join(old.vaultDir, 'backups', old.id)
  const backups = existsSync(dir) ? readdirSync(dir).filter((f) => f.includes('pre-migration')).map((f) => join(dir, f)) : []
  return {
    backend,
    db,
    userVersion: db.sqlite.pragma('user_version', { simple: true }) as number,
    backups,
    close: async () => backend.close()
  }
}

/** Opens a backup copy read-only with the client's own key. */
export function openBackup(path: string, key: Buffer): Sqlite {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  applyKey(db, key)
  return db
}

/** Exactly one pre-migration copy exists, opens with the same key, and is still at the old version. */
export function expectPreMigrationBackup(cur: CurrentClient, oldVersion: number, key: Buffer): Sqlite {
  expect(cur.backups).toHaveLength(1)
  expect(cur.backups[0]).toMatch(new RegExp(`pre-migration-v${oldVersion}\\.trellis$`))
  const copy = openBackup(cur.backups[0], key)
  expect(copy.pragma('user_version', { simple: true })).toBe(oldVersion)
  return copy
}

/**
 * A vault written by this version (sample data, then `touch` — a call that writes what the migration `name` added)
 * is refused by the version just before that migration: FROM_FUTURE_VERSION with the update message, for `channel`,
 * and every client file left byte for byte as it was.
 */
export async function expectRefusedByVersionBefore(
  name: string,
  channel: string,
  touch: (backend: Backend, clientId: string) => Promise<unknown>
): Promise<void> {
  const { backend, vaultDir } = await unlockedBackend()
  const res: string[] = []
  try {
    await ok(backend, 'demo.seed', { clients: 1, partners: 5, seed: 2 })
    const c = (await ok<ClientSummary[]>(backend, 'client.list', {}))[0]
    await touch(backend, c.id)
    backend.close()
    const before = checksums(join(vaultDir, 'clients'))
    res.push(resourcesUpTo(migrationTags()[versionBefore(name) - 1]))
    const older = createBackend({ vaultDir, kdfCost: TEST_KDF, resourcesDir: res[0] })
    await ok(older, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    const e = await err(older, channel, { clientId: c.id })
    expect(e.code).toBe('FROM_FUTURE_VERSION')
    expect(e.message).toBe(
      `This client file was written by a newer version of Trellis (schema ${currentVersion()}; this version knows ${versionBefore(name)}). Update Trellis to open it; the file was left untouched.`
    )
    older.close()
    expect(checksums(join(vaultDir, 'clients'))).toEqual(before)
  } finally {
    ;[vaultDir, ...res].forEach(cleanup)
  }
}

