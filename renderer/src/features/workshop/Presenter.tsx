/**
 * The projector page (`#presenter=<clientId>.<assessmentId>`): large type, only what the room may see — the
 * question, the reveal, the radar as it fills. It follows the facilitator through `workshop.changed` events, whose
 * payload the backend has already reduced to the room's view (no notes, no hidden votes, no other client).
 */
import { useEffect, useState } from 'react'
import type { PresenterState } from '../../../../shared/ipc/contract'
import { api, errorText } from '../../api'
import { Radar } from './Radar'
import './workshop.css'

export function PresenterPage({ clientId, assessmentId }: { clientId: string; assessmentId: string }): React.JSX.Element {
  const [view, setView] = useState<PresenterState | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    document.title = 'Trellis — workshop'
    let latest = -1
    const apply = (p: PresenterState) => {
      // Events and the first load can cross; never step back to an older revision.
      if (p.revision < latest) return
      latest = p.revision
      setView(p)
      setError(null)
    }
    const off = api.on('workshop.changed', (e) => {
      if (e.clientId === clientId && e.assessmentId === assessmentId) apply(e.presenter)
    })
    api.call('workshop.presenter', { clientId, assessmentId }).then(apply, (e) => setError(errorText(e)))
    return off
  }, [clientId, assessmentId])

  if (error)
    return (
      <div className="presenter presenter-wait" data-testid="presenter">
        <p>{/locked/i.test(error) ? 'Unlock Trellis on the facilitator’s screen to show the workshop here.' : error}</p>
      </div>
    )
  if (!view)
    return (
      <div className="presenter presenter-wait" data-testid="presenter" aria-busy="true">
        <p>Connecting…</p>
      </div>
    )

  const c = view.current
  return (
    <div className="presenter" data-testid="presenter" data-revision={view.revision}>
      <header className="presenter-head">
        <span>{view.title}</span>
        {c && (
          <span>
            {c.dimensionName} · {c.index} / {c.total}
          </span>
        )}
      </header>
      <div className="presenter-body">
        <main className="presenter-main">
          {c ? (
            <>
              <h1 className="presenter-question" data-testid="presenter-question">
                {c.text}
              </h1>
              <ol className="presenter-levels" start={0}>
                {c.levels.map((l) => {
                  const count = c.reveal?.stats.distribution[l.value] ?? 0
                  const agreed = c.reveal?.consensus === l.value
                  return (
                    <li key={l.value} className={`presenter-level${agreed ? ' agreed' : ''}`}>
                      <span className="presenter-num">{l.value}</span>
                      <span className="presenter-desc">
                        <strong>{l.label}</strong> {l.descriptor}
                      </span>
                      {c.reveal && (
                        <span className="presenter-count" data-testid={`presenter-count-${l.value}`}>
                          {count > 0 ? '●'.repeat(count) : ''}
                        </span>
                      )}
                    </li>
                  )
                })}
              </ol>
              <div className="presenter-status" data-testid="presenter-status">
                {c.reveal ? (
                  <>
                    <span>Spread {c.reveal.stats.spread ?? '—'}</span>
                    {c.reveal.stats.skips > 0 && <span>{c.reveal.stats.skips} skipped</span>}
                    {c.reveal.stats.disagreement && <span className="flag">We disagree — let’s talk about it</span>}
                    {c.reveal.consensus !== null && (
                      <span className="presenter-agreed" data-testid="presenter-consensus">
                        Agreed: {c.reveal.consensus}
                        {c.reveal.rationale ? ` — ${c.reveal.rationale}` : ''}
                      </span>
                    )}
                  </>
                ) : (
                  <span data-testid="presenter-voted">
                    {c.votedCount} of {c.expectedCount} have voted
                  </span>
                )}
              </div>
            </>
          ) : (
            <h1 className="presenter-question">{view.title}</h1>
          )}
        </main>
        <aside className="presenter-radar">
          <Radar
            large
            title="Agreed maturity by dimension"
            labels={view.radar.map((d) => d.name)}
            series={[{ name: 'Agreed', values: view.radar.map((d) => d.score), className: 'series-now' }]}
          />
          <p className="presenter-overall">Overall {view.overall === null ? '—' : view.overall.toFixed(1)} / 4</p>
        </aside>
      </div>
    </div>
  )
}
