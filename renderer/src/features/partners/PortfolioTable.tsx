/**
 * The portfolio table: TanStack Table (sort, filter, group, column choice) with TanStack Virtual rows, so
 * 5,000 partners render as the ~30 rows on screen. Tier, stage and owner are edited in place.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  columnFilteringFeature,
  columnGroupingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createExpandedRowModel,
  createFilteredRowModel,
  createGroupedRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowExpandingFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type ExpandedState,
  type GroupingState,
  type SortingState,
  type ColumnVisibilityState
} from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, PARTNER_TYPE_LABELS, type LifecycleStage } from '../../../../shared/domain/partner'
import type { PortfolioRow } from '../../../../shared/ipc/contract'
import { WARNING_LABELS } from '../../../../shared/portfolio/metrics'
import { usePortfolio } from './store'

const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnGroupingFeature,
  rowExpandingFeature,
  filteredRowModel: createFilteredRowModel(),
  groupedRowModel: createGroupedRowModel(),
  sortedRowModel: createSortedRowModel(),
  expandedRowModel: createExpandedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  filterFns: { includesString: filterFn_includesString }
})

const HEALTH_LABEL = { green: 'Healthy', amber: 'Watch', red: 'At risk', unknown: 'Not scored' } as const
const money = (n: number) => (n ? Math.round(n).toLocaleString('en-US') : '—')

export interface TableView {
  sorting: SortingState
  globalFilter: string
  grouping: GroupingState
  columnVisibility: ColumnVisibilityState
}
export const DEFAULT_VIEW: TableView = {
  sorting: [{ id: 'name', desc: false }],
  globalFilter: '',
  grouping: [],
  columnVisibility: { partnerTiersUs: false, domain: false, lastMeetingAt: false, openActions: false }
}

const helper = createColumnHelper<typeof features, PortfolioRow>()

function EditableText({ value, label, onSave }: { value: string | null; label: string; onSave(v: string | null): void }): React.JSX.Element {
  const [editing, setEditing] = useState(false)
  if (!editing)
    return (
      <button type="button" className="cell-edit" aria-label={`Edit ${label}`} onClick={() => setEditing(true)}>
        {value || '—'}
      </button>
    )
  return (
    <input
      autoFocus
      aria-label={label}
      className="cell-input"
      defaultValue={value ?? ''}
      onBlur={(e) => {
        setEditing(false)
        const v = e.target.value.trim() || null
        if (v !== value) onSave(v)
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur()
        if (e.key === 'Escape') setEditing(false)
      }}
    />
  )
}

/** A stage shown as text until clicked: a <select> per row would make every scroll frame build 7 options × 30 rows. */
function EditableStage({ value, name, onSave }: { value: LifecycleStage; name: string; onSave(v: LifecycleStage): void }): React.JSX.Element {
  const [editing, setEditing] = useState(false)
  if (!editing)
    return (
      <button type="button" className="cell-edit" aria-label={`Edit stage of ${name}`} onClick={() => setEditing(true)}>
        {LIFECYCLE_LABELS[value]}
      </button>
    )
  return (
    <select
      autoFocus
      className="cell-select"
      aria-label={`Stage of ${name}`}
      value={value}
      onBlur={() => setEditing(false)}
      onChange={(e) => {
        setEditing(false)
        onSave(e.target.value as LifecycleStage)
      }}
    >
      {LIFECYCLE_STAGES.map((s) => (
        <option key={s} value={s}>
          {LIFECYCLE_LABELS[s]}
        </option>
      ))}
    </select>
  )
}

