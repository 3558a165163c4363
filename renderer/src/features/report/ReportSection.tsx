/**
 * The Report section: pick and order the sections, write the executive summary (from a generated draft of key
 * facts), set the client's logo and the firm's branding, see the live preview (the exact HTML the export prints,
 * in a sandboxed frame with no scripts), and export PDF, HTML or Markdown with progress and cancel.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { COHORT_KEYS, COHORT_LABELS, cohortValueLabel, describeCohort, type Cohort, type CohortKey } from '../../../../shared/benchmark/metrics'
import type { ReportCohorts } from '../../../../shared/ipc/contract'
import { FORMAT_LABELS, LOGO_MAX_BYTES, PAPER_LABELS, PAPERS, SECTION_KEYS, SECTION_LABELS, type Paper, type ReportFormat, type SectionKey } from '../../../../shared/report/model'
import { api, errorText } from '../../api'
import { plural } from '../../format'
import type { SectionProps } from '../sections'
import { shortDate } from '../../../../shared/report/format'
import { IN_APP, useReport } from './store'
import './report.css'

const STEP_WORDS = { collect: 'Gathering the client’s data', render: 'Laying out the pages', print: 'Printing the PDF', write: 'Saving the file', done: 'Done', cancelled: 'Cancelled', failed: 'Failed' } as const
const EXT: Record<ReportFormat, string> = { pdf: 'pdf', html: 'html', md: 'md' }

function fileBase(name: string, date: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
  return `${slug || 'client'}-report-${date}`
}

function readImage(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!/^image\/(png|jpeg|webp|svg\+xml)$/.test(file.type)) return reject(new Error('Choose a PNG, JPEG, WebP or SVG image.'))
    if (file.size > LOGO_MAX_BYTES) return reject(new Error('The logo is too large (the limit is 1 MB).'))
    const r = new FileReader()
    r.onload = () => resolve(String(r.result))
    r.onerror = () => reject(new Error('The image could not be read.'))
    r.readAsDataURL(file)
  })
}

/** Choose, replace or remove a logo (client's or firm's); an unreadable image is named under the field. */
function LogoPicker(p: { label: string; logo: string | null; alt: string; onChange(uri: string | null): void }): React.JSX.Element {
  const [error, setError] = useState<string | null>(null)
  return (
    <div className="field">
      <span>{p.label}</span>
      <div className="row">
        {p.logo && <img className="logo-thumb" src={p.logo} alt={p.alt} />}
        <label className="file-button">
          {p.logo ? 'Replace…' : 'Choose an image…'}
          <input
            type="file"
            accept="image/png,image/jpeg,image/webp,image/svg+xml"
            onChange={(e) => {
              const f = e.target.files?.[0]
              e.target.value = ''
              if (f)
                readImage(f).then(
                  (uri) => (setError(null), p.onChange(uri)),
                  (err: Error) => setError(err.message)
                )
            }}
          />
        </label>
        {p.logo && (
          <button type="button" onClick={() => p.onChange(null)}>
            Remove
          </button>
        )}
      </div>
      {error && <small className="error-text">{error}</small>}
    </div>
  )
}

export function ReportSection({ client }: SectionProps): React.JSX.Element {
  const s = useReport()
  useEffect(() => {
    void useReport.getState().load(client.id)
  }, [client.id])

  if (s.clientId !== client.id || !s.settings || !s.branding)
    return s.error ? (
      <p className="error-note" role="alert">
        {s.error}
      </p>
    ) : (
      <p className="muted" aria-busy="true">
        Preparing the report of {client.name}…
      </p>
    )

  return (
    <div className="report-layout" data-testid="report-section">
      <div className="report-side">
        <Exporter clientName={client.name} />
        <SectionPicker />
        {s.settings.sections.includes('benchmark') && <CohortPicker clientId={client.id} />}
        <Content clientName={client.name} />
        <Branding />
        <History clientName={client.name} />
      </div>
      <Preview />
    </div>
  )
}

// ---------------------------------------------------------------- sections

