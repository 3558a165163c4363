import { useEffect } from 'react'
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, PARTNER_TYPE_LABELS } from '../../../../shared/domain/partner'
import { segmentText } from '../../components/SegmentFields'
import { useNav } from '../../state/nav'
import { useOverview } from '../../state/overview'
import { count } from '../../format'
import { sections, type SectionProps } from '../sections'

export function OverviewSection({ client }: SectionProps): React.JSX.Element {
  const { overview, loading, error, load } = useOverview()

  useEffect(() => {
    void load(client.id)
  }, [client.id, load])

  // Render only data that belongs to this client, even for the instant before a reload lands.
  const data = overview && overview.client.id === client.id ? overview : null
  if (error)
    return (
      <p className="error-note" role="alert">
        {error}
      </p>
    )
  if (!data) return <p className="muted" aria-busy={loading}>Opening {client.name}…</p>

  const hasPartnersSection = sections.some((s) => s.id === 'partners')
  if (data.partnerCount === 0)
    return (
      <div className="empty-state inset" data-testid="overview-empty">
        <h2>No partners yet</h2>
        <p>
          Start by listing the partners {client.name} works with or is talking to: their type, lifecycle stage and when
          they signed. Trellis then shows who is activating, who is producing and who has signed but sold nothing yet.
        </p>
        {hasPartnersSection && (
          <button type="button" className="primary" onClick={() => useNav.getState().openSection('partners')}>
            Add partners
          </button>
        )}
        {!segmentText(client.segment) && <p className="muted small">Tip: set the segment (stage, ARR, sales motion, region) so this client can be compared with others.</p>}
      </div>
    )

  const max = Math.max(1, ...LIFECYCLE_STAGES.map((s) => data.partnersByStage[s]))
  const active = data.partnersByStage.activating + data.partnersByStage.producing
  return (
    <div className="overview" data-testid="overview">
      <div className="stats">
        <div className="stat">
          <span className="stat-value" data-testid="partner-count">{count(data.partnerCount)}</span>
          <span className="stat-label">Partners</span>
        </div>
        <div className="stat">
          <span className="stat-value">{count(data.partnersByStage.signed)}</span>
          <span className="stat-label">Signed, not yet activating</span>
        </div>
        <div className="stat">
          <span className="stat-value">{count(active)}</span>
          <span className="stat-label">Activating or producing</span>
        </div>
        <div className="stat">
          <span className="stat-value">{count(data.partnersByStage.producing)}</span>
          <span className="stat-label">Producing</span>
        </div>
      </div>

      <div className="panels">
        <div className="panel">
          <h2>Partners by lifecycle stage</h2>
          <ul className="bars">
            {LIFECYCLE_STAGES.map((s) => (
              <li key={s}>
                <span className="bar-label">{LIFECYCLE_LABELS[s]}</span>
                <span className="bar-track">
                  <span className="bar-fill" style={{ width: `${(data.partnersByStage[s] / max) * 100}%` }} />
                </span>
                <span className="bar-value">{count(data.partnersByStage[s])}</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="panel">
          <h2>Recently changed partners</h2>
          <table className="table" data-testid="recent-partners">
            <thead>
              <tr>
                <th>Partner</th>
                <th>Type</th>
                <th>Stage</th>
                <th>Signed</th>
              </tr>
            </thead>
            <tbody>
              {data.recentPartners.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{PARTNER_TYPE_LABELS[p.type]}</td>
                  <td>{LIFECYCLE_LABELS[p.stage]}</td>
                  <td>{p.signedAt ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  )
}
