/**
 * The consultant's maturity models (not any client's data): the built-in default and models of their own. Every
 * save is a new version; older versions stay readable (an assessment keeps the exact version it was held with),
 * so this screen shows them read-only and edits always start from the newest.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import { DEFAULT_MODEL, LEVEL_LABELS, type MaturityDimension, type MaturityModel, type MaturityModelContent } from '../../../../shared/domain/maturity'
import type { ModelSummary } from '../../../../shared/ipc/contract'
import { api, errorText } from '../../api'
import { plural } from '../../format'
import './models.css'

const MAX_DIMENSIONS = 20
const MAX_QUESTIONS = 8

type Selection = { kind: 'model'; id: string; version?: number } | { kind: 'new' } | null

export function ModelsArea(): React.JSX.Element {
  const [models, setModels] = useState<ModelSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [selection, setSelectionRaw] = useState<Selection>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const setSelection = (s: Selection) => {
    setNotice(null)
    setSelectionRaw(s)
  }

  const reload = useCallback(async () => {
    try {
      setModels(await api.call('workshop.models', {}))
      setError(null)
    } catch (e) {
      setError(errorText(e))
    }
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])

  return (
    <div className="models-area" data-testid="models-area">
      <div className="row spread-row">
        <div>
          <h1>Maturity models</h1>
          <p className="muted">
            The dimensions, questions and level descriptors your workshops score. Each save is a new version; a workshop keeps the version it
            was held with, so past results always read as they did on the day.
          </p>
        </div>
        <button type="button" className="primary" onClick={() => setSelection({ kind: 'new' })}>
          New model
        </button>
      </div>
      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      {!models ? (
        <p className="muted" aria-busy="true">
          Loading models…
        </p>
      ) : (
        <div className="models-layout">
          <ul className="models-list" aria-label="Models">
            {models.map((m) => {
              const active = selection?.kind === 'model' && selection.id === m.id
              return (
                <li key={m.id}>
                  <button
                    type="button"
                    className={active ? 'model-item active' : 'model-item'}
                    aria-current={active ? 'true' : undefined}
                    onClick={() => setSelection({ kind: 'model', id: m.id })}
                  >
                    <span className="model-name">{m.name}</span>
                    <span className="muted small">
                      {m.builtIn ? 'Built in · ' : ''}version {m.version}
                      {m.updatedAt ? ` · saved ${m.updatedAt.slice(0, 10)}` : ''}
                    </span>
                  </button>
                </li>
              )
            })}
          </ul>
          <div className="models-editor-pane">
            {notice && (
              <p className="notice" role="status" data-testid="model-saved">
                {notice}
              </p>
            )}
            {selection === null ? (
              <p className="muted">Choose a model to read or edit it, or start a new one.</p>
            ) : (
              <ModelLoader
                key={selection.kind === 'new' ? 'new' : `${selection.id}@${selection.version ?? 'latest'}`}
                selection={selection}
                summary={selection.kind === 'model' ? (models.find((m) => m.id === selection.id) ?? null) : null}
                onVersion={(version) => selection.kind === 'model' && setSelection({ ...selection, version })}
                onSaved={(m, message) => {
                  void reload()
                  setSelection({ kind: 'model', id: m.id })
                  setNotice(message)
                }}
              />
            )}
          </div>
        </div>
      )}
    </div>
  )
}

function ModelLoader({
  selection,
  summary,
  onVersion,
  onSaved
}: {
  selection: Exclude<Selection, null>
  summary: ModelSummary | null
  onVersion(v: number | undefined): void
  onSaved(m: MaturityModel, message: string): void
}): React.JSX.Element {
  const [model, setModel] = useState<MaturityModel | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (selection.kind === 'new') {
      // A new model starts as a copy of the default, which is easier to trim than a blank page is to fill.
      void api.call('workshop.model', { modelId: DEFAULT_MODEL.id }).then(
        (m) => setModel({ ...m, id: '', version: 0, name: 'My maturity model' }),
        () => setModel({ ...DEFAULT_MODEL, id: '', version: 0, name: 'My maturity model' })
      )
      return
    }
    api.call('workshop.model', { modelId: selection.id, version: selection.version }).then(setModel, (e) => setError(errorText(e)))
  }, [selection])

  if (error)
    return (
      <p className="error-note" role="alert">
        {error}
      </p>
    )
  if (!model)
    return (
      <p className="muted" aria-busy="true">
        Loading the model…
      </p>
    )
  const newest = summary ? summary.version : 0
  return <ModelEditor model={model} summary={summary} readOnly={summary !== null && model.version !== newest} onVersion={onVersion} onSaved={onSaved} />
}

function contentOf(m: MaturityModelContent): MaturityModelContent {
  return { name: m.name, dimensions: m.dimensions }
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const slug =
    base
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'item'
  let id = slug
  for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`
  return id
}

function allIds(c: MaturityModelContent): Set<string> {
  return new Set(c.dimensions.flatMap((d) => [d.id, ...d.questions.map((q) => q.id)]))
}

function ModelEditor({
  model,
  summary,
  readOnly,
  onVersion,
  onSaved
}: {
  model: MaturityModel
  summary: ModelSummary | null
  readOnly: boolean
  onVersion(v: number | undefined): void
  onSaved(m: MaturityModel, message: string): void
}): React.JSX.Element {
  const [draft, setDraft] = useState<MaturityModelContent>(() => contentOf(model))
  const [open, setOpen] = useState<string | null>(model.dimensions[0]?.id ?? null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const isNew = summary === null
  const dirty = useMemo(() => isNew || JSON.stringify(draft) !== JSON.stringify(contentOf(model)), [draft, model, isNew])

  const setDim = (i: number, f: (d: MaturityDimension) => MaturityDimension) =>
    setDraft((c) => ({ ...c, dimensions: c.dimensions.map((d, k) => (k === i ? f(d) : d)) }))

  const addDimension = () => {
    const taken = allIds(draft)
    const id = uniqueId('new dimension', taken)
    const q = { id: uniqueId(`${id}.q1`, taken), text: '', levels: ['', '', '', '', ''] }
    setDraft((c) => ({ ...c, dimensions: [...c.dimensions, { id, name: '', summary: '', questions: [q] }] }))
    setOpen(id)
  }

  const save = async () => {
    setBusy(true)
    setError(null)
    try {
      const m = await api.call('workshop.saveModel', isNew ? { content: draft } : { modelId: model.id, baseVersion: model.version, content: draft })
      onSaved(m, isNew ? `Saved “${m.name}”.` : `Saved as version ${m.version}. Workshops already held keep the version they used.`)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const questionCount = draft.dimensions.reduce((n, d) => n + d.questions.length, 0)
  return (
    <form
      className="model-editor stack"
      data-testid="model-editor"
      onSubmit={(e) => {
        e.preventDefault()
        if (!readOnly && dirty) void save()
      }}
    >
      <div className="row spread-row">
        <label className="field grow">
          <span>Model name</span>
          <input value={draft.name} readOnly={readOnly} onChange={(e) => setDraft((c) => ({ ...c, name: e.target.value }))} />
        </label>
        {summary && summary.versions.length > 1 && (
          <label className="field">
            <span>Version</span>
            <select
              value={model.version}
              onChange={(e) => {
                const v = Number(e.target.value)
                onVersion(v === summary.version ? undefined : v)
              }}
            >
              {[...summary.versions].reverse().map((v) => (
                <option key={v} value={v}>
                  {v === summary.version ? `${v} (newest)` : v}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {readOnly && (
        <p className="notice" data-testid="model-readonly">
          Version {model.version} is read-only: workshops held with it show exactly this. Edit the newest version to change the model.
        </p>
      )}
      <p className="muted small">
        {plural(draft.dimensions.length, 'dimension')}, {plural(questionCount, 'question')}, each scored 0–4 with a descriptor per level.
      </p>
      <ol className="model-dims">
        {draft.dimensions.map((d, i) => {
          const expanded = open === d.id
          return (
            <li key={d.id} className={expanded ? 'model-dim open' : 'model-dim'}>
              <div className="row model-dim-head">
                <button
                  type="button"
                  className="link grow model-dim-toggle"
                  aria-expanded={expanded}
                  onClick={() => setOpen(expanded ? null : d.id)}
                >
                  <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {d.name || 'Untitled dimension'}{' '}
                  <span className="muted small">({plural(d.questions.length, 'question')})</span>
                </button>
                {!readOnly && (
                  <>
                    <button type="button" className="icon-button" aria-label={`Move ${d.name || 'dimension'} up`} disabled={i === 0} onClick={() => setDraft((c) => ({ ...c, dimensions: move(c.dimensions, i, -1) }))}>
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Move ${d.name || 'dimension'} down`}
                      disabled={i === draft.dimensions.length - 1}
                      onClick={() => setDraft((c) => ({ ...c, dimensions: move(c.dimensions, i, 1) }))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove ${d.name || 'dimension'}`}
                      disabled={draft.dimensions.length === 1}
                      onClick={() => setDraft((c) => ({ ...c, dimensions: c.dimensions.filter((_, k) => k !== i) }))}
                    >
                      ×
                    </button>
                  </>
                )}
              </div>
              {expanded && (
                <div className="stack model-dim-body">
                  <label className="field">
                    <span>Dimension name</span>
                    <input value={d.name} readOnly={readOnly} onChange={(e) => setDim(i, (x) => ({ ...x, name: e.target.value }))} />
                  </label>
                  <label className="field">
                    <span>What it covers</span>
                    <textarea rows={2} value={d.summary} readOnly={readOnly} onChange={(e) => setDim(i, (x) => ({ ...x, summary: e.target.value }))} />
                  </label>
                  {d.questions.map((q, qi) => (
                    <fieldset key={q.id} className="fieldset model-question">
                      <legend>Question {qi + 1}</legend>
                      <div className="row">
                        <input
                          className="grow"
                          aria-label={`Question ${qi + 1} of ${d.name || 'the dimension'}`}
                          placeholder="The question the room scores"
                          value={q.text}
                          readOnly={readOnly}
                          onChange={(e) => setDim(i, (x) => ({ ...x, questions: x.questions.map((y, k) => (k === qi ? { ...y, text: e.target.value } : y)) }))}
                        />
                        {!readOnly && (
                          <button
                            type="button"
                            className="icon-button"
                            aria-label={`Remove question ${qi + 1}`}
                            disabled={d.questions.length === 1}
                            onClick={() => setDim(i, (x) => ({ ...x, questions: x.questions.filter((_, k) => k !== qi) }))}
                          >
                            ×
                          </button>
                        )}
                      </div>
                      <div className="model-levels">
                        {q.levels.map((l, li) => (
                          <label key={li} className="model-level">
                            <span className="model-level-num">
                              {li} <span className="muted small">{LEVEL_LABELS[li]}</span>
                            </span>
                            <textarea
                              rows={2}
                              aria-label={`Question ${qi + 1}, level ${li} (${LEVEL_LABELS[li]})`}
                              value={l}
                              readOnly={readOnly}
                              onChange={(e) =>
                                setDim(i, (x) => ({
                                  ...x,
                                  questions: x.questions.map((y, k) => (k === qi ? { ...y, levels: y.levels.map((z, m) => (m === li ? e.target.value : z)) } : y))
                                }))
                              }
                            />
                          </label>
                        ))}
                      </div>
                    </fieldset>
                  ))}
                  {!readOnly && (
                    <div>
                      <button
                        type="button"
                        disabled={d.questions.length >= MAX_QUESTIONS}
                        onClick={() =>
                          setDraft((c) => {
                            const id = uniqueId(`${d.id}.q${d.questions.length + 1}`, allIds(c))
                            return { ...c, dimensions: c.dimensions.map((x, k) => (k === i ? { ...x, questions: [...x.questions, { id, text: '', levels: ['', '', '', '', ''] }] } : x)) }
                          })
                        }
                      >
                        Add a question
                      </button>
                    </div>
                  )}
                </div>
              )}
            </li>
          )
        })}
      </ol>
      {!readOnly && (
        <div>
          <button type="button" disabled={draft.dimensions.length >= MAX_DIMENSIONS} onClick={addDimension}>
            Add a dimension
          </button>
        </div>
      )}
      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      {!readOnly && (
        <div className="row model-save">
          <button type="submit" className="primary" disabled={!dirty || busy}>
            {isNew ? 'Save the model' : `Save as version ${model.version + 1}`}
          </button>
          {!isNew && (
            <button type="button" disabled={!dirty || busy} onClick={() => setDraft(contentOf(model))}>
              Discard changes
            </button>
          )}
        </div>
      )}
    </form>
  )
}

function move<T>(xs: T[], i: number, by: -1 | 1): T[] {
  const j = i + by
  if (j < 0 || j >= xs.length) return xs
  const out = [...xs]
  ;[out[i], out[j]] = [out[j], out[i]]
  return out
}
