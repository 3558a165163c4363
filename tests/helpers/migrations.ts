/** A resources folder holding only the first N migrations, to create client files of an older shape. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { tempDir } from './vault'

export const REPO_RESOURCES = resolve(__dirname, '../../resources')

export function migrationTags(): string[] {
  const journal = JSON.parse(readFileSync(join(REPO_RESOURCES, 'migrations/meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[]
  }
  return journal.entries.map((e) => e.tag)
}

/** Resources with the migrations up to and including `tag`. */
export function resourcesUpTo(tag: string): string {
  const journal = JSON.parse(readFileSync(join(REPO_RESOURCES, 'migrations/meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[]
  }
  const n = journal.entries.findIndex((e) => e.tag === tag)
  if (n < 0) throw new Error(`No migration ${tag}`)
  const dir = tempDir('trellis-res-')
  mkdirSync(join(dir, 'migrations/meta'), { recursive: true })
  const kept = journal.entries.slice(0, n + 1)
  for (const e of kept) copyFileSync(join(REPO_RESOURCES, 'migrations', `${e.tag}.sql`), join(dir, 'migrations', `${e.tag}.sql`))
  writeFileSync(join(dir, 'migrations/meta/_journal.json'), JSON.stringify({ ...journal, entries: kept }))
  return dir
}
