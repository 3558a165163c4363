/** The Partners section: portfolio summary and warnings, the portfolio table with saved views, and partner pages. */
import { memo, useCallback, useEffect, useMemo, useState } from 'react'
import { PARTNER_TYPES, PARTNER_TYPE_LABELS, type PartnerType } from '../../../../shared/domain/partner'
import { METRIC_DEFINITIONS } from '../../../../shared/domain/portfolio'
import { WARNING_LABELS, type PortfolioSummary, type Ratio } from '../../../../shared/portfolio/metrics'
import { api, errorText } from '../../api'
import type { SectionProps } from '../sections'
import { ExportMenu } from './ExportMenu'
import { compact, count, plural } from '../../format'
import { ImportPanel } from './ImportPanel'
import { PartnerPage } from './PartnerPage'
import { SettingsPanel } from './SettingsPanel'
import { ColumnChooser, DEFAULT_VIEW, GROUPABLE, PortfolioTable, type TableView } from './PortfolioTable'
import { usePortfolio } from './store'
import './partners.css'

const pct = (r: Ratio) => (r.value === null ? '—' : `${Math.round(r.value * 100)} %`)

function Stat({ value, label, detail, definition }: { value: string; label: string; detail?: string; definition: string }): React.JSX.Element {
  return (
    <div className="stat" title={definition}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
      {detail && <span className="muted small">{detail}</span>}
    </div>
  )
}

// Summary and warnings are memoised: a filter keystroke re-renders the toolbar, never these (15,000 warnings).
const Summary = memo(function Summary({ s }: { s: PortfolioSummary }): React.JSX.Element {
  return (
    <div className="stats portfolio-stats" data-testid="portfolio-summary">
      <Stat value={count(s.partnerCount)} label="Partners" detail={`${count(s.byStage.producing ?? 0)} producing · ${count(s.byStage.activating ?? 0)} activating`} definition="All partners of this client, any stage." />
      <Stat value={pct(s.activation)} label="Activation rate" detail={`${count(s.activation.numerator)} of ${count(s.activation.denominator)} within ${s.activation.windowDays} days`} definition={METRIC_DEFINITIONS.activationRate} />
      <Stat
        value={s.medianDaysToFirstCommercial.days === null ? '—' : `${Math.round(s.medianDaysToFirstCommercial.days)} d`}
        label="Median days to first deal"
        detail={plural(s.medianDaysToFirstCommercial.partners, 'partner')}
        definition={METRIC_DEFINITIONS.timeToFirstCommercial}
      />
      <Stat value={pct(s.paperPartners)} label="Paper partners" detail={`${count(s.paperPartners.numerator)} of ${count(s.paperPartners.denominator)} signed`} definition={METRIC_DEFINITIONS.paperPartnerRatio} />
      <Stat
        value={s.pipeline.sourcedShare === null ? '—' : `${Math.round(s.pipeline.sourcedShare * 100)} %`}
        label="Partner-sourced share"
        detail={`${s.pipeline.currency} ${compact(s.pipeline.sourced)} sourced · ${compact(s.pipeline.influenced)} influenced`}
        definition={`${METRIC_DEFINITIONS.sourcedShare}\n${s.pipeline.currency} ${count(s.pipeline.sourced)} sourced · ${count(s.pipeline.influenced)} influenced`}
      />
    </div>
  )
})

