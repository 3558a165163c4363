/**
 * A client against its peers: percentile bars per metric with the definition beside each, a radar of this client's
 * maturity against the cohort median, and a cohort picker. Only anonymous distributions are shown; a figure with
 * fewer than five other clients says "not enough peers".
 */
import { useEffect } from 'react'
import {
  COHORT_KEYS,
  COHORT_LABELS,
  COHORT_VALUES,
  MIN_PEERS,
  PARTNER_MODEL_DEFINITION,
  cohortValueLabel,
  formatValue,
  type BenchmarkFigure,
  type Cohort,
  type CohortKey
} from '../../../../shared/benchmark/metrics'
import { Radar } from '../workshop/Radar'
import type { SectionProps } from '../sections'
import { RunStatus } from './RunStatus'
import { cancelRun, useBenchmark } from './store'
import './benchmark.css'

/** "1st", "2nd", "3rd", "11th", "43rd" percentile. */
function ordinal(n: number): string {
  const r = Math.round(n)
  const teen = r % 100 >= 11 && r % 100 <= 13
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][r % 10] ?? 'th')
  return `${r}${suffix}`
}

function CohortPicker({ cohort, attributes, onChange }: { cohort: Cohort; attributes: Record<CohortKey, string | null> | null; onChange(c: Cohort): void }) {
  const set = (k: CohortKey, v: string) => {
    const next: Record<string, string> = { ...cohort }
    if (v === '') delete next[k]
    else next[k] = v
    onChange(next as Cohort)
  }
  return (
    <fieldset className="fieldset cohort-picker" data-testid="cohort-picker">
      <legend>Compare with</legend>
      <div className="cohort-fields">
        {COHORT_KEYS.map((k) => (
          <label key={k} className="field">
            <span className="small muted">{COHORT_LABELS[k]}</span>
            <select value={cohort[k] ?? ''} onChange={(e) => set(k, e.target.value)} aria-label={COHORT_LABELS[k]}>
              <option value="">Any</option>
              {COHORT_VALUES[k].map((v) => (
                <option key={v} value={v}>
                  {cohortValueLabel(k, v)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {attributes && (
        <p className="small cohort-note" data-testid="own-attributes">
          This client:{' '}
          {COHORT_KEYS.map((k) => (attributes[k] ? cohortValueLabel(k, attributes[k]!) : `${COHORT_LABELS[k].toLowerCase()} not set`)).join(' · ')}
        </p>
      )}
      <p className="small muted cohort-note">{PARTNER_MODEL_DEFINITION}</p>
      <div className="row cohort-actions">
        <button type="button" className="link" onClick={() => onChange({})}>
          All clients
        </button>
        {attributes && COHORT_KEYS.some((k) => attributes[k]) && (
          <button
            type="button"
            className="link"
            onClick={() => onChange(Object.fromEntries(COHORT_KEYS.filter((k) => attributes[k]).map((k) => [k, attributes[k]!])) as Cohort)}
          >
            Clients like this one
          </button>
        )}
      </div>
    </fieldset>
  )
}

/** Percentile space: the interquartile band (25–75), the median at 50, and where this client sits. */
function PercentileBar({ f }: { f: BenchmarkFigure }) {
  if (f.suppressed)
    return (
      <div className="pbar-suppressed" data-testid="not-enough-peers">
        Not enough peers: {f.peers === 1 ? '1 other client has' : `${f.peers} other clients have`} this figure, at least {MIN_PEERS} are needed
      </div>
    )
  const better = f.better === 'higher' ? 'higher is better' : f.better === 'lower' ? 'lower is better' : null
  return (
    <div className="pbar-wrap">
      <div
        className="pbar"
        role="img"
        aria-label={f.percentile === null ? 'This client has no value' : `This client is at the ${ordinal(f.percentile)} percentile of ${f.peers} peers`}
      >
        <span className="pbar-iqr" />
        <span className="pbar-median" />
        {f.percentile !== null && <span className={`pbar-you${f.better ? ` better-${f.better}` : ''}`} style={{ left: `${f.percentile}%` }} />}
      </div>
      <div className="pbar-scale small muted">
        <span>P25 {formatValue(f.unit, f.p25)}</span>
        <span>median {formatValue(f.unit, f.median)}</span>
        <span>P75 {formatValue(f.unit, f.p75)}</span>
      </div>
      <div className="small muted">
        {f.percentile === null ? 'No value for this client' : `${ordinal(f.percentile)} percentile`} · {f.peers} peers{better ? ` · ${better}` : ''}
      </div>
    </div>
  )
}

function FigureRow({ f, showDefinition }: { f: BenchmarkFigure; showDefinition: boolean }) {
  return (
    <li className="figure" data-testid={`figure-${f.key}`}>
      <div className="figure-head">
        <span className="figure-label">{f.label}</span>
        <span className="figure-value" data-testid="figure-value">
          {formatValue(f.unit, f.value)}
        </span>
      </div>
      <PercentileBar f={f} />
      {showDefinition && <p className="figure-definition small muted">{f.definition}</p>}
    </li>
  )
}

function MaturityRadar({ figures }: { figures: BenchmarkFigure[] }) {
  const dims = figures.filter((f) => f.key.startsWith('maturity:'))
  const shown = dims.filter((f) => !f.suppressed)
  if (dims.length === 0) return <p className="muted">No assessment with agreed scores yet: run a maturity workshop to compare.</p>
  if (shown.length < 3)
    return <p className="muted">Not enough peers with the same dimensions assessed to draw the radar ({shown.length} of {dims.length} dimensions can be compared).</p>
  return (
    <>
      <div className="radar-legend small muted" aria-hidden="true">
        <span>
          <span className="swatch swatch-client" />
          This client
        </span>
        <span>
          <span className="swatch swatch-median" />
          Cohort median
        </span>
      </div>
      <Radar
        title="This client's maturity against the cohort median"
        labels={shown.map((f) => f.label.replace(/^Maturity: /, ''))}
        series={[
          { name: 'Cohort median', values: shown.map((f) => f.median), className: 'series-median' },
          { name: 'This client', values: shown.map((f) => f.value), className: 'series-client' }
        ]}
        size={320}
      />
    </>
  )
}

export function BenchmarkSection({ client }: SectionProps): React.JSX.Element {
  const { result, loading, progress, error, cohort, load, setCohort } = useBenchmark()

  useEffect(() => {
    void load(client.id)
  }, [client.id, load])

  const data = result && result.clientId === client.id ? result : null
  const groups = data ? [...new Set(data.figures.map((f) => f.group))] : []
  return (
    <div className="benchmark" data-testid="benchmark">
      <div className="benchmark-top">
        <CohortPicker cohort={cohort} attributes={data?.attributes ?? null} onChange={(c) => void setCohort(c)} />
        <div className="panel cohort-summary" aria-live="polite">
          {data ? (
            <>
              <div className="stat-value" data-testid="cohort-size">
                {data.cohort.size}
              </div>
              <div className="stat-label">
                clients in “{data.cohort.label}”, this one included
              </div>
              <p className="small muted">
                Figures compare {client.name} with the other clients of the cohort. Only distributions are shown: no
                other client’s name or figures. Each needs at least {MIN_PEERS} other clients.
                {data.skippedFiles > 0 && ` ${data.skippedFiles} client file${data.skippedFiles === 1 ? ' was' : 's were'} left out (see the cockpit).`}
                {data.run.notice && ` ${data.run.notice}`}
              </p>
            </>
          ) : (
            <p className="muted">Comparing…</p>
          )}
        </div>
      </div>
      <RunStatus loading={loading} progress={progress} onCancel={() => void cancelRun()} />
      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      {data?.ownSkip && (
        <p className="error-note" role="alert">
          This client’s file could not be read for benchmarking: {data.ownSkip.message}
        </p>
      )}
      {data && !data.ownSkip && (
        <div className="benchmark-body">
          <div className="panel radar-panel">
            <h2>Maturity against the cohort median</h2>
            <MaturityRadar figures={data.figures} />
          </div>
          <div className="figures">
            {groups.map((g) => {
              const fs = data.figures.filter((f) => f.group === g)
              // Metrics that share one definition (the maturity dimensions, stage days, milestone kinds) state it once.
              const shared = new Set(fs.map((f) => f.definition)).size === 1 && fs.length > 1
              return (
                <section key={g} className="panel figure-group" aria-label={g}>
                  <h2>{g}</h2>
                  {shared && <p className="figure-definition small muted">{fs[0].definition}</p>}
                  <ul className="figure-list">
                    {fs.map((f) => (
                      <FigureRow key={f.key} f={f} showDefinition={!shared} />
                    ))}
                  </ul>
                </section>
              )
            })}
          </div>
        </div>
      )}
    </div>
  )
}
