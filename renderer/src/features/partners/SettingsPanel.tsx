/**
 * This client's portfolio rules: how the health score is weighted, how often each tier should be met, and after
 * how many days a signed partner without a first commercial event counts as a paper partner.
 */
import { useState } from 'react'
import { FALLBACK_CADENCE_DAYS, type HealthWeights, type PortfolioSettings } from '../../../../shared/domain/portfolio'
import type { PortfolioRow } from '../../../../shared/ipc/contract'
import { api, errorText } from '../../api'
import { usePortfolio } from './store'

const WEIGHTS: { key: keyof HealthWeights; label: string; madeOf: string }[] = [
  { key: 'commercial', label: 'Commercial', madeOf: 'first commercial event reached, live pipeline in the last 180 days' },
  { key: 'engagement', label: 'Engagement', madeOf: 'meetings at the tier’s cadence, activation topics agreed, actions done on time' },
  { key: 'relationship', label: 'Relationship', madeOf: 'the ten relationship-health signals from the latest health check' }
]

interface TierRow {
  tier: string
  days: string
}

export function SettingsPanel({
  clientId,
  settings,
  rows,
  onClose
}: {
  clientId: string
  settings: PortfolioSettings
  rows: PortfolioRow[]
  onClose(): void
}): React.JSX.Element {
  const used = new Map<string, number>()
  for (const r of rows) if (r.tier) used.set(r.tier, (used.get(r.tier) ?? 0) + 1)
  const noTier = rows.filter((r) => !r.tier).length
  const [windowDays, setWindowDays] = useState(String(settings.paperWindowDays))
  const [weights, setWeights] = useState<Record<keyof HealthWeights, string>>({
    commercial: String(settings.healthWeights.commercial),
    engagement: String(settings.healthWeights.engagement),
    relationship: String(settings.healthWeights.relationship)
  })
  // Tiers with a cadence, then tiers partners use that have none yet (they fall back until one is set).
  const [tiers, setTiers] = useState<TierRow[]>([
    ...Object.entries(settings.cadenceDays).map(([tier, days]) => ({ tier, days: String(days) })),
    ...[...used.keys()].filter((t) => !(t in settings.cadenceDays)).sort().map((tier) => ({ tier, days: '' }))
  ])
  const [newTier, setNewTier] = useState('')
  const [currency, setCurrency] = useState(settings.currency)
  const [saved, setSaved] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const nums = Object.fromEntries(WEIGHTS.map((w) => [w.key, Number(weights[w.key]) || 0])) as Record<keyof HealthWeights, number>
  const total = nums.commercial + nums.engagement + nums.relationship
  const share = (k: keyof HealthWeights) => (total > 0 ? `${Math.round((nums[k] / total) * 100)} %` : '—')
  const edited = () => setSaved(false)

  const save = async () => {
    setBusy(true)
    setError(null)
    try {
      const cadenceDays: Record<string, number> = {}
      for (const t of tiers) if (t.tier.trim() && t.days.trim()) cadenceDays[t.tier.trim()] = Number(t.days)
      await api.call('portfolio.settings.update', {
        clientId,
        patch: { paperWindowDays: Number(windowDays), healthWeights: nums, cadenceDays, currency: currency.trim().toUpperCase() }
      })
      await usePortfolio.getState().refresh()
      setSaved(true)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel stack settings-panel" aria-label="Portfolio settings" data-testid="portfolio-settings">
      <div className="row import-head">
        <h2>Portfolio settings for this client</h2>
        <span className="toolbar-spacer" />
        <button type="button" onClick={onClose}>
          ← Back to partners
        </button>
      </div>
      <p className="muted small">These rules drive the warnings, health scores and summary figures of this client only.</p>

      <div className="settings-grid">
        <fieldset className="fieldset stack">
          <legend>Paper partners</legend>
          <label className="field">
            <span>A signed partner is a paper partner after</span>
            <span className="row">
              <input
                type="number"
                aria-label="Paper-partner window in days"
                min={7}
                max={730}
                value={windowDays}
                onChange={(e) => {
                  setWindowDays(e.target.value)
                  edited()
                }}
                style={{ width: 100 }}
              />{' '}
              days without a first commercial event
            </span>
          </label>
          <p className="muted small">
            The same window counts for the activation rate. The seeds suggest 90 days: a partner that has produced nothing three months after signing needs a
            define-the-relationship talk.
          </p>
        </fieldset>

        <fieldset className="fieldset stack">
          <legend>Health score weights</legend>
          <table className="table weights">
            <thead>
              <tr>
                <th>Part of the score</th>
                <th>Weight</th>
                <th>Share</th>
              </tr>
            </thead>
            <tbody>
              {WEIGHTS.map((w) => (
                <tr key={w.key}>
                  <td>
                    <strong>{w.label}</strong>
                    <div className="muted small">{w.madeOf}</div>
                  </td>
                  <td>
                    <input
                      type="number"
                      aria-label={`${w.label} weight`}
                      min={0}
                      max={100}
                      value={weights[w.key]}
                      onChange={(e) => {
                        setWeights({ ...weights, [w.key]: e.target.value })
                        edited()
                      }}
                      style={{ width: 80 }}
                    />
                  </td>
                  <td className="num" data-testid={`share-${w.key}`}>
                    {share(w.key)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">Green from 70, amber from 40, red below. A part with no data yet is left out and the others share its weight.</p>
        </fieldset>

        <fieldset className="fieldset stack">
          <legend>Meeting cadence by tier</legend>
          <table className="table cadence" aria-label="Meeting cadence by tier">
            <thead>
              <tr>
                <th>Tier</th>
                <th>Meet every</th>
                <th>Partners</th>
                <th>
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tiers.map((t, i) => (
                <tr key={t.tier}>
                  <td>{t.tier}</td>
                  <td>
                    <input
                      type="number"
                      aria-label={`Meeting cadence for ${t.tier} in days`}
                      min={1}
                      max={365}
                      placeholder={String(FALLBACK_CADENCE_DAYS)}
                      value={t.days}
                      onChange={(e) => {
                        setTiers(tiers.map((x, j) => (j === i ? { ...x, days: e.target.value } : x)))
                        edited()
                      }}
                      style={{ width: 80 }}
                    />{' '}
                    days
                  </td>
                  <td className="num">{used.get(t.tier) ?? 0}</td>
                  <td>
                    {!used.has(t.tier) && (
                      <button
                        type="button"
                        className="quiet small-button"
                        aria-label={`Remove tier ${t.tier}`}
                        onClick={() => {
                          setTiers(tiers.filter((_, j) => j !== i))
                          edited()
                        }}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              <tr className="muted">
                <td>Other tiers and no tier</td>
                <td>{FALLBACK_CADENCE_DAYS} days</td>
                <td className="num">{noTier}</td>
                <td />
              </tr>
            </tbody>
          </table>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault()
              const name = newTier.trim()
              if (!name || tiers.some((t) => t.tier.toLowerCase() === name.toLowerCase())) return
              setTiers([...tiers, { tier: name, days: '30' }])
              setNewTier('')
              edited()
            }}
          >
            <input aria-label="New tier name" placeholder="Tier name (e.g. Strategic)" value={newTier} onChange={(e) => setNewTier(e.target.value)} style={{ width: 200 }} />
            <button type="submit" disabled={!newTier.trim()}>
              Add tier
            </button>
          </form>
          <p className="muted small">A partner not met within its tier’s cadence gets a “no recent meeting” warning.</p>
        </fieldset>

        <fieldset className="fieldset stack">
          <legend>Reporting currency</legend>
          <label className="field">
            <span>Pipeline figures are reported in</span>
            <input
              aria-label="Reporting currency"
              value={currency}
              maxLength={3}
              onChange={(e) => {
                setCurrency(e.target.value)
                edited()
              }}
              style={{ width: 80 }}
            />
          </label>
          <p className="muted small">Deals in other currencies are listed apart, never converted.</p>
        </fieldset>
      </div>

      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      <div className="row end">
        {saved && (
          <span className="saved-note" role="status">
            Saved. Warnings and health scores now follow these rules.
          </span>
        )}
        <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
          Save settings
        </button>
      </div>
    </section>
  )
}
