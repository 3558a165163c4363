/**
 * Sample journeys and hypotheses for demo clients: each client is somewhere along its journey, with finished
 * stages (one sometimes completed anyway, with its reason), work in progress, a late milestone or two, and a
 * register of hypotheses at every state. Reproducible from the random source it is given.
 */
import { randomUUID } from 'node:crypto'
import { DEFAULT_JOURNEY, DECISION_STATUS, type Decision, type EvidenceStrength, type HypothesisCategory } from '../../../../shared/domain/journey'
import { addDays, todayIso } from '../../../../shared/domain/journeyRules'
import type { ClientDb } from '../../db/clientFile'
import { instantiate } from './journey'

const BELIEFS: [string, HypothesisCategory, string, string][] = [
  ['MSPs will resell our product as part of their managed bundle', 'partner_type', 'pitch the bundle to ten MSPs', 'three sign a reseller agreement within 60 days'],
  ['Referral partners close deals within 60 days of introduction', 'economics', 'track every referral from intro to close', 'the median referral closes in under 60 days'],
  ['Our ideal partner serves mid-market finance teams', 'partner_fit', 'score 40 prospects against the profile', 'partners above the threshold produce twice the pipeline'],
  ['Partners value our API more than a margin', 'value_proposition', 'interview eight technology partners', 'six of eight rank the integration above margin'],
  ['A marketplace listing brings qualified demand', 'go_to_market', 'list on one marketplace for a quarter', 'ten qualified leads arrive from the listing'],
  ['Sales will share deals with partners if they keep quota credit', 'internal', 'run a two-month pilot with one sales team', 'the pilot team registers five joint deals'],
  ['A two-day onboarding gets partners to their first deal', 'enablement', 'onboard the next five partners with the new course', 'four of five register a deal within 45 days'],
  ['Customers want an implementation partner, not just software', 'customer', 'ask twenty recent customers', 'more than half say they needed outside help'],
  ['Global SIs will not engage before we have ten referenceable customers', 'partner_type', 'approach two regional SIs instead', 'a regional SI co-sells one deal this quarter'],
  ['Partner-sourced deals close at a higher win rate', 'economics', 'compare win rates in the CRM', 'partner-sourced win rate is five points higher'],
  ['The executive sponsor will fund a partner manager hire', 'internal', 'present the business case at the quarterly review', 'the hire is approved in the next budget'],
  ['Agencies refer steadily once they have one success', 'partner_type', 'follow the first five agencies for two quarters', 'three refer again within 90 days of their first deal'],
  ['A 20% referral fee is enough to motivate partners', 'economics', 'offer 20% to the next ten referral partners', 'at least four make a referral in the first quarter'],
  ['Joint webinars generate pipeline for both sides', 'go_to_market', 'run three joint webinars', 'each produces two qualified opportunities'],
  ['Partners need a deal-registration portal before they commit', 'enablement', 'ask partners during activation planning', 'most name deal registration among their top three needs']
]
const SOURCES = ['Call with partner', 'Quarterly review', 'CRM report', 'Partner survey', 'Workshop notes', 'Sales team feedback']
const OBSERVATIONS = [
  'Two of the first three partners asked for exactly this',
  'The pilot produced fewer deals than hoped',
  'The CRM shows the opposite of what we expected',
  'Feedback was positive but nobody committed',
  'One partner closed a deal in six weeks',
  'Sales leaders pushed back in the pipeline review'
]
const REASONS = [
  'The board moved the launch forward; the remaining criteria move into the next stage.',
  'The partner profile is good enough to start; we will refine it with real data.'
]

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]
}

