/**
 * The portfolio table: TanStack Table (sort, group, column choice) with TanStack Virtual rows, so 5,000 partners
 * render as the ~30 rows on screen. Tier, stage and owner are edited in place.
 *
 * Kept fast at 5,000 partners: the filter matches one lowercase text per row made once per load, before the
 * table sees the rows, and a keystroke searches only the rows the shorter text matched (erasing reuses answers);
 * a sort compares ranks made once per load and column (not strings each time); rows are recycled slots, so a
 * scroll frame or a keystroke changes the text of the rows that changed and builds no elements; amounts use one
 * number formatter.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import {
  columnGroupingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createExpandedRowModel,
  createGroupedRowModel,
  createSortedRowModel,
  rowExpandingFeature,
  rowSortingFeature,
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
import { createMatcher } from './matcher'
import { usePortfolio } from './store'
import { count, plural } from '../../format'

const features = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnGroupingFeature,
  rowExpandingFeature,
  groupedRowModel: createGroupedRowModel(),
  sortedRowModel: createSortedRowModel(),
  expandedRowModel: createExpandedRowModel(),
  sortFns: { basic: sortFn_basic }
})

const HEALTH_LABEL = { green: 'Healthy', amber: 'Watch', red: 'At risk', unknown: 'Not scored' } as const
const money = (n: number) => (n ? count(n) : '—')
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

type Ranks = Map<string, WeakMap<PortfolioRow, number>>
/** How each sortable column orders two rows (the ranks are made from it once per load). */
const ORDER: Record<string, (a: PortfolioRow, b: PortfolioRow) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  type: (a, b) => collator.compare(PARTNER_TYPE_LABELS[a.type], PARTNER_TYPE_LABELS[b.type]),
  tier: (a, b) => collator.compare(a.tier ?? '', b.tier ?? ''),
  stage: (a, b) => LIFECYCLE_STAGES.indexOf(a.stage) - LIFECYCLE_STAGES.indexOf(b.stage),
  health: (a, b) => (a.health ?? -1) - (b.health ?? -1),
  signedAt: (a, b) => collator.compare(a.signedAt ?? '', b.signedAt ?? ''),
  activatedAt: (a, b) => collator.compare(a.activatedAt ?? '', b.activatedAt ?? ''),
  sourced: (a, b) => a.sourced - b.sourced,
  influenced: (a, b) => a.influenced - b.influenced,
  topicsAgreed: (a, b) => a.topicsAgreed - b.topicsAgreed,
  owner: (a, b) => collator.compare(a.owner ?? '', b.owner ?? ''),
  partnerTiersUs: (a, b) => collator.compare(a.partnerTiersUs ?? '', b.partnerTiersUs ?? ''),
  domain: (a, b) => collator.compare(a.domain ?? '', b.domain ?? ''),
  lastMeetingAt: (a, b) => collator.compare(a.lastMeetingAt ?? '', b.lastMeetingAt ?? ''),
  openActions: (a, b) => a.openActions - b.openActions
}

const BAND_ORDER = { red: 0, amber: 1, green: 2, unknown: 3 } as const
/**
 * The order of each column's groups, whatever the table is sorted by: types and tiers by name (no tier last), stages
 * along the lifecycle, health most at risk first.
 */
const GROUP_ORDER: Record<string, (a: PortfolioRow, b: PortfolioRow) => number> = {
  type: ORDER.type,
  tier: (a, b) => Number(a.tier === null) - Number(b.tier === null) || ORDER.tier(a, b),
  stage: ORDER.stage,
  health: (a, b) => BAND_ORDER[a.healthBand] - BAND_ORDER[b.healthBand]
}

/** Dense ranks of the rows by one column: equal values share a rank, so multi-column sorts still break ties. */
function rank(rows: readonly PortfolioRow[], order: (a: PortfolioRow, b: PortfolioRow) => number): WeakMap<PortfolioRow, number> {
  const sorted = [...rows].sort(order)
  const out = new WeakMap<PortfolioRow, number>()
  let r = 0
  sorted.forEach((row, i) => {
    if (i > 0 && order(sorted[i - 1], row) !== 0) r++
    out.set(row, r)
  })
  return out
}

