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
  RISK_STATUSES,
  TOPIC_STATES,
  TOPIC_STATE_LABELS,
  type ActivationTopic,
  type TopicState
} from '../../../../shared/domain/portfolio'
import type { ActionItem, Channel, Contact, Credential, Goal, HealthEntry, Input, Meeting, Opportunity, PartnerDetail, Risk } from '../../../../shared/ipc/contract'
import { WARNING_LABELS } from '../../../../shared/portfolio/metrics'
import { api, errorText } from '../../api'
import type { SectionProps } from '../sections'
import { ItemTable, numOrNull, Options, orNull, type FieldSpec } from './ItemEditor'
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
  const remove = (kind: Input<'partner.item.delete'>['kind'], id: string) => save('partner.item.delete', { kind, id })
  return { error, save, remove }
}
type Save = ReturnType<typeof useSave>
type TabProps = { d: PartnerDetail; save: Save['save']; remove: Save['remove'] }

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string> | ((k: K) => string)) =>
  keys.map((k) => [k, typeof labels === 'function' ? labels(k) : labels[k]] as const)
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const on = (b: boolean) => (b ? 'on' : '')
const SCORE_OPTIONS = HEALTH_SCORE_LABELS.map((l, i) => [String(i), `${i} ${l}`] as const)
const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v))

function Field({ label, children }: { label: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  )
}

