/** One hypothesis: the test card, its evidence log, and the learning card with the decision and its history. */
import { useEffect, useState } from 'react'
import {
  DECISIONS,
  DECISION_LABELS,
  EVIDENCE_DIRECTIONS,
  EVIDENCE_DIRECTION_LABELS,
  EVIDENCE_STRENGTHS,
  EVIDENCE_STRENGTH_LABELS,
  HYPOTHESIS_CATEGORIES,
  HYPOTHESIS_CATEGORY_LABELS,
  HYPOTHESIS_STATUSES,
  HYPOTHESIS_STATUS_LABELS,
  type Decision,
  type EvidenceDirection
} from '../../../../shared/domain/journey'
import { todayIso } from '../../../../shared/domain/journeyRules'
import type { HypothesisDetail, Input, JourneyView } from '../../../../shared/ipc/contract'
import { LinkList } from '../journey/LinkList'
import { useJourney, type FieldError } from '../journey/store'

type Patch = Omit<Input<'hypothesis.update'>, 'clientId' | 'id'>

function FieldErr({ err, field }: { err: FieldError | null; field: string }): React.JSX.Element | null {
  if (!err || err.field !== field) return null
  return (
    <small className="field-error" role="alert">
      {err.message}
    </small>
  )
}

/** A text area saved on blur; shows the saved value again after an undo. */
function CardText(props: { label: string; value: string; field: keyof Patch; err: FieldError | null; onSave(p: Patch): void; rows?: number }) {
  const [v, setV] = useState(props.value)
  useEffect(() => setV(props.value), [props.value])
  return (
    <label className="field">
      <span>{props.label}</span>
      <textarea
        rows={props.rows ?? 2}
        value={v}
        onChange={(e) => setV(e.target.value)}
        onBlur={() => v !== props.value && props.onSave({ [props.field]: v } as Patch)}
        aria-invalid={props.err?.field === props.field}
      />
      <FieldErr err={props.err} field={props.field} />
    </label>
  )
}

