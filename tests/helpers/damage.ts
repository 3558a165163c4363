/** Ways a file gets damaged in real life, for the bad-input tests. */
import { closeSync, openSync, readSync, writeSync } from 'node:fs'

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
