/**
 * The hypothesis register: the beliefs behind this client's plan, what has tested them, and what to test first.
 * Quick capture (Ctrl/Cmd+Shift+H, or N) takes one line and Enter, so a belief heard on a call is kept in
 * seconds; the rest of the test card can wait.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  EVIDENCE_STRENGTH_LABELS,
  HYPOTHESIS_CATEGORIES,
  HYPOTHESIS_CATEGORY_LABELS,
  HYPOTHESIS_STATUSES,
  HYPOTHESIS_STATUS_LABELS,
  LIMITS,
  type HypothesisCategory,
  type HypothesisStatus
} from '../../../../shared/domain/journey'
import type { SectionProps } from '../sections'
import { UndoBar, useJourneyKeys } from '../journey/JourneySection'
import { isTyping, useJourney, type FieldError } from '../journey/store'
import { AssumptionMap } from './AssumptionMap'
import { HypothesisCard } from './HypothesisCard'
import '../journey/journey.css'


/** "belief !4" sets importance 4: one keystroke during a call instead of a trip to the card. */
export function parseCapture(text: string): { belief: string; importance?: number } {
  const m = /^(.*?)\s*!([1-5])\s*$/.exec(text)
  return m ? { belief: m[1], importance: Number(m[2]) } : { belief: text }
}

function QuickCapture({ clientId }: { clientId: string }): React.JSX.Element {
  const [text, setText] = useState('')
  const [err, setErr] = useState<FieldError | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])
  const close = () => useJourney.getState().setCapture(false)
  return (
    <form
      className="capture"
      data-testid="quick-capture"
      onSubmit={async (e) => {
        e.preventDefault()
        const r = await useJourney.getState().editHypothesis('hypothesis.create', { clientId, ...parseCapture(text) })
        if ('message' in r) return setErr(r)
        setErr(null)
        setSaved(r.hypothesis?.belief ?? null)
        setText('')
        input.current?.focus()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          close()
        }
      }}
    >
      <label className="capture-label" htmlFor="capture-input">
        We believe…
      </label>
      <input
        id="capture-input"
        ref={input}
        value={text}
        maxLength={LIMITS.cardField + 20}
        onChange={(e) => setText(e.target.value)}
        placeholder="e.g. MSPs will resell the add-on !4   (Enter saves · !1–!5 sets importance · Esc closes)"
        aria-invalid={!!err}
        aria-describedby="capture-help"
      />
      <button type="submit" className="primary">
        Save
      </button>
      <p id="capture-help" className="capture-help" role="status" aria-live="polite">
        {err ? <span className="field-error">{err.message}</span> : saved ? `Saved “${saved}”. Type the next one, or Esc to close.` : 'Only the belief is needed now; fill in the test card later.'}
      </p>
    </form>
  )
}

