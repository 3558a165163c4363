/**
 * The key pragmas of every encrypted file Trellis writes (client files, the index, the benchmark cache): SQLCipher 4
 * format with a raw 256-bit key. Kept apart from clientFile.ts so worker threads can use it without loading drizzle.
 */
import type Database from 'better-sqlite3'

/** Key pragmas must come first: cipher and legacy select the SQLCipher 4 format before the key is applied. */
export function applyKey(db: Database.Database, key: Buffer | string): void {
  selectFormat(db)
  db.pragma(`key="x'${typeof key === 'string' ? key : key.toString('hex')}'"`)
}

/** A handover file's key: a passphrase, stretched by SQLCipher's own PBKDF2 so its stock tool opens the file too. */
export function applyPassphrase(db: Database.Database, passphrase: string): void {
  selectFormat(db)
  db.pragma(`key=${passphraseLiteral(passphrase)}`)
}

/** A passphrase as the SQL string literal that `key=` and `rekey=` take. */
export function passphraseLiteral(passphrase: string): string {
  return `'${passphrase.replace(/'/g, "''")}'`
}

function selectFormat(db: Database.Database): void {
  db.pragma(`cipher='sqlcipher'`)
  db.pragma('legacy=4')
}
