/** The client's Workshops section: history (trend, compare), setting up a workshop, running it, its results. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { DEFAULT_TARGET_LEVEL, trend, type Comparison } from '../../../../shared/domain/assessment'
import { DEFAULT_MODEL, type MaturityModel } from '../../../../shared/domain/maturity'
import type { ModelSummary, ParticipantSide } from '../../../../shared/ipc/contract'
import { api, errorText } from '../../api'
import { plural } from '../../format'
import type { SectionProps } from '../sections'
import { Facilitator, openPresenter } from './Facilitator'
import { Radar } from './Radar'
import { facilitatorSession, useWorkshops } from './store'
import './workshop.css'

function fmt(x: number | null): string {
  return x === null ? '—' : x.toFixed(2)
}

export function WorkshopsSection({ client }: SectionProps): React.JSX.Element {
  const view = useWorkshops((s) => s.view)
  switch (view.kind) {
    case 'setup':
      return <Setup clientId={client.id} />
    case 'run':
      return <Facilitator client={client} assessmentId={view.assessmentId} />
    case 'results':
      return <Results clientId={client.id} assessmentId={view.assessmentId} />
    case 'compare':
      return <Compare clientId={client.id} a={view.a} b={view.b} />
    default:
      return <History clientId={client.id} />
  }
}

/** "Import…": a finished assessment exported as JSON from this or another vault. */
function ImportButton({ clientId, onDone }: { clientId: string; onDone(message: string, isError: boolean): void }): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null)
  const loadList = useWorkshops((s) => s.loadList)
  const pick = async (file: File | undefined) => {
    if (!file) return
    try {
      const r = await api.call('workshop.import', { clientId, content: await file.text() })
      await loadList(clientId)
      onDone([`Imported “${r.assessment.title}” (${r.assessment.heldOn}).`, ...r.notices].join(' '), false)
    } catch (e) {
      onDone(errorText(e), true)
    } finally {
      if (input.current) input.current.value = ''
    }
  }
  return (
    <>
      <input ref={input} type="file" accept=".json,application/json" hidden data-testid="import-assessment-file" onChange={(e) => void pick(e.target.files?.[0])} />
      <button type="button" onClick={() => input.current?.click()}>
        Import…
      </button>
    </>
  )
}

function History({ clientId }: { clientId: string }): React.JSX.Element {
  const { list, history, error, loadList, show } = useWorkshops()
  const [picked, setPicked] = useState<string[]>([])
  const [imported, setImported] = useState<{ message: string; isError: boolean } | null>(null)
  useEffect(() => {
    void loadList(clientId)
  }, [clientId, loadList])

  const importNote = imported && (
    <p className={imported.isError ? 'error-note' : 'notice'} role={imported.isError ? 'alert' : 'status'} data-testid="import-result">
      {imported.message}
    </p>
  )
  const importButton = <ImportButton clientId={clientId} onDone={(message, isError) => setImported({ message, isError })} />

  if (error) return <p className="error-note" role="alert">{error}</p>
  if (!list || !history) return <p className="muted" aria-busy="true">Loading workshops…</p>
  if (list.length === 0)
    return (
      <div className="empty-state inset" data-testid="workshops-empty">
        <h2>No maturity workshops yet</h2>
        <p>
          Score the partner program with the client’s team, dimension by dimension: everyone votes, the votes are revealed
          together, the group agrees a score, and the gaps become actions. It works offline, on a projector.
        </p>
        <div className="row center">
          <button type="button" className="primary" onClick={() => show({ kind: 'setup' })}>
            Plan a workshop
          </button>
          {importButton}
        </div>
        {importNote}
      </div>
    )

  const points = trend(history)
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]))
  return (
    <div className="workshops" data-testid="workshops">
      <div className="row spread-row">
        <h2>Maturity workshops</h2>
        <div className="row">
          <button type="button" disabled={picked.length !== 2} onClick={() => show({ kind: 'compare', a: picked[0], b: picked[1] })}>
            Compare selected
          </button>
          {importButton}
          <button type="button" className="primary" onClick={() => show({ kind: 'setup' })}>
            Plan a workshop
          </button>
        </div>
      </div>
      {importNote}
      <table className="table" data-testid="assessment-list">
        <thead>
          <tr>
            <th aria-label="Select to compare" />
            <th>Held on</th>
            <th>Workshop</th>
            <th>Status</th>
            <th>Agreed</th>
            <th>Overall</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr key={a.id}>
              <td>
                <input type="checkbox" className="check-inline" aria-label={`Compare ${a.title}`} checked={picked.includes(a.id)} onChange={() => toggle(a.id)} />
              </td>
              <td>{a.heldOn}</td>
              <td>{a.title}</td>
              <td>{a.status === 'finished' ? 'Finished' : 'In progress'}</td>
              <td>
                {a.progress.scored} / {a.progress.total}
              </td>
              <td>{fmt(a.overall)}</td>
              <td className="row">
                {a.status === 'running' && (
                  <button type="button" className="primary" onClick={() => show({ kind: 'run', assessmentId: a.id })}>
                    Continue
                  </button>
                )}
                <button type="button" onClick={() => show({ kind: 'results', assessmentId: a.id })}>
                  Results
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {points.length >= 2 && (
        <div className="panel trend" data-testid="trend">
          <h2>Overall maturity over time</h2>
          <svg viewBox="0 0 600 140" role="img" aria-label="Overall maturity trend">
            {[0, 1, 2, 3, 4].map((l) => (
              <g key={l}>
                <line className="radar-ring" x1={40} x2={580} y1={120 - l * 25} y2={120 - l * 25} />
                <text className="radar-scale" x={20} y={124 - l * 25} fontSize={11}>
                  {l}
                </text>
              </g>
            ))}
            <polyline
              className="trend-line"
              points={points.map((p, i) => `${40 + (540 * i) / (points.length - 1)},${120 - p.overall * 25}`).join(' ')}
            />
            {points.map((p, i) => (
              <g key={p.assessmentId}>
                <circle className="trend-dot" cx={40 + (540 * i) / (points.length - 1)} cy={120 - p.overall * 25} r={4} />
                <text
                  className="radar-scale"
                  x={40 + (540 * i) / (points.length - 1)}
                  y={138}
                  // The first and last dates align with the chart's ends rather than being cut off by them.
                  textAnchor={i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'}
                  fontSize={11}
                >
                  {p.heldOn}
                </text>
              </g>
            ))}
          </svg>
        </div>
      )}
    </div>
  )
}

