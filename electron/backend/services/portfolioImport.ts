/**
 * CRM import of partners and opportunities. The preview writes nothing; the commit recomputes the same plan
 * and writes it in one transaction, so a failure leaves the client file as it was. The commit checks the rows in
 * slices, telling how far it is (`portfolio.importProgressed`) and stopping when cancelled; the writing is one
 * synchronous transaction on the client's one connection, so no other call can slip into it or read it half done.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { PortfolioImportProgressed } from '../../../shared/ipc/channels/portfolio'
import { IMPORT_FIELDS, type ImportAction, type ImportKind, type ImportPreview, type ImportResult, type ImportRowReport } from '../../../shared/portfolio/importTypes'
import { AppError, toAppError } from '../errors'
import type { ClientDb } from '../db/clientFile'
import {
  decode,
  detectDateFormat,
  findHeader,
  guessMapping,
  normDomain,
  parseAmount,
  parseDate,
  parseOpportunityKind,
  parseOpportunityStage,
  parsePartnerStage,
  parsePartnerType,
  parseRows,
  type DateFormat,
  type RawRow
} from './csvImport'
import { readSettings } from './portfolio'
import { isSpreadsheet, readSpreadsheet, SpreadsheetError } from './xlsxFile'
import type { Session } from './session'

export interface ImportInput {
  clientId: string
  kind: ImportKind
  fileBase64: string
  fileName?: string
  mapping?: Record<string, string | null>
  dateFormat: 'auto' | DateFormat
  onDuplicate: 'skip' | 'update'
}

interface PlannedRow extends ImportRowReport {
  /** The existing row this one updates or duplicates. */
  targetId?: string
  /** For updates: whether the file stated the type and the stage (defaults never overwrite). */
  given?: { type: boolean; stage: boolean }
}

interface Plan {
  preview: ImportPreview
  planned: PlannedRow[]
}

const DATE_FIELDS = new Set(['signedAt', 'firstCommercialAt', 'openedAt', 'closeAt'])
const ROW_CAP = 200
/** Rows checked between two progress events (and chances to hear a cancel). */
const SLICE = 250

/** Runs a plan to its end in one go (the preview, which writes nothing). */
function drain<T>(steps: Generator<{ done: number; total: number }, T>): T {
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}

export class PortfolioImportService {
  private readonly jobs = new Map<string, { cancelled: boolean }>()

  constructor(private readonly session: Session) {}

  private db(clientId: string): ClientDb {
    if (!this.session.index.get(clientId)) throw new AppError('NOT_FOUND', 'There is no such client in this vault.')
    return this.session.client(clientId)
  }