function buildColumns(openPartner: (id: string) => void, update: ReturnType<typeof usePortfolio.getState>['updateField']) {
  return helper.columns([
    helper.accessor('name', {
      header: 'Partner',
      size: 240,
      enableHiding: false,
      cell: (c) => (
        <button type="button" className="link partner-link" onClick={() => openPartner(c.row.original.id)}>
          {c.getValue()}
        </button>
      )
    }),
    helper.accessor('type', {
      header: 'Type',
      size: 170,
      cell: (c) => PARTNER_TYPE_LABELS[c.getValue()],
      getGroupingValue: (r) => PARTNER_TYPE_LABELS[r.type]
    }),
    helper.accessor('tier', {
      header: 'Tier',
      size: 110,
      getGroupingValue: (r) => r.tier ?? 'No tier',
      cell: (c) => <EditableText value={c.getValue()} label={`tier of ${c.row.original.name}`} onSave={(tier) => update(c.row.original.id, { tier })} />
    }),
    helper.accessor('stage', {
      header: 'Stage',
      size: 130,
      sortFn: (a, b) => LIFECYCLE_STAGES.indexOf(a.original.stage) - LIFECYCLE_STAGES.indexOf(b.original.stage),
      getGroupingValue: (r) => LIFECYCLE_LABELS[r.stage],
      cell: (c) => (
        <EditableStage value={c.getValue()} name={c.row.original.name} onSave={(stage) => update(c.row.original.id, { stage })} />
      )
    }),
    helper.accessor('healthBand', {
      id: 'health',
      header: 'Health',
      size: 120,
      sortFn: (a, b) => (a.original.health ?? -1) - (b.original.health ?? -1),
      getGroupingValue: (r) => HEALTH_LABEL[r.healthBand],
      cell: (c) => (
        <span className={`health-pill ${c.row.original.healthBand}`} title={HEALTH_LABEL[c.row.original.healthBand]}>
          {c.row.original.health ?? '—'}
        </span>
      )
    }),
    helper.accessor('signedAt', { header: 'Signed', size: 105, cell: (c) => c.getValue() ?? '—', sortUndefined: 'last' }),
    helper.accessor('activatedAt', { header: 'First deal', size: 105, cell: (c) => c.getValue() ?? '—' }),
    helper.accessor('sourced', { header: 'Sourced', size: 100, cell: (c) => <span className="num">{money(c.getValue())}</span> }),
    helper.accessor('influenced', { header: 'Influenced', size: 100, cell: (c) => <span className="num">{money(c.getValue())}</span> }),
    helper.accessor('topicsAgreed', { header: 'Plan', size: 70, cell: (c) => `${c.getValue()}/10` }),
    helper.accessor('owner', {
      header: 'Owner',
      size: 150,
      cell: (c) => <EditableText value={c.getValue()} label={`owner of ${c.row.original.name}`} onSave={(owner) => update(c.row.original.id, { owner })} />
    }),
    helper.accessor('partnerTiersUs', { header: 'They tier us', size: 110, cell: (c) => c.getValue() ?? '—' }),
    helper.accessor('domain', { header: 'Domain', size: 160, cell: (c) => c.getValue() ?? '—' }),
    helper.accessor('lastMeetingAt', { header: 'Last met', size: 105, cell: (c) => c.getValue() ?? '—' }),
    helper.accessor('openActions', { header: 'Open actions', size: 90 }),
    helper.accessor((r) => r.warnings.map((w) => WARNING_LABELS[w]).join(', '), {
      id: 'warnings',
      header: 'Warnings',
      size: 260,
      enableSorting: false,
      cell: (c) => <span className="warn-text">{c.getValue()}</span>
    })
  ])
}

export const GROUPABLE: { id: string; label: string }[] = [
  { id: 'type', label: 'Type' },
  { id: 'tier', label: 'Tier' },
  { id: 'stage', label: 'Stage' },
  { id: 'health', label: 'Health' }
]

const getRowId = (r: PortfolioRow) => r.id
const estimateSize = () => 38
const GLOBAL_FILTER_COLUMNS = new Set(['name', 'type', 'tier', 'stage', 'owner', 'warnings', 'domain'])
const canGlobalFilter = (c: { id: string }) => GLOBAL_FILTER_COLUMNS.has(c.id)

type PortfolioTableApi = ReturnType<typeof useTable<typeof features, PortfolioRow>>

export function PortfolioTable({ rows, view, onView }: { rows: PortfolioRow[]; view: TableView; onView(v: TableView): void }): React.JSX.Element {
  const openPartner = usePortfolio((s) => s.openPartner)
  const updateField = usePortfolio((s) => s.updateField)
  const columns = useMemo(() => buildColumns((id) => void openPartner(id), updateField), [openPartner, updateField])
  const [expanded, setExpanded] = useState<ExpandedState>(true)
  const viewRef = useRef(view)
  viewRef.current = view
  // Stable handlers and state: a new object per render would make the table recompute its row models.
  const handlers = useMemo(() => {
    const set =
      <K extends keyof TableView>(k: K) =>
      (u: TableView[K] | ((old: TableView[K]) => TableView[K])) =>
        onView({ ...viewRef.current, [k]: typeof u === 'function' ? (u as (o: TableView[K]) => TableView[K])(viewRef.current[k]) : u })
    return {
      onSortingChange: set('sorting'),
      onGlobalFilterChange: set('globalFilter'),
      onGroupingChange: set('grouping'),
      onColumnVisibilityChange: set('columnVisibility')
    }
  }, [onView])
  const state = useMemo(
    () => ({ sorting: view.sorting, globalFilter: view.globalFilter, grouping: view.grouping, columnVisibility: view.columnVisibility, expanded }),
    [view.sorting, view.globalFilter, view.grouping, view.columnVisibility, expanded]
  )

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId,
    globalFilterFn: 'includesString',
    getColumnCanGlobalFilter: canGlobalFilter,
    groupedColumnMode: false,
    state,
    ...handlers,
    onExpandedChange: setExpanded
  })

  const model = table.getRowModel().rows
  const headers = table.getHeaderGroups()[0].headers
  const width = headers.reduce((s, h) => s + h.getSize(), 0)
  const leafCount = table.getFilteredRowModel().rows.length
  return (
    <div className="portfolio-table">
      <p className="muted small" data-testid="row-count" aria-live="polite">
        {leafCount === rows.length ? `${rows.length} partners` : `${leafCount} of ${rows.length} partners`}
      </p>
      <VirtualGrid table={table} model={model} width={width} resetKey={`${view.globalFilter}|${view.grouping.join()}`}>
        <div className="grid-head" role="row">
          {headers.map((h) => {
            const sorted = h.column.getIsSorted()
            return (
              <div
                key={h.id}
                role="columnheader"
                className="grid-cell head"
                style={{ width: h.getSize() }}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
              >
                {h.column.getCanSort() ? (
                  <button type="button" className="sort-button" onClick={h.column.getToggleSortingHandler()}>
                    <table.FlexRender header={h} />
                    <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                  </button>
                ) : (
                  <table.FlexRender header={h} />
                )}
              </div>
            )
          })}
        </div>
      </VirtualGrid>
      {model.length === 0 && <p className="muted empty-rows">No partner matches “{view.globalFilter}”.</p>}
    </div>
  )
}

