/**
 * The consultant's cockpit (consultant-only, never exported): every client's journey stage, latest maturity and red
 * flags, and what is due across clients in the next 14 days. Every line opens its client in one click, at the
 * section that deals with it; the view's filters and sorting live outside client-scoped state, so they are still
 * there when the consultant comes back.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef } from 'react'
import type { CockpitClient, CockpitDueItem } from '../../../../shared/ipc/contract'
import { useNav } from '../../state/nav'
import { count, plural } from '../../format'
import { RunStatus } from './RunStatus'
import { ALL_DUE_KINDS, cancelRun, useCockpit, useCockpitFilters, type ClientSortKey, type DueSortKey, type FlagKey } from './store'
import './benchmark.css'

const FLAGS: { key: FlagKey; label: string; title: string; section: string }[] = [
  { key: 'paperPartners', label: 'Paper partners', title: 'Active partners signed longer ago than the window with no commercial event', section: 'partners' },
  { key: 'overdueMilestones', label: 'Overdue milestones', title: 'Milestones past their planned end and not done', section: 'journey' },
  { key: 'partnersNotMet', label: 'Not met', title: "Active partners not met within their tier's cadence", section: 'partners' },
  { key: 'importantUntested', label: 'Untested', title: 'Hypotheses of importance 4–5 still untested', section: 'hypotheses' },
  { key: 'redHealth', label: 'Red health', title: 'Partners whose health score is red (below 40)', section: 'partners' }
]

const KIND_LABELS: Record<CockpitDueItem['kind'], string> = {
  milestone: 'Milestone',
  action: 'Action',
  hypothesis: 'Hypothesis test',
  credential: 'Credential rotation',
  goal: 'Joint goal'
}

function openClient(id: string, section: string): void {
  const nav = useNav.getState()
  nav.openClient(id)
  nav.openSection(section)
}

function SortHeader<K extends string>({ label, k, sort, onSort, title, num }: { label: string; k: K; sort: { key: K; desc: boolean }; onSort(k: K): void; title?: string; num?: boolean }) {
  const active = sort.key === k
  return (
    <th aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'} title={title} className={num ? 'num' : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(k)}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.desc ? '▼' : '▲') : ''}
        </span>
      </button>
    </th>
  )
}

function sortValue(c: CockpitClient, key: ClientSortKey): number | string {
  if (key === 'name') return c.name.toLocaleLowerCase()
  if (key === 'stage') return c.stage?.position ?? -1
  if (key === 'maturity') return c.maturity?.overall ?? -1
  return c.flags?.[key] ?? -1
}

function ClientsTable({ clients }: { clients: CockpitClient[] }) {
  const f = useCockpitFilters()
  const rows = useMemo(() => {
    const q = f.search.trim().toLocaleLowerCase()
    const out = clients.filter(
      (c) =>
        (f.showArchived || !c.archived) &&
        (!q || c.name.toLocaleLowerCase().includes(q)) &&
        (!f.onlyFlagged || (c.flags && FLAGS.some((x) => c.flags![x.key] > 0)) || c.skipped)
    )
    const dir = f.clientSort.desc ? -1 : 1
    return out.sort((a, b) => {
      const x = sortValue(a, f.clientSort.key)
      const y = sortValue(b, f.clientSort.key)
      return (x < y ? -1 : x > y ? 1 : 0) * dir || a.name.localeCompare(b.name)
    })
  }, [clients, f.search, f.onlyFlagged, f.showArchived, f.clientSort])
  const onSort = (key: ClientSortKey) => f.set({ clientSort: { key, desc: f.clientSort.key === key ? !f.clientSort.desc : key !== 'name' && key !== 'stage' } })
  return (
    <div className="panel cockpit-clients">
      <div className="row cockpit-filters">
        <input type="search" placeholder="Find a client" aria-label="Find a client" value={f.search} onChange={(e) => f.set({ search: e.target.value })} />
        <label className="check inline">
          <input type="checkbox" checked={f.onlyFlagged} onChange={(e) => f.set({ onlyFlagged: e.target.checked })} /> Only clients with red flags
        </label>
        <label className="check inline">
          <input type="checkbox" checked={f.showArchived} onChange={(e) => f.set({ showArchived: e.target.checked })} /> Archived clients
        </label>
        <span className="muted small">
          {count(rows.length)} of {plural(clients.length, 'client')}
        </span>
      </div>
      <div className="table-scroll">
        <table className="table cockpit-table" aria-label="Clients">
          <thead>
            <tr>
              <SortHeader label="Client" k="name" sort={f.clientSort} onSort={onSort} />
              <SortHeader label="Stage" k="stage" sort={f.clientSort} onSort={onSort} />
              <SortHeader label="Maturity" k="maturity" sort={f.clientSort} onSort={onSort} title="Overall score (0–4) of the latest assessment" num />
              {FLAGS.map((x) => (
                <SortHeader key={x.key} label={x.label} k={x.key} sort={f.clientSort} onSort={onSort} title={x.title} num />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.clientId} data-testid="cockpit-client">
                <td>
                  <button type="button" className="link" onClick={() => openClient(c.clientId, 'overview')}>
                    {c.name}
                  </button>
                  {c.archived && <span className="badge">Archived</span>}
                </td>
                {c.skipped ? (
                  <td colSpan={2 + FLAGS.length} className="muted">
                    Not read: {c.skipped.message}
                  </td>
                ) : (
                  <>
                    <td>
                      <button type="button" className="link quiet" onClick={() => openClient(c.clientId, 'journey')}>
                        {c.stage?.name ?? 'Not started'}
                      </button>
                    </td>
                    <td className="num">
                      {c.maturity?.overall != null ? (
                        <button type="button" className="link quiet" title={`Assessment of ${c.maturity.heldOn}`} onClick={() => openClient(c.clientId, 'workshops')}>
                          {c.maturity.overall.toFixed(2)}
                        </button>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    {FLAGS.map((x) => {
                      const n = c.flags![x.key]
                      return (
                        <td key={x.key} className="num">
                          {n > 0 ? (
                            <button type="button" className="flag" aria-label={`${c.name}: ${n} ${x.label.toLowerCase()}`} onClick={() => openClient(c.clientId, x.section)}>
                              {n}
                            </button>
                          ) : (
                            <span className="muted">0</span>
                          )}
                        </td>
                      )
                    })}
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

const ROW = 34

function DueList({ due }: { due: CockpitDueItem[] }) {
  const f = useCockpitFilters()
  const rows = useMemo(() => {
    const q = f.search.trim().toLocaleLowerCase()
    const out = due.filter((d) => f.dueKinds.includes(d.kind) && (!q || d.clientName.toLocaleLowerCase().includes(q)))
    const k = f.dueSort.key
    const dir = f.dueSort.desc ? -1 : 1
    return out.sort((a, b) => a[k].localeCompare(b[k]) * dir || a.dueOn.localeCompare(b.dueOn) || a.clientName.localeCompare(b.clientName))
  }, [due, f.search, f.dueKinds, f.dueSort])
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 8 })
  const onSort = (key: DueSortKey) => f.set({ dueSort: { key, desc: f.dueSort.key === key ? !f.dueSort.desc : false } })
  const toggleKind = (k: CockpitDueItem['kind']) => f.set({ dueKinds: f.dueKinds.includes(k) ? f.dueKinds.filter((x) => x !== k) : [...f.dueKinds, k] })
  const headers: [DueSortKey, string][] = [
    ['dueOn', 'Due'],
    ['clientName', 'Client'],
    ['kind', 'What'],
    ['title', 'Item']
  ]
  return (
    <div className="panel cockpit-due">
      <div className="row cockpit-filters" role="group" aria-label="What to show">
        {ALL_DUE_KINDS.map((k) => (
          <label key={k} className="check inline">
            <input type="checkbox" checked={f.dueKinds.includes(k)} onChange={() => toggleKind(k)} /> {KIND_LABELS[k]}s
          </label>
        ))}
        <span className="muted small">{plural(rows.length, 'item')}</span>
      </div>
      <div className="due-grid due-head" role="row">
        {headers.map(([k, label]) => (
          <button key={k} type="button" role="columnheader" className="sort-button" aria-sort={f.dueSort.key === k ? (f.dueSort.desc ? 'descending' : 'ascending') : 'none'} onClick={() => onSort(k)}>
            {label}
            <span aria-hidden="true" className="sort-mark">
              {f.dueSort.key === k ? (f.dueSort.desc ? '▼' : '▲') : ''}
            </span>
          </button>
        ))}
        <span role="columnheader">Partner</span>
      </div>
      <div className="due-scroll" ref={scrollRef} role="table" aria-label="Due in the next 14 days" aria-rowcount={rows.length}>
        {rows.length === 0 && <p className="muted due-empty">Nothing due in the next 14 days{f.search ? ' for the clients found' : ''}.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const d = rows[item.index]
            return (
              <button
                key={item.key}
                type="button"
                role="row"
                data-testid="due-line"
                className="due-grid due-line"
                style={{ transform: `translateY(${item.start}px)`, height: ROW }}
                title={`Open ${d.clientName}`}
                onClick={() => openClient(d.clientId, d.section)}
              >
                <span role="cell" className="num">{d.dueOn}</span>
                <span role="cell" className="ellipsis">{d.clientName}</span>
                <span role="cell">{KIND_LABELS[d.kind]}</span>
                <span role="cell" className="ellipsis">{d.title}</span>
                <span role="cell" className="ellipsis muted">{d.partnerName ?? ''}</span>
              </button>
            )
          })}
        </div>
      </div>
    </div>
  )
}

export function Cockpit(): React.JSX.Element {
  const { cockpit, loading, progress, error, load } = useCockpit()
  useEffect(() => {
    void load()
  }, [load])
  const flagged = cockpit?.clients.filter((c) => !c.archived && c.flags && FLAGS.some((x) => c.flags![x.key] > 0)).length ?? 0
  return (
    <div className="workspace cockpit" data-testid="cockpit">
      <header className="workspace-header">
        <div>
          <h1>Cockpit</h1>
          <p className="muted">Across every client, for you only: it is never part of a client’s screen or export.</p>
        </div>
        <button type="button" onClick={() => void load()} disabled={loading}>
          Refresh
        </button>
      </header>
      <RunStatus loading={loading} progress={progress} onCancel={() => void cancelRun()} />
      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      {cockpit && (
        <>
          <div className="stats">
            <div className="stat">
              <span className="stat-value">{cockpit.clients.filter((c) => !c.archived).length}</span>
              <span className="stat-label">Active clients</span>
            </div>
            <div className="stat">
              <span className="stat-value" data-testid="flagged-count">{flagged}</span>
              <span className="stat-label">With red flags</span>
            </div>
            <div className="stat">
              <span className="stat-value" data-testid="due-count">{cockpit.due.length}</span>
              <span className="stat-label">Due in the next {cockpit.dueWindowDays} days</span>
            </div>
            <div className="stat">
              <span className="stat-value">{cockpit.run.skipped.length}</span>
              <span className="stat-label">Client files not read</span>
            </div>
          </div>
          {cockpit.run.skipped.length > 0 && (
            <details className="panel skipped-files">
              <summary>{plural(cockpit.run.skipped.length, 'client file')} could not be read and {cockpit.run.skipped.length === 1 ? 'is' : 'are'} left out</summary>
              <ul>
                {cockpit.run.skipped.map((s) => (
                  <li key={s.clientId}>
                    <strong>{s.name ?? s.clientId}</strong>: {s.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <h2 className="cockpit-heading">Clients</h2>
          <ClientsTable clients={cockpit.clients} />
          <h2 className="cockpit-heading">Due in the next {cockpit.dueWindowDays} days</h2>
          <DueList due={cockpit.due} />
          <p className="small muted">
            As of {cockpit.asOf}. Read {plural(cockpit.run.computed, 'changed client file')}, {count(cockpit.run.cached)} unchanged, in {count(cockpit.run.ms)} ms.
          </p>
        </>
      )}
    </div>
  )
}