export function HypothesesSection({ client }: SectionProps): React.JSX.Element {
  const clientId = client.id
  const hypotheses = useJourney((s) => (s.clientId === clientId ? s.hypotheses : null))
  const journey = useJourney((s) => (s.clientId === clientId ? s.journey : null))
  const selected = useJourney((s) => (s.clientId === clientId ? s.selected : null))
  const captureOpen = useJourney((s) => s.captureOpen)
  const error = useJourney((s) => s.error)
  const [view, setView] = useState<'register' | 'map'>('register')
  const [search, setSearch] = useState('')
  const [status, setStatus] = useState<HypothesisStatus | ''>('')
  const [category, setCategory] = useState<HypothesisCategory | ''>('')
  const [stageId, setStageId] = useState('')

  useEffect(() => {
    void useJourney.getState().loadHypotheses(clientId)
    void useJourney.getState().loadJourney(clientId)
    void useJourney.getState().loadPartners(clientId)
  }, [clientId])

  const openCapture = useCallback(() => useJourney.getState().setCapture(true), [])
  useJourneyKeys(clientId)
  // N opens capture too, when no field has the focus.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === 'n' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e)) {
        e.preventDefault()
        openCapture()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [openCapture])

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase()
    return (hypotheses ?? []).filter(
      (h) =>
        (!status || h.status === status) &&
        (!category || h.category === category) &&
        (!stageId || h.stageId === stageId) &&
        (!q || [h.belief, h.verify, h.measure, h.rightIf, h.owner ?? ''].some((t) => t.toLowerCase().includes(q)))
    )
  }, [hypotheses, search, status, category, stageId])

  const select = (id: string) => void useJourney.getState().select(clientId, id)
  const stageName = new Map(journey?.stages.map((s) => [s.id, s.name]) ?? [])

  if (error && !hypotheses)
    return (
      <p className="error-note" role="alert">
        {error}
      </p>
    )
  if (!hypotheses) return <p className="muted">Opening the hypotheses…</p>

  const testFirst = hypotheses.filter((h) => h.testFirst).length
  return (
    <div className="hypotheses" data-testid="hypotheses">
      <div className="j-toolbar">
        <div className="seg" role="tablist" aria-label="Hypotheses view">
          <button type="button" role="tab" aria-selected={view === 'register'} className={view === 'register' ? 'on' : ''} onClick={() => setView('register')}>
            Register
          </button>
          <button type="button" role="tab" aria-selected={view === 'map'} className={view === 'map' ? 'on' : ''} onClick={() => setView('map')}>
            Assumption map
          </button>
        </div>
        <button type="button" className="primary" onClick={openCapture} aria-keyshortcuts="Control+Shift+H N" title="Capture a hypothesis (Ctrl+Shift+H, or N)">
          + Capture hypothesis
        </button>
        <span className="muted small">
          <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>H</kbd> anywhere in a client
        </span>
      </div>
      {captureOpen && <QuickCapture clientId={clientId} />}
      <div className="j-status">
        <p className="j-summary">
          <strong>{hypotheses.length === 1 ? '1 hypothesis' : `${hypotheses.length} hypotheses`}</strong>
          {testFirst > 0 && <span className="j-warn"> · {testFirst} to test first (important, little evidence)</span>}
          {' · '}
          {hypotheses.filter((h) => h.decision).length} decided
        </p>
        <UndoBar clientId={clientId} />
      </div>
      <div className={selected ? 'j-main with-editor' : 'j-main'}>
        <div className="j-content">
          {view === 'map' ? (
            <AssumptionMap hypotheses={hypotheses} selectedId={selected?.id ?? null} onSelect={select} />
          ) : (
            <>
              <div className="row h-filters">
                <input type="search" placeholder="Search hypotheses" aria-label="Search hypotheses" value={search} onChange={(e) => setSearch(e.target.value)} />
                <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as HypothesisStatus | '')}>
                  <option value="">Any status</option>
                  {HYPOTHESIS_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {HYPOTHESIS_STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
                <select aria-label="Category" value={category} onChange={(e) => setCategory(e.target.value as HypothesisCategory | '')}>
                  <option value="">Any category</option>
                  {HYPOTHESIS_CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {HYPOTHESIS_CATEGORY_LABELS[c]}
                    </option>
                  ))}
                </select>
                <select aria-label="Stage" value={stageId} onChange={(e) => setStageId(e.target.value)}>
                  <option value="">Any stage</option>
                  {journey?.stages.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </div>
              {hypotheses.length === 0 ? (
                <div className="empty-state inset">
                  <h2>No hypotheses yet</h2>
                  <p>
                    Every plan rests on beliefs: which partners fit, what they want, how fast they sell. Capture them as you hear them, then test the
                    important ones first.
                  </p>
                  <button type="button" className="primary" onClick={openCapture}>
                    Capture the first one
                  </button>
                </div>
              ) : (
                <table className="table h-table" data-testid="hypothesis-list">
                  <thead>
                    <tr>
                      <th>We believe</th>
                      <th>Category</th>
                      <th title="How much the partner strategy depends on it, 1 to 5">Importance</th>
                      <th>Evidence</th>
                      <th>Status</th>
                      <th>Stage</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((h) => (
                      <tr key={h.id} className={h.id === selected?.id ? 'selected' : undefined}>
                        <td>
                          <button type="button" className="link h-belief" onClick={() => select(h.id)}>
                            {h.belief}
                          </button>
                          {h.testFirst && <span className="badge test-first">Test first</span>}
                        </td>
                        <td>{HYPOTHESIS_CATEGORY_LABELS[h.category]}</td>
                        <td>{h.importance}</td>
                        <td>
                          {EVIDENCE_STRENGTH_LABELS[h.evidenceStrength]}
                          {h.evidenceCount > 0 && <span className="muted small"> ({h.evidenceCount})</span>}
                        </td>
                        <td>
                          <span className={`hs hs-${h.status}`}>{HYPOTHESIS_STATUS_LABELS[h.status]}</span>
                        </td>
                        <td className="muted">{h.stageId ? stageName.get(h.stageId) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {hypotheses.length > 0 && shown.length === 0 && <p className="muted">No hypothesis matches these filters.</p>}
            </>
          )}
        </div>
        {selected && <HypothesisCard clientId={clientId} h={selected} journey={journey} onClose={() => void useJourney.getState().select(clientId, null)} />}
      </div>
    </div>
  )
}