function SectionPicker(): React.JSX.Element {
  const { settings, omitted, saveSettings } = useReport()
  const chosen = settings!.sections
  const order: SectionKey[] = [...chosen, ...SECTION_KEYS.filter((k) => !chosen.includes(k))]
  const toggle = (k: SectionKey) => {
    const next = chosen.includes(k) ? chosen.filter((x) => x !== k) : [...chosen, k]
    if (next.length) void saveSettings({ sections: next })
  }
  const move = (k: SectionKey, d: -1 | 1) => {
    const i = chosen.indexOf(k)
    const j = i + d
    if (i < 0 || j < 0 || j >= chosen.length) return
    const next = [...chosen]
    ;[next[i], next[j]] = [next[j], next[i]]
    void saveSettings({ sections: next })
  }
  return (
    <fieldset className="fieldset report-block">
      <legend>Sections, in order</legend>
      <ol className="section-list" aria-label="Report sections">
        {order.map((k) => {
          const on = chosen.includes(k)
          const why = omitted.find((o) => o.section === k)
          const i = chosen.indexOf(k)
          return (
            <li key={k} className={on ? 'on' : 'off'} data-testid={`section-${k}`}>
              <label className="section-name">
                <input type="checkbox" checked={on} onChange={() => toggle(k)} disabled={on && chosen.length === 1} />
                <span>{SECTION_LABELS[k]}</span>
              </label>
              {on && (
                <span className="section-move">
                  <button type="button" className="icon-button" aria-label={`Move ${SECTION_LABELS[k]} up`} disabled={i === 0} onClick={() => move(k, -1)}>
                    ↑
                  </button>
                  <button type="button" className="icon-button" aria-label={`Move ${SECTION_LABELS[k]} down`} disabled={i === chosen.length - 1} onClick={() => move(k, 1)}>
                    ↓
                  </button>
                </span>
              )}
              {on && why && <small className="section-why">Left out: {why.reason}</small>}
            </li>
          )
        })}
      </ol>
      <div className="row paper-row" role="radiogroup" aria-label="Paper">
        {PAPERS.map((p) => (
          <label key={p} className="check small-check">
            <input type="radio" name="paper" checked={settings!.paper === p} onChange={() => void saveSettings({ paper: p as Paper })} />
            {PAPER_LABELS[p]}
          </label>
        ))}
      </div>
    </fieldset>
  )
}

// ---------------------------------------------------------------- benchmark cohort

/**
 * Who the benchmark section compares this client with: all clients, or any mix of the Benchmark page's cohort keys,
 * offering only values that leave at least 5 other clients (counts come from the backend; never a name).
 */
function CohortPicker({ clientId }: { clientId: string }): React.JSX.Element {
  const { settings, saveSettings } = useReport()
  const cohort = settings!.cohort
  const key = JSON.stringify(cohort)
  const [choices, setChoices] = useState<ReportCohorts | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    api.call('report.cohorts', { clientId, cohort: JSON.parse(key) as Cohort }).then(
      (c) => live && (setChoices(c), setError(null)),
      (e: unknown) => live && setError(errorText(e))
    )
    return () => {
      live = false
    }
  }, [clientId, key])
  const set = (k: CohortKey, v: string) => {
    const next: Record<string, string> = { ...cohort }
    if (v === '') delete next[k]
    else next[k] = v
    void saveSettings({ cohort: next as Cohort })
  }
  const enough = choices && choices.peers >= choices.minPeers
  return (
    <fieldset className="fieldset report-block" data-testid="report-cohort">
      <legend>Benchmark: compare with</legend>
      <div className="cohort-grid">
        {COHORT_KEYS.map((k) => {
          const offered = choices?.options.filter((o) => o.key === k) ?? []
          const current = cohort[k]
          return (
            <label key={k} className="field">
              <span className="small muted">{COHORT_LABELS[k]}</span>
              <select value={current ?? ''} onChange={(e) => set(k, e.target.value)} aria-label={COHORT_LABELS[k]} disabled={!choices}>
                <option value="">Any</option>
                {current && !offered.some((o) => o.value === current) && <option value={current}>{cohortValueLabel(k, current)} (too few peers)</option>}
                {offered.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label} ({o.peers} peers)
                  </option>
                ))}
              </select>
            </label>
          )
        })}
      </div>
      {error ? (
        <small className="error-text">{error}</small>
      ) : choices ? (
        <p className={`small ${enough ? 'muted' : 'error-text'}`} data-testid="report-cohort-size" aria-live="polite">
          {enough
            ? `Compared anonymously with ${choices.peers} other clients (${choices.label}).`
            : `Only ${choices.peers} other clients in “${choices.label}”: the benchmark needs at least ${choices.minPeers}, so the section is left out. Choose a wider cohort.`}{' '}
          Only values with at least {choices.minPeers} other clients are offered.
        </p>
      ) : (
        <p className="small muted" aria-busy="true">
          Counting the clients in each cohort…
        </p>
      )}
      {Object.keys(cohort).length > 0 && (
        <button type="button" className="link" onClick={() => void saveSettings({ cohort: {} })}>
          All clients
        </button>
      )}
    </fieldset>
  )
}

// ---------------------------------------------------------------- content

