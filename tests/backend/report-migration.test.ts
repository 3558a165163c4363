/** The reports migration on a client file of the previous shape: its data stays, the report tables start empty. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createBackend } from '../../electron/backend/backend'
import type { ClientSummary, ReportExportRecord, ReportExportResult, ReportPreview, ReportSettings } from '../../shared/ipc/contract'
import { DEFAULT_REPORT_SETTINGS } from '../../shared/report/model'
import { migrationTags, resourcesUpTo } from '../helpers/migrations'
import { TEST_KDF, TEST_PASSPHRASE, cleanup, ok, tempDir } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

describe('reports migration', () => {
  it('upgrades a full client file of the previous shape and keeps every row', async () => {
    const tags = migrationTags()
    const mine = tags.findIndex((t) => t.endsWith('_reports'))
    expect(mine).toBeGreaterThan(0)
    const res = resourcesUpTo(tags[mine - 1])
    const vaultDir = tempDir()
    dirs.push(vaultDir, res)
    const old = createBackend({ vaultDir, kdfCost: TEST_KDF, resourcesDir: res })
    await ok(old, 'vault.create', { passphrase: TEST_PASSPHRASE })
    await ok(old, 'demo.seed', { clients: 1, partners: 30, seed: 5 })
    const c = (await ok<ClientSummary[]>(old, 'client.list', {}))[0]
    const sq = old.session.client(c.id).sqlite
    const tables = ['partners', 'milestones', 'hypotheses', 'assessments', 'action_items', 'risks']
    const count = (db: typeof sq) => Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]))
    const before = count(sq)
    expect(sq.prepare("SELECT name FROM sqlite_master WHERE name = 'report_exports'").get()).toBeUndefined()
    old.close()

    const b = createBackend({ vaultDir, kdfCost: TEST_KDF })
    await ok(b, 'vault.unlock', { passphrase: TEST_PASSPHRASE })
    expect(await ok<ReportSettings>(b, 'report.settings.get', { clientId: c.id })).toEqual(DEFAULT_REPORT_SETTINGS)
    expect(await ok<ReportExportRecord[]>(b, 'report.history', { clientId: c.id })).toEqual([])
    const now = b.session.client(c.id).sqlite
    expect(count(now)).toEqual(before)
    expect(now.pragma('user_version', { simple: true })).toBe(tags.length)
    // The report of the upgraded file has every section the old data supports, and its exports are recorded.
    const p = await ok<ReportPreview>(b, 'report.preview', { clientId: c.id })
    expect(p.omitted.map((o) => o.section)).toEqual(['benchmark'])
    const out = tempDir('trellis-report-mig-')
    dirs.push(out)
    const r = await ok<ReportExportResult>(b, 'report.export', { clientId: c.id, format: 'md', outPath: join(out, 'r.md') })
    expect(readFileSync(r.path, 'utf8')).toContain(c.name)
    expect((await ok<ReportExportRecord[]>(b, 'report.history', { clientId: c.id })).map((x) => x.fileName)).toEqual(['r.md'])
    b.close()
  })
})