/** The text a filter matches in a row: name, type, tier, stage, owner, domain and warnings, lowercased. */
function searchText(r: PortfolioRow): string {
  return [r.name, PARTNER_TYPE_LABELS[r.type], r.tier, LIFECYCLE_LABELS[r.stage], r.owner, r.domain, ...r.warnings.map((w) => WARNING_LABELS[w])]
    .filter(Boolean)
    .join('\n')
    .toLowerCase()
}

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

/**
 * Whether the cell of one partner is being edited. A slot shows other partners as it is recycled, so the state
 * names the partner: a slot scrolled to another partner shows that one's value, not the editor.
 */
function useEditing(id: string): [boolean, (on: boolean) => void] {
  const [editing, setEditing] = useState<string | null>(null)
  // Closed when the slot moves on, so the editor does not come back if that partner returns to this slot.
  if (editing !== null && editing !== id) setEditing(null)
  return [editing === id, useCallback((on: boolean) => setEditing(on ? id : null), [id])]
}

function EditableText({ id, value, label, onSave }: { id: string; value: string | null; label: string; onSave(v: string | null): void }): React.JSX.Element {
  const [editing, setEditing] = useEditing(id)
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
function EditableStage({ id, value, name, onSave }: { id: string; value: LifecycleStage; name: string; onSave(v: LifecycleStage): void }): React.JSX.Element {
  const [editing, setEditing] = useEditing(id)
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

type UpdateField = ReturnType<typeof usePortfolio.getState>['updateField']
/** What a row's buttons do: open the partner page, save an inline edit. */
interface RowActions {
  open(id: string): void
  update: UpdateField
}

/**
 * How each column draws a partner's cell, from the partner itself: rows are drawn without TanStack's cell objects
 * and renderers (a context object and two components per cell), which were most of a scroll frame's script.
 * `className` is added to the cell, so plain values need no element of their own. Cells with `buttons` are drawn
 * even when scrolled out of view sideways, so Tab reaches every button of a row.
 */
const CELLS: Record<string, { render(r: PortfolioRow, a: RowActions): React.ReactNode; className?: string; buttons?: true }> = {
  name: {
    buttons: true,
    render: (r, a) => (
      <button type="button" className="link partner-link" onClick={() => a.open(r.id)}>
        {r.name}
      </button>
    )
  },
  type: { render: (r) => PARTNER_TYPE_LABELS[r.type] },
  tier: { buttons: true, render: (r, a) => <EditableText id={r.id} value={r.tier} label={`tier of ${r.name}`} onSave={(tier) => void a.update(r.id, { tier })} /> },
  stage: { buttons: true, render: (r, a) => <EditableStage id={r.id} value={r.stage} name={r.name} onSave={(stage) => void a.update(r.id, { stage })} /> },
  health: {
    render: (r) => (
      <span className={`health-pill ${r.healthBand}`} title={HEALTH_LABEL[r.healthBand]}>
        {r.health ?? '—'}
      </span>
    )
  },
  signedAt: { render: (r) => r.signedAt ?? '—' },
  activatedAt: { render: (r) => r.activatedAt ?? '—' },
  sourced: { render: (r) => money(r.sourced), className: 'num' },
  influenced: { render: (r) => money(r.influenced), className: 'num' },
  topicsAgreed: { render: (r) => `${r.topicsAgreed}/10` },
  owner: { buttons: true, render: (r, a) => <EditableText id={r.id} value={r.owner} label={`owner of ${r.name}`} onSave={(owner) => void a.update(r.id, { owner })} /> },
  partnerTiersUs: { render: (r) => r.partnerTiersUs ?? '—' },
  domain: { render: (r) => r.domain ?? '—' },
  lastMeetingAt: { render: (r) => r.lastMeetingAt ?? '—' },
  openActions: { render: (r) => String(r.openActions) },
  warnings: { render: (r) => r.warnings.map((w) => WARNING_LABELS[w]).join(', '), className: 'warn-text' }
}

function buildColumns(ranked: (columnId: string) => WeakMap<PortfolioRow, number>) {
  const byRank = (id: string) => (a: { original: PortfolioRow; groupingColumnId?: string }, b: { original: PortfolioRow }) => {
    // A group's row stands for its first partner. The groups come in their column's order (the rows are grouped in
    // that order) and keep it under a sort by another column; a sort by the grouped column orders them by it.
    if (a.groupingColumnId) return a.groupingColumnId === id ? (GROUP_ORDER[id]?.(a.original, b.original) ?? 0) : 0
    const r = ranked(id)
    return r.get(a.original)! - r.get(b.original)!
  }
  return helper.columns([
    helper.accessor('name', { header: 'Partner', size: 240, enableHiding: false, sortFn: byRank('name') }),
    helper.accessor('type', { header: 'Type', size: 170, sortFn: byRank('type'), getGroupingValue: (r) => PARTNER_TYPE_LABELS[r.type] }),
    helper.accessor('tier', { header: 'Tier', size: 110, sortFn: byRank('tier'), getGroupingValue: (r) => r.tier ?? 'No tier' }),
    helper.accessor('stage', { header: 'Stage', size: 130, sortFn: byRank('stage'), getGroupingValue: (r) => LIFECYCLE_LABELS[r.stage] }),
    helper.accessor('healthBand', { id: 'health', header: 'Health', size: 120, sortFn: byRank('health'), getGroupingValue: (r) => HEALTH_LABEL[r.healthBand] }),
    helper.accessor('signedAt', { header: 'Signed', size: 105, sortFn: byRank('signedAt') }),
    helper.accessor('activatedAt', { header: 'First deal', size: 105, sortFn: byRank('activatedAt') }),
    helper.accessor('sourced', { header: 'Sourced', size: 100, sortFn: byRank('sourced') }),
    helper.accessor('influenced', { header: 'Influenced', size: 115, sortFn: byRank('influenced') }),
    helper.accessor('topicsAgreed', { header: 'Plan', size: 70, sortFn: byRank('topicsAgreed') }),
    helper.accessor('owner', { header: 'Owner', size: 150, sortFn: byRank('owner') }),
    helper.accessor('partnerTiersUs', { header: 'They tier us', size: 110, sortFn: byRank('partnerTiersUs') }),
    helper.accessor('domain', { header: 'Domain', size: 160, sortFn: byRank('domain') }),
    helper.accessor('lastMeetingAt', { header: 'Last met', size: 105, sortFn: byRank('lastMeetingAt') }),
    helper.accessor('openActions', { header: 'Open actions', size: 90, sortFn: byRank('openActions') }),
    helper.accessor((r) => r.warnings.map((w) => WARNING_LABELS[w]).join(', '), { id: 'warnings', header: 'Warnings', size: 260, enableSorting: false })
  ])
}

export const GROUPABLE: { id: string; label: string }[] = [
  { id: 'type', label: 'Type' },
  { id: 'tier', label: 'Tier' },
  { id: 'stage', label: 'Stage' },
  { id: 'health', label: 'Health' }
]

const getRowId = (r: PortfolioRow) => r.id
/** Every row is this tall (CSS .grid-row), so the virtualizer never measures one. */
const ROW_HEIGHT = 38
const estimateSize = () => ROW_HEIGHT

type PortfolioTableApi = ReturnType<typeof useTable<typeof features, PortfolioRow>>

export const PortfolioTable = memo(function PortfolioTable({
  rows,
  view,
  onView
}: {
  rows: PortfolioRow[]
  view: TableView
  onView(v: TableView): void
}): React.JSX.Element {
  const openPartner = usePortfolio((s) => s.openPartner)
  const updateField = usePortfolio((s) => s.updateField)
  // Ranks per column, made on the first sort by that column after a load.
  const ranks = useMemo<{ rows: PortfolioRow[]; byColumn: Ranks }>(() => ({ rows, byColumn: new Map() }), [rows])
  const ranksRef = useRef(ranks)
  ranksRef.current = ranks
  const columns = useMemo(
    () =>
      buildColumns((id) => {
        const { rows: all, byColumn } = ranksRef.current
        let r = byColumn.get(id)
        if (!r) byColumn.set(id, (r = rank(all, ORDER[id])))
        return r
      }),
    []
  )
  const actions = useMemo<RowActions>(() => ({ open: (id) => void openPartner(id), update: updateField }), [openPartner, updateField])
  const match = useMemo(() => createMatcher(rows.map(searchText)), [rows])
  const query = view.globalFilter.trim().toLowerCase()
  const hits = useMemo(() => match(query), [match, query])
  // Ungrouped, the table keeps every row (sorted once) and the filter picks from its sorted rows, so a keystroke
  // rebuilds no row model and rows still on screen do not re-render. Grouped, the groups are made from the
  // matching rows, so their counts follow the filter.
  const groupBy = view.grouping[0] as string | undefined
  const grouped = groupBy !== undefined
  // The rows the filter keeps, by index in `rows`; null when it keeps them all.
  const kept = useMemo(() => {
    if (!hits || hits.length === rows.length) return null
    const keep = new Uint8Array(rows.length)
    for (const i of hits) keep[i] = 1
    return keep
  }, [hits, rows.length])
  // Grouped: the rows' indexes in their groups' order (a stable sort keeps the partners' order within each), so the
  // groups come out in it: the grouped row model makes them in the order it meets them.
  const groupOrder = useMemo(() => {
    const order = groupBy ? GROUP_ORDER[groupBy] : undefined
    const indexes = rows.map((_, i) => i)
    return order ? indexes.sort((a, b) => order(rows[a], rows[b])) : indexes
  }, [groupBy, rows])
  const shown = useMemo(
    () => (grouped ? groupOrder.filter((i) => !kept || kept[i] === 1).map((i) => rows[i]) : rows),
    [grouped, groupOrder, kept, rows]
  )
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
      onGroupingChange: set('grouping'),
      onColumnVisibilityChange: set('columnVisibility')
    }
  }, [onView])
  const state = useMemo(
    () => ({ sorting: view.sorting, grouping: view.grouping, columnVisibility: view.columnVisibility, expanded }),
    [view.sorting, view.grouping, view.columnVisibility, expanded]
  )

  const table = useTable({
    features,
    columns,
    data: shown,
    getRowId,
    groupedColumnMode: false,
    state,
    ...handlers,
    onExpandedChange: setExpanded
  })

  const all = table.getRowModel().rows
  // Ungrouped, the table's rows are `rows` sorted, so their index is the one in `rows`.
  const model = useMemo(() => (grouped || !kept ? all : all.filter((r) => kept[r.index] === 1)), [all, grouped, kept])
  const headers = table.getHeaderGroups()[0].headers
  const width = headers.reduce((s, h) => s + h.getSize(), 0)
  const leafCount = hits ? hits.length : rows.length
  return (
    <div className="portfolio-table">
      <p className="muted small" data-testid="row-count" aria-live="polite">
        {leafCount === rows.length ? plural(rows.length, 'partner') : `${count(leafCount)} of ${plural(rows.length, 'partner')}`}
      </p>
      <VirtualGrid table={table} model={model} actions={actions} width={width} resetKey={`${view.globalFilter}|${view.grouping.join()}`}>
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
})

