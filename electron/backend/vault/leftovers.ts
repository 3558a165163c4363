/**
 * What a crash (power loss, a killed process) can leave in the vault folder: temporary files of writes that never
 * reached their rename, and the key of a new client file that never got its name (a create, an import or a
 * restore-as-new cut off between writing the key and renaming the copy into place). Nothing of it holds
 * acknowledged data. Cleared when a writable vault is unlocked, under the instance lock, so no other process can
 * be in the middle of one of these writes.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fsyncDir } from '../fsutil'
import { log } from '../log'
import type { Vault } from './vault'

/** writeFileAtomic's `<name>.<pid>.<ms>.tmp` and the older `<name>.<pid>.tmp`. */
export const ATOMIC_TEMP = /\.\d+(\.\d+)?\.tmp$/
/** A new client file being built: `<id>.create.tmp`, `<id>.import.tmp`, `<id>.restore.tmp` and their side files. */
export const CLIENT_TEMP = /^(c_[a-z2-7]{16})\.(create|import|restore)\.tmp(-wal|-shm|-journal)?$/

export function clearLeftovers(vault: Vault, listed: (id: string) => boolean): void {
  let removed = 0
  const remove = (path: string) => {
    rmSync(path, { force: true })
    removed++
  }
  try {
    // Backups of each client clear their own temporaries when pruned; these are the folders of single files.
    for (const dir of [vault.dir, join(vault.dir, 'settings'), join(vault.dir, 'templates'), vault.backupsDir]) {
      if (!existsSync(dir)) continue
      for (const name of readdirSync(dir)) if (ATOMIC_TEMP.test(name)) remove(join(dir, name))
    }
    if (existsSync(vault.clientsDir)) {
      const names = new Set(readdirSync(vault.clientsDir))
      for (const name of names) {
        const copy = CLIENT_TEMP.exec(name)
        if (!copy && !ATOMIC_TEMP.test(name)) continue
        remove(join(vault.clientsDir, name))
        // A new client's copy never got its name, so its fresh key belongs to no file. A key of a listed client or
        // one with backups stays whatever happens: its backups cannot be read without it.
        const id = copy?.[1]
        const orphanKey = id && !names.has(`${id}.trellis`) && !listed(id) && !existsSync(join(vault.backupsDir, id))
        if (orphanKey && existsSync(vault.clientKeyFile(id))) remove(vault.clientKeyFile(id))
      }
      if (removed) fsyncDir(vault.clientsDir)
    }
  } catch (err) {
    // Only tidying: what stays is listed by `doctor` as a leftover and is never opened.
    log.warn('leftovers of an interrupted write could not be cleared', err)
  }
  if (removed) log.info(`cleared ${removed} leftover file(s) of an interrupted write`)
}
