import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientSummary, PortfolioImportPreview, PortfolioImportResult, PartnerDetail, PortfolioRow } from '../../shared/ipc/contract'
import type { PortfolioImportProgressed } from '../../shared/ipc/channels/portfolio'
import { parseAmount, parseDate } from '../../electron/backend/services/csvImport'
import { checksums, cleanup, err, ok, unlockedBackend } from '../helpers/vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(cleanup))

async function setup() {
  const { backend, vaultDir } = await unlockedBackend()
  dirs.push(vaultDir)
  const c = await ok<ClientSummary>(backend, 'client.create', { name: 'Harbor Payments' })
  return { b: backend, vaultDir, clientId: c.id }
}
const b64 = (s: string | Buffer) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64')

const HUBSPOT = `Company name,Company Domain Name,Partner Type,Tier,Lifecycle Stage,Signed Date,Partner Manager,Primary Contact,Contact Email
Apex Integrations,https://www.apex.example/,Technology Partner,Gold,Active,2025-11-03,Dana Whitfield,Ana Silva,ana@apex.example
Beacon Advisory,beacon.example,System Integrator,Silver,signed,2026-01-15,Marco Ruiz,,
"Cascade ""Cloud"" Resellers",cascade.example,VAR,Registered,prospect,,Priya,"Lee
Park",lee@cascade.example
`

