/**
 * Folders of the backend in the OS temp folder (print profiles, private copies of encrypted client files). Each
 * records the id of the Node process that made it, so when a process is killed before it can clean up, the next
 * one removes what it left: a client's encrypted copy never lingers outside the vault.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const OWNER_FILE = 'trellis-owner'
const swept = new Set<string>()

/** A new folder `<tmp>/<prefix>XXXXXX` owned by this process; the first one of a prefix sweeps that prefix's leftovers. */
export function ownedTempDir(prefix: string): string {
  sweepStaleTempDirs(prefix)
  const dir = mkdtempSync(join(tmpdir(), prefix))
  writeFileSync(join(dir, OWNER_FILE), String(process.pid))
  return dir
}

/**
 * Removes the `prefix` folders whose process is gone: once per process and prefix unless `force`. Folders without
 * an owner file (older versions) go once they are an hour old.
 */
export function sweepStaleTempDirs(prefix: string, dir: string = tmpdir(), force = false): void {
  if (swept.has(prefix) && !force) return
  swept.add(prefix)
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(prefix))
  } catch {
    return
  }
  for (const name of names) {
    const path = join(dir, name)
    try {
      let stale: boolean
      try {
        const pid = Number(readFileSync(join(path, OWNER_FILE), 'utf8'))
        stale = !Number.isSafeInteger(pid) || pid <= 0 || !processAlive(pid)
      } catch {
        stale = Date.now() - statSync(path).mtimeMs > 3_600_000
      }
      if (stale) rmSync(path, { recursive: true, force: true })
    } catch {
      // Another user's folder that cannot be read or removed: left alone.
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists, owned by someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
