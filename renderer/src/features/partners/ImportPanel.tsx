/**
 * Import partners or deals from a CRM export (CSV or Excel): choose a file, check the guessed column mapping, read
 * the per-row problems, then import in one go. The backend parses the file; nothing is written until "Import".
 * An import shows how many rows are checked and can be cancelled (nothing written) until it writes them in one step.
 */
import { useEffect, useRef, useState } from 'react'
import type { PortfolioImportProgressed } from '../../../../shared/ipc/channels/portfolio'
import type { Input, PortfolioImportKind, PortfolioImportPreview, PortfolioImportResult } from '../../../../shared/ipc/contract'
import { LIFECYCLE_LABELS, PARTNER_TYPE_LABELS } from '../../../../shared/domain/partner'
import { OPPORTUNITY_STAGE_LABELS } from '../../../../shared/domain/portfolio'
import { IMPORT_FIELDS } from '../../../../shared/portfolio/importTypes'
import { api, ApiError, errorText } from '../../api'
import { count, plural } from '../../format'

type DateFormat = 'auto' | 'ymd' | 'mdy' | 'dmy'
type Base = Omit<Input<'portfolio.import.preview'>, 'mapping'>

const KIND_LABELS: Record<PortfolioImportKind, { noun: string; one: string }> = {
  partners: { noun: 'partners', one: 'partner' },
  opportunities: { noun: 'deals', one: 'deal' }
}
const ENCODINGS: Record<PortfolioImportPreview['encoding'], string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (with BOM)',
  'utf-16le': 'UTF-16',
  'windows-1252': 'Windows (Excel) characters',
  excel: 'An Excel workbook'
}
const DELIMITERS: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'vertical bars' }

/** Base64 of a file's bytes, without loading a library into the renderer. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''))
    r.onerror = () => reject(new Error(`${file.name} could not be read.`))
    r.readAsDataURL(file)
  })
}

/** A parsed value as the consultant reads it elsewhere in the app (labels, not codes). */
function show(kind: PortfolioImportKind, key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  const labels: Record<string, string> | undefined =
    key === 'type' ? PARTNER_TYPE_LABELS : key === 'stage' ? (kind === 'partners' ? LIFECYCLE_LABELS : OPPORTUNITY_STAGE_LABELS) : undefined
  if (labels) return labels[String(v)] ?? String(v)
  if (key === 'kind') return v === 'sourced' ? 'Sourced' : 'Influenced'
  if (typeof v === 'number') return v.toLocaleString('en-US')
  return String(v)
}

