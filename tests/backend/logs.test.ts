/**
 * Logs never contain client data or secrets: a realistic session (clients and partners with distinctive names,
 * backups, restores, doctor, and errors of every kind a user can cause) with the log sink captured, then the log
 * is searched for every name, the passphrase, the recovery key and the keys.
 */
import { readdirSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { setLogSink } from '../../electron/backend/log'
import type { BackupInfo, ClientSummary } from '../../shared/ipc/contract'
import { TEST_PASSPHRASE, cleanup, err, newBackend, ok, tempDir } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => {
  setLogSink(null)
  dirs.splice(0).forEach(cleanup)
})

it('keeps client names, partner names, owners, the passphrase and keys out of the log', async () => {
  const lines: string[] = []
  setLogSink((line) => lines.push(line))
  const vaultDir = tempDir()
  dirs.push(vaultDir)
  const backend = newBackend(vaultDir)
  const { recoveryKey } = await ok<{ recoveryKey: string }>(backend, 'vault.create', { passphrase: TEST_PASSPHRASE })

  const secrets = [TEST_PASSPHRASE, recoveryKey, recoveryKey.replace(/-/g, ''), 'Quixotic Zebrafish Holdings', 'Vexillum Partnerwerk', 'Ottoline Grzybowska', 'Handover Secret Phrase']
  const a = await ok<ClientSummary>(backend, 'client.create', { name: secrets[3] })
  const b = await ok<ClientSummary>(backend, 'client.create', { name: 'Brambleford Mechanics' })
  secrets.push('Brambleford Mechanics')
  await ok(backend, 'partner.create', { clientId: a.id, name: secrets[4], type: 'si', owner: secrets[5] })
  await ok(backend, 'client.rename', { id: b.id, name: 'Brambleford Mechanica' })
  secrets.push('Brambleford Mechanica')
  const backup = await ok<BackupInfo>(backend, 'backup.create', { clientId: a.id })
  await ok(backend, 'backup.restore', { clientId: a.id, backupId: backup.id, asNew: true })
  await ok(backend, 'client.handover', { id: a.id, outPath: join(vaultDir, '..', `handover-${a.id}.trellis`), passphrase: secrets[6] })
  dirs.push(join(vaultDir, '..', `handover-${a.id}.trellis`))
  // Opening that file again from the file manager: a wrong passphrase (KEY_INVALID), then an import.
  await err(backend, 'client.importFile', { path: join(vaultDir, '..', `handover-${a.id}.trellis`), passphrase: `${secrets[6]}!` })
  await ok(backend, 'client.importFile', { path: join(vaultDir, '..', `handover-${a.id}.trellis`), passphrase: secrets[6] })

  // Errors of every kind a user can run into.
  await err(backend, 'client.create', { name: secrets[3] }) // CONFLICT: the message names the client to the user
  await err(backend, 'client.create', { name: `${secrets[3]}\u0000` }) // VALIDATION
  await err(backend, 'partner.create', { clientId: a.id, name: secrets[4], type: 'nonsense' }) // VALIDATION
  await err(backend, 'client.open', { id: 'c_aaaaaaaaaaaaaaaa' }) // NOT_FOUND
  await err(backend, 'backup.restore', { clientId: a.id, backupId: '../../vault.json' }) // VALIDATION
  await err(backend, 'vault.changePassphrase', { current: `${TEST_PASSPHRASE}!`, next: 'another passphrase' }) // KEY_INVALID
  await err(backend, 'no.such.channel', { name: secrets[3] }) // UNKNOWN_CHANNEL
  await ok(backend, 'vault.lock')
  await err(backend, 'vault.unlock', { passphrase: `wrong ${TEST_PASSPHRASE}` }) // KEY_INVALID
  await err(backend, 'client.list', {}) // VAULT_LOCKED
  await ok(backend, 'vault.unlock', { passphrase: TEST_PASSPHRASE })

  // Damaged files: a truncated client file, a foreign file and a lost index (rebuilt, with a warning).
  backend.close()
  truncateSync(join(vaultDir, 'clients', `${b.id}.trellis`), 3000)
  writeFileSync(join(vaultDir, 'clients', 'c_bbbbbbbbbbbbbbbb.trellis'), `SQLite format 3\u0000${secrets[3]}`)
  for (const f of readdirSync(vaultDir)) if (f.startsWith('index.db')) truncateSync(join(vaultDir, f), 0)
  const again = newBackend(vaultDir)
  await ok(again, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
  await err(again, 'client.open', { id: b.id })
  await ok(again, 'vault.doctor')
  again.close()

  const log = lines.join('\n')
  expect(lines.length).toBeGreaterThan(0) // the sink really captured the session
  for (const s of secrets) expect(log, `the log contains “${s}”`).not.toContain(s)
  for (const word of ['Quixotic', 'Zebrafish', 'Vexillum', 'Grzybowska', 'Brambleford']) expect(log).not.toContain(word)
})
