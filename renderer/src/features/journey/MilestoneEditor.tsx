/**
 * One milestone's fields. Each change is saved when it is made (text fields on blur or Enter); an error shows
 * under its field and nothing is saved.
 */
import { useEffect, useMemo, useState } from 'react'
import {
  LIMITS,
  MILESTONE_KINDS,
  MILESTONE_KIND_KEYS,
  MILESTONE_STATUSES,
  MILESTONE_STATUS_LABELS,
  OWNER_SIDES,
  OWNER_SIDE_LABELS
} from '../../../../shared/domain/journey'
import type { HypothesisRow, Input, JourneyView, MilestoneView } from '../../../../shared/ipc/contract'
import { useUsualDays } from '../benchmark/calibration'
import { LinkList } from './LinkList'
import { useJourney, type FieldError } from './store'

type Patch = Omit<Input<'milestone.update'>, 'clientId' | 'id'>

export function MilestoneEditor(props: {
  clientId: string
  journey: JourneyView
  milestone: MilestoneView
  hypotheses: HypothesisRow[] | null
  onClose(): void
}): React.JSX.Element {
  const { clientId, journey, milestone: m, onClose } = props
  const [err, setErr] = useState<FieldError | null>(null)
  // Calibrated by other programs after a benchmark run, as the realism warnings are.
  const usualDays = useUsualDays()
  const [title, setTitle] = useState(m.title)
  const [notes, setNotes] = useState(m.notes)
  const [ownerName, setOwnerName] = useState(m.ownerName ?? '')
  const [depFilter, setDepFilter] = useState('')
  const partners = useJourney((s) => s.partners)

  // Reflect saved values (and undo) when the milestone changes underneath.
  useEffect(() => {
    setTitle(m.title)
    setNotes(m.notes)
    setOwnerName(m.ownerName ?? '')
  }, [m.id, m.title, m.notes, m.ownerName])
  useEffect(() => setErr(null), [m.id])

  const save = async (patch: Patch) => {
    const e = await useJourney.getState().editJourney('milestone.update', { clientId, id: m.id, ...patch })
    setErr(e)
  }
  const errFor = (field: string) =>
    err && err.field === field ? (
      <small className="field-error" role="alert">
        {err.message}
      </small>
    ) : null

  const warnings = journey.warnings.filter((w) => w.milestoneId === m.id)
  const stageName = new Map(journey.stages.map((s) => [s.id, s.name]))
  const candidates = useMemo(
    () =>
      journey.milestones.filter(
        (x) => x.id !== m.id && (depFilter === '' || x.title.toLowerCase().includes(depFilter.toLowerCase()) || m.dependsOn.includes(x.id))
      ),
    [journey.milestones, m.id, m.dependsOn, depFilter]
  )

  return (
    <aside className="j-editor" aria-label={`Milestone: ${m.title}`} data-testid="milestone-editor">
      <div className="j-editor-head">
        <h2>Milestone</h2>
        <button type="button" className="quiet" onClick={onClose} aria-label="Close the milestone">
          ✕
        </button>
      </div>
      {warnings.length > 0 && (
        <ul className="j-warnings">
          {warnings.map((w, i) => (
            <li key={i}>⚠ {w.message}</li>
          ))}
        </ul>
      )}
      <label className="field">
        <span>Title</span>
        <input
          value={title}
          maxLength={LIMITS.title + 50}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={() => title !== m.title && void save({ title })}
          onKeyDown={(e) => e.key === 'Enter' && (e.currentTarget as HTMLInputElement).blur()}
          aria-invalid={err?.field === 'title'}
        />
        {errFor('title')}
      </label>
      <div className="j-grid2">
        <label className="field">
          <span>Stage</span>
          <select value={m.stageId} onChange={(e) => void save({ stageId: e.target.value })}>
            {journey.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Kind</span>
          <select value={m.kind} onChange={(e) => void save({ kind: e.target.value as Patch['kind'] })}>
            {MILESTONE_KIND_KEYS.map((k) => (
              <option key={k} value={k}>
                {MILESTONE_KINDS[k].label}
                {usualDays[k] ? ` (usually ${usualDays[k]} days)` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Planned start</span>
          <input type="date" value={m.plannedStart} onChange={(e) => e.target.value && void save({ plannedStart: e.target.value })} aria-invalid={err?.field === 'plannedStart'} />
          {errFor('plannedStart')}
        </label>
        <label className="field">
          <span>Planned end</span>
          <input type="date" value={m.plannedEnd} onChange={(e) => e.target.value && void save({ plannedEnd: e.target.value })} aria-invalid={err?.field === 'plannedEnd'} />
          {errFor('plannedEnd')}
        </label>
        <label className="field">
          <span>Status</span>
          <select value={m.status} onChange={(e) => void save({ status: e.target.value as Patch['status'] })}>
            {MILESTONE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {MILESTONE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Owner</span>
          <select value={m.ownerSide} onChange={(e) => void save({ ownerSide: e.target.value as Patch['ownerSide'] })}>
            {OWNER_SIDES.map((o) => (
              <option key={o} value={o}>
                {OWNER_SIDE_LABELS[o]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Actual start</span>
          <input type="date" value={m.actualStart ?? ''} onChange={(e) => void save({ actualStart: e.target.value || null })} />
          {errFor('actualStart')}
        </label>
        <label className="field">
          <span>Actual end</span>
          <input type="date" value={m.actualEnd ?? ''} onChange={(e) => void save({ actualEnd: e.target.value || null })} aria-invalid={err?.field === 'actualEnd'} />
          {errFor('actualEnd')}
        </label>
      </div>
      <label className="field">
        <span>Owner's name</span>
        <input
          value={ownerName}
          placeholder={m.ownerSide === 'client' ? 'Who on the client team' : 'You or a colleague'}
          onChange={(e) => setOwnerName(e.target.value)}
          onBlur={() => ownerName !== (m.ownerName ?? '') && void save({ ownerName: ownerName || null })}
        />
        {errFor('ownerName')}
      </label>
      <fieldset className="fieldset">
        <legend>Waits for</legend>
        {journey.milestones.length > 12 && (
          <input className="j-filter" placeholder="Filter milestones" value={depFilter} onChange={(e) => setDepFilter(e.target.value)} aria-label="Filter milestones" />
        )}
        <div className="j-checklist">
          {candidates.map((x) => (
            <label key={x.id} className="check small">
              <input
                type="checkbox"
                checked={m.dependsOn.includes(x.id)}
                onChange={(e) => void save({ dependsOn: e.target.checked ? [...m.dependsOn, x.id] : m.dependsOn.filter((d) => d !== x.id) })}
              />
              <span>
                {x.title} <span className="muted">· {stageName.get(x.stageId)}</span>
              </span>
            </label>
          ))}
        </div>
        {errFor('dependsOn')}
      </fieldset>
      <LinkList
        legend="Hypotheses it tests"
        items={(props.hypotheses ?? []).map((h) => ({ id: h.id, label: h.belief }))}
        selected={m.hypothesisIds}
        onChange={(ids) => void save({ hypothesisIds: ids })}
        error={err?.field === 'hypothesisIds' ? err.message : null}
      />
      <LinkList
        legend="Partners involved"
        items={(partners ?? []).map((p) => ({ id: p.id, label: p.name }))}
        selected={m.partnerIds}
        onChange={(ids) => void save({ partnerIds: ids })}
        error={err?.field === 'partnerIds' ? err.message : null}
      />
      <label className="field">
        <span>Notes</span>
        <textarea rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} onBlur={() => notes !== m.notes && void save({ notes })} aria-invalid={err?.field === 'notes'} />
        <small className={notes.length > LIMITS.notes ? 'field-error' : undefined}>
          {notes.length} / {LIMITS.notes}
        </small>
        {errFor('notes')}
      </label>
      {err && err.field === null && (
        <p className="error-note" role="alert">
          {err.message}
        </p>
      )}
      <div className="row end">
        <button
          type="button"
          className="danger-quiet"
          onClick={async () => {
            const e = await useJourney.getState().editJourney('milestone.delete', { clientId, id: m.id })
            if (e) setErr(e)
            else onClose()
          }}
        >
          Delete milestone
        </button>
      </div>
    </aside>
  )
}
