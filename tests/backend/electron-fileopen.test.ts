/**
 * Main's side of opening a `.trellis` file, with a real backend: the path from the command line reaches the
 * renderer after unlock, and the router lets `client.importFile` read only a path main handed over.
 */
import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientImportResult, ClientSummary } from '../../shared/ipc/contract'
import { OpenedFiles, trackUnlock, watchOpenedFiles, type OpenFileApp } from '../../electron/main/fileOpen'
import { SavePathGrants, createRouter } from '../../electron/main/router'
import { APP_ENTRY_URL, isTrustedSender } from '../../electron/main/security/policy'
import { TEST_PASSPHRASE, cleanup, newBackend, ok, tempDir, unlockedBackend } from '../helpers/vault'

const OWN = { url: APP_ENTRY_URL, isMainFrame: true, isOurWindow: true }
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

describe('opening a .trellis file through main', () => {
  it('delivers the starting file after unlock and imports only granted paths', async () => {
    const from = await unlockedBackend()
    const out = tempDir('trellis-fileopen-')
    const vaultDir = tempDir()
    dirs.push(from.vaultDir, out, vaultDir)
    const c = await ok<ClientSummary>(from.backend, 'client.create', { name: 'Kestrel Payments' })
    const file = join(out, 'Kestrel.trellis')
    await ok(from.backend, 'client.handover', { id: c.id, outPath: file, passphrase: 'handover secret' })
    from.backend.close()

    const backend = newBackend(vaultDir)
    await ok(backend, 'vault.create', { passphrase: TEST_PASSPHRASE })
    await ok(backend, 'vault.lock', {})
    const openGrants = new SavePathGrants()
    const sent: { path: string; name: string }[] = []
    const files = new OpenedFiles({ send: (_e, p) => sent.push(p), grant: (p) => openGrants.grant(p) })
    watchOpenedFiles(new EventEmitter() as unknown as OpenFileApp, files, ['/opt/trellis', 'Kestrel.trellis'], out)
    const route = createRouter({
      backend,
      device: {} as never,
      grantedSavePaths: new SavePathGrants(),
      grantedOpenPaths: openGrants,
      isTrustedSender: (s) => isTrustedSender(s)
    })
    const call = async (channel: string, input: unknown) => {
      const r = await route(OWN, channel, input)
      trackUnlock(files, channel, r)
      return r
    }
    files.setWindowReady(true)
    expect(sent).toEqual([])
    // Not handed over yet: refused before the backend reads anything.
    const early = await call('client.importFile', { path: file, passphrase: 'handover secret' })
    expect(early.ok ? null : early.error.code).toBe('FORBIDDEN')

    expect((await call('vault.unlock', { passphrase: TEST_PASSPHRASE })).ok).toBe(true)
    expect(sent).toEqual([{ path: file, name: 'Kestrel.trellis' }])
    const r = await call('client.importFile', { path: file, passphrase: 'handover secret' })
    expect(r.ok).toBe(true)
    expect((r as { data: ClientImportResult }).data.client.name).toBe('Kestrel Payments')
    const other = await call('client.importFile', { path: join(out, 'Other.trellis'), passphrase: 'handover secret' })
    expect(other.ok ? null : other.error.code).toBe('FORBIDDEN')
    backend.close()
  })
})