interface DraftParticipant {
  name: string
  role: string
  side: ParticipantSide
}

function Setup({ clientId }: { clientId: string }): React.JSX.Element {
  const show = useWorkshops((s) => s.show)
  const [model, setModel] = useState<MaturityModel>(DEFAULT_MODEL)
  const [title, setTitle] = useState('Partner program maturity workshop')
  const [heldOn, setHeldOn] = useState(() => new Date().toISOString().slice(0, 10))
  const [people, setPeople] = useState<DraftParticipant[]>([{ name: '', role: '', side: 'client' }])
  const [dims, setDims] = useState<Record<string, number | null>>(() => Object.fromEntries(DEFAULT_MODEL.dimensions.map((d) => [d.id, 15])))
  const [error, setError] = useState<string | null>(null)
  const [models, setModels] = useState<ModelSummary[]>([])

  const pickModel = useCallback((modelId: string) => {
    // The consultant's newest version of the model (they may have edited it since).
    api.call('workshop.model', { modelId }).then(
      (m) => {
        setModel(m)
        setDims(Object.fromEntries(m.dimensions.map((d) => [d.id, 15])))
      },
      (e) => setError(errorText(e))
    )
  }, [])
  useEffect(() => {
    pickModel(DEFAULT_MODEL.id)
    api.call('workshop.models', {}).then(setModels, () => undefined)
  }, [pickModel])

  const setPerson = (i: number, patch: Partial<DraftParticipant>) => setPeople((ps) => ps.map((p, k) => (k === i ? { ...p, ...patch } : p)))
  const start = async () => {
    setError(null)
    const participants = people.filter((p) => p.name.trim())
    const dimensions = model.dimensions.filter((d) => dims[d.id] !== null).map((d) => ({ id: d.id, timeBoxMinutes: dims[d.id] as number }))
    try {
      const s = await api.call('workshop.create', { clientId, sessionId: facilitatorSession(), title, heldOn, modelId: model.id, modelVersion: model.version, participants, dimensions })
      useWorkshops.setState({ state: s })
      show({ kind: 'run', assessmentId: s.assessment.id })
    } catch (e) {
      setError(errorText(e))
    }
  }
  const total = Object.values(dims).reduce<number>((a, b) => a + (b ?? 0), 0)

  return (
    <form
      className="workshop-setup stack"
      data-testid="workshop-setup"
      onSubmit={(e) => {
        e.preventDefault()
        void start()
      }}
    >
      <div className="row spread-row">
        <h2>Plan a workshop</h2>
        <button type="button" className="link" onClick={() => show({ kind: 'list' })}>
          Cancel
        </button>
      </div>
      <div className="row">
        <label className="field grow">
          <span>Title</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span>Held on</span>
          <input type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
        </label>
      </div>
      {models.length > 1 && (
        <label className="field">
          <span>Maturity model</span>
          <select value={model.id} onChange={(e) => pickModel(e.target.value)}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} (version {m.version})
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset className="fieldset">
        <legend>Participants</legend>
        {people.map((p, i) => (
          <div key={i} className="row participant-row">
            <input aria-label={`Participant ${i + 1} name`} placeholder="Name" value={p.name} onChange={(e) => setPerson(i, { name: e.target.value })} />
            <input aria-label={`Participant ${i + 1} role`} placeholder="Role (e.g. VP Sales)" value={p.role} onChange={(e) => setPerson(i, { role: e.target.value })} />
            <select aria-label={`Participant ${i + 1} side`} value={p.side} onChange={(e) => setPerson(i, { side: e.target.value as ParticipantSide })}>
              <option value="client">Client side</option>
              <option value="consultant">Consultant</option>
            </select>
            <button type="button" className="icon-button" aria-label={`Remove participant ${i + 1}`} onClick={() => setPeople((ps) => ps.filter((_, k) => k !== i))}>
              ×
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setPeople((ps) => [...ps, { name: '', role: '', side: 'client' }])}>
          Add participant
        </button>
      </fieldset>
      <fieldset className="fieldset">
        <legend>
          Dimensions and time boxes <span className="muted small">({total} minutes in all)</span>
        </legend>
        <div className="dims-grid">
          {model.dimensions.map((d) => (
            <div key={d.id} className="row dim-row">
              <label className="check grow">
                <input type="checkbox" checked={dims[d.id] !== null} onChange={(e) => setDims((x) => ({ ...x, [d.id]: e.target.checked ? 15 : null }))} />
                {d.name} <span className="muted small nowrap">({plural(d.questions.length, 'question')})</span>
              </label>
              <input
                type="number"
                className="minutes"
                aria-label={`Minutes for ${d.name}`}
                min={1}
                max={480}
                disabled={dims[d.id] === null}
                value={dims[d.id] ?? ''}
                onChange={(e) => setDims((x) => ({ ...x, [d.id]: Number(e.target.value) }))}
              />
              <span className="muted small">min</span>
            </div>
          ))}
        </div>
      </fieldset>
      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary">
          Start the workshop
        </button>
        <span className="muted small">
          Model: {model.name}, version {model.version}. The workshop keeps its own copy, so later edits to the model do not change it.
        </span>
      </div>
    </form>
  )
}

function Results({ clientId, assessmentId }: { clientId: string; assessmentId: string }): React.JSX.Element {
  const { state, error, loadResults, show, change } = useWorkshops()
  const [chosen, setChosen] = useState<Record<string, { on: boolean; title: string; owner: string; dueOn: string }>>({})
  const [roadmap, setRoadmap] = useState(true)
  const [exportError, setExportError] = useState<string | null>(null)
  useEffect(() => {
    void loadResults(clientId, assessmentId)
  }, [clientId, assessmentId, loadResults])
  const s = state && state.assessment.id === assessmentId ? state : null
  const gaps = useMemo(() => (s ? s.gaps.filter((g) => !s.actions.some((a) => a.questionId === g.questionId)) : []), [s])
  useEffect(() => {
    setChosen(Object.fromEntries(gaps.map((g) => [g.questionId, { on: true, title: g.suggestion, owner: '', dueOn: '' }])))
  }, [gaps])

  if (error) return <p className="error-note" role="alert">{error}</p>
  if (!s) return <p className="muted" aria-busy="true">Loading results…</p>

  const download = async (format: 'json' | 'csv') => {
    setExportError(null)
    try {
      const f = await api.call('workshop.export', { clientId, assessmentId, format })
      const url = URL.createObjectURL(new Blob([f.content], { type: f.mime }))
      const a = document.createElement('a')
      a.href = url
      a.download = f.fileName
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 1000)
    } catch (e) {
      setExportError(errorText(e))
    }
  }
  const picked = gaps.filter((g) => chosen[g.questionId]?.on)
  const questionText = (qid: string) => s.model.dimensions.flatMap((d) => d.questions).find((q) => q.id === qid)?.text ?? qid
  const createActions = () =>
    void change('workshop.createActions', {
      actions: picked.map((g) => ({
        dimensionId: g.dimensionId,
        questionId: g.questionId,
        title: chosen[g.questionId].title,
        owner: chosen[g.questionId].owner || null,
        dueOn: chosen[g.questionId].dueOn || null,
        roadmap
      }))
    })

  return (
    <div className="results stack" data-testid="results">
      <div className="row spread-row">
        <div>
          <button type="button" className="link" onClick={() => show({ kind: 'list' })}>
            ← Workshops
          </button>
          <h2 className="wk-title">
            {s.assessment.title} <span className="muted small">{s.assessment.heldOn}</span>
          </h2>
        </div>
        <div className="row">
          {s.assessment.status === 'running' && (
            <button type="button" className="primary" onClick={() => show({ kind: 'run', assessmentId })}>
              Continue the workshop
            </button>
          )}
          <button type="button" onClick={() => openPresenter(clientId, assessmentId)}>
            Presenter view
          </button>
          <button type="button" onClick={() => void download('csv')}>
            Export CSV
          </button>
          <button type="button" onClick={() => void download('json')}>
            Export JSON
          </button>
        </div>
      </div>
      {exportError && <p className="error-note" role="alert">{exportError}</p>}
      <div className="panels">
        <div className="panel">
          <h2>By dimension</h2>
          <table className="table" data-testid="dimension-scores">
            <thead>
              <tr>
                <th>Dimension</th>
                <th>Score</th>
                <th>Agreed</th>
              </tr>
            </thead>
            <tbody>
              {s.scores.map((d) => (
                <tr key={d.dimensionId}>
                  <td>{d.name}</td>
                  <td>{fmt(d.score)}</td>
                  <td>
                    {d.scored} / {d.questions}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="panel">
          <h2>
            Overall maturity <span data-testid="overall">{fmt(s.assessment.overall)}</span> / 4
          </h2>
          <Radar
            title="Agreed maturity by dimension"
            labels={s.scores.map((d) => d.name)}
            series={[{ name: 'Agreed', values: s.scores.map((d) => d.score), className: 'series-now' }]}
          />
        </div>
      </div>
      <div className="panel">
        <h2>Questions</h2>
        <table className="table" data-testid="question-results">
          <thead>
            <tr>
              <th>Question</th>
              <th>Votes 0–4</th>
              <th>Spread</th>
              <th>Consensus</th>
              <th>Rationale</th>
            </tr>
          </thead>
          <tbody>
            {s.order.map((qid) => {
              const q = s.questions[qid]
              const mq = s.model.dimensions.flatMap((d) => d.questions).find((x) => x.id === qid)!
              return (
                <tr key={qid}>
                  <td>{mq.text}</td>
                  <td className="mono">{q.stats ? q.stats.distribution.join(' · ') : q.voted.length ? 'hidden' : '—'}</td>
                  <td>
                    {q.stats?.spread ?? '—'}
                    {q.stats?.disagreement ? <span className="flag small"> disagreement</span> : null}
                  </td>
                  <td>{q.consensus ?? '—'}</td>
                  <td>{q.rationale}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div className="panel">
        <h2>Gaps → actions and roadmap milestones</h2>
        {gaps.length === 0 ? (
          <p className="muted">No agreed score below level {DEFAULT_TARGET_LEVEL} is waiting for an action.</p>
        ) : (
          <>
            <ul className="gaps">
              {gaps.map((g) => (
                <li key={g.questionId} className="row">
                  <input
                    type="checkbox"
                    className="check-inline"
                    aria-label={`Create an action for “${questionText(g.questionId)}”`}
                    checked={chosen[g.questionId]?.on ?? false}
                    onChange={(e) => setChosen((c) => ({ ...c, [g.questionId]: { ...c[g.questionId], on: e.target.checked } }))}
                  />
                  <span className="badge">
                    {g.score} → {g.target}
                  </span>
                  <input
                    className="grow"
                    aria-label="Action"
                    value={chosen[g.questionId]?.title ?? ''}
                    onChange={(e) => setChosen((c) => ({ ...c, [g.questionId]: { ...c[g.questionId], title: e.target.value } }))}
                  />
                  <input
                    className="owner"
                    aria-label="Owner"
                    placeholder="Owner"
                    value={chosen[g.questionId]?.owner ?? ''}
                    onChange={(e) => setChosen((c) => ({ ...c, [g.questionId]: { ...c[g.questionId], owner: e.target.value } }))}
                  />
                  <input
                    type="date"
                    className="due"
                    aria-label="Due"
                    title="Due date (optional)"
                    value={chosen[g.questionId]?.dueOn ?? ''}
                    onChange={(e) => setChosen((c) => ({ ...c, [g.questionId]: { ...c[g.questionId], dueOn: e.target.value } }))}
                  />
                </li>
              ))}
            </ul>
            <div className="row gaps-submit">
              <label className="check">
                <input type="checkbox" checked={roadmap} onChange={(e) => setRoadmap(e.target.checked)} data-testid="gaps-roadmap" />
                <span>Also put them on the journey roadmap as milestones</span>
              </label>
              <button type="button" className="primary" disabled={picked.length === 0} onClick={createActions}>
                Create {picked.length} action{picked.length === 1 ? '' : 's'}
                {roadmap ? ` and milestone${picked.length === 1 ? '' : 's'}` : ''}
              </button>
            </div>
          </>
        )}
        {s.actions.length > 0 && (
          <table className="table" data-testid="actions">
            <thead>
              <tr>
                <th>Action</th>
                <th>Owner</th>
                <th>Due</th>
                <th>Roadmap</th>
              </tr>
            </thead>
            <tbody>
              {s.actions.map((a) => (
                <tr key={a.id}>
                  <td>{a.title}</td>
                  <td>{a.owner ?? '—'}</td>
                  <td>{a.dueOn ?? '—'}</td>
                  <td>{a.milestoneId ? <span className="badge nowrap">On the journey</span> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  )
}

function Compare({ clientId, a, b }: { clientId: string; a: string; b: string }): React.JSX.Element {
  const { compare, show } = useWorkshops()
  const [cmp, setCmp] = useState<Comparison | null>(null)
  useEffect(() => {
    void compare(clientId, a, b).then(setCmp)
  }, [clientId, a, b, compare])
  if (!cmp) return <p className="muted" aria-busy="true">Comparing…</p>
  const sign = (d: number | null) => (d === null ? '—' : `${d > 0 ? '+' : ''}${d.toFixed(2)}`)
  return (
    <div className="compare stack" data-testid="compare">
      <div>
        <button type="button" className="link" onClick={() => show({ kind: 'list' })}>
          ← Workshops
        </button>
        <h2 className="wk-title">
          {cmp.before.title} ({cmp.before.heldOn}) → {cmp.after.title} ({cmp.after.heldOn})
        </h2>
        {cmp.differentModels && <p className="muted small">The two used different versions of the model; dimensions are matched where both have them.</p>}
      </div>
      <div className="panels">
        <div className="panel">
          <table className="table" data-testid="deltas">
            <thead>
              <tr>
                <th>Dimension</th>
                <th className="nowrap">{cmp.before.heldOn}</th>
                <th className="nowrap">{cmp.after.heldOn}</th>
                <th>Change</th>
              </tr>
            </thead>
            <tbody>
              {cmp.dimensions.map((d) => (
                <tr key={d.dimensionId}>
                  <td>{d.name}</td>
                  <td>{fmt(d.before)}</td>
                  <td>{fmt(d.after)}</td>
                  <td className={d.delta === null ? '' : d.delta > 0 ? 'up' : d.delta < 0 ? 'down' : ''}>{sign(d.delta)}</td>
                </tr>
              ))}
              <tr className="total">
                <td>Overall</td>
                <td>{fmt(cmp.overall.before)}</td>
                <td>{fmt(cmp.overall.after)}</td>
                <td>{sign(cmp.overall.delta)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <div className="panel">
          <Radar
            title="Before and after"
            labels={cmp.dimensions.map((d) => d.name)}
            series={[
              { name: cmp.before.heldOn, values: cmp.dimensions.map((d) => d.before), className: 'series-before' },
              { name: cmp.after.heldOn, values: cmp.dimensions.map((d) => d.after), className: 'series-now' }
            ]}
          />
          <p className="legend small">
            <span className="swatch series-before" /> {cmp.before.heldOn} <span className="swatch series-now" /> {cmp.after.heldOn}
          </p>
        </div>
      </div>
    </div>
  )
}
