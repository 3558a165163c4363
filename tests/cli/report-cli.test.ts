/** `trellis report`, `reports`, `report-settings` and `branding` as a user runs them (each a fresh process). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from '../../electron/backend/services/report/chromium'
import { cliFor } from '../helpers/cli'
import { cleanup, tempDir } from '../helpers/vault'

let vault: string
let out: string
let cli: ReturnType<typeof cliFor>

beforeAll(async () => {
  vault = tempDir('trellis-cli-report-')
  out = tempDir('trellis-cli-report-out-')
  cli = cliFor(vault)
  expect((await cli(['vault', 'init', '--json'])).code).toBe(0)
  expect((await cli(['client', 'create', '--name', 'Lumen Security'])).code).toBe(0)
}, 120_000)
afterAll(() => [vault, out].forEach(cleanup))

describe('trellis report', { timeout: 300_000 }, () => {
  it('exports Markdown with the sections asked for, and refuses to replace a file without --force', async () => {
    const file = join(out, 'lumen.md')
    const r = await cli(['report', 'lumen security', '--format', 'md', '--out', file, '--sections', 'cover,summary,actions'])
    expect(r.code).toBe(0)
    // A new client has no roadmap, partners or workshops yet: the actions section is left out, and the CLI says why.
    expect(r.stdout).toMatch(/^Wrote .*lumen\.md \(MD, \d+ KB, sections: cover, summary\) in \d+ ms\.$/m)
    expect(r.stdout).toMatch(/^Left out actions: Nothing to act on/m)
    expect(readFileSync(file, 'utf8')).toMatch(/^# Partner program report: Lumen Security/)
    writeFileSync(file, 'keep me')
    const again = await cli(['report', 'Lumen Security', '--format', 'md', '--out', file])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/lumen\.md already exists\. Replace it \(--force/)
    expect(readFileSync(file, 'utf8')).toBe('keep me')
    expect((await cli(['report', 'Lumen Security', '--format', 'md', '--out', file, '--force'])).code).toBe(0)
    expect(readFileSync(file, 'utf8')).not.toBe('keep me')
  })

  it('explains usage mistakes with exit code 2', async () => {
    const noFormat = await cli(['report', 'Lumen Security', '--out', join(out, 'x.pdf')])
    expect(noFormat.code).toBe(2)
    expect(noFormat.stderr).toMatch(/Missing --format/)
    const badSection = await cli(['report', 'Lumen Security', '--format', 'html', '--out', join(out, 'x.html'), '--sections', 'cover,appendix'])
    expect(badSection.code).toBe(2)
    expect(badSection.stderr).toMatch(/not “appendix”/)
    const badPaper = await cli(['report', 'Lumen Security', '--format', 'html', '--out', join(out, 'x.html'), '--paper', 'a5'])
    expect(badPaper.code).toBe(2)
    const badCohort = await cli(['report', 'Lumen Security', '--format', 'html', '--out', join(out, 'x.html'), '--cohort', 'region=mars'])
    expect(badCohort.code).toBe(2)
    expect(badCohort.stderr).toMatch(/--cohort region must be one of: north-america, emea, apac, latam, global \(not “mars”\)/)
    const mixedCohort = await cli(['report-settings', 'Lumen Security', '--cohort', 'all', '--cohort', 'region=emea'])
    expect(mixedCohort.code).toBe(2)
    expect(mixedCohort.stderr).toMatch(/--cohort all cannot be combined/)
    const missingDir = await cli(['report', 'Lumen Security', '--format', 'html', '--out', join(out, 'no', 'x.html'), '--json'])
    expect(missingDir.code).toBe(1)
    expect(JSON.parse(missingDir.stderr).error.code).toBe('FILE_MISSING')
  })

  it('keeps branding and per-client choices, and lists earlier exports', async () => {
    expect((await cli(['branding', 'set', '--firm', 'Fernhill Advisory', '--accent', '#7a3e9d'])).code).toBe(0)
    const summary = join(out, 'summary.txt')
    writeFileSync(summary, 'Partners became the second growth engine this quarter.')
    expect((await cli(['report-settings', 'Lumen Security', '--summary-file', summary, '--paper', 'letter'])).code).toBe(0)
    const file = join(out, 'lumen.html')
    expect((await cli(['report', 'Lumen Security', '--format', 'html', '--out', file])).code).toBe(0)
    const html = readFileSync(file, 'utf8')
    expect(html).toContain('Fernhill Advisory')
    expect(html).toContain('Partners became the second growth engine this quarter.')
    expect(html).toMatch(/size: letter/)
    const cohort = await cli(['report-settings', 'Lumen Security', '--cohort', 'companyStage=growth', '--cohort', 'region=EMEA', '--json'])
    expect(JSON.parse(cohort.stdout).cohort).toEqual({ companyStage: 'growth', region: 'emea' })
    expect((await cli(['report-settings', 'Lumen Security'])).stdout).toMatch(/Benchmark cohort:\s+Growth · EMEA/)
    const list = await cli(['reports', 'Lumen Security', '--json'])
    const records = JSON.parse(list.stdout) as { id: string; fileName: string; sections: string[]; paper: string; asOf: string; cohort: unknown }[]
    expect(records.map((r) => r.fileName)).toEqual(['lumen.html', 'lumen.md', 'lumen.md'])
    expect((await cli(['reports', 'Lumen Security'])).stdout).toMatch(/trellis report ID --again EXPORT_ID --out FILE/)

    // --again makes a recorded export again with its choices, whatever is saved now: the first Markdown export
    // had three sections (actions left out, nothing to act on), A4, today, all clients.
    const first = records[2]
    expect(first).toMatchObject({ sections: ['cover', 'summary', 'actions'], paper: 'a4', cohort: {} })
    const againFile = join(out, 'lumen-again.md')
    const again = await cli(['report', 'Lumen Security', '--again', first.id, '--out', againFile, '--json'])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout).record).toMatchObject({ format: 'md', sections: first.sections, paper: 'a4', asOf: first.asOf, cohort: {} })
    const asHtml = await cli(['report', 'Lumen Security', '--again', first.id, '--format', 'html', '--out', join(out, 'lumen-again.html')])
    expect(asHtml.stdout).toMatch(/\(HTML, \d+ KB, sections: cover, summary\)/)
    expect(readFileSync(join(out, 'lumen-again.html'), 'utf8')).toMatch(/size: A4|size: a4/)
    const mixed = await cli(['report', 'Lumen Security', '--again', first.id, '--paper', 'letter', '--out', join(out, 'x.md')])
    expect(mixed.code).toBe(2)
    expect(mixed.stderr).toMatch(/cannot be combined with --sections, --paper/)
    const unknown = await cli(['report', 'Lumen Security', '--again', 'r_nosuchexport', '--out', join(out, 'y.md')])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/no recorded export r_nosuchexport/)
  })

  it.skipIf(!findChromium())('prints a PDF and exits when done', async () => {
    const file = join(out, 'lumen.pdf')
    const r = await cli(['report', 'Lumen Security', '--format', 'pdf', '--out', file, '--json'])
    expect(r.code).toBe(0)
    const res = JSON.parse(r.stdout)
    expect(res.pages).toBeGreaterThanOrEqual(2)
    expect(existsSync(file)).toBe(true)
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
  })
})