function Content({ clientName }: { clientName: string }): React.JSX.Element {
  const { settings, draft, saveSettings } = useReport()
  const [summary, setSummary] = useState(settings!.summary)
  const [title, setTitle] = useState(settings!.title)
  const [conf, setConf] = useState(settings!.confidentiality)
  return (
    <fieldset className="fieldset report-block">
      <legend>Content for {clientName}</legend>
      <div className="stack">
        <label className="field">
          <span>Title</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} onBlur={() => title.trim() && title !== settings!.title && void saveSettings({ title })} maxLength={120} />
        </label>
        <label className="field">
          <span>Executive summary</span>
          <textarea
            rows={7}
            value={summary}
            placeholder="Write what leadership should take away. Left empty, the report lists the key facts below."
            onChange={(e) => setSummary(e.target.value)}
            onBlur={() => summary !== settings!.summary && void saveSettings({ summary })}
            maxLength={8000}
            data-testid="summary-text"
          />
        </label>
        {draft.length > 0 && (
          <details className="draft-box">
            <summary>Draft of key facts ({draft.length})</summary>
            <ul>
              {draft.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
            <button
              type="button"
              onClick={() => {
                const text = [summary.trim(), draft.join('\n\n')].filter(Boolean).join('\n\n')
                setSummary(text)
                void saveSettings({ summary: text })
              }}
            >
              Add the draft to the summary
            </button>
          </details>
        )}
        <LogoPicker label="Client logo" logo={settings!.clientLogo} alt={`${clientName} logo`} onChange={(clientLogo) => void saveSettings({ clientLogo })} />
        <label className="field">
          <span>Confidentiality line for this client</span>
          <input value={conf} placeholder="The firm’s line (below)" onChange={(e) => setConf(e.target.value)} onBlur={() => conf !== settings!.confidentiality && void saveSettings({ confidentiality: conf })} maxLength={240} />
        </label>
      </div>
    </fieldset>
  )
}

// ---------------------------------------------------------------- branding

function Branding(): React.JSX.Element {
  const { branding, saveBranding } = useReport()
  const b = branding!
  const [firm, setFirm] = useState(b.firmName)
  const [by, setBy] = useState(b.preparedBy)
  const [conf, setConf] = useState(b.confidentiality)
  return (
    <details className="fieldset report-block branding">
      <summary>Your branding (every client’s report)</summary>
      <div className="stack">
        <label className="field">
          <span>Firm name</span>
          <input value={firm} onChange={(e) => setFirm(e.target.value)} onBlur={() => firm.trim() && firm !== b.firmName && void saveBranding({ firmName: firm })} maxLength={120} />
        </label>
        <label className="field">
          <span>Prepared by</span>
          <input value={by} placeholder="Your name" onChange={(e) => setBy(e.target.value)} onBlur={() => by !== b.preparedBy && void saveBranding({ preparedBy: by })} maxLength={120} />
        </label>
        <label className="field">
          <span>Accent colour</span>
          <span className="row">
            <input type="color" className="colour" value={b.accent} onChange={(e) => void saveBranding({ accent: e.target.value })} aria-label="Accent colour" />
            <code>{b.accent}</code>
          </span>
        </label>
        <LogoPicker label="Firm logo" logo={b.firmLogo} alt="Firm logo" onChange={(firmLogo) => void saveBranding({ firmLogo })} />
        <label className="field">
          <span>Confidentiality line</span>
          <input value={conf} onChange={(e) => setConf(e.target.value)} onBlur={() => conf !== b.confidentiality && void saveBranding({ confidentiality: conf })} maxLength={240} />
          <small>{'{client}'} becomes the client’s name.</small>
        </label>
      </div>
    </details>
  )
}

// ---------------------------------------------------------------- export