/**
 * The scrolling body. It owns the virtualizer, so a scroll re-renders only the ~30 visible rows here and never
 * the table above (which would recompute nothing, but still walk every header and option).
 */
function VirtualGrid({
  table,
  model,
  actions,
  width,
  resetKey,
  children
}: {
  table: PortfolioTableApi
  model: ReturnType<PortfolioTableApi['getRowModel']>['rows']
  actions: RowActions
  width: number
  resetKey: string
  children: React.ReactNode
}): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null)
  const leafColumns = table.getVisibleLeafColumns()
  // Before the virtualizer: its scroll listener runs first, reading the position before the rows are rendered.
  const inView = useColumnsInView(scrollRef, leafColumns)
  const cols = useMemo(
    () => leafColumns.map((c, i) => ({ id: c.id, width: c.getSize(), drawn: inView === null || inView[i] === '1' })),
    [leafColumns, inView]
  )
  const getScrollElement = useCallback(() => scrollRef.current, [])
  const virtualizer = useVirtualizer({ count: model.length, getScrollElement, estimateSize, overscan: 6 })
  // Back to the top when the filter or grouping changes, from the offset the virtualizer tracks (reading the
  // element's scrollTop right after a render would force a layout on every keystroke).
  useEffect(() => {
    if (virtualizer.scrollOffset) virtualizer.scrollToOffset(0)
  }, [resetKey, virtualizer])
  // Rows are recycled: row i is drawn by slot i % slots (its React key). A scroll frame or a keystroke changes the
  // text of the slots whose row changed and moves the slots that wrapped around, instead of removing rows and
  // building new ones (creating and removing elements, their style and layout objects cost most of a frame). The
  // slots are kept in row order in the DOM, so Tab goes down the rows as they are shown.
  const items = virtualizer.getVirtualItems()
  const slotCount = useRef(0)
  if (items.length > slotCount.current) slotCount.current = items.length
  const slots = slotCount.current
  return (
    <div className="grid-scroll" ref={scrollRef} data-testid="portfolio-scroll">
      <div className="grid" role="table" aria-label="Partners" aria-rowcount={model.length + 1} style={{ width }}>
        {children}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) =>
            model[item.index].getIsGrouped() ? (
              <GroupRow key={item.index % slots} table={table} row={model[item.index]} index={item.index} start={item.start} open={model[item.index].getIsExpanded()} />
            ) : (
              <PartnerRow key={item.index % slots} r={model[item.index].original} cols={cols} actions={actions} index={item.index} start={item.start} />
            )
          )}
        </div>
      </div>
    </div>
  )
}

