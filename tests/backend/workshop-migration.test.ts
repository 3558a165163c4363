/** The workshop migration against a client file of the previous shape: old data stays, the new tables work. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { openClientFile } from '../../electron/backend/db/clientFile'
import { randomKey } from '../../electron/backend/vault/keys'
import { cleanup, tempDir } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

const MIGRATIONS = resolve(__dirname, '../../resources/migrations')

interface Journal {
  entries: { idx: number; tag: string }[]
}

/** A migrations folder holding only the migrations before ours: the shape of a file written by the previous build. */
function previousMigrations(dir: string): { dir: string; version: number } {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as Journal
  const mine = journal.entries.findIndex((e) => e.tag.endsWith('_workshops'))
  expect(mine).toBeGreaterThan(0)
  const out = join(dir, 'migrations')
  mkdirSync(join(out, 'meta'), { recursive: true })
  const entries = journal.entries.slice(0, mine)
  for (const e of entries) copyFileSync(join(MIGRATIONS, `${e.tag}.sql`), join(out, `${e.tag}.sql`))
  writeFileSync(join(out, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }))
  return { dir: out, version: entries.length }
}

it('adds the workshop tables to a file of the previous shape without touching its data', () => {
  const dir = tempDir()
  dirs.push(dir)
  const file = join(dir, 'c.trellis')
  const key = randomKey()
  const prev = previousMigrations(dir)
  const old = openClientFile(file, key, { create: true, migrations: prev })
  const now = '2026-01-01T00:00:00.000Z'
  old.sqlite
    .prepare('INSERT INTO profile (id, client_id, name, archived, created_at, updated_at) VALUES (1, ?, ?, 0, ?, ?)')
    .run('c_aaaaaaaaaaaaaaaa', 'Harbor Logistics', now, now)
  old.sqlite
    .prepare("INSERT INTO partners (id, name, type, stage, created_at, updated_at) VALUES ('p1', 'Atlas Consulting', 'si', 'signed', ?, ?)")
    .run(now, now)
  expect(old.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'assessments'").get()).toEqual({ n: 0 })
  old.close()

  const current = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as Journal
  const db = openClientFile(file, key, { migrations: { dir: MIGRATIONS, version: current.entries.length }, backupDir: join(dir, 'backups') })
  try {
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(current.entries.length)
    expect(db.sqlite.prepare('SELECT name FROM profile').get()).toEqual({ name: 'Harbor Logistics' })
    expect(db.sqlite.prepare('SELECT name FROM partners').get()).toEqual({ name: 'Atlas Consulting' })
    db.sqlite
      .prepare("INSERT INTO assessments (id, title, held_on, status, model_id, model_version, model_name, model_snapshot, created_at, updated_at) VALUES ('a_000000000001', 'T', '2026-01-02', 'running', 'm', 1, 'M', '{}', ?, ?)")
      .run(now, now)
    db.sqlite.prepare("INSERT INTO assessment_participants (id, assessment_id, name, side, position) VALUES ('p_000000000001', 'a_000000000001', 'A', 'client', 0)").run()
    // The database itself refuses a vote outside 0–4, whatever the caller.
    expect(() =>
      db.sqlite
        .prepare("INSERT INTO assessment_votes (assessment_id, question_id, participant_id, value, updated_at) VALUES ('a_000000000001', 'q', 'p_000000000001', 5, ?)")
        .run(now)
    ).toThrow(/CHECK/)
  } finally {
    db.close()
  }
})
