/** One partner: record, activation plan, goals, meetings and actions, opportunities, health, risks and credentials. */
import { useState, type FormEvent } from 'react'
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, PARTNER_TYPES, PARTNER_TYPE_LABELS } from '../../../../shared/domain/partner'
import {
  ACTIVATION_TOPIC_LABELS,
  HEALTH_SCORE_LABELS,
  HEALTH_SIGNALS,
  HEALTH_SIGNAL_LABELS,
  MEETING_KINDS,
  MEETING_KIND_LABELS,
  OPPORTUNITY_STAGES,
  OPPORTUNITY_STAGE_LABELS,
  RISK_KINDS,
  RISK_KIND_LABELS,
  RISK_SEVERITIES,
  TOPIC_STATES,
  TOPIC_STATE_LABELS,
  type ActivationTopic,
  type TopicState
} from '../../../../shared/domain/portfolio'
import type { Channel, Input, PartnerDetail } from '../../../../shared/ipc/contract'
import { WARNING_LABELS } from '../../../../shared/portfolio/metrics'
import { api, errorText } from '../../api'
import type { SectionProps } from '../sections'
import { usePortfolio } from './store'

const TABS = [
  ['record', 'Record'],
  ['plan', 'Activation plan'],
  ['goals', 'Goals'],
  ['meetings', 'Meetings & actions'],
  ['opportunities', 'Opportunities'],
  ['health', 'Health'],
  ['risks', 'Risks & credentials']
] as const
type Tab = (typeof TABS)[number][0]

const today = () => new Date().toISOString().slice(0, 10)
const formData = (e: FormEvent<HTMLFormElement>) => Object.fromEntries(new FormData(e.currentTarget).entries()) as Record<string, string>
const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null)

/** Calls a channel for this partner, reloads the page and the portfolio, and reports errors in the banner. */
function useSave(clientId: string, partnerId: string) {
  const [error, setError] = useState<string | null>(null)
  const save = async <C extends Channel>(channel: C, input: Omit<Input<C>, 'clientId' | 'partnerId'>, form?: HTMLFormElement): Promise<boolean> => {
    try {
      // The partner's ids complete every input; TypeScript cannot see that through the generic.
      await (api.call as (c: Channel, i: unknown) => Promise<unknown>)(channel, { clientId, partnerId, ...input })
      setError(null)
      form?.reset()
      await usePortfolio.getState().reloadDetail()
      return true
    } catch (e) {
      setError(errorText(e))
      return false
    }
  }
  return { error, save }
}

function Field({ label, children }: { label: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  )
}

