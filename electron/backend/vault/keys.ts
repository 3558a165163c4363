/**
 * Key material. One passphrase is stretched once (scrypt) into a key-encryption key that unwraps the
 * random vault key; the vault key wraps each client's own random 256-bit file key. A recovery key is a
 * second, high-entropy way to unwrap the vault key, so it needs no stretching.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

const scrypt = promisify(scryptCb) as (
  password: string | Buffer,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number }
) => Promise<Buffer>

export interface KdfParams {
  alg: 'scrypt'
  N: number
  r: number
  p: number
  salt: string // base64
}

/** About 300 ms on the build machines: the one slow step of an unlock. */
export const DEFAULT_KDF = { N: 2 ** 16, r: 8, p: 1 }

export function newKdfParams(cost: Partial<typeof DEFAULT_KDF> = {}): KdfParams {
  return { alg: 'scrypt', ...DEFAULT_KDF, ...cost, salt: randomBytes(16).toString('base64') }
}

export async function stretchPassphrase(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  return scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r
  })
}

export interface Wrapped {
  iv: string
  tag: string
  ct: string
}

/** AES-256-GCM with associated data, so a wrapped key cannot be moved to another slot or client. */
export function wrap(kek: Buffer, secret: Buffer, aad: string): Wrapped {
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', kek, iv)
  c.setAAD(Buffer.from(aad))
  const ct = Buffer.concat([c.update(secret), c.final()])
  return { iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), ct: ct.toString('base64') }
}

/** Returns null when the key is wrong or the data was altered (GCM tag mismatch). */
export function unwrap(kek: Buffer, w: Wrapped, aad: string): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(w.iv, 'base64'))
    d.setAAD(Buffer.from(aad))
    d.setAuthTag(Buffer.from(w.tag, 'base64'))
    return Buffer.concat([d.update(Buffer.from(w.ct, 'base64')), d.final()])
  } catch {
    return null
  }
}

export function subkey(vaultKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', vaultKey, Buffer.alloc(0), `trellis:${purpose}`, 32))
}

export function randomKey(): Buffer {
  return randomBytes(32)
}

// ---- recovery key: 32 random bytes as RFC 4648 base32, in groups of four, easy to copy and type ----
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function encodeRecoveryKey(bytes: Buffer): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const b of bytes) {
    value = (value << 8) | b
    bits += 8
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31]
  return out.match(/.{1,4}/g)!.join('-')
}

/** Accepts any case, spaces or dashes; null when it is not a well-formed recovery key. */
export function decodeRecoveryKey(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s-]/g, '')
  if (clean.length !== 52 || /[^A-Z2-7]/.test(clean)) return null
  let bits = 0
  let value = 0
  const out: number[] = []
  for (const ch of clean) {
    value = (value << 5) | B32.indexOf(ch)
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return Buffer.from(out.slice(0, 32))
}

export function recoveryKek(recovery: Buffer): Buffer {
  return subkey(recovery, 'recovery-kek')
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}
