/**
 * Stage gates: each stage's objectives and exit criteria with their evidence. A stage completes when every
 * criterion is met; completing it anyway needs a written reason, which stays in the stage's history.
 */
import { useState } from 'react'
import { GATE_STATE_LABELS, LIMITS } from '../../../../shared/domain/journey'
import type { CriterionView, JourneyView, StageView } from '../../../../shared/ipc/contract'
import { plural } from '../../format'
import { useJourney, type FieldError } from './store'

/** "1 criterion unmet", "3 criteria unmet"; just "criteria unmet" when the count is not recorded. */
const unmetText = (n: number | undefined): string => (n === undefined ? 'criteria unmet' : `${plural(n, 'criterion', 'criteria')} unmet`)

function when(iso: string): string {
  return iso.slice(0, 10)
}

export function StageGates({ clientId, journey }: { clientId: string; journey: JourneyView }): React.JSX.Element {
  return (
    <div className="gates" data-testid="stage-gates">
      {journey.stages.map((s) => (
        <StageGate key={s.id} clientId={clientId} stage={s} warnings={journey.warnings.filter((w) => w.stageId === s.id && !w.milestoneId)} />
      ))}
    </div>
  )
}

function StageGate({ clientId, stage, warnings }: { clientId: string; stage: StageView; warnings: JourneyView['warnings'] }): React.JSX.Element {
  const [completing, setCompleting] = useState(false)
  const [reason, setReason] = useState('')
  const [err, setErr] = useState<FieldError | null>(null)
  const [newCriterion, setNewCriterion] = useState('')
  const met = stage.criteria.filter((c) => c.met).length
  const unmet = stage.criteria.length - met
  const edit = useJourney.getState().editJourney

  const complete = async () => {
    const e = await edit('journey.completeStage', { clientId, stageId: stage.id, reason: reason.trim() || undefined })
    setErr(e)
    if (!e) {
      setCompleting(false)
      setReason('')
    }
  }

  return (
    <section className={`gate-card gate-card-${stage.gate}`} aria-labelledby={`gate-${stage.id}`} data-testid={`gate-${stage.key}`}>
      <header className="gate-head">
        <h2 id={`gate-${stage.id}`}>
          {stage.position + 1}. {stage.name}
        </h2>
        <span className={`gate gate-${stage.gate}`}>{GATE_STATE_LABELS[stage.gate]}</span>
        <span className="muted small">
          {met} of {plural(stage.criteria.length, 'exit criterion', 'exit criteria')} met
        </span>
      </header>
      {warnings.map((w, i) => (
        <p key={i} className="j-warning-line">
          ⚠ {w.message}
        </p>
      ))}
      <div className="gate-body">
        <div>
          <h3>Objectives</h3>
          <ul className="gate-objectives">
            {stage.objectives.map((o, i) => (
              <li key={i}>{o}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3>Exit criteria</h3>
          <ul className="gate-criteria">
            {stage.criteria.map((c) => (
              <Criterion key={c.id} clientId={clientId} c={c} />
            ))}
          </ul>
          <form
            className="row gate-add"
            onSubmit={async (e) => {
              e.preventDefault()
              const r = await edit('journey.addCriterion', { clientId, stageId: stage.id, text: newCriterion })
              setErr(r)
              if (!r) setNewCriterion('')
            }}
          >
            <input
              value={newCriterion}
              onChange={(e) => setNewCriterion(e.target.value)}
              placeholder="Add an exit criterion"
              aria-label={`New exit criterion for ${stage.name}`}
              maxLength={LIMITS.criterion + 20}
            />
            <button type="submit" disabled={!newCriterion.trim()}>
              Add
            </button>
          </form>
        </div>
      </div>
      {stage.completionReason && (
        <p className="gate-reason">
          <strong>Completed with {unmetText(stage.history.at(-1)?.unmetCount)}, because:</strong> {stage.completionReason}
        </p>
      )}
      <div className="row gate-actions">
        {stage.gate === 'not_started' && (
          <button type="button" onClick={async () => setErr(await edit('journey.startStage', { clientId, stageId: stage.id }))}>
            Start {stage.name}
          </button>
        )}
        {stage.gate !== 'completed' && !completing && (
          <button
            type="button"
            className="primary"
            onClick={async () => {
              if (unmet > 0) setCompleting(true)
              else setErr(await edit('journey.completeStage', { clientId, stageId: stage.id }))
            }}
          >
            Complete {stage.name}
          </button>
        )}
        {stage.gate === 'completed' && (
          <button type="button" onClick={async () => setErr(await edit('journey.reopenStage', { clientId, stageId: stage.id }))}>
            Reopen {stage.name}
          </button>
        )}
      </div>
      {completing && (
        <div className="gate-complete">
          <label className="field">
            <span>
              {unmet === 1 ? 'One exit criterion is' : `${unmet} exit criteria are`} not met. Why is {stage.name} complete anyway?
            </span>
            <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus aria-invalid={err?.field === 'reason'} />
            {err?.field === 'reason' && (
              <small className="field-error" role="alert">
                {err.message}
              </small>
            )}
          </label>
          <div className="row">
            <button type="button" className="primary" onClick={complete}>
              Complete with unmet criteria
            </button>
            <button
              type="button"
              onClick={() => {
                setCompleting(false)
                setErr(null)
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {err && err.field !== 'reason' && (
        <p className="error-note" role="alert">
          {err.message}
        </p>
      )}
      {stage.history.length > 0 && (
        <details className="gate-history">
          <summary>Gate history ({stage.history.length})</summary>
          <ul>
            {stage.history.map((h) => (
              <li key={h.id}>
                {when(h.at)} · {h.event === 'completed' ? 'Completed' : h.event === 'reopened' ? 'Reopened' : 'Started'}
                {h.event === 'completed' && h.unmetCount > 0 ? ` with ${h.unmetCount} unmet: “${h.reason}”` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}

function Criterion({ clientId, c }: { clientId: string; c: CriterionView }): React.JSX.Element {
  const [evidence, setEvidence] = useState(c.evidence)
  const [open, setOpen] = useState(false)
  const [err, setErr] = useState<FieldError | null>(null)
  const edit = useJourney.getState().editJourney
  const save = async (met: boolean) => {
    const e = await edit('journey.setCriterion', { clientId, criterionId: c.id, met, evidence })
    setErr(e)
    if (!e) setOpen(false)
  }
  return (
    <li className={c.met ? 'crit met' : 'crit'}>
      <label className="check">
        <input
          type="checkbox"
          checked={c.met}
          onChange={(e) => {
            if (!e.target.checked) void save(false)
            else if (evidence.trim()) void save(true)
            else setOpen(true)
          }}
        />
        <span>{c.text}</span>
      </label>
      {c.met && !open && (
        <p className="crit-evidence">
          <span className="muted">Evidence:</span> {c.evidence}{' '}
          <button type="button" className="link small" onClick={() => setOpen(true)}>
            Edit
          </button>
        </p>
      )}
      {open && (
        <form
          className="crit-form"
          onSubmit={(e) => {
            e.preventDefault()
            void save(true)
          }}
        >
          <label className="field">
            <span>What shows it is met?</span>
            <input value={evidence} onChange={(e) => setEvidence(e.target.value)} autoFocus aria-invalid={!!err} maxLength={LIMITS.evidence + 20} />
          </label>
          {err && (
            <small className="field-error" role="alert">
              {err.message}
            </small>
          )}
          <div className="row">
            <button type="submit" className="primary">
              Mark met
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  )
}