/** How far beyond the scroller's sides cells are drawn, so a sideways scroll finds them drawn. */
const SIDE_MARGIN = 80

/**
 * Which columns have a part within the scroller's width (and SIDE_MARGIN), as '1'/'0' per column, or '1' for
 * columns with buttons; null until measured. The grid is wider than the scroller, and drawing, laying out and
 * painting the cells to the right of it was a quarter of a scroll frame. A sideways scroll that brings a column in
 * renders it in the same frame (flushSync), as the virtualizer does for rows.
 */
function useColumnsInView(scrollRef: React.RefObject<HTMLDivElement | null>, columns: { id: string; getSize(): number }[]): string | null {
  const [inView, setInView] = useState<string | null>(null)
  const widths = columns.map((c) => c.getSize()).join()
  const buttons = columns.map((c) => (CELLS[c.id]?.buttons ? '1' : '0')).join('')
  useLayoutEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const sizes = widths.split(',').map(Number)
    let width = el.clientWidth
    let last: string | null = null
    const update = (sync: boolean) => {
      const from = el.scrollLeft - SIDE_MARGIN
      const to = el.scrollLeft + width + SIDE_MARGIN
      let x = 0
      let next = ''
      sizes.forEach((w, i) => {
        next += buttons[i] === '1' || (x < to && x + w > from) ? '1' : '0'
        x += w
      })
      if (next === last) return
      last = next
      if (sync) flushSync(() => setInView(next))
      else setInView(next)
    }
    const onScroll = () => update(true)
    const resize = new ResizeObserver(() => {
      width = el.clientWidth
      update(false)
    })
    resize.observe(el)
    el.addEventListener('scroll', onScroll, { passive: true })
    update(false)
    return () => {
      resize.disconnect()
      el.removeEventListener('scroll', onScroll)
    }
  }, [scrollRef, widths, buttons])
  return inView
}

