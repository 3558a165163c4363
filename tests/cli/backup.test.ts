import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BackupInfo, ClientSummary } from '../../shared/ipc/contract'
import { cliFor } from '../helpers/cli'
import { cleanup, tempDir } from '../helpers/vault'

let vault: string
let cli: ReturnType<typeof cliFor>

beforeAll(async () => {
  vault = tempDir('trellis-cli-backup-')
  cli = cliFor(vault)
  expect((await cli(['vault', 'init', '--json'])).code).toBe(0)
}, 120_000)
afterAll(() => cleanup(vault))

// Each run is a fresh Node process, so these tests get a long timeout on a busy machine.
describe('trellis backup', { timeout: 300_000 }, () => {
  it('lists, makes and restores backups, as the current file or as a new client', async () => {
    const c = JSON.parse((await cli(['client', 'create', '--name', 'Harbor Payments', '--json'])).stdout) as ClientSummary
    const empty = await cli(['backup', 'list', c.id])
    expect(empty.stdout).toContain('has no backups yet')

    const made = await cli(['backup', 'create', 'harbor payments', '--json'])
    expect(made.code).toBe(0)
    const b = JSON.parse(made.stdout) as BackupInfo
    expect(b.kind).toBe('manual')
    expect((await cli(['client', 'rename', c.id, '--name', 'Harbor Pay'])).code).toBe(0)

    const restored = await cli(['backup', 'restore', c.id, b.id])
    expect(restored.code).toBe(0)
    expect(restored.stdout).toContain('Restored “Harbor Payments”')
    const list = await cli(['backup', 'list', c.id])
    expect(list.stdout).toMatch(/^CREATED +KIND +SIZE +BACKUP$/m)
    expect(list.stdout).toMatch(/pre-restore +\d+ KB +\S+-pre-restore\.trellis$/m)

    const copy = await cli(['backup', 'restore', c.id, b.id, '--as-new', '--json'])
    expect(copy.code).toBe(0)
    expect((JSON.parse(copy.stdout) as ClientSummary).name).toBe('Harbor Payments (restored)')
    const names = (JSON.parse((await cli(['client', 'list', '--json'])).stdout) as ClientSummary[]).map((x) => x.name)
    expect(names).toEqual(['Harbor Payments', 'Harbor Payments (restored)'])
  })

  it('refuses a path as a backup name and sets the retention', async () => {
    const bad = await cli(['backup', 'restore', 'Harbor Payments', '../../vault.json'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('Not a backup id')

    expect((await cli(['backup', 'policy'])).stdout).toMatch(/Daily backups kept: +14\nWeekly backups kept: +8/)
    const set = await cli(['backup', 'policy', '--daily', '30', '--json'])
    expect(JSON.parse(set.stdout)).toEqual({ daily: 30, weekly: 8 })
    const wrong = await cli(['backup', 'policy', '--weekly', 'lots'])
    expect(wrong.code).toBe(2)
  })
})
