/**
 * Ways a file or a disk gets damaged in real life, for the bad-input, disk-full and read-only tests: a flipped
 * byte, a full file system, files locked against change. Mounting and chattr need root (CI runs as root); the probes
 * say whether this machine allows them, so a test can skip with the reason instead of failing.
 */
import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Inverts one byte at `offset` in place. */
export function flipByte(path: string, offset: number): void {
  const fd = openSync(path, 'r+')
  try {
    const b = Buffer.alloc(1)
    readSync(fd, b, 0, 1, offset)
    b[0] ^= 0xff
    writeSync(fd, b, 0, 1, offset)
  } finally {
    closeSync(fd)
  }
}

function probe(prefix: string, attempt: (dir: string) => void, base = tmpdir()): boolean {
  const dir = mkdtempSync(join(base, prefix))
  try {
    attempt(dir)
    return true
  } catch {
    return false
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Whether this process may mount a tmpfs (root, or a container that allows it). */
export function canMount(): boolean {
  return probe('trellis-mount-probe-', (dir) => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' })
    execFileSync('umount', [dir])
  })
}

/** Whether `chattr +i` works on a folder under `base` (root on ext4, xfs, btrfs…; not on tmpfs or overlays). */
export function canChattr(base = tmpdir()): boolean {
  return probe('.chattr-probe-', (dir) => {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' })
    execFileSync('chattr', ['-i', dir], { stdio: 'ignore' })
  }, base)
}

/** Fills the file system holding `dir` to the last byte; returns the filler's path (delete it to free the space). */
export function fillDisk(dir: string): string {
  const path = join(dir, 'filler')
  const fd = openSync(path, 'w')
  try {
    for (const size of [1 << 16, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 1)
      for (;;) {
        try {
          writeSync(fd, chunk)
        } catch (e) {
          if ((e as { code?: string }).code !== 'ENOSPC') throw e
          break
        }
      }
    }
  } finally {
    closeSync(fd)
  }
  return path
}

/**
 * A read-only view of `dir`, as on a write-protected disk: a read-only bind mount (root ignores file permissions, so
 * only a mount makes the folder really unwritable). Needs canMount(); `release` unmounts it.
 */
export function readOnlyMount(dir: string): { path: string; release(): void } {
  const path = mkdtempSync(join(tmpdir(), 'trellis-romnt-'))
  execFileSync('mount', ['--bind', dir, path])
  try {
    execFileSync('mount', ['-o', 'remount,ro,bind', path])
  } catch (err) {
    execFileSync('umount', ['-l', path])
    throw err
  }
  return {
    path,
    release: () => {
      execFileSync('umount', ['-l', path])
      rmSync(path, { recursive: true, force: true })
    }
  }
}

/** A folder, and every folder and file in it. */
export function everything(dir: string): string[] {
  return [dir, ...readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? everything(join(dir, e.name)) : [join(dir, e.name)]))]
}

/**
 * Makes a vault folder and every file in it immutable (chattr +i, which binds root too and fails writes through
 * already-open descriptors): no write succeeds, as on a drive that went read-only. Needs canChattr(). The dirty
 * pages are written out first (`sync`), so a page of a memory-mapped file would now fault on the next store: a WAL
 * index (`-shm`) mapped beside a file would kill the process with SIGBUS, so there must be none (the backend keeps
 * its WAL indexes in memory). Returns what `thaw` makes writable again.
 */
export function freeze(vaultDir: string): string[] {
  const paths = everything(vaultDir)
  const mapped = paths.filter((p) => p.endsWith('-shm'))
  if (mapped.length) throw new Error(`a WAL index is mapped from the vault: ${mapped.join(', ')}`)
  execFileSync('sync')
  execFileSync('chattr', ['+i', ...paths])
  return paths
}

export function thaw(paths: string[]): void {
  if (paths.length) execFileSync('chattr', ['-i', ...paths])
}