describe('CRM import: partners', () => {
  it('guesses the mapping, previews without writing, and commits in one go', async () => {
    const { b, vaultDir, clientId } = await setup()
    const before = checksums(join(vaultDir, 'clients'))
    const p = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'partners', fileBase64: b64(HUBSPOT) })
    expect(p.fileErrors).toEqual([])
    expect(p.mapping).toMatchObject({ name: 'Company name', domain: 'Company Domain Name', type: 'Partner Type', stage: 'Lifecycle Stage', signedAt: 'Signed Date', owner: 'Partner Manager', contactName: 'Primary Contact' })
    expect(p.counts).toEqual({ total: 3, create: 3, update: 0, skip: 0, error: 0 })
    expect(p.rows[2].values).toMatchObject({ name: 'Cascade "Cloud" Resellers', type: 'reseller', contactName: 'Lee\nPark' })
    expect(p.rows[0].values).toMatchObject({ domain: 'apex.example', type: 'technology', stage: 'activating' })
    // Second and later rows start on the right lines even with a quoted newline.
    expect(p.rows.map((r) => r.line)).toEqual([2, 3, 4])
    b.session.closeClient(clientId)
    expect(checksums(join(vaultDir, 'clients'))).toEqual(before)

    expect((await err(b, 'portfolio.import.commit', { clientId, kind: 'partners', fileBase64: b64(HUBSPOT) })).message).toMatch(/Confirm/)
    const r = await ok<PortfolioImportResult>(b, 'portfolio.import.commit', { clientId, kind: 'partners', fileBase64: b64(HUBSPOT), confirm: true })
    expect(r).toMatchObject({ created: 3, updated: 0, skipped: 0, rejected: 0 })
    const rows = await ok<PortfolioRow[]>(b, 'portfolio.table', { clientId })
    const apex = rows.find((x) => x.name === 'Apex Integrations')!
    const d = await ok<PartnerDetail>(b, 'partner.get', { clientId, partnerId: apex.id })
    expect(d.contacts[0]).toMatchObject({ name: 'Ana Silva', email: 'ana@apex.example', isPrimary: true })
    expect(d.stageHistory[0]).toMatchObject({ stage: 'activating', at: '2025-11-03' })

    // Importing again finds every partner by name (skip), or updates them when asked.
    const again = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'partners', fileBase64: b64(HUBSPOT) })
    expect(again.counts).toMatchObject({ skip: 3, create: 0 })
    expect(again.rows[0].messages).toEqual(['A partner with the same name already exists.'])
    const byDomain = 'Name,Website,Tier\nApex Integrations Inc,apex.example,Platinum\n'
    const up = await ok<PortfolioImportResult>(b, 'portfolio.import.commit', { clientId, kind: 'partners', fileBase64: b64(byDomain), confirm: true, onDuplicate: 'update' })
    expect(up).toMatchObject({ created: 0, updated: 1 })
    const apex2 = (await ok<PortfolioRow[]>(b, 'portfolio.table', { clientId })).find((x) => x.id === apex.id)!
    expect(apex2).toMatchObject({ name: 'Apex Integrations', tier: 'Platinum', type: 'technology', stage: 'activating' })
  })

  it('reads Windows-1252, BOMs, semicolons, tabs, blank lines and a header below a title', async () => {
    const { b, clientId } = await setup()
    const latin = Buffer.from('Partner;Type;Signed\r\nSociété Générale Conseil;SI;31.01.2026\r\n\r\nMünchen Tech;technology;15.02.2026\r\n', 'latin1')
    const p1 = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'partners', fileBase64: b64(latin) })
    expect([p1.encoding, p1.delimiter]).toEqual(['windows-1252', ';'])
    expect(p1.rows.map((r) => [r.line, r.values.name, r.values.signedAt])).toEqual([
      [2, 'Société Générale Conseil', '2026-01-31'],
      [4, 'München Tech', '2026-02-15']
    ])
    expect(p1.dateFormats.signedAt).toBe('dmy')

    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Partner Report — exported 2026-05-01\t\t\n\nName\tType\tStage\nZenith Studio\tagency\tdormant\n')])
    const p2 = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'partners', fileBase64: b64(bom) })
    expect([p2.encoding, p2.delimiter, p2.headerLine]).toEqual(['utf-8-bom', '\t', 3])
    expect(p2.notes[0]).toMatch(/headers are on line 3/)
    expect(p2.rows[0].values).toMatchObject({ name: 'Zenith Studio', type: 'agency', stage: 'dormant' })
  })

  it('reports malformed rows, bad dates and unknown values per line, and writes nothing unless told to skip them', async () => {
    const { b, vaultDir, clientId } = await setup()
    const bad = [
      'Name,Type,Stage,Signed Date,Website',
      'Good One,referral,signed,2026-02-01,good.example',
      'Bad Date,referral,signed,2026-02-30,',
      'Bad Stage,referral,on fire,,',
      'Bad Type,spaceship,prospect,,',
      ',referral,prospect,,',
      'Too,Many,Cells,2026-01-01,x.example,extra',
      'Good One,reseller,signed,,',
      'Not A Domain,referral,signed,,not a domain',
      '"Unclosed,referral,signed,,'
    ].join('\n')
    const p = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'partners', fileBase64: b64(bad) })
    const byLine = Object.fromEntries(p.rows.map((r) => [r.line, `${r.action}: ${r.messages.join(' ')}`]))
    expect(byLine[2]).toMatch(/^create/)
    expect(byLine[3]).toBe('error: “2026-02-30” in the signed date is not a date (expected e.g. 2024-03-31).')
    expect(byLine[4]).toMatch(/^error: Unknown lifecycle stage “on fire”/)
    expect(byLine[5]).toMatch(/^error: Unknown partner type “spaceship”/)
    expect(byLine[6]).toBe('error: The partner name is empty.')
    expect(byLine[7]).toMatch(/^error: The row has 6 values but the header has 5 columns/)
    expect(byLine[8]).toBe('skip: Same partner as line 2 of this file.')
    expect(byLine[9]).toBe('error: “not a domain” is not a web domain.')
    expect(byLine[10]).toMatch(/^error: A quoted value is never closed/)
    expect(p.counts).toEqual({ total: 9, create: 1, update: 0, skip: 1, error: 7 })

    b.session.closeClient(clientId)
    const before = checksums(join(vaultDir, 'clients'))
    const e = await err(b, 'portfolio.import.commit', { clientId, kind: 'partners', fileBase64: b64(bad), confirm: true })
    expect(e.code).toBe('VALIDATION')
    expect(e.message).toMatch(/^Nothing was imported: 7 row\(s\) have errors \(first: line 3/)
    b.session.closeClient(clientId)
    expect(checksums(join(vaultDir, 'clients'))).toEqual(before)

    const r = await ok<PortfolioImportResult>(b, 'portfolio.import.commit', { clientId, kind: 'partners', fileBase64: b64(bad), confirm: true, skipInvalid: true })
    expect(r).toMatchObject({ created: 1, skipped: 1, rejected: 7 })
    expect(r.rows).toHaveLength(8)
  })

  it('refuses files it cannot map, and an empty file, with nothing written', async () => {
    const { b, clientId } = await setup()
    expect((await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'partners', fileBase64: '' })).fileErrors).toEqual(['The file is empty.'])
    const noName = 'Foo,Bar\n1,2\n'
    const p = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'partners', fileBase64: b64(noName) })
    expect(p.fileErrors).toEqual(['No column is mapped to Partner name; map one to continue.'])
    // The user fixes the mapping by hand.
    const fixed = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'partners', fileBase64: b64(noName), mapping: { name: 'Bar' } })
    expect(fixed.rows[0].values.name).toBe('2')
    expect((await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'partners', fileBase64: b64(noName), mapping: { name: 'Nope' } })).fileErrors[0]).toBe(
      'The file has no column “Nope” (mapped to Partner name).'
    )
    expect((await err(b, 'portfolio.import.commit', { clientId, kind: 'partners', fileBase64: b64(noName), confirm: true })).message).toMatch(/Nothing was imported: No column/)
    expect(await ok<PortfolioRow[]>(b, 'portfolio.table', { clientId })).toEqual([])
  })

  it('rolls back the whole import when a write fails midway', async () => {
    const { b, vaultDir, clientId } = await setup()
    const rows = ['Name,Type', ...Array.from({ length: 50 }, (_, i) => `Partner ${i},referral`)].join('\n')
    const db = b.session.client(clientId).sqlite
    // A trigger makes the 30th insert fail, as a full disk would.
    db.exec(`CREATE TRIGGER fail_30 BEFORE INSERT ON partners WHEN NEW.name = 'Partner 29' BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
    b.session.closeClient(clientId)
    const before = checksums(join(vaultDir, 'clients'))
    expect((await err(b, 'portfolio.import.commit', { clientId, kind: 'partners', fileBase64: b64(rows), confirm: true })).code).toBe('INTERNAL')
    b.session.closeClient(clientId)
    expect(checksums(join(vaultDir, 'clients'))).toEqual(before)
    expect(await ok<PortfolioRow[]>(b, 'portfolio.table', { clientId })).toEqual([])
  })

  const bigCsv = ['Name,Type,Tier,Stage,Signed', ...Array.from({ length: 5000 }, (_, i) => `Partner ${i},reseller,Gold,signed,2026-01-${String((i % 28) + 1).padStart(2, '0')}`)].join('\n')

  it('imports 5,000 partners in one transaction, telling how far it is', async () => {
    const { b, clientId } = await setup()
    const events: PortfolioImportProgressed[] = []
    const off = b.onEvent((event, payload) => {
      if (event === 'portfolio.importProgressed') events.push(payload as PortfolioImportProgressed)
    })
    const t = performance.now()
    const r = await ok<PortfolioImportResult>(b, 'portfolio.import.commit', { clientId, kind: 'partners', fileBase64: b64(bigCsv), confirm: true, jobId: 'import-big-1' })
    const ms = performance.now() - t
    off()
    expect(r.created).toBe(5000)
    expect(ms).toBeLessThan(10_000) // budget 2 s on an idle machine; this one is shared
    // Checked in slices of 250 rows (counts only), then written in one step, then done.
    const slices = (step: string) => events.filter((e) => e.step === step)
    expect(slices('checking').map((e) => e.done)).toEqual(Array.from({ length: 19 }, (_, i) => (i + 1) * 250))
    expect(slices('writing').map((e) => e.done)).toEqual([0])
    expect([...slices('checking'), ...slices('writing')].every((e) => e.total === 5000)).toBe(true)
    expect(new Set(events.map((e) => `${e.jobId} ${e.clientId}`))).toEqual(new Set([`import-big-1 ${clientId}`]))
    expect(events.map((e) => e.step).indexOf('writing')).toBeGreaterThan(events.map((e) => e.step).lastIndexOf('checking'))
    expect(events.at(-1)).toMatchObject({ step: 'done', done: 5000, total: 5000 })
  })

  it('cancels an import while it checks rows, with nothing written', async () => {
    const { b, vaultDir, clientId } = await setup()
    await ok(b, 'partner.create', { clientId, name: 'Kept Partner', type: 'referral' })
    b.session.closeClient(clientId)
    const before = checksums(join(vaultDir, 'clients'))
    const steps: string[] = []
    const off = b.onEvent((event, payload) => {
      const p = payload as PortfolioImportProgressed
      if (event !== 'portfolio.importProgressed') return
      steps.push(p.step)
      // The consultant presses Cancel as soon as the first progress shows.
      if (p.step === 'checking' && p.done === 2500) void b.call('portfolio.import.cancel', { jobId: 'import-big-2' })
    })
    const e = await err(b, 'portfolio.import.commit', { clientId, kind: 'partners', fileBase64: b64(bigCsv), confirm: true, jobId: 'import-big-2' })
    off()
    expect(e).toMatchObject({ code: 'CANCELLED', message: 'The import was cancelled; nothing was written.' })
    expect(steps).not.toContain('writing')
    expect(steps.at(-1)).toBe('cancelled')
    b.session.closeClient(clientId)
    expect(checksums(join(vaultDir, 'clients'))).toEqual(before)
    expect((await ok<PortfolioRow[]>(b, 'portfolio.table', { clientId })).map((r) => r.name)).toEqual(['Kept Partner'])
    // A finished or unknown job cannot be cancelled.
    expect(await ok(b, 'portfolio.import.cancel', { jobId: 'import-big-2' })).toEqual({ cancelled: false })
  })
})

describe('CRM import: opportunities', () => {
  it('attaches deals to partners by name or domain and maps CRM stages', async () => {
    const { b, clientId } = await setup()
    await ok(b, 'partner.create', { clientId, name: 'Apex Integrations', type: 'technology', domain: 'apex.example', stage: 'signed', signedAt: '2026-01-01' })
    await ok(b, 'partner.create', { clientId, name: 'Beacon Advisory', type: 'si' })
    const csv = [
      'Deal ID,Deal Name,Partner,Amount,Deal Stage,Create Date,Close Date,Attribution,Currency',
      'D-1,Globex rollout,Apex Integrations,"$48,000.00",Closed Won,03/15/2026,04/30/2026,Partner Sourced,',
      'D-2,Initech pilot,apex.example,"12.500,50 €",Contract Sent,2026-03-20,,influenced,',
      'D-3,Umbrella,Beacon Advisory,9000,Closed Lost,2026-02-01,,influenced,GBP',
      'D-4,Mystery,Nobody Ltd,100,won,2026-02-01,,sourced,',
      'D-5,Weird,Beacon Advisory,lots,Exploring,13/13/2026,,maybe,'
    ].join('\n')
    const p = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'opportunities', fileBase64: b64(csv) })
    expect(p.mapping).toMatchObject({ partner: 'Partner', name: 'Deal Name', amount: 'Amount', stage: 'Deal Stage', openedAt: 'Create Date', kind: 'Attribution', externalId: 'Deal ID' })
    expect(p.rows[0].values).toMatchObject({ amount: 48000, currency: 'USD', stage: 'won', kind: 'sourced', openedAt: '2026-03-15', closeAt: '2026-04-30' })
    expect(p.rows[1].values).toMatchObject({ amount: 12500.5, currency: 'EUR', stage: 'negotiation', kind: 'influenced' })
    expect(p.rows[2].values).toMatchObject({ currency: 'GBP', stage: 'lost' })
    expect(p.rows[3].messages).toEqual(['No partner named “Nobody Ltd” in this client; import or create the partner first.'])
    expect(p.rows[4].messages).toEqual([
      '“lots” in the amount is not a number.',
      expect.stringMatching(/^Unknown stage “Exploring”/),
      '“13/13/2026” in the created date is not a date (expected e.g. 2024-03-31).',
      '“maybe” does not say whether the partner sourced or influenced the deal.'
    ])
    const r = await ok<PortfolioImportResult>(b, 'portfolio.import.commit', { clientId, kind: 'opportunities', fileBase64: b64(csv), confirm: true, skipInvalid: true })
    expect(r).toMatchObject({ created: 3, rejected: 2 })
    const apex = (await ok<PortfolioRow[]>(b, 'portfolio.table', { clientId })).find((x) => x.name === 'Apex Integrations')!
    expect(apex).toMatchObject({ sourced: 48000, activatedAt: '2026-03-15' })
    // Re-importing finds the deals by their CRM id.
    const again = await ok<PortfolioImportPreview>(b, 'portfolio.import.preview', { clientId, kind: 'opportunities', fileBase64: b64(csv) })
    expect(again.counts).toMatchObject({ skip: 3, error: 2, create: 0 })
  })
})

describe('value parsing', () => {
  it('reads dates in the formats CRMs export', () => {
    expect(parseDate('2026-03-05', 'mdy')).toBe('2026-03-05')
    expect(parseDate('2026-03-05T10:00:00Z', 'mdy')).toBe('2026-03-05')
    expect(parseDate('03/05/2026', 'mdy')).toBe('2026-03-05')
    expect(parseDate('03/05/2026', 'dmy')).toBe('2026-05-03')
    expect(parseDate('5 March 2026', 'mdy')).toBe('2026-03-05')
    expect(parseDate('Mar 5, 2026', 'dmy')).toBe('2026-03-05')
    expect(parseDate('29/02/2025', 'dmy')).toBeNull()
    expect(parseDate('soon', 'dmy')).toBeNull()
  })
  it('reads amounts with symbols, codes and either decimal mark', () => {
    expect(parseAmount('$12,500')).toEqual({ amount: 12500, currency: 'USD' })
    expect(parseAmount('12.500,00 €')).toEqual({ amount: 12500, currency: 'EUR' })
    expect(parseAmount('EUR 9 000')).toEqual({ amount: 9000, currency: 'EUR' })
    expect(parseAmount('12,5')).toEqual({ amount: 12.5, currency: null })
    expect(parseAmount('1.234.567')).toEqual({ amount: 1234567, currency: null })
    expect(parseAmount('n/a')).toBeNull()
  })
})