/**
 * The scrolling body. It owns the virtualizer, so a scroll re-renders only the ~30 visible rows here and never
 * the table above (which would recompute nothing, but still walk every header and option).
 */
function VirtualGrid({
  table,
  model,
  width,
  resetKey,
  children
}: {
  table: PortfolioTableApi
  model: ReturnType<PortfolioTableApi['getRowModel']>['rows']
  width: number
  resetKey: string
  children: React.ReactNode
}): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null)
  // Stable callbacks: new ones would make the virtualizer re-measure all 5,000 rows on every scroll frame.
  const getItemKey = useCallback((i: number) => model[i].id, [model])
  const getScrollElement = useCallback(() => scrollRef.current, [])
  const virtualizer = useVirtualizer({ count: model.length, getScrollElement, estimateSize, getItemKey, overscan: 6 })
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0, left: 0 })
  }, [resetKey])
  return (
    <div className="grid-scroll" ref={scrollRef} data-testid="portfolio-scroll">
      <div className="grid" role="table" aria-label="Partners" aria-rowcount={model.length + 1} style={{ width }}>
        {children}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = model[item.index]
            if (row.getIsGrouped()) {
              const col = table.getColumn(row.groupingColumnId!)
              return (
                <div
                  key={row.id}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="grid-row group-row"
                  style={{ transform: `translateY(${item.start}px)`, height: item.size }}
                >
                  <button type="button" className="quiet group-toggle" onClick={row.getToggleExpandedHandler()} aria-expanded={row.getIsExpanded()}>
                    {row.getIsExpanded() ? '▾' : '▸'} {col?.columnDef.header as string}: <strong>{String(row.groupingValue)}</strong>{' '}
                    <span className="muted">({row.subRows.length})</span>
                  </button>
                </div>
              )
            }
            return (
              <div
                key={row.id}
                role="row"
                aria-rowindex={item.index + 2}
                data-testid="partner-row"
                className="grid-row"
                style={{ transform: `translateY(${item.start}px)`, height: item.size }}
              >
                {row.getVisibleCells().map((cell) => (
                  <div key={cell.id} role="cell" className="grid-cell" style={{ width: cell.column.getSize() }}>
                    <table.FlexRender cell={cell} />
                  </div>
                ))}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}

/** Column choice: every hideable column with a checkbox. */
export function ColumnChooser({ view, onView }: { view: TableView; onView(v: TableView): void }): React.JSX.Element {
  const labels: [string, string][] = [
    ['type', 'Type'],
    ['tier', 'Tier'],
    ['stage', 'Stage'],
    ['health', 'Health'],
    ['signedAt', 'Signed'],
    ['activatedAt', 'First deal'],
    ['sourced', 'Sourced'],
    ['influenced', 'Influenced'],
    ['topicsAgreed', 'Plan'],
    ['owner', 'Owner'],
    ['partnerTiersUs', 'They tier us'],
    ['domain', 'Domain'],
    ['lastMeetingAt', 'Last met'],
    ['openActions', 'Open actions'],
    ['warnings', 'Warnings']
  ]
  return (
    <details className="menu">
      <summary>Columns</summary>
      <div className="menu-body">
        {labels.map(([id, label]) => (
          <label key={id} className="check small">
            <input
              type="checkbox"
              checked={view.columnVisibility[id] !== false}
              onChange={(e) => onView({ ...view, columnVisibility: { ...view.columnVisibility, [id]: e.target.checked } })}
            />
            {label}
          </label>
        ))}
      </div>
    </details>
  )
}