type TableRow = ReturnType<PortfolioTableApi['getRowModel']>['rows'][number]

/** A group's row: its label and count, a button to fold it. */
const GroupRow = memo(function GroupRow({
  table,
  row,
  index,
  start
}: {
  table: PortfolioTableApi
  row: TableRow
  index: number
  start: number
  /** Only compared: whether the group is expanded. */
  open: boolean
}): React.JSX.Element {
  const col = table.getColumn(row.groupingColumnId!)
  return (
    <div role="row" aria-rowindex={index + 2} className="grid-row group-row" style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}>
      <button type="button" className="quiet group-toggle" onClick={row.getToggleExpandedHandler()} aria-expanded={row.getIsExpanded()}>
        {row.getIsExpanded() ? '▾' : '▸'} {col?.columnDef.header as string}: <strong>{String(row.groupingValue)}</strong>{' '}
        <span className="muted">({row.subRows.length})</span>
      </button>
    </div>
  )
})

/**
 * One slot showing a partner, re-rendered only when its partner, place or columns change: a scroll frame renders
 * just the slots whose rows come into view. Cells are keyed by column, so a slot's cells stay and only their
 * content changes.
 */
const PartnerRow = memo(function PartnerRow({
  r,
  cols,
  actions,
  index,
  start
}: {
  r: PortfolioRow
  cols: { id: string; width: number; drawn: boolean }[]
  actions: RowActions
  index: number
  start: number
}): React.JSX.Element {
  return (
    <div role="row" aria-rowindex={index + 2} data-testid="partner-row" className="grid-row" style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}>
      {cols.map(({ id, width, drawn }) => {
        const cell = CELLS[id]
        return (
          <div key={id} role="cell" className={cell.className ? `grid-cell ${cell.className}` : 'grid-cell'} style={{ width }}>
            {drawn && cell.render(r, actions)}
          </div>
        )
      })}
    </div>
  )
})

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