function RecordTab({ d, save }: { d: PartnerDetail; save: ReturnType<typeof useSave>['save'] }): React.JSX.Element {
  const p = d.partner
  return (
    <div className="panels">
      <form
        className="panel stack"
        aria-label="Partner record"
        onSubmit={(e) => {
          e.preventDefault()
          const f = formData(e)
          void save('partner.update', {
            patch: {
              name: f.name,
              type: f.type as never,
              stage: f.stage as never,
              tier: orNull(f.tier),
              partnerTiersUs: orNull(f.partnerTiersUs),
              signedAt: orNull(f.signedAt),
              firstCommercialAt: orNull(f.firstCommercialAt),
              owner: orNull(f.owner),
              domain: orNull(f.domain),
              notes: orNull(f.notes)
            }
          })
        }}
      >
        <h2>Record</h2>
        <div className="grid2">
          <Field label="Name">
            <input name="name" defaultValue={p.name} required />
          </Field>
          <Field label="Type">
            <select name="type" defaultValue={p.type}>
              {PARTNER_TYPES.map((t) => (
                <option key={t} value={t}>
                  {PARTNER_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Lifecycle stage">
            <select name="stage" defaultValue={p.stage}>
              {LIFECYCLE_STAGES.map((s) => (
                <option key={s} value={s}>
                  {LIFECYCLE_LABELS[s]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Owner">
            <input name="owner" defaultValue={p.owner ?? ''} />
          </Field>
          <Field label="Our tier for them">
            <input name="tier" defaultValue={p.tier ?? ''} />
          </Field>
          <Field label="Their tier for us">
            <input name="partnerTiersUs" defaultValue={p.partnerTiersUs ?? ''} />
          </Field>
          <Field label="Signed">
            <input name="signedAt" type="date" defaultValue={p.signedAt ?? ''} />
          </Field>
          <Field label="First commercial event">
            <input name="firstCommercialAt" type="date" defaultValue={p.firstCommercialAt ?? ''} />
          </Field>
          <Field label="Domain">
            <input name="domain" defaultValue={p.domain ?? ''} />
          </Field>
        </div>
        <Field label="Notes">
          <textarea name="notes" rows={3} defaultValue={p.notes ?? ''} />
        </Field>
        <div className="row end">
          <button type="submit" className="primary">
            Save record
          </button>
        </div>
      </form>
      <div className="panel stack">
        <h2>Contacts</h2>
        <table className="table">
          <tbody>
            {d.contacts.map((c) => (
              <tr key={c.id} className={c.endedAt ? 'ended' : ''}>
                <td>
                  {c.name} {c.isPrimary && !c.endedAt && <span className="badge">Main</span>}
                </td>
                <td>{c.email ?? ''}</td>
                <td className="muted small">
                  {c.startedAt ?? '?'} – {c.endedAt ?? 'now'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            const f = formData(e)
            void save('partner.contact.save', { name: f.name, email: orNull(f.email), isPrimary: f.isPrimary === 'on' }, e.currentTarget)
          }}
        >
          <input name="name" aria-label="Contact name" placeholder="Contact name" required style={{ width: 160 }} />
          <input name="email" aria-label="Contact email" placeholder="Email" style={{ width: 180 }} />
          <label className="check small">
            <input type="checkbox" name="isPrimary" /> Main contact (ends the current one)
          </label>
          <button type="submit">Add contact</button>
        </form>
        <h2>Stage history</h2>
        <ol className="history">
          {d.stageHistory.map((s) => (
            <li key={s.id}>
              {s.at} — {LIFECYCLE_LABELS[s.stage]} {s.note && <span className="muted">({s.note})</span>}
            </li>
          ))}
        </ol>
      </div>
    </div>
  )
}

function PlanTab({ d, save }: { d: PartnerDetail; save: ReturnType<typeof useSave>['save'] }): React.JSX.Element {
  const declined = d.topics.filter((t) => t.state === 'declined').length
  const agreed = d.topics.filter((t) => t.state === 'agreed').length
  return (
    <div className="panel">
      <h2>Activation plan: {agreed} of 10 topics agreed</h2>
      {declined > 0 && (
        <p className="warning warning-inline">
          Not bought in: declined {declined} {declined === 1 ? 'topic' : 'topics'}. A partner unwilling to discuss these is a pen pal, not a partner.
        </p>
      )}
      <table className="table plan">
        <thead>
          <tr>
            <th>Topic</th>
            <th>State</th>
            <th>Date</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {d.topics.map((t) => (
            <tr key={t.topic}>
              <td>{ACTIVATION_TOPIC_LABELS[t.topic]}</td>
              <td>
                <select
                  aria-label={`State of ${ACTIVATION_TOPIC_LABELS[t.topic]}`}
                  value={t.state}
                  className={`topic-${t.state}`}
                  onChange={(e) => void save('partner.topic.set', { topic: t.topic as ActivationTopic, state: e.target.value as TopicState })}
                >
                  {TOPIC_STATES.map((s) => (
                    <option key={s} value={s}>
                      {TOPIC_STATE_LABELS[s]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted small">{t.date ?? ''}</td>
              <td>
                <input
                  aria-label={`Notes on ${ACTIVATION_TOPIC_LABELS[t.topic]}`}
                  defaultValue={t.notes ?? ''}
                  onBlur={(e) => {
                    if ((e.target.value || null) !== t.notes) void save('partner.topic.set', { topic: t.topic, state: t.state, date: t.date, notes: e.target.value || null })
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function GoalsTab({ d, save }: { d: PartnerDetail; save: ReturnType<typeof useSave>['save'] }): React.JSX.Element {
  return (
    <div className="panel stack">
      <h2>Joint goals</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Metric</th>
            <th>Target</th>
            <th>Current</th>
            <th>Due</th>
            <th>Shared with partner</th>
          </tr>
        </thead>
        <tbody>
          {d.goals.map((g) => (
            <tr key={g.id}>
              <td>
                {g.metric} {(g.target === null || g.dueAt === null) && <span className="badge warn">Vague: needs a target and a date</span>}
              </td>
              <td>{g.target === null ? '—' : `${g.target.toLocaleString('en-US')} ${g.unit ?? ''}`}</td>
              <td>{g.currentValue ?? '—'}</td>
              <td>{g.dueAt ?? '—'}</td>
              <td>{g.shared ? 'Yes' : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          const f = formData(e)
          void save(
            'partner.goal.save',
            { metric: f.metric, target: f.target ? Number(f.target) : null, unit: orNull(f.unit), dueAt: orNull(f.dueAt), shared: f.shared === 'on' },
            e.currentTarget
          )
        }}
      >
        <input name="metric" aria-label="Goal metric" placeholder="Metric (e.g. Sourced pipeline)" required style={{ width: 220 }} />
        <input name="target" aria-label="Goal target" type="number" placeholder="Target" style={{ width: 110 }} />
        <input name="unit" aria-label="Goal unit" placeholder="Unit" style={{ width: 90 }} />
        <input name="dueAt" aria-label="Goal due date" type="date" style={{ width: 150 }} />
        <label className="check small">
          <input type="checkbox" name="shared" /> Shared
        </label>
        <button type="submit">Add goal</button>
      </form>
    </div>
  )
}

function MeetingsTab({ d, save }: { d: PartnerDetail; save: ReturnType<typeof useSave>['save'] }): React.JSX.Element {
  const last = d.meetings[0]?.date
  return (
    <div className="panels">
      <div className="panel stack">
        <h2>Meetings</h2>
        <p className="muted small">
          Cadence for this tier: every {d.cadenceDays} days. {last ? `Last met on ${last}.` : 'Never met.'}
        </p>
        <form
          className="row"
          aria-label="Record a meeting"
          onSubmit={(e) => {
            e.preventDefault()
            const f = formData(e)
            void save('partner.meeting.save', { date: f.date, kind: f.kind as never, attendees: orNull(f.attendees), notes: orNull(f.notes) }, e.currentTarget)
          }}
        >
          <input name="date" aria-label="Meeting date" type="date" defaultValue={today()} required style={{ width: 150 }} />
          <select name="kind" aria-label="Meeting kind" style={{ width: 190 }}>
            {MEETING_KINDS.map((k) => (
              <option key={k} value={k}>
                {MEETING_KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <input name="attendees" aria-label="Attendees" placeholder="Attendees" style={{ width: 180 }} />
          <input name="notes" aria-label="Meeting notes" placeholder="Notes" style={{ width: 200 }} />
          <button type="submit">Record meeting</button>
        </form>
        <table className="table">
          <tbody>
            {d.meetings.map((m) => (
              <tr key={m.id}>
                <td>{m.date}</td>
                <td>{MEETING_KIND_LABELS[m.kind]}</td>
                <td>{m.attendees ?? ''}</td>
                <td className="muted">{m.notes ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="panel stack">
        <h2>Action items</h2>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            const f = formData(e)
            void save('partner.action.save', { text: f.text, owner: orNull(f.owner), dueAt: orNull(f.dueAt), meetingId: d.meetings[0]?.id ?? null }, e.currentTarget)
          }}
        >
          <input name="text" aria-label="Action" placeholder="Action" required style={{ width: 200 }} />
          <input name="owner" aria-label="Action owner" placeholder="Owner" style={{ width: 120 }} />
          <input name="dueAt" aria-label="Action due date" type="date" style={{ width: 150 }} />
          <button type="submit">Add action</button>
        </form>
        <ul className="actions">
          {d.actions.map((a) => {
            const overdue = !a.doneAt && a.dueAt !== null && a.dueAt < today()
            return (
              <li key={a.id} className={overdue ? 'overdue' : ''}>
                <label className="check small">
                  <input
                    type="checkbox"
                    checked={!!a.doneAt}
                    onChange={(e) => void save('partner.action.save', { ...a, doneAt: e.target.checked ? today() : null })}
                  />
                  {a.text}
                </label>
                <span className="muted small">
                  {a.owner ?? 'no owner'} · due {a.dueAt ?? '—'} {overdue && <strong className="overdue-tag">overdue</strong>}
                </span>
              </li>
            )
          })}
        </ul>
      </div>
    </div>
  )
}

function OpportunitiesTab({ d, save }: { d: PartnerDetail; save: ReturnType<typeof useSave>['save'] }): React.JSX.Element {
  return (
    <div className="panel stack">
      <h2>Opportunities</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Sourced / influenced</th>
            <th>Amount</th>
            <th>Stage</th>
            <th>Opened</th>
            <th>Closed</th>
          </tr>
        </thead>
        <tbody>
          {d.opportunities.map((o) => (
            <tr key={o.id}>
              <td>{o.name}</td>
              <td>{o.kind === 'sourced' ? 'Sourced' : 'Influenced'}</td>
              <td className="num">
                {o.amount.toLocaleString('en-US')} {o.currency}
              </td>
              <td>{OPPORTUNITY_STAGE_LABELS[o.stage]}</td>
              <td>{o.openedAt}</td>
              <td>{o.closeAt ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          const f = formData(e)
          void save(
            'partner.opportunity.save',
            { name: f.name, kind: f.kind as never, amount: Number(f.amount), currency: f.currency, stage: f.stage as never, openedAt: f.openedAt },
            e.currentTarget
          )
        }}
      >
        <input name="name" aria-label="Opportunity name" placeholder="Opportunity" required style={{ width: 180 }} />
        <select name="kind" aria-label="Sourced or influenced" style={{ width: 130 }}>
          <option value="sourced">Sourced</option>
          <option value="influenced">Influenced</option>
        </select>
        <input name="amount" aria-label="Amount" type="number" min={0} required placeholder="Amount" style={{ width: 110 }} />
        <input name="currency" aria-label="Currency" defaultValue="USD" style={{ width: 70 }} />
        <select name="stage" aria-label="Opportunity stage" style={{ width: 140 }}>
          {OPPORTUNITY_STAGES.map((s) => (
            <option key={s} value={s}>
              {OPPORTUNITY_STAGE_LABELS[s]}
            </option>
          ))}
        </select>
        <input name="openedAt" aria-label="Opened on" type="date" defaultValue={today()} required style={{ width: 150 }} />
        <button type="submit">Add opportunity</button>
      </form>
    </div>
  )
}

function HealthTab({ d, save }: { d: PartnerDetail; save: ReturnType<typeof useSave>['save'] }): React.JSX.Element {
  const [open, setOpen] = useState<string | null>(null)
  const dates = [...new Set(d.healthHistory.map((h) => h.date))].sort().slice(-6)
  return (
    <div className="panels">
      <div className="panel stack" data-testid="health-score">
        <h2>
          Health score <span className={`health-pill ${d.health.band}`}>{d.health.score ?? '—'}</span>
        </h2>
        <p className="muted small">{d.health.explanation}</p>
        {d.health.components.map((c) => (
          <div key={c.key} className="component">
            <button type="button" className="quiet component-head" aria-expanded={open === c.key} onClick={() => setOpen(open === c.key ? null : c.key)}>
              {open === c.key ? '▾' : '▸'} {c.label}: <strong>{c.value === null ? 'no data' : Math.round(c.value)}</strong>{' '}
              <span className="muted">weight {c.weight}</span>
            </button>
            {open === c.key && (
              <ul className="parts">
                {c.parts.map((p) => (
                  <li key={p.label}>
                    {p.label}: <strong>{p.value === null ? '—' : Math.round(p.value)}</strong> <span className="muted">({p.detail})</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
      <form
        className="panel stack"
        aria-label="Health check"
        onSubmit={(e) => {
          e.preventDefault()
          const f = formData(e)
          const scores = HEALTH_SIGNALS.filter((s) => f[s] !== '' && f[s] !== undefined).map((s) => ({ signal: s, score: Number(f[s]), note: orNull(f[`${s}-note`]) }))
          void save('partner.health.record', { date: f.date, scores }, e.currentTarget)
        }}
      >
        <h2>Record a health check</h2>
        <input name="date" aria-label="Health check date" type="date" defaultValue={today()} required style={{ width: 160 }} />
        <table className="table">
          <thead>
            <tr>
              <th>Signal</th>
              <th>Score</th>
              {dates.map((x) => (
                <th key={x} className="small">
                  {x.slice(5)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {HEALTH_SIGNALS.map((s) => (
              <tr key={s}>
                <td>{HEALTH_SIGNAL_LABELS[s]}</td>
                <td>
                  <select name={s} aria-label={HEALTH_SIGNAL_LABELS[s]} defaultValue="" style={{ width: 110 }}>
                    <option value="">Skip</option>
                    {HEALTH_SCORE_LABELS.map((l, i) => (
                      <option key={l} value={i}>
                        {i} {l}
                      </option>
                    ))}
                  </select>
                </td>
                {dates.map((x) => {
                  const h = d.healthHistory.find((y) => y.signal === s && y.date === x)
                  return (
                    <td key={x} className={`trend s${h?.score ?? 'x'}`} title={h?.note ?? ''}>
                      {h ? h.score : ''}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row end">
          <button type="submit" className="primary">
            Save health check
          </button>
        </div>
      </form>
    </div>
  )
}

function RisksTab({ d, save }: { d: PartnerDetail; save: ReturnType<typeof useSave>['save'] }): React.JSX.Element {
  return (
    <div className="panels">
      <div className="panel stack">
        <h2>Risks</h2>
        <table className="table">
          <tbody>
            {d.risks.map((r) => (
              <tr key={r.id}>
                <td>{RISK_KIND_LABELS[r.kind]}</td>
                <td>
                  <span className={`sev ${r.severity}`}>{r.severity}</span>
                </td>
                <td>{r.status}</td>
                <td className="muted">{r.mitigation ?? r.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            const f = formData(e)
            void save('partner.risk.save', { kind: f.kind as never, severity: f.severity as never, raisedAt: today(), mitigation: orNull(f.mitigation) }, e.currentTarget)
          }}
        >
          <select name="kind" aria-label="Risk kind" style={{ width: 190 }}>
            {RISK_KINDS.map((k) => (
              <option key={k} value={k}>
                {RISK_KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <select name="severity" aria-label="Severity" style={{ width: 110 }}>
            {RISK_SEVERITIES.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <input name="mitigation" aria-label="Mitigation" placeholder="Mitigation" style={{ width: 200 }} />
          <button type="submit">Add risk</button>
        </form>
      </div>
      <div className="panel stack">
        <h2>Integration credentials</h2>
        <p className="muted small">What exists, its scope and when it rotates — never the secret itself.</p>
        <table className="table">
          <tbody>
            {d.credentials.map((c) => (
              <tr key={c.id} className={c.rotationDue && c.rotationDue < today() ? 'overdue' : ''}>
                <td>{c.name}</td>
                <td className="muted">{c.scope ?? ''}</td>
                <td>rotate by {c.rotationDue ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            const f = formData(e)
            void save('partner.credential.save', { name: f.name, scope: orNull(f.scope), rotationDue: orNull(f.rotationDue) }, e.currentTarget)
          }}
        >
          <input name="name" aria-label="Credential name" placeholder="Name (e.g. API client)" required style={{ width: 180 }} />
          <input name="scope" aria-label="Scope" placeholder="Scope" style={{ width: 140 }} />
          <input name="rotationDue" aria-label="Rotation due" type="date" style={{ width: 150 }} />
          <button type="submit">Add credential</button>
        </form>
      </div>
    </div>
  )
}

export function PartnerPage({ client }: SectionProps): React.JSX.Element {
  const { detail, partnerId, openPartner } = usePortfolio()
  const [tab, setTab] = useState<Tab>('record')
  const { error, save } = useSave(client.id, partnerId!)
  if (!detail || detail.partner.id !== partnerId) return <p className="muted">Opening partner…</p>
  const d = detail
  const props = { d, save }
  return (
    <div className="partner-page" data-testid="partner-page">
      <div className="row partner-head">
        <button type="button" onClick={() => void openPartner(null)}>
          ← All partners
        </button>
        <h2 className="partner-title">{d.partner.name}</h2>
        <span className="muted">
          {PARTNER_TYPE_LABELS[d.partner.type]} · {LIFECYCLE_LABELS[d.partner.stage]}
          {d.partner.tier ? ` · ${d.partner.tier}` : ''}
        </span>
        <span className={`health-pill ${d.health.band}`} title={d.health.explanation}>
          {d.health.score ?? '—'}
        </span>
      </div>
      {d.warnings.length > 0 && (
        <ul className="partner-warnings" data-testid="partner-warnings">
          {d.warnings.map((w) => (
            <li key={w.kind} className={`warning ${w.severity}`}>
              <strong>{WARNING_LABELS[w.kind]}:</strong> {w.message} <span className="next">Next step: {w.nextStep}</span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      <div className="tabs" role="tablist" aria-label="Partner">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'tab active' : 'tab'} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" key={`${d.partner.id}-${d.partner.updatedAt}`}>
        {tab === 'record' && <RecordTab {...props} />}
        {tab === 'plan' && <PlanTab {...props} />}
        {tab === 'goals' && <GoalsTab {...props} />}
        {tab === 'meetings' && <MeetingsTab {...props} />}
        {tab === 'opportunities' && <OpportunitiesTab {...props} />}
        {tab === 'health' && <HealthTab {...props} />}
        {tab === 'risks' && <RisksTab {...props} />}
      </div>
    </div>
  )
}