/** Fills one client file's journey and hypothesis register. Call inside a transaction. */
export function seedJourneyDemo(db: ClientDb, r: () => number): void {
  const s = db.sqlite
  const today = todayIso()
  // 0 = still in Foundations … 3 = scaling.
  const progress = Math.floor(r() * 4)
  const startedOn = addDays(today, -([20, 120, 230, 330][progress] + Math.floor(r() * 30)))
  const stageIds = instantiate(db, DEFAULT_JOURNEY, startedOn, null)
  const now = new Date().toISOString()
  // Each stage reached so far takes an equal share of the time since the journey began: the first starts on that
  // day, each later one the day the one before it was completed (never all on the day the sample is made).
  const span = Math.max(0, Math.round((Date.parse(today) - Date.parse(startedOn)) / 86_400_000))
  const stageDay = (position: number) => `${addDays(startedOn, Math.floor((span * position) / (progress + 1)))}T09:00:00.000Z`
  const stages = s.prepare('SELECT id, key, position FROM journey_stages ORDER BY position').all() as { id: string; key: string; position: number }[]
  for (const st of stages) {
    if (st.position > progress) continue
    const done = st.position < progress
    const criteria = s.prepare('SELECT id FROM journey_criteria WHERE stage_id = ? ORDER BY position').all(st.id) as { id: string }[]
    const anyway = done && r() < 0.3
    const startedAt = stageDay(st.position)
    const completedAt = done ? stageDay(st.position + 1) : null
    criteria.forEach((c, i) => {
      const met = done ? !(anyway && i === criteria.length - 1) : r() < 0.4
      if (met)
        s.prepare('UPDATE journey_criteria SET met = 1, evidence = ?, met_at = ? WHERE id = ?').run(pick(r, ['Signed-off document', 'Workshop notes', 'CRM report', 'Email from the sponsor']), completedAt ?? now, c.id)
    })
    s.prepare(`UPDATE journey_stages SET gate = ?, started_at = ?, completed_at = ?, completion_reason = ? WHERE id = ?`).run(
      done ? 'completed' : 'active',
      startedAt,
      completedAt,
      anyway ? pick(r, REASONS) : null,
      st.id
    )
    s.prepare('INSERT INTO journey_gate_events (id, stage_id, event, at, unmet_count, reason) VALUES (?, ?, ?, ?, ?, ?)').run(randomUUID(), st.id, 'started', startedAt, 0, null)
    if (done)
      s.prepare('INSERT INTO journey_gate_events (id, stage_id, event, at, unmet_count, reason) VALUES (?, ?, ?, ?, ?, ?)').run(
        randomUUID(),
        st.id,
        'completed',
        completedAt,
        anyway ? 1 : 0,
        anyway ? (s.prepare('SELECT completion_reason AS r FROM journey_stages WHERE id = ?').get(st.id) as { r: string }).r : null
      )
  }
  // Milestones: finished work has actual dates (some late), current work is in progress or overdue.
  const ms = s.prepare('SELECT m.id, m.planned_start, m.planned_end, st.position FROM milestones m JOIN journey_stages st ON st.id = m.stage_id').all() as {
    id: string
    planned_start: string
    planned_end: string
    position: number
  }[]
  for (const m of ms) {
    if (m.planned_end < today) {
      if (r() < 0.85) {
        const late = Math.floor(r() * 25) - 5
        s.prepare(`UPDATE milestones SET status = 'done', actual_start = ?, actual_end = ? WHERE id = ?`).run(m.planned_start, addDays(m.planned_end, late), m.id)
      } else s.prepare(`UPDATE milestones SET status = 'in_progress', actual_start = ? WHERE id = ?`).run(m.planned_start, m.id)
    } else if (m.planned_start <= today) s.prepare(`UPDATE milestones SET status = ?, actual_start = ? WHERE id = ?`).run(r() < 0.15 ? 'blocked' : 'in_progress', m.planned_start, m.id)
  }
  // Hypotheses.
  const count = 6 + Math.floor(r() * 8)
  const used = new Set<number>()
  const stageKeys = [...stageIds.keys()]
  for (let i = 0; i < count; i++) {
    let k = Math.floor(r() * BELIEFS.length)
    while (used.has(k)) k = (k + 1) % BELIEFS.length
    used.add(k)
    const [belief, category, verify, rightIf] = BELIEFS[k]
    const id = randomUUID()
    const roll = r()
    const decision: Decision | null = roll < 0.35 ? pick(r, ['persevere', 'pivot', 'kill', 'keep_testing'] as const) : null
    const evidenceN = decision ? 1 + Math.floor(r() * 3) : roll < 0.6 ? Math.floor(r() * 2) : 0
    const strength: EvidenceStrength = evidenceN === 0 ? (r() < 0.5 ? 'none' : 'anecdotal') : evidenceN === 1 ? pick(r, ['anecdotal', 'weak'] as const) : pick(r, ['weak', 'strong'] as const)
    const status = decision ? DECISION_STATUS[decision] : evidenceN > 0 ? 'testing' : 'untested'
    const stageKey = stageKeys[Math.min(stageKeys.length - 1, Math.floor(r() * (progress + 2)))]
    const learned = decision ? pick(r, ['Partners want it bundled, not standalone', 'It holds for agencies, not for resellers', 'The numbers support it so far', 'Nobody committed when asked to pay']) : ''
    s.prepare(
      `INSERT INTO hypotheses (id, belief, verify, measure, right_if, category, importance, evidence_strength, status, owner, due_date, stage_id, observed, learned, therefore, decision, decided_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ).run(
      id,
      belief,
      verify,
      '',
      rightIf,
      category,
      1 + Math.floor(r() * 5),
      strength,
      status,
      pick(r, ['Consultant', 'Head of partnerships', 'VP Sales', null]),
      r() < 0.6 ? addDays(today, Math.floor(r() * 120) - 30) : null,
      stageIds.get(stageKey) ?? null,
      decision ? pick(r, OBSERVATIONS) : '',
      learned,
      decision ? 'Adjust the plan at the next review' : '',
      decision,
      decision ? now : null,
      now,
      now
    )
    for (let e = 0; e < evidenceN; e++)
      s.prepare('INSERT INTO hypothesis_evidence (id, hypothesis_id, date, source, observation, direction, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        randomUUID(),
        id,
        addDays(today, -Math.floor(r() * 90)),
        pick(r, SOURCES),
        pick(r, OBSERVATIONS),
        pick(r, ['supports', 'refutes', 'neutral'] as const),
        now
      )
    if (decision)
      s.prepare('INSERT INTO hypothesis_decisions (id, hypothesis_id, decision, observed, learned, therefore, status_before, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        randomUUID(),
        id,
        decision,
        '',
        learned,
        '',
        'testing',
        now
      )
  }
}