const Warnings = memo(function Warnings({ s }: { s: PortfolioSummary }): React.JSX.Element {
  const openPartner = usePortfolio((x) => x.openPartner)
  const [kind, setKind] = useState<string | null>(null)
  const kinds = Object.entries(s.warningCounts).filter(([, n]) => n > 0)
  const portfolioWide = s.warnings.filter((w) => !w.partnerId)
  const list = kind ? s.warnings.filter((w) => w.kind === kind && w.partnerId).slice(0, 50) : []
  if (!kinds.length) return <p className="muted">No warnings: every partner is on track.</p>
  return (
    <div className="panel warnings" data-testid="warnings">
      <h2>Warnings and next steps</h2>
      {portfolioWide.map((w) => (
        <div key={w.kind} className={`warning ${w.severity}`}>
          <strong>{WARNING_LABELS[w.kind]}:</strong> {w.message}
          <div className="next">Next step: {w.nextStep}</div>
        </div>
      ))}
      <div className="row chips" role="group" aria-label="Warnings by kind">
        {kinds.map(([k, n]) => (
          <button key={k} type="button" className={k === kind ? 'chip active' : 'chip'} aria-pressed={k === kind} onClick={() => setKind(k === kind ? null : k)}>
            {WARNING_LABELS[k as keyof typeof WARNING_LABELS]} <span className="chip-count">{count(n)}</span>
          </button>
        ))}
      </div>
      {kind && (
        <ul className="warning-list">
          {list.map((w) => (
            <li key={`${w.partnerId}-${w.kind}`}>
              <button type="button" className="link" onClick={() => void openPartner(w.partnerId!)}>
                {w.partnerName}
              </button>{' '}
              — {w.message} <span className="next">Next step: {w.nextStep}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
})

function AddPartner({ clientId, onDone }: { clientId: string; onDone(): void }): React.JSX.Element {
  const [name, setName] = useState('')
  const [type, setType] = useState<PartnerType>('technology')
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="stack add-partner"
      onSubmit={async (e) => {
        e.preventDefault()
        try {
          await api.call('partner.create', { clientId, name, type })
          setName('')
          setError(null)
          onDone()
        } catch (err) {
          setError(errorText(err))
        }
      }}
    >
      <input aria-label="New partner name" placeholder="New partner name" value={name} onChange={(e) => setName(e.target.value)} style={{ width: 240 }} />
      <select aria-label="New partner type" value={type} onChange={(e) => setType(e.target.value as PartnerType)} style={{ width: 240 }}>
        {PARTNER_TYPES.map((t) => (
          <option key={t} value={t}>
            {PARTNER_TYPE_LABELS[t]}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!name.trim()}>
        Add partner
      </button>
      {error && (
        <span className="error-note" role="alert">
          {error}
        </span>
      )}
    </form>
  )
}

export function PartnersSection({ client }: SectionProps): React.JSX.Element {
  const { clientId, rows, summary, settings, error, partnerId, load, refresh, saveSettings } = usePortfolio()
  const [view, setView] = useState<TableView>(DEFAULT_VIEW)
  const [viewName, setViewName] = useState('')
  const [mode, setMode] = useState<'table' | 'import' | 'settings'>('table')
  // Not deferred (useDeferredValue): the table's render after a keystroke takes a few milliseconds, and deferring it
  // put a paint of the field before it, so the table followed a frame late (30 ms instead of 13 in bench).
  const { sorting, grouping, columnVisibility, globalFilter } = view
  const tableView = useMemo(() => ({ sorting, grouping, columnVisibility, globalFilter }), [sorting, grouping, columnVisibility, globalFilter])
  const onTableView = useCallback((v: TableView) => setView((cur) => ({ ...v, globalFilter: cur.globalFilter })), [])

  useEffect(() => {
    void load(client.id)
    setView(DEFAULT_VIEW)
    setMode('table')
  }, [client.id, load])

  // Only this client's data, even for the instant before a reload lands.
  if (clientId !== client.id) return <p className="muted">Loading partners…</p>
  if (partnerId) return <PartnerPage client={client} />
  if (mode === 'settings' && settings && rows) return <SettingsPanel clientId={client.id} settings={settings} rows={rows} onClose={() => setMode('table')} />
  if (mode === 'import') return <ImportPanel clientId={client.id} onClose={() => setMode('table')} onImported={() => void refresh()} />
  if (error && !rows)
    return (
      <p className="error-note" role="alert">
        {error}
      </p>
    )
  if (!rows || !summary || !settings) return <p className="muted" aria-busy="true">Loading partners…</p>

  const savedViews = settings.savedViews
  return (
    <div className="partners-section">
      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      <div className="row rules-line" data-testid="portfolio-rules">
        <span className="muted small">
          Paper partner after {settings.paperWindowDays} days · Health = commercial {settings.healthWeights.commercial} · engagement {settings.healthWeights.engagement} ·
          relationship {settings.healthWeights.relationship}
        </span>
        <button type="button" className="link small" onClick={() => setMode('settings')}>
          Settings…
        </button>
      </div>
      <Summary s={summary} />
      <Warnings s={summary} />
      <div className="toolbar row">
        <input
          type="search"
          aria-label="Filter partners"
          placeholder="Filter by name, tier, stage, owner…"
          value={view.globalFilter}
          onChange={(e) => setView({ ...view, globalFilter: e.target.value })}
          className="filter"
        />
        <label className="inline">
          Group by{' '}
          <select aria-label="Group by" value={view.grouping[0] ?? ''} onChange={(e) => setView({ ...view, grouping: e.target.value ? [e.target.value] : [] })}>
            <option value="">Nothing</option>
            {GROUPABLE.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
        <ColumnChooser view={view} onView={setView} />
        <details className="menu">
          <summary>Views{savedViews.length ? ` (${savedViews.length})` : ''}</summary>
          <div className="menu-body stack views-menu">
            {savedViews.length === 0 && <p className="muted small">No saved views yet.</p>}
            {savedViews.map((v) => (
              <button key={v.name} type="button" className="quiet" onClick={() => setView({ ...DEFAULT_VIEW, ...(v.state as Partial<TableView>) })}>
                {v.name}
              </button>
            ))}
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault()
                const name = viewName.trim()
                if (!name) return
                void saveSettings({ savedViews: [...savedViews.filter((v) => v.name !== name), { name, state: { ...view } }] })
                setViewName('')
              }}
            >
              <input aria-label="View name" placeholder="Name this view" value={viewName} onChange={(e) => setViewName(e.target.value)} style={{ width: 150 }} />
              <button type="submit" disabled={!viewName.trim()}>
                Save view
              </button>
            </form>
          </div>
        </details>
        <button type="button" onClick={() => setMode('import')}>
          Import…
        </button>
        <ExportMenu clientId={client.id} />
        <details className="menu">
          <summary>Add partner</summary>
          <div className="menu-body menu-right">
            <AddPartner clientId={client.id} onDone={() => void refresh()} />
          </div>
        </details>
      </div>
      {rows.length === 0 ? (
        <div className="empty-state inset">
          <h2>No partners yet</h2>
          <p>Add partners with “Add partner” above, or bring them in from a CRM export with “Import…”.</p>
        </div>
      ) : (
        <PortfolioTable rows={rows} view={tableView} onView={onTableView} />
      )}
    </div>
  )
}
