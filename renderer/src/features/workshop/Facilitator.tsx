/**
 * The facilitator's screen, run from the keyboard alone: digits 0–4 (or S) record the selected participant's vote,
 * R reveals, C then a digit agrees the consensus, N writes notes, arrows move between participants and questions.
 * Votes show as "voted" until the reveal: the backend does not even send their values before that.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { LEVEL_LABELS } from '../../../../shared/domain/maturity'
import type { ClientSummary, WorkshopState } from '../../../../shared/ipc/contract'
import { api } from '../../api'
import { facilitatorSession, useWorkshops } from './store'

const HEARTBEAT_MS = 10_000

function isTyping(el: Element | null): boolean {
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el as HTMLElement).isContentEditable)
}

function presenterUrl(clientId: string, assessmentId: string): string {
  return `${location.pathname}${location.search}#presenter=${clientId}.${assessmentId}`
}

export function openPresenter(clientId: string, assessmentId: string): void {
  // A named window: opening it again focuses the same projector window instead of stacking copies.
  window.open(presenterUrl(clientId, assessmentId), 'trellis-presenter')
}

function Timer({ startedAt, minutes }: { startedAt: string | null; minutes: number }): React.JSX.Element {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(t)
  }, [])
  if (!startedAt) return <span className="timer muted" data-testid="timer">{minutes}:00 time box</span>
  const elapsed = Math.max(0, Math.floor((now - new Date(startedAt).getTime()) / 1000))
  const over = elapsed > minutes * 60
  const mm = Math.floor(elapsed / 60)
  const ss = String(elapsed % 60).padStart(2, '0')
  return (
    <span className={`timer${over ? ' timer-over' : ''}`} data-testid="timer" title="Time spent on this dimension / its time box">
      {mm}:{ss} / {minutes}:00{over ? ' — over time' : ''}
    </span>
  )
}

export function Facilitator({ client, assessmentId }: { client: ClientSummary; assessmentId: string }): React.JSX.Element {
  const { state, conflict, error, openRun, change, show } = useWorkshops()
  const [selected, setSelected] = useState(0)
  const [consensusMode, setConsensusMode] = useState(false)
  const [notes, setNotes] = useState('')
  const [rationale, setRationale] = useState('')
  const [newName, setNewName] = useState('')
  const notesRef = useRef<HTMLTextAreaElement>(null)
  const rationaleRef = useRef<HTMLInputElement>(null)
  const boardRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    void openRun(client.id, assessmentId)
  }, [client.id, assessmentId, openRun])

  // Keep the lease while this window is open; give it back when it closes.
  useEffect(() => {
    if (!state || state.assessment.id !== assessmentId) return
    const ref = { clientId: client.id, assessmentId, sessionId: facilitatorSession() }
    const t = setInterval(() => {
      api.call('workshop.heartbeat', ref).catch(() => useWorkshops.getState().openRun(client.id, assessmentId))
    }, HEARTBEAT_MS)
    const release = () => void api.call('workshop.release', ref).catch(() => undefined)
    window.addEventListener('pagehide', release)
    return () => {
      clearInterval(t)
      window.removeEventListener('pagehide', release)
    }
  }, [client.id, assessmentId, state?.assessment.id])

  useEffect(
    () => () => {
      void api.call('workshop.release', { clientId: client.id, assessmentId, sessionId: facilitatorSession() }).catch(() => undefined)
    },
    [client.id, assessmentId]
  )

  const s: WorkshopState | null = state && state.assessment.id === assessmentId ? state : null
  const qid = s?.assessment.currentQuestionId ?? s?.order[0] ?? null
  const q = qid && s ? s.questions[qid] : null

  // When the question changes, load its text fields and start with the first participant.
  useEffect(() => {
    setNotes(q?.notes ?? '')
    setRationale(q?.rationale ?? '')
    setSelected(0)
    setConsensusMode(false)
  }, [qid])

  const active = s ? s.participants.filter((p) => !p.removed) : []
  const go = useCallback(
    (delta: number) => {
      if (!s || !qid) return
      const i = s.order.indexOf(qid) + delta
      if (i >= 0 && i < s.order.length) void change('workshop.navigate', { questionId: s.order[i] })
    },
    [s, qid, change]
  )

  const onKey = useCallback(
    (e: KeyboardEvent) => {
      if (!s || !qid || !q || e.ctrlKey || e.metaKey || e.altKey) return
      if (isTyping(document.activeElement)) return
      const k = e.key
      if (/^[0-4]$/.test(k)) {
        e.preventDefault()
        if (consensusMode) {
          setConsensusMode(false)
          void change('workshop.consensus', { questionId: qid, score: Number(k), rationale }).then(() => rationaleRef.current?.focus())
          return
        }
        const p = active[selected]
        if (!p) return
        void change('workshop.vote', { questionId: qid, participantId: p.id, vote: Number(k) })
        setSelected((i) => Math.min(active.length - 1, i + 1))
      } else if (k === 's' || k === 'S') {
        const p = active[selected]
        if (!p) return
        e.preventDefault()
        void change('workshop.vote', { questionId: qid, participantId: p.id, vote: 'skip' })
        setSelected((i) => Math.min(active.length - 1, i + 1))
      } else if (k === 'Backspace' || k === 'Delete') {
        const p = active[selected]
        if (p) void change('workshop.vote', { questionId: qid, participantId: p.id, vote: 'clear' })
      } else if (k === 'ArrowDown') {
        e.preventDefault()
        setSelected((i) => Math.min(active.length - 1, i + 1))
      } else if (k === 'ArrowUp') {
        e.preventDefault()
        setSelected((i) => Math.max(0, i - 1))
      } else if (k === 'ArrowRight' || k === 'PageDown') {
        e.preventDefault()
        go(1)
      } else if (k === 'ArrowLeft' || k === 'PageUp') {
        e.preventDefault()
        go(-1)
      } else if (k === 'r' || k === 'R') {
        void change('workshop.reveal', { questionId: qid, revealed: !q.revealed })
      } else if (k === 'c' || k === 'C') {
        setConsensusMode(true)
      } else if (k === 'n' || k === 'N') {
        e.preventDefault()
        notesRef.current?.focus()
      } else if (k === 'Escape') {
        setConsensusMode(false)
      }
    },
    [s, qid, q, consensusMode, rationale, active, selected, change, go]
  )

  useEffect(() => {
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onKey])

  // Notes are committed while typing (debounced) and when leaving the field.
  const saveNotes = useCallback(() => {
    if (qid && q && notes !== q.notes) void change('workshop.note', { questionId: qid, notes })
  }, [qid, q, notes, change])
  useEffect(() => {
    if (!q || notes === q.notes) return
    const t = setTimeout(saveNotes, 600)
    return () => clearTimeout(t)
  }, [notes])

  const saveRationale = () => {
    if (qid && q && q.consensus !== null && rationale !== q.rationale)
      void change('workshop.consensus', { questionId: qid, score: q.consensus, rationale })
  }

  const leaveField = (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Escape' || (e.key === 'Enter' && e.currentTarget.tagName === 'INPUT')) {
      e.preventDefault()
      e.currentTarget.blur()
      boardRef.current?.focus()
    }
  }

  if (conflict)
    return (
      <div className="empty-state inset" role="alert" data-testid="workshop-conflict">
        <h2>This workshop is open in another facilitator window</h2>
        <p>{conflict}</p>
        <div className="row">
          <button type="button" className="primary" onClick={() => void openRun(client.id, assessmentId, true)}>
            Take over here
          </button>
          <button type="button" onClick={() => show({ kind: 'list' })}>
            Back to workshops
          </button>
        </div>
      </div>
    )
  if (!s || !qid || !q)
    return error ? <p className="error-note" role="alert">{error}</p> : <p className="muted" aria-busy="true">Opening the workshop…</p>

  const dim = s.model.dimensions.find((d) => d.questions.some((x) => x.id === qid))!
  const question = dim.questions.find((x) => x.id === qid)!
  const covered = s.dimensions.find((d) => d.id === dim.id)!
  const index = s.order.indexOf(qid)
  const finished = s.assessment.status === 'finished'

  return (
    <div className="facilitator" ref={boardRef} tabIndex={-1} data-testid="facilitator">
      <div className="wk-toolbar">
        <div>
          <button type="button" className="link" onClick={() => show({ kind: 'list' })}>
            ← Workshops
          </button>
          <h2 className="wk-title">{s.assessment.title}</h2>
          <span className="muted small">
            {s.assessment.heldOn} · {s.assessment.modelName} v{s.assessment.modelVersion} · {s.assessment.progress.scored} of {s.assessment.progress.total} agreed
          </span>
        </div>
        <div className="row">
          <Timer startedAt={covered.startedAt} minutes={covered.timeBoxMinutes} />
          <button type="button" onClick={() => openPresenter(client.id, assessmentId)} data-testid="open-presenter">
            Presenter view
          </button>
          <button type="button" onClick={() => show({ kind: 'results', assessmentId })}>
            Results
          </button>
          <button type="button" className={finished ? '' : 'primary'} onClick={() => void change('workshop.finish', { finished: !finished })}>
            {finished ? 'Reopen workshop' : 'Finish workshop'}
          </button>
        </div>
      </div>
      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      {finished && <p className="note-banner">This workshop is finished. Reopen it to change votes, scores or notes.</p>}

      <div className="wk-grid">
        <nav className="wk-nav" aria-label="Questions">
          {s.dimensions.map((d) => {
            const md = s.model.dimensions.find((x) => x.id === d.id)!
            return (
              <div key={d.id} className="wk-nav-dim">
                <div className="wk-nav-dim-name">{md.name}</div>
                {md.questions.map((mq) => {
                  const st = s.questions[mq.id]
                  const n = s.order.indexOf(mq.id) + 1
                  return (
                    <button
                      key={mq.id}
                      type="button"
                      className={`wk-nav-q${mq.id === qid ? ' current' : ''}`}
                      aria-current={mq.id === qid ? 'step' : undefined}
                      onClick={() => void change('workshop.navigate', { questionId: mq.id })}
                    >
                      <span>Q{n}</span>
                      <span className="wk-nav-state">
                        {st.consensus !== null ? `agreed ${st.consensus}` : st.revealed ? 'revealed' : st.voted.length ? `${st.voted.length} voted` : ''}
                      </span>
                    </button>
                  )
                })}
              </div>
            )
          })}
        </nav>

        <section className="wk-main" aria-label="Current question">
          <div className="muted small">
            {dim.name} · Question {index + 1} of {s.order.length}
          </div>
          <h3 className="wk-question" data-testid="question-text">
            {question.text}
          </h3>
          <ol className="levels" start={0}>
            {question.levels.map((text, lvl) => {
              const count = q.stats?.distribution[lvl] ?? null
              return (
                <li key={lvl} className={`level${q.consensus === lvl ? ' level-agreed' : ''}`}>
                  <span className="level-num">{lvl}</span>
                  <span className="level-body">
                    <strong>{LEVEL_LABELS[lvl]}</strong> {text}
                  </span>
                  {count !== null && (
                    <span className="level-count" aria-label={`${count} votes`}>
                      {'●'.repeat(count) || '·'}
                    </span>
                  )}
                </li>
              )
            })}
          </ol>

          <div className="wk-consensus">
            <div className="row">
              <span className="field-label">Consensus{consensusMode ? ' — press 0–4' : ''}</span>
              {[0, 1, 2, 3, 4].map((lvl) => (
                <button
                  key={lvl}
                  type="button"
                  className={`chip${q.consensus === lvl ? ' chip-on' : ''}`}
                  aria-pressed={q.consensus === lvl}
                  onClick={() => void change('workshop.consensus', { questionId: qid, score: lvl, rationale })}
                >
                  {lvl}
                </button>
              ))}
              {q.consensus !== null && (
                <button type="button" className="link" onClick={() => void change('workshop.consensus', { questionId: qid, score: null, rationale })}>
                  clear
                </button>
              )}
            </div>
            <label className="field">
              <span>Rationale</span>
              <input
                ref={rationaleRef}
                value={rationale}
                placeholder={q.consensus === null ? 'Agree a score first' : 'Why the group agreed this level'}
                disabled={q.consensus === null}
                onChange={(e) => setRationale(e.target.value)}
                onBlur={saveRationale}
                onKeyDown={leaveField}
              />
            </label>
          </div>
        </section>

        <aside className="wk-side">
          <div className="panel">
            <div className="row spread-row">
              <h2>Votes</h2>
              <button type="button" className={q.revealed ? '' : 'primary'} onClick={() => void change('workshop.reveal', { questionId: qid, revealed: !q.revealed })}>
                {q.revealed ? 'Hide votes' : 'Reveal votes'}
              </button>
            </div>
            <ul className="votes" aria-label="Participants' votes">
              {s.participants.map((p) => {
                const i = active.indexOf(p)
                const voted = q.voted.includes(p.id)
                const value = q.votes?.[p.id]
                return (
                  <li key={p.id} className={`vote-row${i === selected ? ' selected' : ''}${p.removed ? ' removed' : ''}`} aria-current={i === selected ? 'true' : undefined}>
                    <button type="button" className="quiet vote-name" disabled={p.removed} onClick={() => setSelected(i)}>
                      {p.name}
                      <span className="muted small"> {p.role}{p.side === 'consultant' ? ' · consultant' : ''}</span>
                    </button>
                    <span className="vote-value" data-testid={`vote-${p.name}`}>
                      {p.removed ? 'removed' : q.revealed ? (value === undefined ? '—' : value === 'skip' ? 'skip' : String(value)) : voted ? 'voted' : '—'}
                    </span>
                    <button
                      type="button"
                      className="icon-button"
                      title={p.removed ? `Add ${p.name} back` : `Remove ${p.name} from the workshop`}
                      aria-label={p.removed ? `Add ${p.name} back` : `Remove ${p.name}`}
                      onClick={() => void change('workshop.removeParticipant', { participantId: p.id, removed: !p.removed })}
                    >
                      {p.removed ? '↺' : '×'}
                    </button>
                  </li>
                )
              })}
            </ul>
            <form
              className="row add-participant"
              onSubmit={(e) => {
                e.preventDefault()
                if (newName.trim())
                  void change('workshop.addParticipant', { participant: { name: newName.trim(), role: '', side: 'client' } }).then((done) => done && setNewName(''))
              }}
            >
              <input aria-label="New participant" placeholder="Add a participant" value={newName} onChange={(e) => setNewName(e.target.value)} onKeyDown={leaveField} />
              <button type="submit">Add</button>
            </form>
            {q.revealed && q.stats && (
              <div className="reveal-stats" data-testid="reveal-stats">
                <span>Spread {q.stats.spread ?? '—'}</span>
                {q.stats.skips > 0 && <span>{q.stats.skips} skipped</span>}
                {q.stats.disagreement && <span className="flag">Disagreement — discuss before agreeing</span>}
              </div>
            )}
          </div>
          <label className="field panel">
            <span>
              Facilitator notes <span className="muted small">(never shown on the projector)</span>
            </span>
            <textarea ref={notesRef} rows={5} value={notes} onChange={(e) => setNotes(e.target.value)} onBlur={saveNotes} onKeyDown={leaveField} data-testid="notes" />
          </label>
          <p className="muted small keys">
            <kbd>0</kbd>–<kbd>4</kbd> vote · <kbd>S</kbd> skip · <kbd>↑</kbd>
            <kbd>↓</kbd> participant · <kbd>R</kbd> reveal · <kbd>C</kbd> then <kbd>0</kbd>–<kbd>4</kbd> consensus · <kbd>N</kbd> notes · <kbd>←</kbd>
            <kbd>→</kbd> question
          </p>
        </aside>
      </div>
    </div>
  )
}
