/** Realistic fictional clients and partners, reproducible from a seed (for demos, tests and benchmarks). */
import { LIFECYCLE_STAGES, PARTNER_TYPES, type LifecycleStage } from '../../../shared/domain/partner'
import { ACTIVATION_TOPICS, HEALTH_SIGNALS, MEETING_KINDS, RISK_KINDS, RISK_SEVERITIES } from '../../../shared/domain/portfolio'
import { COMPANY_STAGES, REGIONS, SALES_MOTIONS, type ArrBand, type CompanyStage, type Segment } from '../../../shared/domain/segment'
import type { Sqlite } from '../db/clientFile'
import type { ClientService } from './clients'
import type { Session } from './session'
import { seedJourneyDemo } from './journey/demo'
import { seedWorkshopDemo } from './workshopDemo'

/** mulberry32: small, fast, good enough for fake data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CLIENT_FIRST = ['Northwind', 'Bluefin', 'Copperleaf', 'Lumen', 'Harbor', 'Quarry', 'Tidewater', 'Alder', 'Brightline', 'Cobalt', 'Driftwood', 'Evergreen', 'Foxglove', 'Granite', 'Helix', 'Ironbark', 'Juniper', 'Kestrel', 'Larkspur', 'Meridian', 'Nimbus', 'Orchard', 'Pinecrest', 'Quill', 'Redwood', 'Saltmarsh', 'Thistle', 'Upland', 'Vantage', 'Willow']
const CLIENT_SECOND = ['Analytics', 'Health', 'Logistics', 'Security', 'Payments', 'Robotics', 'Cloud', 'Labs', 'Software', 'Data', 'Commerce', 'Learning', 'Energy', 'Systems', 'HR']
const PARTNER_FIRST = ['Acme', 'Apex', 'Atlas', 'Beacon', 'Cascade', 'Crescent', 'Delta', 'Ember', 'Falcon', 'Frontier', 'Glacier', 'Horizon', 'Summit', 'Keystone', 'Lighthouse', 'Mosaic', 'Nova', 'Oakridge', 'Pioneer', 'Prism', 'Radiant', 'Sierra', 'Sterling', 'Trident', 'Unity', 'Vertex', 'Westbrook', 'Zenith']
const PARTNER_SECOND = ['Consulting', 'Partners', 'Integrations', 'Digital', 'Group', 'Solutions', 'Advisory', 'Networks', 'Resellers', 'Marketplace', 'Studio', 'Managed Services', 'Technologies']
const OWNERS = ['Dana Whitfield', 'Marco Ruiz', 'Priya Natarajan', 'Tom Becker', 'Aiko Tanaka', 'Sam Okafor']
const TIERS = ['Registered', 'Silver', 'Gold', 'Platinum']

// Revenue that fits the company's stage (a startup over $100M ARR reads as a bug in a demo). One draw either way,
// so every other sample value stays what the seed always gave.
const PLAUSIBLE_ARR: Record<CompanyStage, readonly ArrBand[]> = {
  startup: ['lt1m', '1to5m'],
  scaleup: ['1to5m', '5to20m'],
  growth: ['5to20m', '20to100m'],
  enterprise: ['20to100m', 'gt100m']
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]
}

export class DemoService {
  constructor(
    private readonly session: Session,
    private readonly clients: ClientService
  ) {}

  seed(clientCount: number, partnerCount: number, seed: number, onProgress?: (done: number) => void): { created: number } {
    const r = rng(seed)
    let created = 0
    const today = Date.now()
    for (let i = 0; i < clientCount; i++) {
      let name = `${pick(r, CLIENT_FIRST)} ${pick(r, CLIENT_SECOND)}`
      for (let n = 2; this.session.index.findByName(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`
      const companyStage = pick(r, COMPANY_STAGES)
      const segment: Segment = {
        companyStage,
        arrBand: pick(r, PLAUSIBLE_ARR[companyStage]),
        salesMotion: pick(r, SALES_MOTIONS),
        region: pick(r, REGIONS)
      }
      const client = this.clients.create(name, segment)
      const db = this.session.client(client.id)
      db.sqlite.transaction(() => {
        seedPortfolio(db.sqlite, r, partnerCount, today)
        seedJourneyDemo(db, rng(seed * 7919 + i + 1))
        seedWorkshopDemo(db, rng(seed * 104_729 + i + 1))
      })()
      created++
      onProgress?.(created)
    }
    return { created }
  }
}

const CONTACT_FIRST = ['Alex', 'Jordan', 'Morgan', 'Riley', 'Casey', 'Jamie', 'Taylor', 'Avery', 'Quinn', 'Rowan', 'Elena', 'Kofi', 'Mei', 'Lars', 'Ines']
const CONTACT_LAST = ['Novak', 'Schmidt', 'Okoro', 'Lindqvist', 'Moreau', 'Ito', 'Kowalski', 'Brennan', 'Silva', 'Haddad', 'Park', 'Fischer']
const GOAL_METRICS = [
  ['Sourced pipeline', 'USD'],
  ['Joint customers live', 'customers'],
  ['Certified consultants', 'people'],
  ['Registered deals', 'deals'],
  ['Marketplace listings live', 'listings']
] as const
const VAGUE_GOALS = ['Grow the relationship', 'More joint marketing', 'Increase awareness']
const DEAL_WORDS = ['Expansion', 'Rollout', 'Migration', 'Pilot', 'Renewal', 'Platform', 'Analytics', 'Security']
const STAGE_PATH: LifecycleStage[] = ['prospect', 'qualifying', 'signed', 'activating', 'producing']
const DAY = 86_400_000

/** Ids only need to be unique within one file; a counter is far cheaper than randomUUID at benchmark scale. */
function ids(prefix: string) {
  let n = 0
  const salt = Math.floor(Math.random() * 2 ** 32).toString(36)
  return () => `${prefix}${salt}${(n++).toString(36)}`
}

