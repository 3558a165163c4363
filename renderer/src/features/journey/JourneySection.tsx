/** The Journey section: where this client is on its partnering journey, what comes next, and what looks unrealistic. */
import { useCallback, useEffect, useState } from 'react'
import { MILESTONE_KINDS, MILESTONE_STATUS_LABELS, OWNER_SIDE_LABELS } from '../../../../shared/domain/journey'
import { addDays, isOverdue, todayIso } from '../../../../shared/domain/journeyRules'
import type { JourneyView, TemplateSummary } from '../../../../shared/ipc/contract'
import { api, errorText } from '../../api'
import { Modal } from '../../components/Modal'
import { plural } from '../../format'
import type { SectionProps } from '../sections'
import { MilestoneEditor } from './MilestoneEditor'
import { StageGates } from './StageGates'
import { undoKey, useJourney } from './store'
import { Timeline, type Zoom } from './Timeline'
import './journey.css'

type View = 'timeline' | 'list' | 'gates'

/** Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z on the journey and hypothesis screens (capture is global: globalCapture.ts). */
export function useJourneyKeys(clientId: string): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const dir = undoKey(e)
      if (!dir) return
      e.preventDefault()
      void useJourney.getState().undoRedo(clientId, dir)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [clientId])
}

export function UndoBar({ clientId }: { clientId: string }): React.JSX.Element {
  const undo = useJourney((s) => s.undo)
  const notice = useJourney((s) => s.notice)
  const run = useJourney((s) => s.undoRedo)
  return (
    <div className="row undo-bar">
      <button type="button" disabled={!undo.undoLabel} onClick={() => void run(clientId, 'undo')} title={undo.undoLabel ? `Undo: ${undo.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}>
        ↶ Undo
      </button>
      <button type="button" disabled={!undo.redoLabel} onClick={() => void run(clientId, 'redo')} title={undo.redoLabel ? `Redo: ${undo.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}>
        ↷ Redo
      </button>
      <span className="muted small" role="status" aria-live="polite" data-testid="undo-status">
        {notice ?? (undo.undoLabel ? `Saved · last change: ${undo.undoLabel}` : 'Every change is saved as you make it')}
      </span>
    </div>
  )
}

export function JourneySection({ client }: SectionProps): React.JSX.Element {
  const clientId = client.id
  const journey = useJourney((s) => (s.clientId === clientId ? s.journey : null))
  const hypotheses = useJourney((s) => (s.clientId === clientId ? s.hypotheses : null))
  const error = useJourney((s) => s.error)
  const [view, setView] = useState<View>('timeline')
  const [zoom, setZoom] = useState<Zoom>('month')
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [templatesOpen, setTemplatesOpen] = useState(false)
  const [addError, setAddError] = useState<string | null>(null)

  useEffect(() => {
    void useJourney.getState().loadJourney(clientId)
    void useJourney.getState().loadHypotheses(clientId)
    void useJourney.getState().loadPartners(clientId)
  }, [clientId])

  useJourneyKeys(clientId)

  const onMove = useCallback(
    (id: string, plannedStart: string, plannedEnd: string) =>
      void useJourney.getState().editJourney('milestone.update', { clientId, id, plannedStart, plannedEnd }, { id, plannedStart, plannedEnd }),
    [clientId]
  )
  const onSelect = useCallback((id: string) => setSelectedId(id), [])

  if (error && !journey)
    return (
      <p className="error-note" role="alert">
        {error}
      </p>
    )
  if (!journey) return <p className="muted">Opening the journey…</p>

  const today = todayIso()
  const selected = journey.milestones.find((m) => m.id === selectedId) ?? null
  const current = journey.stages.find((s) => s.gate === 'active') ?? journey.stages.find((s) => s.gate === 'not_started')
  const overdue = journey.milestones.filter((m) => isOverdue(m, today)).length

  const addMilestone = async () => {
    setAddError(null)
    const stageId = (selected ? selected.stageId : current?.id) ?? journey.stages[0].id
    const before = new Set(journey.milestones.map((m) => m.id))
    const e = await useJourney.getState().editJourney('milestone.create', {
      clientId,
      stageId,
      title: 'New milestone',
      plannedStart: today,
      plannedEnd: addDays(today, 13)
    })
    if (e) return setAddError(e.message)
    const created = useJourney.getState().journey?.milestones.find((m) => !before.has(m.id))
    if (created) setSelectedId(created.id)
  }

  return (
    <div className="journey" data-testid="journey">
      <div className="j-toolbar">
        <div className="seg" role="tablist" aria-label="Journey view">
          {(
            [
              ['timeline', 'Timeline'],
              ['list', 'List'],
              ['gates', 'Stage gates']
            ] as const
          ).map(([v, label]) => (
            <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'on' : ''} onClick={() => setView(v)}>
              {label}
            </button>
          ))}
        </div>
        {view === 'timeline' && (
          <div className="seg" role="group" aria-label="Zoom">
            {(['month', 'quarter'] as const).map((z) => (
              <button key={z} type="button" aria-pressed={zoom === z} className={zoom === z ? 'on' : ''} onClick={() => setZoom(z)}>
                {z === 'month' ? 'Months' : 'Quarters'}
              </button>
            ))}
          </div>
        )}
        <button type="button" onClick={addMilestone}>
          + Milestone
        </button>
        <button type="button" onClick={() => setTemplatesOpen(true)}>
          Templates…
        </button>
      </div>
      {addError && (
        <p className="error-note" role="alert">
          {addError}
        </p>
      )}
      <div className="j-status">
        <p className="j-summary">
          <strong>{current ? `Now: ${current.name}` : 'Every stage is completed'}</strong>
          {current && ` · ${current.criteria.filter((c) => c.met).length} of ${plural(current.criteria.length, 'exit criterion', 'exit criteria')} met`}
          {' · '}
          {plural(journey.milestones.length, 'milestone')}
          {overdue > 0 && <span className="j-overdue"> · {overdue} overdue</span>}
          {journey.warnings.length > 0 && (
            <span className="j-warn">
              {' · '}
              {journey.warnings.length === 1 ? '1 realism warning' : `${journey.warnings.length} realism warnings`}
            </span>
          )}
        </p>
        <UndoBar clientId={clientId} />
      </div>
      {journey.warnings.length > 0 && (
        <details className="j-warnings-panel" open={journey.warnings.length <= 3}>
          <summary>Realism warnings ({journey.warnings.length})</summary>
          <ul>
            {journey.warnings.map((w, i) => (
              <li key={i}>
                {w.milestoneId ? (
                  <button type="button" className="link" onClick={() => setSelectedId(w.milestoneId)}>
                    {journey.milestones.find((m) => m.id === w.milestoneId)?.title}
                  </button>
                ) : (
                  <strong>{journey.stages.find((s) => s.id === w.stageId)?.name}</strong>
                )}
                : {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className={selected ? 'j-main with-editor' : 'j-main'}>
        <div className="j-content">
          {view === 'timeline' && (
            <>
              <Timeline
                stages={journey.stages}
                milestones={journey.milestones}
                warnings={journey.warnings}
                today={today}
                zoom={zoom}
                selectedId={selectedId}
                onSelect={onSelect}
                onMove={onMove}
              />
              <p className="muted small j-hint">
                Drag a bar to move it, drag its ends to change its dates. Keyboard: focus a bar, <kbd>←</kbd>/<kbd>→</kbd> move it a day
                (<kbd>Shift</kbd> a week), <kbd>Alt</kbd>+<kbd>←</kbd>/<kbd>→</kbd> change its end, <kbd>Enter</kbd> opens it.
              </p>
            </>
          )}
          {view === 'list' && <ListView journey={journey} today={today} selectedId={selectedId} onSelect={onSelect} />}
          {view === 'gates' && <StageGates clientId={clientId} journey={journey} />}
        </div>
        {selected && (
          <MilestoneEditor clientId={clientId} journey={journey} milestone={selected} hypotheses={hypotheses} onClose={() => setSelectedId(null)} />
        )}
      </div>
      <TemplatesDialog open={templatesOpen} onOpenChange={setTemplatesOpen} clientId={clientId} journey={journey} />
    </div>
  )
}

function ListView(props: { journey: JourneyView; today: string; selectedId: string | null; onSelect(id: string): void }): React.JSX.Element {
  const { journey, today } = props
  const stageName = new Map(journey.stages.map((s) => [s.id, s.name]))
  const title = new Map(journey.milestones.map((m) => [m.id, m.title]))
  const warned = new Map<string, string[]>()
  for (const w of journey.warnings) if (w.milestoneId) warned.set(w.milestoneId, [...(warned.get(w.milestoneId) ?? []), w.message])
  return (
    <table className="table j-list" data-testid="milestone-list">
      <thead>
        <tr>
          <th>Stage</th>
          <th>Milestone</th>
          <th>Kind</th>
          <th>Owner</th>
          <th>Start</th>
          <th>End</th>
          <th>Status</th>
          <th>Waits for</th>
        </tr>
      </thead>
      <tbody>
        {journey.milestones.map((m) => (
          <tr key={m.id} className={m.id === props.selectedId ? 'selected' : undefined}>
            <td>{stageName.get(m.stageId)}</td>
            <td>
              <button type="button" className="link" onClick={() => props.onSelect(m.id)}>
                {m.title}
              </button>
              {warned.has(m.id) && (
                <span className="j-warn small" title={warned.get(m.id)!.join(' ')}>
                  {' '}
                  ⚠ {warned.get(m.id)![0]}
                </span>
              )}
            </td>
            <td>{MILESTONE_KINDS[m.kind]?.label}</td>
            <td>{OWNER_SIDE_LABELS[m.ownerSide]}</td>
            <td>{m.plannedStart}</td>
            <td>{m.plannedEnd}</td>
            <td>
              {MILESTONE_STATUS_LABELS[m.status]}
              {isOverdue(m, today) && <span className="j-overdue"> · overdue</span>}
            </td>
            <td className="muted">{m.dependsOn.map((d) => title.get(d)).join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function TemplatesDialog(props: { open: boolean; onOpenChange(o: boolean): void; clientId: string; journey: JourneyView }): React.JSX.Element {
  const [list, setList] = useState<TemplateSummary[] | null>(null)
  const [name, setName] = useState('')
  const [msg, setMsg] = useState<string | null>(null)
  const [err, setErr] = useState<string | null>(null)
  useEffect(() => {
    if (!props.open) return
    setMsg(null)
    setErr(null)
    api.call('journeyTemplate.list', {}).then(setList, (e) => setErr(errorText(e)))
  }, [props.open])
  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      title="Journey templates"
      description="Your templates live in your vault, outside every client. Starting from one replaces this client's roadmap (you can undo it); editing a roadmap never changes a template."
      wide
    >
      <ul className="tpl-list">
        {list?.map((t) => (
          <li key={t.id}>
            <span>
              <strong>{t.name}</strong>{' '}
              <span className="muted small">
                {plural(t.stageCount, 'stage')} · {plural(t.milestoneCount, 'milestone')}{t.builtIn ? ' · built in' : ''}
              </span>
            </span>
            <button
              type="button"
              onClick={async () => {
                const e = await useJourney.getState().editJourney('journey.applyTemplate', { clientId: props.clientId, templateId: t.id })
                if (e) setErr(e.message)
                else props.onOpenChange(false)
              }}
            >
              Start from this
            </button>
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault()
          setErr(null)
          try {
            const t = await api.call('journeyTemplate.saveFromClient', { clientId: props.clientId, name })
            setMsg(`Saved “${t.name}”.`)
            setName('')
            setList(await api.call('journeyTemplate.list', {}))
          } catch (x) {
            setErr(errorText(x))
          }
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Template name" aria-label="Template name" />
        <button type="submit" disabled={!name.trim()}>
          Save this roadmap as a template
        </button>
      </form>
      {msg && <p className="muted" role="status">{msg}</p>}
      {err && (
        <p className="error-note" role="alert">
          {err}
        </p>
      )}
    </Modal>
  )
}
