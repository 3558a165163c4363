/**
 * The handover copy must open in the stock `sqlcipher` 4 command-line tool with `PRAGMA key='<passphrase>'`
 * (CI installs it from bookworm-backports), and a failed handover must leave every file as it was.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientSummary } from '../../shared/ipc/contract'
import { checksums, cleanup, err, ok, tempDir, unlockedBackend } from '../helpers/vault'

const SQLCIPHER = '/usr/bin/sqlcipher'
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

function sqlcipher(file: string, script: string): { out: string; failed: boolean } {
  try {
    return { out: execFileSync(SQLCIPHER, ['-batch', '-bail', file], { input: script, encoding: 'utf8', stdio: 'pipe' }), failed: false }
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string }
    return { out: `${x.stdout ?? ''}${x.stderr ?? ''}`, failed: true }
  }
}

async function clientWithPartners() {
  const { backend, vaultDir } = await unlockedBackend()
  const out = tempDir('trellis-handover-')
  dirs.push(vaultDir, out)
  const c = await ok<ClientSummary>(backend, 'client.create', {
    name: 'Kestrel Payments',
    segment: { companyStage: 'scaleup', arrBand: '5to20m', salesMotion: 'sales-led', region: 'emea' }
  })
  await ok(backend, 'partner.create', { clientId: c.id, name: 'Summit Advisory', type: 'si', stage: 'producing' })
  await ok(backend, 'partner.create', { clientId: c.id, name: "O'Brien Resellers", type: 'reseller' })
  const other = await ok<ClientSummary>(backend, 'client.create', { name: 'Other Client' })
  await ok(backend, 'partner.create', { clientId: other.id, name: 'Not In The Copy', type: 'msp' })
  return { backend, vaultDir, out, c, other }
}

describe('client handover', () => {
  it.skipIf(!existsSync(SQLCIPHER))('opens in the stock sqlcipher 4 CLI with PRAGMA key and holds only that client', async () => {
    const { backend, out, c } = await clientWithPartners()
    const passphrase = "Kestrel's handover 2026"
    const file = join(out, 'kestrel.db')
    const r = await ok<{ path: string; bytes: number }>(backend, 'client.handover', { id: c.id, outPath: file, passphrase })
    expect(r).toEqual({ path: file, bytes: readFileSync(file).length })

    const key = `PRAGMA key='${passphrase.replace(/'/g, "''")}';\n`
    const profile = sqlcipher(file, `${key}SELECT name, company_stage, arr_band, sales_motion, region FROM profile;\n`)
    expect(profile.failed, profile.out).toBe(false)
    expect(profile.out.trim().split('\n').pop()).toBe('Kestrel Payments|scaleup|5to20m|sales-led|emea')
    const partners = sqlcipher(file, `${key}SELECT name, type, stage FROM partners ORDER BY name;\n`)
    expect(partners.out.trim().split('\n').slice(-2)).toEqual(["O'Brien Resellers|reseller|prospect", 'Summit Advisory|si|producing'])
    expect(sqlcipher(file, `${key}PRAGMA cipher_version;\n`).out).toMatch(/^4\./m)
    // Only this client: the other client's partner is not in the copy.
    expect(sqlcipher(file, `${key}SELECT count(*) FROM partners WHERE name = 'Not In The Copy';\n`).out.trim().split('\n').pop()).toBe('0')

    // Encrypted on disk: no plaintext, no SQLite header; the wrong passphrase is refused.
    const bytes = readFileSync(file).toString('latin1')
    expect(bytes).not.toContain('Kestrel')
    expect(bytes).not.toContain('SQLite format 3')
    const wrong = sqlcipher(file, `PRAGMA key='not it';\nSELECT count(*) FROM partners;\n`)
    expect(wrong.failed).toBe(true)
    expect(wrong.out).toMatch(/not a database/)
    backend.close()
  })

  it('refuses to replace an existing file unless asked, and leaves it intact', async () => {
    const { backend, vaultDir, out, c } = await clientWithPartners()
    const file = join(out, 'existing.db')
    writeFileSync(file, 'the consultant’s own notes')
    const before = { vault: checksums(vaultDir), out: checksums(out) }
    const e = await err(backend, 'client.handover', { id: c.id, outPath: file, passphrase: 'a handover secret' })
    expect(e.code).toBe('CONFLICT')
    expect(e.message).toContain(`${file} already exists`)
    expect(checksums(out)).toEqual(before.out)
    expect(checksums(vaultDir)).toEqual(before.vault)

    await ok(backend, 'client.handover', { id: c.id, outPath: file, passphrase: 'a handover secret', overwrite: true })
    expect(readFileSync(file, 'utf8')).not.toContain('notes')
    backend.close()
  })

  it('names the problem when the destination cannot be written, and leaves no file behind', async () => {
    const { backend, vaultDir, out, c } = await clientWithPartners()
    writeFileSync(join(out, 'a-file'), 'x')
    mkdirSync(join(out, 'a-folder'))
    const before = { vault: checksums(vaultDir), out: checksums(out) }
    const cases: [string, string, RegExp][] = [
      [join(out, 'missing-folder', 'copy.db'), 'NOT_FOUND', /missing-folder does not exist/],
      [join(out, 'a-file', 'copy.db'), 'NOT_FOUND', /a-file is a file, not a folder/],
      [join(out, 'a-folder'), 'CONFLICT', /already exists/],
      ['/proc/trellis-handover.db', 'READ_ONLY', /cannot be written in \/proc/]
    ]
    for (const [outPath, code, message] of cases) {
      const e = await err(backend, 'client.handover', { id: c.id, outPath, passphrase: 'a handover secret', overwrite: outPath.endsWith('a-folder') ? false : undefined })
      expect(e.code, outPath).toBe(code)
      expect(e.message, outPath).toMatch(message)
    }
    const folderForced = await err(backend, 'client.handover', { id: c.id, outPath: join(out, 'a-folder'), passphrase: 'a handover secret', overwrite: true })
    expect(folderForced).toEqual({ code: 'CONFLICT', message: expect.stringContaining('is a folder') })
    const short = await err(backend, 'client.handover', { id: c.id, outPath: join(out, 'x.db'), passphrase: 'short' })
    expect(short.code).toBe('VALIDATION')
    expect(checksums(out)).toEqual(before.out)
    expect(checksums(vaultDir)).toEqual(before.vault)
    backend.close()
  })
})