export function HypothesisCard(props: { clientId: string; h: HypothesisDetail; journey: JourneyView | null; onClose(): void }): React.JSX.Element {
  const { clientId, h } = props
  const [err, setErr] = useState<FieldError | null>(null)
  const partners = useJourney((s) => s.partners)
  useEffect(() => setErr(null), [h.id])
  const stageName = new Map(props.journey?.stages.map((s) => [s.id, s.name]) ?? [])
  const save = async (patch: Patch) => {
    const r = await useJourney.getState().editHypothesis('hypothesis.update', { clientId, id: h.id, ...patch })
    setErr('message' in r ? r : null)
  }

  return (
    <aside className="h-card" aria-label="Test card" data-testid="hypothesis-card">
      <div className="j-editor-head">
        <h2>Test card</h2>
        <button type="button" className="quiet" onClick={props.onClose} aria-label="Close the test card">
          ✕
        </button>
      </div>
      <CardText label="We believe" field="belief" value={h.belief} err={err} onSave={save} />
      <CardText label="To verify that, we will" field="verify" value={h.verify} err={err} onSave={save} />
      <CardText label="And measure" field="measure" value={h.measure} err={err} onSave={save} />
      <CardText label="We are right if" field="rightIf" value={h.rightIf} err={err} onSave={save} />
      <div className="j-grid2">
        <label className="field">
          <span>Category</span>
          <select value={h.category} onChange={(e) => void save({ category: e.target.value as Patch['category'] })}>
            {HYPOTHESIS_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {HYPOTHESIS_CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Importance (1–5)</span>
          <select value={h.importance} onChange={(e) => void save({ importance: Number(e.target.value) })}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Evidence strength</span>
          <select value={h.evidenceStrength} onChange={(e) => void save({ evidenceStrength: e.target.value as Patch['evidenceStrength'] })}>
            {EVIDENCE_STRENGTHS.map((s) => (
              <option key={s} value={s}>
                {EVIDENCE_STRENGTH_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Status</span>
          <select value={h.status} onChange={(e) => void save({ status: e.target.value as Patch['status'] })}>
            {HYPOTHESIS_STATUSES.map((s) => (
              <option key={s} value={s}>
                {HYPOTHESIS_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <OwnerField value={h.owner ?? ''} err={err} onSave={(owner) => void save({ owner: owner || null })} />
        <label className="field">
          <span>Due</span>
          <input type="date" value={h.dueDate ?? ''} onChange={(e) => void save({ dueDate: e.target.value || null })} />
          <FieldErr err={err} field="dueDate" />
        </label>
        <label className="field">
          <span>Journey stage</span>
          <select value={h.stageId ?? ''} onChange={(e) => void save({ stageId: e.target.value || null })}>
            <option value="">—</option>
            {props.journey?.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <LinkList
        legend="Milestones that test it"
        items={(props.journey?.milestones ?? []).map((m) => ({ id: m.id, label: m.title, meta: stageName.get(m.stageId) }))}
        selected={h.milestoneIds}
        onChange={(ids) => void save({ milestoneIds: ids })}
        error={err?.field === 'milestoneIds' ? err.message : null}
      />
      <LinkList
        legend="Partners it is about"
        items={(partners ?? []).map((p) => ({ id: p.id, label: p.name }))}
        selected={h.partnerIds}
        onChange={(ids) => void save({ partnerIds: ids })}
        error={err?.field === 'partnerIds' ? err.message : null}
      />
      {err && err.field === null && (
        <p className="error-note" role="alert">
          {err.message}
        </p>
      )}
      <EvidenceLog clientId={clientId} h={h} />
      <LearningCard clientId={clientId} h={h} />
      <div className="row end">
        <button
          type="button"
          className="danger-quiet"
          onClick={async () => {
            const r = await useJourney.getState().editHypothesis('hypothesis.delete', { clientId, id: h.id })
            if ('message' in r) setErr(r)
            else props.onClose()
          }}
        >
          Delete hypothesis
        </button>
      </div>
    </aside>
  )
}

function OwnerField(props: { value: string; err: FieldError | null; onSave(v: string): void }) {
  const [v, setV] = useState(props.value)
  useEffect(() => setV(props.value), [props.value])
  return (
    <label className="field">
      <span>Owner</span>
      <input value={v} onChange={(e) => setV(e.target.value)} onBlur={() => v !== props.value && props.onSave(v)} />
      <FieldErr err={props.err} field="owner" />
    </label>
  )
}

function EvidenceLog({ clientId, h }: { clientId: string; h: HypothesisDetail }): React.JSX.Element {
  const [date, setDate] = useState(todayIso())
  const [source, setSource] = useState('')
  const [observation, setObservation] = useState('')
  const [direction, setDirection] = useState<EvidenceDirection>('supports')
  const [err, setErr] = useState<FieldError | null>(null)
  return (
    <section className="h-section" aria-labelledby="ev-title">
      <h3 id="ev-title">Evidence log ({h.evidence.length})</h3>
      <form
        className="ev-form"
        onSubmit={async (e) => {
          e.preventDefault()
          const r = await useJourney.getState().editHypothesis('hypothesis.addEvidence', { clientId, hypothesisId: h.id, date, source, observation, direction })
          if ('message' in r) setErr(r)
          else {
            setErr(null)
            setObservation('')
            setSource('')
          }
        }}
      >
        <label className="field ev-obs">
          <span>Observation</span>
          <input value={observation} onChange={(e) => setObservation(e.target.value)} placeholder="What did you see or hear?" aria-invalid={err?.field === 'observation'} />
          <FieldErr err={err} field="observation" />
        </label>
        <label className="field">
          <span>Source</span>
          <input value={source} onChange={(e) => setSource(e.target.value)} placeholder="Call, CRM, survey…" />
        </label>
        <label className="field">
          <span>Date</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          <FieldErr err={err} field="date" />
        </label>
        <label className="field">
          <span>It</span>
          <select value={direction} onChange={(e) => setDirection(e.target.value as EvidenceDirection)}>
            {EVIDENCE_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {EVIDENCE_DIRECTION_LABELS[d].toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Record evidence</button>
      </form>
      {err && err.field === null && (
        <p className="error-note" role="alert">
          {err.message}
        </p>
      )}
      <ul className="ev-list">
        {h.evidence.map((e) => (
          <li key={e.id}>
            <span className={`ev-dir ev-${e.direction}`}>{EVIDENCE_DIRECTION_LABELS[e.direction]}</span>
            <span className="ev-text">
              {e.observation}
              <span className="muted small">
                {' '}
                · {e.date}
                {e.source ? ` · ${e.source}` : ''}
              </span>
            </span>
            <button
              type="button"
              className="quiet small"
              aria-label="Remove this evidence"
              onClick={() => void useJourney.getState().editHypothesis('hypothesis.removeEvidence', { clientId, evidenceId: e.id })}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function LearningCard({ clientId, h }: { clientId: string; h: HypothesisDetail }): React.JSX.Element {
  const [observed, setObserved] = useState(h.observed)
  const [learned, setLearned] = useState(h.learned)
  const [therefore, setTherefore] = useState(h.therefore)
  const [decision, setDecision] = useState<Decision>('persevere')
  const [err, setErr] = useState<FieldError | null>(null)
  useEffect(() => {
    setObserved(h.observed)
    setLearned(h.learned)
    setTherefore(h.therefore)
  }, [h.id, h.observed, h.learned, h.therefore])
  return (
    <section className="h-section" aria-labelledby="lc-title">
      <h3 id="lc-title">Learning card and decision</h3>
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          const r = await useJourney.getState().editHypothesis('hypothesis.decide', { clientId, id: h.id, decision, observed, learned, therefore })
          setErr('message' in r ? r : null)
        }}
      >
        <label className="field">
          <span>We observed</span>
          <textarea rows={2} value={observed} onChange={(e) => setObserved(e.target.value)} />
        </label>
        <label className="field">
          <span>We learned</span>
          <textarea rows={2} value={learned} onChange={(e) => setLearned(e.target.value)} aria-invalid={err?.field === 'learned'} />
          <FieldErr err={err} field="learned" />
        </label>
        <label className="field">
          <span>Therefore we will</span>
          <textarea rows={2} value={therefore} onChange={(e) => setTherefore(e.target.value)} />
        </label>
        <div className="row">
          <div className="seg" role="radiogroup" aria-label="Decision">
            {DECISIONS.map((d) => (
              <button key={d} type="button" role="radio" aria-checked={decision === d} className={decision === d ? 'on' : ''} onClick={() => setDecision(d)}>
                {DECISION_LABELS[d]}
              </button>
            ))}
          </div>
          <button type="submit" className="primary">
            Record decision
          </button>
        </div>
      </form>
      {err && err.field !== 'learned' && (
        <p className="error-note" role="alert">
          {err.message}
        </p>
      )}
      {h.decisions.length > 0 && (
        <ol className="dec-list" data-testid="decision-history">
          {[...h.decisions].reverse().map((d) => (
            <li key={d.id}>
              <strong>{DECISION_LABELS[d.decision]}</strong> <span className="muted small">· {d.decidedAt.slice(0, 10)} · was {HYPOTHESIS_STATUS_LABELS[d.statusBefore].toLowerCase()}</span>
              {d.learned && <p className="small">Learned: {d.learned}</p>}
              {d.therefore && <p className="small">Therefore: {d.therefore}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