  /** Reads, maps and checks the file; yields every SLICE rows checked. */
  private *plan(db: ClientDb, input: ImportInput): Generator<{ done: number; total: number }, Plan> {
    const bytes = Buffer.from(input.fileBase64, 'base64')
    const fields = IMPORT_FIELDS[input.kind]
    const counts = { total: 0, create: 0, update: 0, skip: 0, error: 0 }
    const preview: ImportPreview = {
      kind: input.kind,
      encoding: 'utf-8',
      delimiter: '',
      headerLine: 0,
      columns: [],
      mapping: {},
      dateFormats: {},
      fileErrors: [],
      notes: [],
      counts,
      rows: []
    }
    let rows: RawRow[]
    if (isSpreadsheet(bytes)) {
      preview.encoding = 'excel'
      try {
        const book = readSpreadsheet(bytes)
        rows = book.rows
        if (book.sheetCount > 1) preview.notes.push(`The workbook has ${book.sheetCount} sheets; the sheet “${book.sheet}” is read.`)
      } catch (err) {
        if (!(err instanceof SpreadsheetError)) throw err
        preview.fileErrors.push(err.message)
        return { preview, planned: [] }
      }
    } else {
      const { text, encoding } = decode(bytes)
      const parsed = parseRows(text)
      rows = parsed.rows
      preview.encoding = encoding
      preview.delimiter = parsed.delimiter
    }
    if (bytes.length === 0 || rows.length === 0) {
      preview.fileErrors.push('The file is empty.')
      return { preview, planned: [] }
    }
    const h = findHeader(rows, input.kind)
    const header = rows[h]
    preview.headerLine = header.line
    preview.columns = header.cells
    if (h > 0) preview.notes.push(`The column headers are on line ${header.line}; ${h === 1 ? 'the line above them is' : `the ${h} lines above them are`} ignored.`)
    const guessed = guessMapping(header.cells, input.kind)
    const mapping: Record<string, string | null> = { ...guessed }
    for (const [k, v] of Object.entries(input.mapping ?? {})) {
      if (!fields.some((f) => f.key === k)) {
        preview.fileErrors.push(`“${k}” is not a field of this import; the fields are ${fields.map((f) => f.key).join(', ')}.`)
        continue
      }
      if (v !== null && !header.cells.includes(v)) preview.fileErrors.push(`The file has no column “${v}” (mapped to ${fields.find((f) => f.key === k)!.label}).`)
      mapping[k] = v
    }
    preview.mapping = mapping
    for (const f of fields)
      if (f.required && !mapping[f.key]) preview.fileErrors.push(`No column is mapped to ${f.label}; map one to continue.`)
    if (preview.fileErrors.length) return { preview, planned: [] }

    const col = Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, v === null ? -1 : header.cells.indexOf(v)]))
    const body = rows.slice(h + 1)
    const cell = (r: { cells: string[] }, key: string): string => (col[key] >= 0 ? (r.cells[col[key]] ?? '') : '')

    // Date order per column: stated by the user, or read from values whose day is above 12.
    const formats: Record<string, DateFormat> = {}
    for (const key of Object.keys(col)) {
      if (!DATE_FIELDS.has(key) || col[key] < 0) continue
      if (input.dateFormat !== 'auto') formats[key] = input.dateFormat
      else {
        const found = detectDateFormat(body.map((r) => cell(r, key)))
        formats[key] = found ?? 'mdy'
        if (!found && body.some((r) => /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(cell(r, key))))
          preview.notes.push(`Dates in “${mapping[key]}” could be day/month or month/day; read as month/day/year. Choose the date format if that is wrong.`)
      }
    }
    preview.dateFormats = formats

    const settings = readSettings(db)
    const existing = db.sqlite.prepare('SELECT id, name, domain FROM partners').all() as { id: string; name: string; domain: string | null }[]
    const byName = new Map(existing.map((p) => [p.name.trim().toLowerCase(), p.id]))
    const byDomain = new Map(existing.filter((p) => p.domain).map((p) => [p.domain!.toLowerCase(), p.id]))
    const planned: PlannedRow[] = []
    const seen = new Map<string, number>()
    let kindAssumed = false

    for (const r of body) {
      if (planned.length % SLICE === 0 && planned.length > 0) yield { done: planned.length, total: body.length }
      const row: PlannedRow = { line: r.line, action: 'create', messages: [], values: {} }
      const bad = (m: string) => {
        row.action = 'error'
        row.messages.push(m)
      }
      // A function, because TypeScript does not see `bad` change the action.
      const isBad = () => row.action === 'error'
      if (r.error) bad(r.error)
      else if (r.cells.length !== header.cells.length && r.cells.slice(header.cells.length).some((c) => c !== ''))
        bad(`The row has ${r.cells.length} values but the header has ${header.cells.length} columns (an unquoted delimiter inside a value?).`)
      else if (r.cells.length < header.cells.length && r.cells.length === 1)
        bad(`The row has 1 value but the header has ${header.cells.length} columns.`)
      if (!isBad()) {
        const date = (key: string, label: string, required = false) => {
          const raw = cell(r, key)
          if (!raw) {
            if (required) bad(`${label} is empty.`)
            return null
          }
          const d = parseDate(raw, formats[key] ?? 'mdy')
          if (!d) bad(`“${raw}” in ${label} is not a date (expected e.g. 2024-03-31).`)
          return d
        }
        if (input.kind === 'partners') {
          const name = cell(r, 'name')
          if (!name) bad('The partner name is empty.')
          else if (name.length > 200) bad('The partner name is longer than 200 characters.')
          const rawType = cell(r, 'type')
          let type = rawType ? parsePartnerType(rawType) : 'technology'
          if (rawType && !type) {
            bad(`Unknown partner type “${rawType}” (use technology, referral, reseller, SI, MSP, marketplace, agency or OEM).`)
            type = null
          }
          if (!rawType) row.messages.push('No partner type given: recorded as technology.')
          const rawStage = cell(r, 'stage')
          const stage = rawStage ? parsePartnerStage(rawStage) : null
          if (rawStage && !stage) bad(`Unknown lifecycle stage “${rawStage}” (use prospect, qualifying, signed, activating, producing, dormant or exited).`)
          const signedAt = date('signedAt', 'the signed date')
          const firstCommercialAt = date('firstCommercialAt', 'the first commercial event')
          const rawDomain = cell(r, 'domain')
          const domain = rawDomain ? normDomain(rawDomain) : null
          if (rawDomain && !domain) bad(`“${rawDomain}” is not a web domain.`)
          const email = cell(r, 'contactEmail')
          if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) bad(`“${email}” is not an email address.`)
          row.values = {
            name,
            type,
            stage: stage ?? (signedAt ? 'signed' : 'prospect'),
            tier: cell(r, 'tier') || null,
            partnerTiersUs: cell(r, 'partnerTiersUs') || null,
            signedAt,
            firstCommercialAt,
            owner: cell(r, 'owner') || null,
            domain,
            contactName: cell(r, 'contactName') || null,
            contactEmail: email || null,
            notes: cell(r, 'notes') || null
          }
          row.given = { type: !!rawType, stage: !!rawStage }
          if (!isBad()) {
            const keys = [`n:${name.toLowerCase()}`, ...(domain ? [`d:${domain}`] : [])]
            const dupLine = keys.map((k) => seen.get(k)).find((x) => x !== undefined)
            if (dupLine !== undefined) {
              row.action = 'skip'
              row.messages.push(`Same partner as line ${dupLine} of this file.`)
            } else {
              keys.forEach((k) => seen.set(k, r.line))
              const target = byName.get(name.toLowerCase()) ?? (domain ? byDomain.get(domain) : undefined)
              if (target) {
                row.targetId = target
                const how = byName.has(name.toLowerCase()) ? 'name' : 'domain'
                if (input.onDuplicate === 'update') {
                  row.action = 'update'
                  row.messages.push(`Updates the existing partner with the same ${how}.`)
                } else {
                  row.action = 'skip'
                  row.messages.push(`A partner with the same ${how} already exists.`)
                }
              }
            }
          }
        } else {
          const partner = cell(r, 'partner')
          let partnerId: string | undefined
          if (!partner) bad('The partner is empty.')
          else {
            const d = normDomain(partner)
            partnerId = byName.get(partner.toLowerCase()) ?? (d ? byDomain.get(d) : undefined)
            if (!partnerId) bad(`No partner named “${partner}” in this client; import or create the partner first.`)
          }
          const name = cell(r, 'name')
          if (!name) bad('The opportunity name is empty.')
          const rawAmount = cell(r, 'amount')
          const amount = rawAmount ? parseAmount(rawAmount) : null
          if (!rawAmount) bad('The amount is empty.')
          else if (!amount) bad(`“${rawAmount}” in the amount is not a number.`)
          else if (amount.amount < 0) bad('The amount is negative.')
          const rawStage = cell(r, 'stage')
          const stage = rawStage ? parseOpportunityStage(rawStage) : null
          if (!rawStage) bad('The stage is empty.')
          else if (!stage)
            bad(`Unknown stage “${rawStage}” (use qualification, discovery, proposal, negotiation, won or lost, or CRM names such as Closed Won).`)
          const openedAt = date('openedAt', 'the created date', true)
          const closeAt = date('closeAt', 'the close date')
          const rawKind = cell(r, 'kind')
          let kind = rawKind ? parseOpportunityKind(rawKind) : 'influenced'
          if (rawKind && !kind) bad(`“${rawKind}” does not say whether the partner sourced or influenced the deal.`)
          if (!rawKind) kindAssumed = true
          const rawCurrency = cell(r, 'currency')
          const currency = rawCurrency ? rawCurrency.toUpperCase() : (amount?.currency ?? settings.currency)
          if (rawCurrency && !/^[A-Z]{3}$/.test(currency)) bad(`“${rawCurrency}” is not a three-letter currency code.`)
          if (kind === null) kind = 'influenced'
          const externalId = cell(r, 'externalId') || null
          row.values = { partnerId: partnerId ?? null, partner, name, amount: amount?.amount ?? null, currency, stage, kind, openedAt, closeAt, externalId }
          if (!isBad()) {
            const key = externalId ? `x:${externalId}` : `k:${partnerId}|${name.toLowerCase()}|${openedAt}`
            const dupLine = seen.get(key)
            if (dupLine !== undefined) {
              row.action = 'skip'
              row.messages.push(`Same opportunity as line ${dupLine} of this file.`)
            } else {
              seen.set(key, r.line)
              const target = (
                externalId
                  ? db.sqlite.prepare('SELECT id FROM opportunities WHERE external_id = ?').get(externalId)
                  : db.sqlite.prepare('SELECT id FROM opportunities WHERE partner_id = ? AND lower(name) = ? AND opened_at = ?').get(partnerId, name.toLowerCase(), openedAt)
              ) as { id: string } | undefined
              if (target) {
                row.targetId = target.id
                row.action = input.onDuplicate === 'update' ? 'update' : 'skip'
                row.messages.push(input.onDuplicate === 'update' ? 'Updates the same opportunity imported before.' : 'This opportunity was imported before.')
              }
            }
          }
        }
      }
      counts[row.action]++
      counts.total++
      planned.push(row)
    }
    if (kindAssumed)
      preview.notes.push('No column says whether the partner sourced or influenced each deal: those deals are recorded as influenced, which does not count as activation.')
    let shown = 0
    preview.rows = planned
      .filter((r) => r.action === 'error' || r.action === 'skip' || shown++ < ROW_CAP)
      
      .map(({ targetId: _t, given: _g, ...rest }) => rest)
    return { preview, planned }
  }

  preview(input: ImportInput): ImportPreview {
    const db = this.db(input.clientId)
    try {
      return drain(this.plan(db, input)).preview
    } catch (err) {
      throw toAppError(err, 'Reading the import file')
    }
  }

  /** Stops a running import while it checks rows; a cancelled import writes nothing. */
  cancel(jobId: string): { cancelled: boolean } {
    const job = this.jobs.get(jobId)
    if (!job) return { cancelled: false }
    job.cancelled = true
    return { cancelled: true }
  }

  async commit(
    input: ImportInput & { confirm: true; skipInvalid: boolean; jobId?: string },
    onProgress: (p: PortfolioImportProgressed) => void = () => undefined
  ): Promise<ImportResult> {
    const db = this.db(input.clientId)
    const jobId = input.jobId ?? randomBytes(9).toString('base64url')
    if (this.jobs.has(jobId)) throw new AppError('CONFLICT', 'An import with this job id is already running.')
    const job = { cancelled: false }
    this.jobs.set(jobId, job)
    const step = (s: PortfolioImportProgressed['step'], done: number, total: number) => onProgress({ jobId, clientId: input.clientId, step: s, done, total })
    let total = 0
    try {
      const steps = this.plan(db, input)
      let next = steps.next()
      while (!next.done) {
        total = next.value.total
        step('checking', next.value.done, total)
        // Let the progress event go out and a cancel come in.
        await new Promise((resolve) => setImmediate(resolve))
        if (job.cancelled) throw new AppError('CANCELLED', 'The import was cancelled; nothing was written.')
        next = steps.next()
      }
      const { preview, planned } = next.value
      if (preview.fileErrors.length) throw new AppError('VALIDATION', `Nothing was imported: ${preview.fileErrors.join(' ')}`)
      const rejected = planned.filter((r) => r.action === 'error')
      if (rejected.length && !input.skipInvalid)
        throw new AppError(
          'VALIDATION',
          `Nothing was imported: ${rejected.length} row(s) have errors (first: line ${rejected[0].line}: ${rejected[0].messages[0]}). Fix them, or import only the valid rows.`
        )
      const writes = planned.filter((r) => r.action === 'create' || r.action === 'update').length
      // The last chance to cancel: the write is one step (the client file has one connection, held exclusively, so
      // a transaction left open between slices would show half an import to every other call and take in theirs).
      step('writing', 0, writes)
      await new Promise((resolve) => setImmediate(resolve))
      if (job.cancelled) throw new AppError('CANCELLED', 'The import was cancelled; nothing was written.')
      const now = new Date().toISOString()
      const result: ImportResult = { created: 0, updated: 0, skipped: 0, rejected: rejected.length, rows: [] }
      try {
        db.sqlite.transaction(() => {
          if (input.kind === 'partners') this.writePartners(db, planned, now, result)
          else this.writeOpportunities(db, planned, result)
        })()
      } catch (err) {
        throw toAppError(err, 'Importing')
      }
      result.rows = planned.filter((r) => r.action === 'error' || r.action === 'skip').map(({ targetId: _t, given: _g, ...rest }) => rest)
      step('done', writes, writes)
      return result
    } catch (err) {
      step(err instanceof AppError && err.code === 'CANCELLED' ? 'cancelled' : 'failed', 0, total)
      throw err instanceof AppError ? err : toAppError(err, 'Importing')
    } finally {
      this.jobs.delete(jobId)
    }
  }

  private writePartners(db: ClientDb, planned: PlannedRow[], now: string, result: ImportResult): void {
    const sqlite = db.sqlite
    const insert = sqlite.prepare(
      `INSERT INTO partners (id, name, type, tier, stage, signed_at, first_commercial_at, owner, notes, created_at, updated_at, partner_tiers_us, domain)
       VALUES (@id, @name, @type, @tier, @stage, @signedAt, @firstCommercialAt, @owner, @notes, @now, @now, @partnerTiersUs, @domain)`
    )
    // An update only fills what the file has: empty cells never erase what the consultant recorded.
    const update = sqlite.prepare(
      `UPDATE partners SET type = coalesce(@typeGiven, type), tier = coalesce(@tier, tier), stage = coalesce(@stageGiven, stage),
       signed_at = coalesce(@signedAt, signed_at), first_commercial_at = coalesce(@firstCommercialAt, first_commercial_at),
       owner = coalesce(@owner, owner), notes = coalesce(@notes, notes), partner_tiers_us = coalesce(@partnerTiersUs, partner_tiers_us),
       domain = coalesce(@domain, domain), updated_at = @now WHERE id = @id`
    )
    const history = sqlite.prepare('INSERT INTO partner_stage_history (id, partner_id, stage, at, note) VALUES (?, ?, ?, ?, ?)')
    const contact = sqlite.prepare(
      'INSERT INTO partner_contacts (id, partner_id, name, email, role, is_primary, started_at, ended_at) VALUES (?, ?, ?, ?, NULL, 1, ?, NULL)'
    )
    const stageOf = sqlite.prepare('SELECT stage FROM partners WHERE id = ?')
    for (const r of planned) {
      const v = r.values
      if (r.action === 'create') {
        const id = randomUUID()
        insert.run({ ...v, id, now })
        history.run(randomUUID(), id, v.stage, (v.signedAt as string | null) ?? now.slice(0, 10), 'Imported')
        if (v.contactName) contact.run(randomUUID(), id, v.contactName, v.contactEmail, now.slice(0, 10))
        result.created++
      } else if (r.action === 'update') {
        const before = (stageOf.get(r.targetId) as { stage: string }).stage
        const stageGiven = r.given?.stage && v.stage !== before ? v.stage : null
        update.run({ ...v, id: r.targetId, now, typeGiven: r.given?.type ? v.type : null, stageGiven })
        if (stageGiven) history.run(randomUUID(), r.targetId, stageGiven, now.slice(0, 10), 'Imported')
        result.updated++
      } else if (r.action === 'skip') result.skipped++
    }
  }

  private writeOpportunities(db: ClientDb, planned: PlannedRow[], result: ImportResult): void {
    const sqlite = db.sqlite
    const insert = sqlite.prepare(
      `INSERT INTO opportunities (id, partner_id, name, kind, amount, currency, stage, opened_at, close_at, external_id)
       VALUES (@id, @partnerId, @name, @kind, @amount, @currency, @stage, @openedAt, @closeAt, @externalId)`
    )
    const update = sqlite.prepare(
      `UPDATE opportunities SET partner_id = @partnerId, name = @name, kind = @kind, amount = @amount, currency = @currency, stage = @stage,
       opened_at = @openedAt, close_at = coalesce(@closeAt, close_at) WHERE id = @id`
    )
    const count: Record<ImportAction, () => void> = {
      create: () => result.created++,
      update: () => result.updated++,
      skip: () => result.skipped++,
      error: () => undefined
    }
    for (const r of planned) {
      const v = { ...r.values }
      delete v.partner
      if (r.action === 'create') insert.run({ ...v, id: randomUUID() })
      else if (r.action === 'update') update.run({ ...v, id: r.targetId })
      count[r.action]()
    }
  }
}