export function ImportPanel({ clientId, onClose, onImported }: { clientId: string; onClose(): void; onImported(): void }): React.JSX.Element {
  const [kind, setKind] = useState<PortfolioImportKind>('partners')
  const [base, setBase] = useState<Base | null>(null)
  const [mapping, setMapping] = useState<Record<string, string | null>>({})
  const [preview, setPreview] = useState<PortfolioImportPreview | null>(null)
  const [skipInvalid, setSkipInvalid] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<PortfolioImportResult | null>(null)
  const [progress, setProgress] = useState<PortfolioImportProgressed | null>(null)
  const [cancelled, setCancelled] = useState(false)
  const job = useRef<string | null>(null)
  const words = KIND_LABELS[kind]

  useEffect(
    () =>
      api.on('portfolio.importProgressed', (p) => {
        if (p.jobId === job.current) setProgress(p)
      }),
    []
  )

  const runPreview = async (next: Base, map: Record<string, string | null> | undefined) => {
    setBusy(`Reading ${next.fileName ?? 'the file'}…`)
    setError(null)
    try {
      const p = await api.call('portfolio.import.preview', { ...next, ...(map ? { mapping: map } : {}) })
      setPreview(p)
      setMapping(p.mapping)
      setSkipInvalid(false)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(null)
    }
  }

  const choose = async (file: File | undefined) => {
    if (!file) return
    setResult(null)
    try {
      const fileBase64 = await readBase64(file)
      // A new file keeps the choices made for the previous one.
      const next: Base = { clientId, kind, fileBase64, fileName: file.name, dateFormat: base?.dateFormat ?? 'auto', onDuplicate: base?.onDuplicate ?? 'skip' }
      setBase(next)
      await runPreview(next, undefined)
    } catch (e) {
      setError(errorText(e))
    }
  }

  const change = (patch: Partial<Base>, map = mapping) => {
    if (!base) return
    const next = { ...base, ...patch }
    setBase(next)
    // A new kind starts from a fresh guess: the other kind's fields mean nothing here.
    void runPreview(next, patch.kind ? undefined : map)
  }

  const commit = async () => {
    if (!base || !preview) return
    const jobId = crypto.randomUUID()
    job.current = jobId
    setBusy(`Importing ${plural(preview.counts.create + preview.counts.update, words.one, words.noun)}…`)
    setProgress({ jobId, clientId, step: 'checking', done: 0, total: preview.counts.total })
    setError(null)
    setCancelled(false)
    try {
      const r = await api.call('portfolio.import.commit', { ...base, mapping, confirm: true, skipInvalid, jobId })
      setResult(r)
      setPreview(null)
      setBase(null)
      onImported()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CANCELLED') setCancelled(true)
      else setError(errorText(e))
    } finally {
      job.current = null
      setProgress(null)
      setBusy(null)
    }
  }
  const cancel = () => {
    if (job.current) void api.call('portfolio.import.cancel', { jobId: job.current })
  }

  const fields = IMPORT_FIELDS[kind]
  const c = preview?.counts
  const problems = preview?.rows.filter((r) => r.action === 'error') ?? []
  const skipped = preview?.rows.filter((r) => r.action === 'skip') ?? []
  const toWrite = preview?.rows.filter((r) => r.action === 'create' || r.action === 'update').slice(0, 8) ?? []
  const writable = c ? c.create + c.update : 0
  const canImport = !!preview && !busy && preview.fileErrors.length === 0 && writable > 0 && (problems.length === 0 || skipInvalid)
  const shownFields = fields.filter((f) => mapping[f.key])

  return (
    <section className="panel stack import-panel" aria-label="Import from a CRM export" data-testid="import-panel">
      <div className="row import-head">
        <h2>Import from a CRM export</h2>
        <span className="toolbar-spacer" />
        <button type="button" onClick={onClose}>
          ← Back to partners
        </button>
      </div>
      <p className="muted small">
        A CSV or Excel export from HubSpot, Salesforce, Crossbeam or a spreadsheet. Nothing changes until you press Import, and an import either completes or
        changes nothing.
      </p>

      {result && (
        <div className="import-done" role="status" data-testid="import-result">
          <strong>
            Imported: {plural(result.created, `new ${words.one}`, `new ${words.noun}`)}, {plural(result.updated, 'update')}.
          </strong>{' '}
          {result.skipped > 0 && `${plural(result.skipped, 'row')} skipped (already there). `}
          {result.rejected > 0 && `${plural(result.rejected, 'row')} with problems left out.`}
        </div>
      )}

      <div className="row import-choose">
        <label className="inline">
          What the file holds{' '}
          <select
            aria-label="What the file holds"
            value={kind}
            onChange={(e) => {
              const k = e.target.value as PortfolioImportKind
              setKind(k)
              setMapping({})
              change({ kind: k }, {})
            }}
          >
            <option value="partners">Partners</option>
            <option value="opportunities">Deals (opportunities)</option>
          </select>
        </label>
        <label className="file-pick">
          <span className="button-like">Choose a file…</span>
          <input
            type="file"
            aria-label="CRM export file"
            accept=".csv,.tsv,.txt,.xlsx,.xls,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              void choose(e.target.files?.[0])
              e.target.value = ''
            }}
          />
        </label>
        {base?.fileName && <span className="muted">{base.fileName}</span>}
        {busy && (
          <span className="muted" aria-busy="true" role="status">
            {busy}
          </span>
        )}
      </div>

      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}

      {preview && base && (
        <>
          <p className="muted small" data-testid="import-file-facts">
            {ENCODINGS[preview.encoding]}
            {preview.delimiter ? `, values separated by ${DELIMITERS[preview.delimiter] ?? preview.delimiter}` : ''}, column
            headers on {preview.encoding === 'excel' ? 'row' : 'line'} {preview.headerLine}.
          </p>
          {preview.fileErrors.map((e) => (
            <p key={e} className="error-note" role="alert">
              {e}
            </p>
          ))}
          {preview.notes.map((n) => (
            <p key={n} className="warning info">
              {n}
            </p>
          ))}

          <div className="panels import-grid">
            <div className="stack">
              <h3>Columns</h3>
              <p className="muted small">Guessed from the column headers. Change any that are wrong.</p>
              <table className="table mapping" aria-label="Column mapping">
                <tbody>
                  {fields.map((f) => (
                    <tr key={f.key}>
                      <td>
                        {f.label}
                        {f.required && <span className="required" title="Needed"> *</span>}
                      </td>
                      <td>
                        <select
                          aria-label={`Column for ${f.label}`}
                          value={mapping[f.key] ?? ''}
                          className={!mapping[f.key] && f.required ? 'missing' : ''}
                          onChange={(e) => {
                            const next = { ...mapping, [f.key]: e.target.value || null }
                            setMapping(next)
                            change({}, next)
                          }}
                        >
                          <option value="">— not in the file —</option>
                          {preview.columns
                            .filter((col) => col !== '')
                            .map((col) => (
                              <option key={col} value={col}>
                                {col}
                              </option>
                            ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <label className="field">
                <span>Dates are written</span>
                <select aria-label="Date format" value={base.dateFormat} onChange={(e) => change({ dateFormat: e.target.value as DateFormat })}>
                  <option value="auto">Work it out from the file</option>
                  <option value="ymd">Year-month-day (2024-03-31)</option>
                  <option value="mdy">Month/day/year (03/31/2024)</option>
                  <option value="dmy">Day/month/year (31/03/2024)</option>
                </select>
              </label>
              <label className="field">
                <span>{kind === 'partners' ? 'A partner that is already here (same name or domain)' : 'A deal imported before (same CRM id)'}</span>
                <select aria-label="When it is already here" value={base.onDuplicate} onChange={(e) => change({ onDuplicate: e.target.value as 'skip' | 'update' })}>
                  <option value="skip">Leave it as it is</option>
                  <option value="update">Update it from the file</option>
                </select>
              </label>
            </div>

            <div className="stack">
              {c && preview.fileErrors.length === 0 && (
                <div className="import-counts" data-testid="import-counts">
                  <strong>{plural(c.total, 'row')}:</strong> {plural(c.create, `new ${words.one}`, `new ${words.noun}`)}
                  {c.update > 0 && `, ${plural(c.update, 'update')}`}
                  {c.skip > 0 && `, ${count(c.skip)} already here or repeated`}
                  {c.error > 0 && (
                    <span className="bad">
                      , {plural(c.error, 'row')} with problems
                    </span>
                  )}
                </div>
              )}
              {problems.length > 0 && (
                <div className="stack import-problems">
                  <h3>Rows with problems</h3>
                  <ul data-testid="import-problems">
                    {problems.slice(0, 100).map((r) => (
                      <li key={r.line}>
                        <strong>Line {r.line}:</strong> {r.messages.join(' ')}
                      </li>
                    ))}
                  </ul>
                  {problems.length > 100 && <p className="muted small">… and {problems.length - 100} more.</p>}
                </div>
              )}
              {skipped.length > 0 && (
                <details className="import-skipped">
                  <summary>{plural(skipped.length, 'row')} already here or repeated: see which</summary>
                  <ul>
                    {skipped.slice(0, 100).map((r) => (
                      <li key={r.line}>
                        Line {r.line}: {r.messages.join(' ')}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              {toWrite.length > 0 && (
                <div className="import-sample">
                  <h3>First rows as they will be recorded</h3>
                  <div className="table-scroll">
                    <table className="table" aria-label="Import preview">
                      <thead>
                        <tr>
                          <th>Line</th>
                          {shownFields.map((f) => (
                            <th key={f.key}>{f.label}</th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {toWrite.map((r) => (
                          <tr key={r.line}>
                            <td className="muted">{r.line}</td>
                            {shownFields.map((f) => (
                              <td key={f.key}>{show(kind, f.key, r.values[f.key])}</td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </div>
              )}
              {preview.fileErrors.length === 0 && (
                <div className="row end import-actions">
                  {problems.length > 0 && (
                    <label className="check small">
                      <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} /> Leave out the {plural(problems.length, 'row')}{' '}
                      with problems
                    </label>
                  )}
                  {progress ? (
                    <ImportProgress progress={progress} words={words} onCancel={cancel} />
                  ) : (
                    <button type="button" className="primary" disabled={!canImport} onClick={() => void commit()}>
                      Import {plural(writable, words.one, words.noun)}
                    </button>
                  )}
                </div>
              )}
              {cancelled && (
                <p className="muted" role="status" data-testid="import-cancelled">
                  Import cancelled: nothing was written. The file and the mapping are still here.
                </p>
              )}
            </div>
          </div>
        </>
      )}
    </section>
  )
}

/** A running import: rows checked so far, then the one write; Cancel works until the write starts. */
function ImportProgress({ progress, words, onCancel }: { progress: PortfolioImportProgressed; words: { noun: string; one: string }; onCancel(): void }): React.JSX.Element {
  const writing = progress.step === 'writing' || progress.step === 'done'
  return (
    <div className="import-progress" role="status" data-testid="import-progress">
      <span>
        {writing ? `Writing ${plural(progress.total, words.one, words.noun)} in one step…` : `Checking rows: ${count(progress.done)} of ${count(progress.total)}`}
      </span>
      {writing ? <progress aria-label="Import progress" /> : <progress max={progress.total || 1} value={progress.done} aria-label="Import progress" />}
      <button type="button" onClick={onCancel} disabled={writing} title={writing ? 'The rows are written in one step, all or nothing; it cannot stop halfway.' : undefined}>
        Cancel import
      </button>
    </div>
  )
}