/**
 * One client's portfolio: partners at every lifecycle stage with the records that make the warnings and the
 * health score tell a story (paper partners, rotating contacts, vague goals, overdue actions, SIs with no deals).
 * Raw prepared statements inside the caller's transaction: the benchmark seeds 200 clients × 500 partners.
 */
export function seedPortfolio(db: Sqlite, r: () => number, partnerCount: number, now = Date.now()): void {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10)
  const stamp = new Date(now).toISOString()
  const nextId = ids('d')
  const ins = {
    partner: db.prepare(
      'INSERT INTO partners (id, name, type, tier, stage, signed_at, first_commercial_at, owner, notes, created_at, updated_at, partner_tiers_us, domain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)'
    ),
    history: db.prepare('INSERT INTO partner_stage_history (id, partner_id, stage, at, note) VALUES (?, ?, ?, ?, NULL)'),
    contact: db.prepare('INSERT INTO partner_contacts (id, partner_id, name, email, role, is_primary, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    topic: db.prepare('INSERT INTO activation_topics (partner_id, topic, state, date, notes) VALUES (?, ?, ?, ?, NULL)'),
    goal: db.prepare('INSERT INTO joint_goals (id, partner_id, metric, target, unit, due_at, current_value, shared) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    meeting: db.prepare('INSERT INTO meetings (id, partner_id, date, kind, attendees, notes) VALUES (?, ?, ?, ?, ?, NULL)'),
    action: db.prepare('INSERT INTO action_items (id, partner_id, meeting_id, text, owner, due_at, done_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    opp: db.prepare('INSERT INTO opportunities (id, partner_id, name, kind, amount, currency, stage, opened_at, close_at, external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)'),
    health: db.prepare('INSERT INTO health_scores (id, partner_id, signal, score, date, note) VALUES (?, ?, ?, ?, ?, NULL)'),
    risk: db.prepare('INSERT INTO risks (id, partner_id, kind, severity, status, description, mitigation, raised_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)'),
    credential: db.prepare('INSERT INTO integration_credentials (id, partner_id, name, scope, rotation_due, owner) VALUES (?, ?, ?, ?, ?, ?)')
  }
  const names = new Set<string>()
  for (let j = 0; j < partnerCount; j++) {
    const id = nextId()
    const stage: LifecycleStage = pick(r, LIFECYCLE_STAGES)
    const type = pick(r, PARTNER_TYPES)
    const tier = pick(r, TIERS)
    const signed = ['signed', 'activating', 'producing', 'dormant', 'exited'].includes(stage)
    // Producing partners signed long enough ago to have produced something.
    const signedT = signed ? now - Math.floor((stage === 'producing' ? 90 : 10) + r() * 640) * DAY : null
    // Producing partners reached a first commercial event; a few activating ones too.
    const firstT =
      signedT && (stage === 'producing' || (stage === 'activating' && r() < 0.3))
        ? Math.min(now - DAY, signedT + Math.floor(20 + r() * 160) * DAY)
        : null
    const first = pick(r, PARTNER_FIRST)
    let name = `${first} ${pick(r, PARTNER_SECOND)}`
    if (names.has(name)) name = `${name} ${j}`
    names.add(name)
    const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`
    ins.partner.run(id, name, type, tier, stage, signedT ? day(signedT) : null, firstT ? day(firstT) : null, pick(r, OWNERS), stamp, stamp, r() < 0.5 ? pick(r, ['Registered', 'Select', 'Premier']) : null, domain)

    // Stage history: walk the usual path up to the current stage, dated around the signed date.
    const created = (signedT ?? now - Math.floor(r() * 200) * DAY) - Math.floor(30 + r() * 90) * DAY
    const pathEnd = stage === 'dormant' || stage === 'exited' ? 4 : STAGE_PATH.indexOf(stage)
    for (let k = 0; k <= pathEnd; k++) {
      const at = k < 2 ? created + k * 20 * DAY : k === 2 ? (signedT ?? now) : Math.min(now, (signedT ?? now) + (k - 2) * 60 * DAY)
      ins.history.run(nextId(), id, STAGE_PATH[k], day(at))
    }
    if (stage === 'dormant' || stage === 'exited') ins.history.run(nextId(), id, stage, day(now - Math.floor(r() * 120) * DAY))

    // Contacts: one current main contact; about one partner in eight rotated it twice this year.
    const rotations = r() < 0.12 ? 2 + Math.floor(r() * 2) : r() < 0.3 ? 1 : 0
    let start = created
    for (let k = 0; k <= rotations; k++) {
      const end = k < rotations ? Math.min(now - DAY, now - (rotations - k) * Math.floor(40 + r() * 60) * DAY) : null
      const person = `${pick(r, CONTACT_FIRST)} ${pick(r, CONTACT_LAST)}`
      ins.contact.run(nextId(), id, person, `${person.toLowerCase().replace(' ', '.')}@${domain}`, 'Partner manager', 1, day(start), end ? day(end) : null)
      if (end) start = end
    }
    if (!signedT) continue

    // Activation plan: more agreed the further along; some partners decline topics (pen pals).
    const progress = stage === 'producing' ? 0.85 : stage === 'activating' ? 0.5 : stage === 'signed' ? 0.15 : 0.3
    const penPal = stage === 'dormant' || r() < 0.08
    for (const topic of ACTIVATION_TOPICS) {
      const x = r()
      const state = penPal && x < 0.15 ? 'declined' : x < progress ? 'agreed' : x < progress + 0.25 ? 'discussed' : null
      if (state) ins.topic.run(id, topic, state, day(Math.min(now, signedT + Math.floor(r() * 60) * DAY)))
    }
    const active = stage === 'signed' || stage === 'activating' || stage === 'producing'
    if (active) {
      const goals = Math.floor(r() * 3)
      for (let k = 0; k < goals; k++) {
        if (r() < 0.3) ins.goal.run(nextId(), id, pick(r, VAGUE_GOALS), null, null, null, null, 0)
        else {
          const [metric, unit] = pick(r, GOAL_METRICS)
          const target = unit === 'USD' ? Math.round(50 + r() * 450) * 1000 : Math.ceil(2 + r() * 20)
          ins.goal.run(nextId(), id, metric, target, unit, day(now + Math.floor(-60 + r() * 240) * DAY), Math.round(target * r()), r() < 0.6 ? 1 : 0)
        }
      }
    }
    // Meetings: "biggest first" — SIs get a lot of meetings whether or not they bring deals.
    const meetingCount = !active ? Math.floor(r() * 2) : Math.floor(r() * (type === 'si' ? 8 : 5))
    let lastMeeting: string | null = null
    for (let k = 0; k < meetingCount; k++) {
      const t = now - Math.floor(r() * Math.min(365, (now - signedT) / DAY)) * DAY
      const mid = nextId()
      ins.meeting.run(mid, id, day(t), pick(r, MEETING_KINDS), `${pick(r, OWNERS)}, ${pick(r, CONTACT_FIRST)}`)
      lastMeeting = mid
      if (r() < 0.6) {
        const due = t + Math.floor(7 + r() * 30) * DAY
        const done = r() < 0.65 && due < now ? day(due - Math.floor(r() * 5) * DAY) : null
        ins.action.run(nextId(), id, lastMeeting, pick(r, ['Send the joint value proposition', 'Book enablement session', 'Share target account list', 'Draft co-marketing plan', 'Review the integration roadmap']), pick(r, OWNERS), day(due), done)
      }
    }
    // Opportunities: producing partners source deals; others sometimes influence them; SIs rarely bring any.
    const oppCount = stage === 'producing' ? 1 + Math.floor(r() * 5) : stage === 'activating' && firstT ? 1 + Math.floor(r() * 2) : r() < (type === 'si' ? 0.05 : 0.2) ? 1 : 0
    for (let k = 0; k < oppCount; k++) {
      const opened = firstT && k === 0 ? firstT : Math.max(signedT, now - Math.floor(r() * 365) * DAY)
      const sourced = (firstT && k === 0) || r() < 0.45
      const dealStage = pick(r, ['qualification', 'discovery', 'proposal', 'negotiation', 'won', 'won', 'lost'] as const)
      ins.opp.run(nextId(), id, `${first} — ${pick(r, DEAL_WORDS)}`, sourced || !firstT ? (sourced ? 'sourced' : 'influenced') : 'influenced', Math.round(5 + r() * 195) * 1000, r() < 0.9 ? 'USD' : 'EUR', dealStage, day(opened), dealStage === 'won' || dealStage === 'lost' ? day(Math.min(now, opened + Math.floor(30 + r() * 90) * DAY)) : null)
    }
    // Health checks for about half the signed partners.
    if (r() < 0.5) {
      const base = stage === 'producing' ? 1.4 : stage === 'activating' ? 1 : 0.6
      const when = day(now - Math.floor(r() * 90) * DAY)
      for (const signal of HEALTH_SIGNALS) ins.health.run(nextId(), id, signal, Math.max(0, Math.min(2, Math.round(base + (r() - 0.5) * 1.6))), when)
    }
    if (r() < 0.12) ins.risk.run(nextId(), id, pick(r, RISK_KINDS), pick(r, RISK_SEVERITIES), pick(r, ['open', 'mitigating', 'closed']), 'Raised at the last check-in', day(now - Math.floor(r() * 120) * DAY))
    if (type === 'technology' && r() < 0.5)
      ins.credential.run(nextId(), id, `${first} API client`, pick(r, ['read:contacts', 'read:deals write:deals', 'webhooks']), day(now + Math.floor(-30 + r() * 300) * DAY), pick(r, OWNERS))
  }
}