function Exporter({ clientName }: { clientName: string }): React.JSX.Element {
  const { running, last, error, confirmReplace, folder, exportTo, cancel, dismiss } = useReport()
  const setFolder = (f: string) => useReport.setState({ folder: f })
  const date = new Date().toISOString().slice(0, 10)
  const base = fileBase(clientName, date)
  const joinPath = (dir: string, name: string) => `${dir.replace(/[\\/]+$/, '')}/${name}`

  const start = async (format: ReportFormat) => {
    dismiss()
    if (IN_APP) {
      try {
        const picked = await api.call('device.chooseReportPath', { suggestedName: `${base}.${EXT[format]}`, format })
        // The save dialog has already asked before replacing a file.
        if (picked) await exportTo(format, picked.path, true)
      } catch (e) {
        useReport.setState({ error: errorText(e) })
      }
      return
    }
    await exportTo(format, joinPath(folder.trim(), `${base}.${EXT[format]}`))
  }
  const p = running?.progress
  return (
    <fieldset className="fieldset report-block" aria-label="Export">
      <legend>Export</legend>
      {!IN_APP && (
        <label className="field">
          <span>Save in folder</span>
          <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/home/you/Reports" data-testid="export-folder" spellCheck={false} />
          <small>
            A full folder path on this computer; the file is named {base}.pdf / .html / .md
          </small>
        </label>
      )}
      <div className="row export-buttons">
        {(['pdf', 'html', 'md'] as const).map((f) => (
          <button key={f} type="button" className={f === 'pdf' ? 'primary' : ''} disabled={!!running || (!IN_APP && !folder.trim())} onClick={() => void start(f)}>
            {FORMAT_LABELS[f]}
            {IN_APP ? '…' : ''}
          </button>
        ))}
      </div>
      {running && (
        <div className="progress" role="status" data-testid="export-progress">
          <div className="progress-bar">
            <i style={{ width: `${p ? Math.round((p.done / p.total) * 100) : 4}%` }} />
          </div>
          <div className="row">
            <span className="muted small">{p ? STEP_WORDS[p.step] : 'Starting'}…</span>
            <button type="button" onClick={() => void cancel()}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {confirmReplace && (
        <div className="confirm" role="alertdialog" aria-label="Replace the file?">
          <p>
            <strong>{confirmReplace.path.split(/[\\/]/).pop()}</strong> already exists. Replace it?
          </p>
          <div className="row">
            <button type="button" className="primary" onClick={() => void exportTo(confirmReplace.format, confirmReplace.path, true, confirmReplace.choice)}>
              Replace
            </button>
            <button type="button" onClick={dismiss}>
              Keep the old file
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      {last && (
        <p className="saved-note" role="status" data-testid="export-done">
          Saved {FORMAT_LABELS[last.format]}
          {last.pages ? `, ${plural(last.pages, 'page')}` : ''}: <code>{last.path}</code>
        </p>
      )}
    </fieldset>
  )
}

function History({ clientName }: { clientName: string }): React.JSX.Element | null {
  const { history, running, folder, exportTo } = useReport()
  if (!history.length) return null
  // The same format, sections in their order, paper, day and benchmark cohort as the recorded export.
  const again = async (i: number) => {
    const r = history[i]
    const choice = { sections: r.sections, paper: r.paper, asOf: r.asOf, cohort: r.cohort }
    if (IN_APP) {
      const picked = await api.call('device.chooseReportPath', { suggestedName: r.fileName, format: r.format }).catch(() => null)
      if (picked) await exportTo(r.format, picked.path, true, choice)
    } else if (folder.trim()) await exportTo(r.format, `${folder.trim().replace(/[\\/]+$/, '')}/${r.fileName}`, false, choice)
  }
  return (
    <details className="fieldset report-block" open>
      <summary>Earlier exports of {clientName}</summary>
      <table className="history" data-testid="report-history">
        <thead>
          <tr>
            <th>Exported</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {history.slice(0, 12).map((r, i) => (
            <tr key={r.id}>
              <td>
                <span className="file">{r.fileName}</span>
                <small className="muted history-line">
                  {FORMAT_LABELS[r.format]} · {PAPER_LABELS[r.paper]} · {plural(r.sections.length, 'section')}
                  {r.sections.includes('benchmark') && ` · benchmark: ${r.cohort ? describeCohort(r.cohort) : 'cohort not recorded'}`}
                </small>
                <small className="muted history-line">
                  {shortDate(r.exportedAt)}, {r.exportedAt.slice(11, 16)}
                  {/* The day the report speaks of, when it was not the day of the export (a regeneration keeps it). */}
                  {r.asOf !== r.exportedAt.slice(0, 10) && ` · as of ${shortDate(r.asOf)}`}
                </small>
              </td>
              <td>
                <button type="button" disabled={!!running || (!IN_APP && !folder.trim())} title={!IN_APP && !folder.trim() ? 'Type the folder under Export first' : 'Export again with the same sections, order, paper, date and benchmark cohort'} onClick={() => void again(i)}>
                  Again
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}

// ---------------------------------------------------------------- preview

/** Width the report lays itself out at on screen (210 mm sheets plus their margin). */
const SHEET_PX = 860

function Preview(): React.JSX.Element {
  const { html, previewing } = useReport()
  const box = useRef<HTMLDivElement>(null)
  const [scale, setScale] = useState(0.6)
  useLayoutEffect(() => {
    const el = box.current
    if (!el) return
    const fit = () => setScale(Math.min(1, el.clientWidth / SHEET_PX))
    fit()
    const ro = new ResizeObserver(fit)
    ro.observe(el)
    return () => ro.disconnect()
  }, [])
  return (
    <div className="report-preview" ref={box} aria-busy={previewing}>
      {html ? (
        <iframe
          title="Report preview"
          data-testid="report-preview"
          sandbox=""
          srcDoc={html}
          style={{ width: SHEET_PX, height: `${100 / scale}%`, transform: `scale(${scale})` }}
        />
      ) : (
        <p className="muted">Laying out the preview…</p>
      )}
    </div>
  )
}