function RecordTab({ d, save, remove }: TabProps): React.JSX.Element {
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
              <Options list={opts(PARTNER_TYPES, PARTNER_TYPE_LABELS)} />
            </select>
          </Field>
          <Field label="Lifecycle stage">
            <select name="stage" defaultValue={p.stage}>
              <Options list={opts(LIFECYCLE_STAGES, LIFECYCLE_LABELS)} />
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
        <Contacts d={d} save={save} remove={remove} />
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

function PlanTab({ d, save }: TabProps): React.JSX.Element {
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
                  <Options list={opts(TOPIC_STATES, TOPIC_STATE_LABELS)} />
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

function HealthTab({ d, save, remove, historyOpen, onHistory }: TabProps & { historyOpen: boolean; onHistory(open: boolean): void }): React.JSX.Element {
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
        <HealthHistory d={d} save={save} remove={remove} open={historyOpen} onToggle={onHistory} />
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
                <th key={x} className="small trend-date" title={x}>
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
                    <Options list={[['', 'Skip'], ...SCORE_OPTIONS]} />
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

// ------------------------------------------------------------------ the lists: one field list per kind of entry

const CONTACT_FIELDS: FieldSpec[] = [
  { name: 'name', label: 'Contact name', required: true, width: 160 },
  { name: 'email', label: 'Contact email', width: 180 },
  { name: 'role', label: 'Role', width: 130 },
  { name: 'startedAt', label: 'Contact since', kind: 'date', editOnly: true },
  { name: 'endedAt', label: 'Contact until', kind: 'date', editOnly: true },
  { name: 'isPrimary', label: 'Main contact (ends the current one)', kind: 'check' }
]

function Contacts({ d, save, remove }: TabProps): React.JSX.Element {
  return (
    <ItemTable<Contact>
      items={d.contacts}
      noun="contact"
      title={(c) => c.name}
      cells={(c) => [
        <>
          {c.name} {c.isPrimary && !c.endedAt && <span className="badge">Main</span>}
          {c.role && <div className="muted small">{c.role}</div>}
        </>,
        c.email ?? '',
        <span className="muted small">
          {c.startedAt ?? '?'} – {c.endedAt ?? 'now'}
        </span>
      ]}
      rowClass={(c) => (c.endedAt ? 'ended' : '')}
      fields={CONTACT_FIELDS}
      toForm={(c) => ({ name: c.name, email: str(c.email), role: str(c.role), startedAt: str(c.startedAt), endedAt: str(c.endedAt), isPrimary: on(c.isPrimary) })}
      onSave={(v, id) =>
        save('partner.contact.save', {
          id,
          name: v.name,
          email: orNull(v.email),
          role: orNull(v.role),
          isPrimary: v.isPrimary === 'on',
          ...(id ? { startedAt: orNull(v.startedAt), endedAt: orNull(v.endedAt) } : {})
        })
      }
      onDelete={(c) => remove('contact', c.id)}
      addLabel="Add contact"
    />
  )
}

const GOAL_FIELDS: FieldSpec[] = [
  { name: 'metric', label: 'Goal metric', required: true, width: 220 },
  { name: 'target', label: 'Goal target', kind: 'number', width: 110 },
  { name: 'unit', label: 'Goal unit', width: 90 },
  { name: 'currentValue', label: 'Current value', kind: 'number', editOnly: true },
  { name: 'dueAt', label: 'Goal due date', kind: 'date', width: 150 },
  { name: 'shared', label: 'Shared with the partner', kind: 'check' }
]

function GoalsTab({ d, save, remove }: TabProps): React.JSX.Element {
  return (
    <div className="panel stack">
      <h2>Joint goals</h2>
      <ItemTable<Goal>
        items={d.goals}
        noun="goal"
        title={(g) => g.metric}
        headers={['Metric', 'Target', 'Current', 'Due', 'Shared with partner']}
        cells={(g) => [
          <>
            {g.metric} {(g.target === null || g.dueAt === null) && <span className="badge warn">Vague: needs a target and a date</span>}
          </>,
          g.target === null ? '—' : `${g.target.toLocaleString('en-US')} ${g.unit ?? ''}`,
          g.currentValue ?? '—',
          g.dueAt ?? '—',
          g.shared ? 'Yes' : 'No'
        ]}
        fields={GOAL_FIELDS}
        toForm={(g) => ({ metric: g.metric, target: str(g.target), unit: str(g.unit), currentValue: str(g.currentValue), dueAt: str(g.dueAt), shared: on(g.shared) })}
        onSave={(v, id) =>
          save('partner.goal.save', {
            id,
            metric: v.metric,
            target: numOrNull(v.target),
            unit: orNull(v.unit),
            dueAt: orNull(v.dueAt),
            shared: v.shared === 'on',
            ...(id ? { currentValue: numOrNull(v.currentValue) } : {})
          })
        }
        onDelete={(g) => remove('goal', g.id)}
        addLabel="Add goal"
        empty="No joint goals yet. A goal with a target and a date is one both sides can check."
      />
    </div>
  )
}

const MEETING_FIELDS: FieldSpec[] = [
  { name: 'date', label: 'Meeting date', kind: 'date', required: true, width: 150, defaultValue: today() },
  { name: 'kind', label: 'Meeting kind', kind: 'select', options: opts(MEETING_KINDS, MEETING_KIND_LABELS), width: 190 },
  { name: 'attendees', label: 'Attendees', width: 180 },
  { name: 'notes', label: 'Meeting notes', width: 200 }
]
const ACTION_FIELDS: FieldSpec[] = [
  { name: 'text', label: 'Action', required: true, width: 200 },
  { name: 'owner', label: 'Action owner', width: 120 },
  { name: 'dueAt', label: 'Action due date', kind: 'date', width: 150 },
  { name: 'doneAt', label: 'Done on', kind: 'date', editOnly: true }
]

function MeetingsTab({ d, save, remove }: TabProps): React.JSX.Element {
  const last = d.meetings[0]?.date
  const now = today()
  return (
    <div className="stack">
      <div className="panel stack">
        <h2>Meetings</h2>
        <p className="muted small">
          Cadence for this tier: every {d.cadenceDays} days. {last ? `Last met on ${last}.` : 'Never met.'}
        </p>
        <ItemTable<Meeting>
          items={d.meetings}
          noun="meeting"
          title={(m) => `${m.date} ${MEETING_KIND_LABELS[m.kind]}`}
          cells={(m) => [m.date, MEETING_KIND_LABELS[m.kind], m.attendees ?? '', <span className="muted">{m.notes ?? ''}</span>]}
          fields={MEETING_FIELDS}
          toForm={(m) => ({ date: m.date, kind: m.kind, attendees: str(m.attendees), notes: str(m.notes) })}
          onSave={(v, id) => save('partner.meeting.save', { id, date: v.date, kind: v.kind as Meeting['kind'], attendees: orNull(v.attendees), notes: orNull(v.notes) })}
          onDelete={(m) => remove('meeting', m.id)}
          addLabel="Record meeting"
        />
      </div>
      <div className="panel stack">
        <h2>Action items</h2>
        <ItemTable<ActionItem>
          items={d.actions}
          noun="action"
          title={(a) => a.text}
          cells={(a) => {
            const overdue = !a.doneAt && a.dueAt !== null && a.dueAt < now
            return [
              <label className="check small action-done">
                <input
                  type="checkbox"
                  aria-label={`Done: ${a.text}`}
                  checked={!!a.doneAt}
                  onChange={(e) => void save('partner.action.save', { ...a, doneAt: e.target.checked ? now : null })}
                />
                <span className={a.doneAt ? 'done-text' : ''}>{a.text}</span>
              </label>,
              <span className="muted small">
                {a.owner ?? 'no owner'} · due {a.dueAt ?? '—'} {overdue && <strong className="overdue-tag">overdue</strong>}
              </span>
            ]
          }}
          rowClass={(a) => (!a.doneAt && a.dueAt !== null && a.dueAt < now ? 'overdue-row' : '')}
          fields={ACTION_FIELDS}
          toForm={(a) => ({ text: a.text, owner: str(a.owner), dueAt: str(a.dueAt), doneAt: str(a.doneAt) })}
          onSave={(v, id) => {
            const before = d.actions.find((a) => a.id === id)
            return save('partner.action.save', {
              id,
              text: v.text,
              owner: orNull(v.owner),
              dueAt: orNull(v.dueAt),
              // A new action belongs to the latest meeting; an edited one keeps its meeting.
              meetingId: before ? before.meetingId : (d.meetings[0]?.id ?? null),
              ...(id ? { doneAt: orNull(v.doneAt) } : {})
            })
          }}
          onDelete={(a) => remove('action', a.id)}
          addLabel="Add action"
          empty="No action items."
        />
      </div>
    </div>
  )
}

const OPPORTUNITY_FIELDS: FieldSpec[] = [
  { name: 'name', label: 'Opportunity name', required: true, width: 180 },
  { name: 'kind', label: 'Sourced or influenced', kind: 'select', options: [['sourced', 'Sourced'], ['influenced', 'Influenced']], width: 130 },
  { name: 'amount', label: 'Amount', kind: 'number', required: true, width: 110 },
  { name: 'currency', label: 'Currency', width: 70, defaultValue: 'USD' },
  { name: 'stage', label: 'Opportunity stage', kind: 'select', options: opts(OPPORTUNITY_STAGES, OPPORTUNITY_STAGE_LABELS), width: 140 },
  { name: 'openedAt', label: 'Opened on', kind: 'date', required: true, width: 150, defaultValue: today() },
  { name: 'closeAt', label: 'Closed on', kind: 'date', editOnly: true },
  { name: 'externalId', label: 'CRM id', editOnly: true }
]

function OpportunitiesTab({ d, save, remove }: TabProps): React.JSX.Element {
  return (
    <div className="panel stack">
      <h2>Opportunities</h2>
      <ItemTable<Opportunity>
        items={d.opportunities}
        noun="opportunity"
        title={(o) => o.name}
        headers={['Name', 'Sourced / influenced', 'Amount', 'Stage', 'Opened', 'Closed']}
        cells={(o) => [
          o.name,
          o.kind === 'sourced' ? 'Sourced' : 'Influenced',
          <span className="num">
            {o.amount.toLocaleString('en-US')} {o.currency}
          </span>,
          OPPORTUNITY_STAGE_LABELS[o.stage],
          o.openedAt,
          o.closeAt ?? '—'
        ]}
        fields={OPPORTUNITY_FIELDS}
        toForm={(o) => ({ name: o.name, kind: o.kind, amount: String(o.amount), currency: o.currency, stage: o.stage, openedAt: o.openedAt, closeAt: str(o.closeAt), externalId: str(o.externalId) })}
        onSave={(v, id) =>
          save('partner.opportunity.save', {
            id,
            name: v.name,
            kind: v.kind as Opportunity['kind'],
            amount: Number(v.amount),
            currency: v.currency,
            stage: v.stage as Opportunity['stage'],
            openedAt: v.openedAt,
            ...(id ? { closeAt: orNull(v.closeAt), externalId: orNull(v.externalId) } : {})
          })
        }
        onDelete={(o) => remove('opportunity', o.id)}
        addLabel="Add opportunity"
        empty="No opportunities yet. The first sourced one is this partner's first commercial event."
      />
    </div>
  )
}

const RISK_FIELDS: FieldSpec[] = [
  { name: 'kind', label: 'Risk kind', kind: 'select', options: opts(RISK_KINDS, RISK_KIND_LABELS), width: 190 },
  { name: 'severity', label: 'Severity', kind: 'select', options: opts(RISK_SEVERITIES, cap), width: 110, defaultValue: 'medium' },
  { name: 'status', label: 'Status', kind: 'select', options: opts(RISK_STATUSES, cap), editOnly: true },
  { name: 'raisedAt', label: 'Raised on', kind: 'date', editOnly: true },
  { name: 'description', label: 'What happened', kind: 'textarea', editOnly: true },
  { name: 'mitigation', label: 'Mitigation', width: 200 }
]
const CREDENTIAL_FIELDS: FieldSpec[] = [
  { name: 'name', label: 'Credential name', required: true, width: 180 },
  { name: 'scope', label: 'Scope', width: 140 },
  { name: 'owner', label: 'Credential owner', editOnly: true },
  { name: 'rotationDue', label: 'Rotation due', kind: 'date', width: 150 }
]

function RisksTab({ d, save, remove }: TabProps): React.JSX.Element {
  const now = today()
  return (
    <div className="stack">
      <div className="panel stack">
        <h2>Risks</h2>
        <ItemTable<Risk>
          items={d.risks}
          noun="risk"
          title={(r) => RISK_KIND_LABELS[r.kind]}
          cells={(r) => [
            RISK_KIND_LABELS[r.kind],
            <span className={`sev ${r.severity}`}>{cap(r.severity)}</span>,
            cap(r.status),
            <span className="muted">{r.mitigation ?? r.description ?? ''}</span>
          ]}
          rowClass={(r) => (r.status === 'closed' ? 'ended' : '')}
          fields={RISK_FIELDS}
          toForm={(r) => ({ kind: r.kind, severity: r.severity, status: r.status, raisedAt: r.raisedAt, description: str(r.description), mitigation: str(r.mitigation) })}
          onSave={(v, id) =>
            save('partner.risk.save', {
              id,
              kind: v.kind as Risk['kind'],
              severity: v.severity as Risk['severity'],
              mitigation: orNull(v.mitigation),
              ...(id
                ? { status: v.status as Risk['status'], raisedAt: v.raisedAt, description: orNull(v.description) }
                : { raisedAt: now })
            })
          }
          onDelete={(r) => remove('risk', r.id)}
          addLabel="Add risk"
          empty="No risks recorded."
        />
      </div>
      <div className="panel stack">
        <h2>Integration credentials</h2>
        <p className="muted small">What exists, its scope and when it rotates — never the secret itself.</p>
        <ItemTable<Credential>
          items={d.credentials}
          noun="credential"
          title={(c) => c.name}
          cells={(c) => [c.name, <span className="muted">{c.scope ?? ''}</span>, `rotate by ${c.rotationDue ?? '—'}`]}
          rowClass={(c) => (c.rotationDue && c.rotationDue < now ? 'overdue' : '')}
          fields={CREDENTIAL_FIELDS}
          toForm={(c) => ({ name: c.name, scope: str(c.scope), owner: str(c.owner), rotationDue: str(c.rotationDue) })}
          onSave={(v, id) =>
            save('partner.credential.save', { id, name: v.name, scope: orNull(v.scope), rotationDue: orNull(v.rotationDue), ...(id ? { owner: orNull(v.owner) } : {}) })
          }
          onDelete={(c) => remove('credential', c.id)}
          addLabel="Add credential"
          empty="No integration credentials recorded."
        />
      </div>
    </div>
  )
}

const HEALTH_FIELDS: FieldSpec[] = [
  { name: 'score', label: 'Score', kind: 'select', options: SCORE_OPTIONS },
  { name: 'date', label: 'Date', kind: 'date', required: true },
  { name: 'note', label: 'Note', kind: 'textarea' }
]

/** Every recorded signal score, newest first, to correct or remove one. */
function HealthHistory({ d, save, remove, open, onToggle }: TabProps & { open: boolean; onToggle(open: boolean): void }): React.JSX.Element {
  return (
    // Open state lives above the tab, which re-mounts after every save.
    <details className="health-history" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>All recorded scores ({d.healthHistory.length})</summary>
      <ItemTable<HealthEntry>
        items={d.healthHistory}
        noun="score"
        title={(h) => `${HEALTH_SIGNAL_LABELS[h.signal]} ${h.date}`}
        cells={(h) => [h.date, HEALTH_SIGNAL_LABELS[h.signal], `${h.score} ${HEALTH_SCORE_LABELS[h.score]}`, <span className="muted">{h.note ?? ''}</span>]}
        fields={HEALTH_FIELDS}
        toForm={(h) => ({ score: String(h.score), date: h.date, note: str(h.note) })}
        onSave={(v, id) => save('partner.health.save', { id: id!, score: Number(v.score), date: v.date, note: orNull(v.note) })}
        onDelete={(h) => remove('health', h.id)}
        empty="No health checks recorded yet."
      />
    </details>
  )
}

export function PartnerPage({ client }: SectionProps): React.JSX.Element {
  const { detail, partnerId, openPartner } = usePortfolio()
  const [tab, setTab] = useState<Tab>('record')
  const [historyOpen, setHistoryOpen] = useState(false)
  const { error, save, remove } = useSave(client.id, partnerId!)
  if (!detail || detail.partner.id !== partnerId) return <p className="muted">Opening partner…</p>
  const d = detail
  const props = { d, save, remove }
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
        {tab === 'health' && <HealthTab {...props} historyOpen={historyOpen} onHistory={setHistoryOpen} />}
        {tab === 'risks' && <RisksTab {...props} />}
      </div>
    </div>
  )
}
