import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ownedTempDir } from '../../electron/backend/tempFolders'
import { ReadOnlyMirror } from '../../electron/backend/vault/readOnly'

const made: string[] = []
afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A folder as a process killed mid-read leaves it: an encrypted copy and the id of its (now gone) owner. */
function leftover(prefix: string, owner: number): string {
  const dir = join(tmpdir(), `${prefix}left${process.pid}${Math.random().toString(36).slice(2, 8)}`)
  mkdirSync(dir)
  writeFileSync(join(dir, 'client.trellis'), 'encrypted bytes')
  writeFileSync(join(dir, 'trellis-owner'), String(owner))
  made.push(dir)
  return dir
}

describe('temporary folders of the backend', () => {
  const gone = spawnSync(process.execPath, ['-e', '0']).pid!

  it('records its owner, and the first folder of a kind removes what a dead process left, never a live one', () => {
    const dead = leftover('trellis-benchmark-', gone)
    const live = leftover('trellis-benchmark-', process.pid)
    const dir = ownedTempDir('trellis-benchmark-')
    made.push(dir)
    expect(readFileSync(join(dir, 'trellis-owner'), 'utf8')).toBe(String(process.pid))
    expect(existsSync(dead)).toBe(false)
    expect(existsSync(live)).toBe(true)
  })

  it('a read-only vault’s mirror clears the copies a killed backend left', () => {
    const dead = leftover('trellis-readonly-', gone)
    const mirror = new ReadOnlyMirror()
    try {
      expect(existsSync(dead)).toBe(false)
    } finally {
      mirror.dispose()
    }
  })
})
