/**
 * `doctor`: rebuilds the vault index from the client files and their keys, and says what it could not use.
 * Unreadable client files are reported with the reason and left untouched; other files in the clients folder
 * (dropped there by hand, leftovers of an interrupted write) are listed and never opened for writing.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { ClientSummary, DoctorReport } from '../../../shared/ipc/contract'
import { AppError, toAppError } from '../errors'
import { readHead, sniffFileType } from '../db/clientFile'
import { nameKey } from '../vault/index'
import { ATOMIC_TEMP, CLIENT_TEMP } from '../vault/leftovers'
import type { Session } from './session'

const CLIENT_FILE = /^(c_[a-z2-7]{16})\.trellis$/
const KEY_FILE = /^(c_[a-z2-7]{16})\.key$/
const SIDE_FILE = /^(c_[a-z2-7]{16})\.trellis-(wal|shm|journal)$/

/** Why a file in the clients folder is not used; looks at (reads) its first bytes only. */
function whyIgnored(dir: string, name: string): string {
  const path = join(dir, name)
  let st
  try {
    st = statSync(path)
  } catch {
    return 'cannot be read (broken link or no permission)'
  }
  if (st.isDirectory()) return 'a folder; Trellis keeps no folders here'
  if (ATOMIC_TEMP.test(name) || CLIENT_TEMP.test(name)) return 'a leftover temporary file from an interrupted write; safe to delete'
  let what: string | null = null
  try {
    what = st.size === 0 ? 'an empty file' : sniffFileType(readHead(path))
  } catch {
    return 'cannot be read (no permission)'
  }
  const kind = what ?? (name.endsWith('.trellis') ? 'an encrypted file' : 'a binary file')
  if (name.endsWith('.trellis'))
    return `${kind} not named like a Trellis client file (c_ and 16 letters or digits); a handover copy, perhaps`
  return `${kind}, not a Trellis file`
}

export function runDoctor(session: Session, readProfile: (id: string) => ClientSummary): DoctorReport {
  const dir = session.vault.clientsDir
  const names = existsSync(dir) ? readdirSync(dir).sort() : []
  const clientIds = new Set(names.map((n) => CLIENT_FILE.exec(n)?.[1]).filter((x): x is string => !!x))
  const problems: DoctorReport['problems'] = []
  const ignored: DoctorReport['ignored'] = []
  const found: ClientSummary[] = []
  const taken = new Set<string>()

  for (const name of names) {
    if (CLIENT_FILE.test(name) || SIDE_FILE.test(name)) continue
    const key = KEY_FILE.exec(name)
    if (key) {
      if (!clientIds.has(key[1]))
        problems.push({
          file: `clients/${key[1]}.trellis`,
          code: 'FILE_MISSING',
          message: 'The client file is missing; only its key is left. Restore the file from a backup.'
        })
      continue
    }
    ignored.push({ file: `clients/${name}`, reason: whyIgnored(dir, name) })
  }

  for (const id of clientIds) {
    const file = `clients/${id}.trellis`
    try {
      session.closeClient(id)
      const summary = readProfile(id)
      if (summary.id !== id) throw new AppError('FILE_FOREIGN', `The file holds client ${summary.id}, not ${id}.`)
      // Two files with the same name (an index lost mid-rename): keep both, make the second name unique.
      let name = summary.name
      for (let n = 2; taken.has(nameKey(name)); n++) name = `${summary.name} (${n})`
      taken.add(nameKey(name))
      found.push({ ...summary, name })
      // A damaged page deep in the file only shows when it is read: read them all once here.
      const damage = integrity(session, id)
      if (damage) problems.push({ file, code: 'FILE_CORRUPT', message: damage })
    } catch (err) {
      const e = toAppError(err, 'Opening the client file')
      problems.push({ file, code: e.code, message: e.message })
    }
  }
  session.index.replaceAll(found)
  return { clientsFound: found.length, indexRebuilt: true, problems, ignored }
}

/** null when every page decrypts and the b-trees are consistent, else a message. */
function integrity(session: Session, id: string): string | null {
  try {
    const rows = session.client(id).sqlite.pragma('quick_check') as { quick_check: string }[]
    if (rows.length === 1 && rows[0].quick_check === 'ok') return null
    return `The client file is damaged: ${rows.length} integrity problem(s), e.g. “${rows[0]?.quick_check}”. Its profile is readable; restore it from a backup.`
  } catch {
    return 'The client file is damaged: part of it fails decryption (a damaged page). Its profile is readable; restore it from a backup.'
  }
}
