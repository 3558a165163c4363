/**
 * Migration 0006 (report_export_cohort) adds the benchmark cohort to the export record. Records of the previous
 * shape keep every field and read back with the cohort "not recorded" (null); new exports record theirs. A file
 * written with 0006 is refused, untouched and with a clear message, by the app version before it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ReportExportRecord, ReportExportResult } from '../../../shared/ipc/contract'
import { cleanup, ok, tempDir } from '../../helpers/vault'
import { clientFileAt, currentVersion, expectPreMigrationBackup, expectRefusedByVersionBefore, insertProfile, openCurrent, versionBefore, type OldClientFile } from './harness'

const made: OldClientFile[] = []
const dirs: string[] = []
afterEach(() => {
  made.splice(0).forEach((m) => m.cleanup())
  dirs.splice(0).forEach(cleanup)
})

describe('migration 0006 (report export cohort)', () => {
  it('keeps the records of the previous shape, with the cohort not recorded, and records it from then on', async () => {
    const old = await clientFileAt(versionBefore('report_export_cohort'))
    made.push(old)
    insertProfile(old.sqlite, old.id, 'Juniper Freight')
    old.sqlite
      .prepare('INSERT INTO report_exports (id, exported_at, as_of, format, paper, sections, file_name, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run('r_old', '2026-03-02T10:00:00.000Z', '2026-03-01', 'pdf', 'letter', '["cover","benchmark","actions"]', 'q1.pdf', 91234)
    expect((old.sqlite.prepare("SELECT name FROM pragma_table_info('report_exports')").all() as { name: string }[]).map((c) => c.name)).not.toContain('cohort')
    old.close()

    const cur = await openCurrent(old)
    expect(cur.userVersion).toBe(currentVersion())
    expectPreMigrationBackup(cur, old.version, old.key).close()
    await ok(cur.backend, 'vault.doctor') // the vault's index learns of the client file written behind its back
    const [rec] = await ok<ReportExportRecord[]>(cur.backend, 'report.history', { clientId: old.id })
    expect(rec).toEqual({
      id: 'r_old',
      exportedAt: '2026-03-02T10:00:00.000Z',
      format: 'pdf',
      paper: 'letter',
      sections: ['cover', 'benchmark', 'actions'],
      asOf: '2026-03-01',
      cohort: null,
      fileName: 'q1.pdf',
      bytes: 91234
    })

    // A new export records the cohort it used: the saved one here.
    await ok(cur.backend, 'report.settings.update', { clientId: old.id, patch: { cohort: { region: 'emea' } } })
    const out = tempDir('trellis-mig-0006-')
    dirs.push(out)
    const r = await ok<ReportExportResult>(cur.backend, 'report.export', { clientId: old.id, format: 'md', outPath: join(out, 'r.md'), asOf: '2026-06-30' })
    expect(readFileSync(r.path, 'utf8')).toContain('Juniper Freight')
    expect(r.record).toMatchObject({ asOf: '2026-06-30', cohort: { region: 'emea' } })
    const h = await ok<ReportExportRecord[]>(cur.backend, 'report.history', { clientId: old.id })
    expect(h.map((x) => [x.fileName, x.cohort])).toEqual([
      ['r.md', { region: 'emea' }],
      ['q1.pdf', null]
    ])
    await cur.close()
  })

  it('a file written with it is refused by the version before, left untouched, saying to update Trellis', async () => {
    await expectRefusedByVersionBefore('report_export_cohort', 'report.history', async () => undefined)
  })
})
