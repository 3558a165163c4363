/**
 * A fixture vault for the benchmark tests: one subject client whose every figure is computed by hand in the test,
 * and peers with simple, known values. Rows are written straight into the real encrypted client files (the way the
 * app's own services store them), so the dates that drive the metrics are exact.
 */
import type { Backend } from '../../electron/backend/backend'
import type { ClientSummary } from '../../shared/ipc/contract'
import { ok } from '../helpers/vault'

export const AS_OF = '2026-06-30'
const TS = '2026-01-01T09:00:00.000Z'

type Db = ReturnType<Backend['session']['client']>['sqlite']

export function db(b: Backend, clientId: string): Db {
  return b.session.client(clientId).sqlite
}

export async function client(b: Backend, name: string, segment: Record<string, string> = {}): Promise<string> {
  return (await ok<ClientSummary>(b, 'client.create', { name, segment })).id
}

export function partner(d: Db, id: string, name: string, type: string, stage: string, signedAt: string | null, firstCommercialAt: string | null = null, tier: string | null = null) {
  d.prepare(
    'INSERT INTO partners (id, name, type, tier, stage, signed_at, first_commercial_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
  ).run(id, name, type, tier, stage, signedAt, firstCommercialAt, TS, TS)
}

export function opportunity(d: Db, id: string, partnerId: string, kind: string, amount: number, stage: string, openedAt: string, currency = 'USD') {
  d.prepare('INSERT INTO opportunities (id, partner_id, name, kind, amount, currency, stage, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    partnerId,
    `Deal ${id}`,
    kind,
    amount,
    currency,
    stage,
    openedAt
  )
}

export function meeting(d: Db, id: string, partnerId: string, date: string) {
  d.prepare('INSERT INTO meetings (id, partner_id, date, kind) VALUES (?, ?, ?, ?)').run(id, partnerId, date, 'check-in')
}

export function hypothesis(d: Db, id: string, opts: { status?: string; importance?: number; dueDate?: string | null; belief?: string } = {}) {
  d.prepare('INSERT INTO hypotheses (id, belief, category, importance, status, due_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    opts.belief ?? `Belief ${id}`,
    'economics',
    opts.importance ?? 3,
    opts.status ?? 'untested',
    opts.dueDate ?? null,
    TS,
    TS
  )
}

export function decision(d: Db, id: string, hypothesisId: string, decision: string, decidedAt: string) {
  d.prepare('INSERT INTO hypothesis_decisions (id, hypothesis_id, decision, status_before, decided_at) VALUES (?, ?, ?, ?, ?)').run(
    id,
    hypothesisId,
    decision,
    'testing',
    `${decidedAt}T10:00:00.000Z`
  )
}

/** A two-dimension model: d1 has q1 and q2, d2 has q3. */
export const TINY_MODEL = {
  id: 'tiny',
  version: 1,
  name: 'Tiny model',
  dimensions: [
    { id: 'strategy', name: 'Strategy & business alignment', questions: [{ id: 'q1', text: 'Q1', levels: ['a', 'b', 'c', 'd', 'e'] }, { id: 'q2', text: 'Q2', levels: ['a', 'b', 'c', 'd', 'e'] }] },
    { id: 'team', name: 'Team & resourcing', questions: [{ id: 'q3', text: 'Q3', levels: ['a', 'b', 'c', 'd', 'e'] }] }
  ]
}

export function assessment(d: Db, id: string, heldOn: string, consensus: Record<string, number | null>, model = TINY_MODEL) {
  d.prepare(
    `INSERT INTO assessments (id, title, held_on, status, model_id, model_version, model_name, model_snapshot, created_at, updated_at)
     VALUES (?, ?, ?, 'finished', ?, ?, ?, ?, ?, ?)`
  ).run(id, `Assessment ${id}`, heldOn, model.id, model.version, model.name, JSON.stringify(model), TS, TS)
  model.dimensions.forEach((dim, i) =>
    d.prepare('INSERT INTO assessment_dimensions (assessment_id, dimension_id, position, time_box_minutes) VALUES (?, ?, ?, ?)').run(id, dim.id, i, 20)
  )
  for (const [q, c] of Object.entries(consensus))
    d.prepare('INSERT INTO assessment_questions (assessment_id, question_id, consensus, updated_at) VALUES (?, ?, ?, ?)').run(id, q, c, TS)
}

export function stage(d: Db, id: string, key: string, position: number, gate: string, startedAt: string | null, completedAt: string | null) {
  d.prepare(
    'INSERT INTO journey_stages (id, key, name, position, gate, started_at, completed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
  ).run(id, key, key[0].toUpperCase() + key.slice(1), position, gate, startedAt && `${startedAt}T08:00:00.000Z`, completedAt && `${completedAt}T17:00:00.000Z`, TS, TS)
}

export function milestone(
  d: Db,
  id: string,
  stageId: string,
  kind: string,
  status: string,
  planned: [string, string],
  actual: [string | null, string | null] = [null, null],
  title = `Milestone ${id}`
) {
  d.prepare(
    `INSERT INTO milestones (id, stage_id, title, kind, status, planned_start, planned_end, actual_start, actual_end, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(id, stageId, title, kind, status, planned[0], planned[1], actual[0], actual[1], TS, TS)
}

/**
 * The subject, with hand-computed answers as of 2026-06-30 (window 90 days, so the activation period is
 * 2025-04-01 … 2026-04-01):
 * - activation rate 1/3 (P1, P2, P3 signed in the period; only P1 activated within 90 days: 30 days; P2 took 122)
 * - median days to first commercial event 76 (P1 30, P2 122)
 * - paper-partner ratio 1/4 (P3 of P1–P4; P4 is still inside its window)
 * - sourced share 1000 ÷ 4000 = 0.25 (lost deals excluded); concentration top 1 3000 ÷ 4000, top 3 1
 * - cadence adherence 2/4 (P1 met 29 days ago, P4 10; P2 121 days ago, P3 never; fallback cadence 60 days)
 * - maturity: latest assessment with agreed scores, strategy (2 + 3) ÷ 2 = 2.5, team 1, overall 1.75
 * - hypothesis velocity 2 ÷ 4 = 0.5 (h1 and h2 decided in the last 365 days; keep-testing and older ones not)
 * - days in Foundations 59 (first actual start 2026-01-01 → completed 2026-03-01), in Prove 130 (2026-02-20 → today)
 * - strategy milestones actual ÷ planned: 41/30 and 5/10 → median 0.9333; recruitment 45/30 = 1.5
 * - partner model: technology (2 technology, 2 reseller: the tie goes to the type listed first)
 */
export function fillSubject(d: Db, marker = 'Subject') {
  partner(d, 'p1', `${marker} Partner One`, 'reseller', 'producing', '2025-06-01', '2025-07-01')
  partner(d, 'p2', `${marker} Partner Two`, 'reseller', 'activating', '2025-08-01')
  partner(d, 'p3', `${marker} Partner Three`, 'technology', 'signed', '2025-10-01')
  partner(d, 'p4', `${marker} Partner Four`, 'technology', 'signed', '2026-05-01')
  partner(d, 'p5', `${marker} Partner Five`, 'referral', 'prospect', null)
  opportunity(d, 'o1', 'p2', 'sourced', 1000, 'qualification', '2025-12-01')
  opportunity(d, 'o2', 'p1', 'influenced', 3000, 'won', '2025-07-01')
  opportunity(d, 'o3', 'p3', 'influenced', 700, 'lost', '2026-01-01')
  meeting(d, 'm1', 'p1', '2026-06-01')
  meeting(d, 'm2', 'p2', '2026-03-01')
  meeting(d, 'm4', 'p4', '2026-06-20')
  assessment(d, 'a-old', '2025-11-01', { q1: 0, q2: 0, q3: 0 })
  assessment(d, 'a-latest', '2026-05-10', { q1: 2, q2: 3, q3: 1 })
  assessment(d, 'a-empty', '2026-06-01', { q1: null })
  hypothesis(d, 'h1', { status: 'validated', importance: 5 })
  hypothesis(d, 'h2', { status: 'invalidated' })
  hypothesis(d, 'h3', { status: 'testing', dueDate: '2026-07-01', belief: `${marker} resellers will co-sell` })
  hypothesis(d, 'h4', { status: 'validated' })
  hypothesis(d, 'h5', { status: 'untested', importance: 5, dueDate: '2026-07-20' })
  hypothesis(d, 'h6', { status: 'untested', importance: 4 })
  hypothesis(d, 'h7', { status: 'untested', importance: 3 })
  decision(d, 'd1', 'h1', 'persevere', '2026-02-01')
  decision(d, 'd2', 'h2', 'kill', '2025-09-01')
  decision(d, 'd3', 'h2', 'pivot', '2026-03-01')
  decision(d, 'd4', 'h3', 'keep_testing', '2026-04-01')
  decision(d, 'd5', 'h4', 'persevere', '2025-05-01')
  stage(d, 's1', 'foundations', 0, 'completed', '2026-01-10', '2026-03-01')
  stage(d, 's2', 'prove', 1, 'active', '2026-03-01', null)
  stage(d, 's3', 'activate', 2, 'not_started', null, null)
  milestone(d, 'ms1', 's1', 'strategy', 'done', ['2026-01-05', '2026-02-03'], ['2026-01-05', '2026-02-14'])
  milestone(d, 'ms4', 's1', 'strategy', 'done', ['2026-01-01', '2026-01-10'], ['2026-01-01', '2026-01-05'])
  milestone(d, 'ms2', 's2', 'recruitment', 'in_progress', ['2026-02-20', '2026-04-30'], ['2026-02-20', null])
  milestone(d, 'ms3', 's2', 'recruitment', 'done', ['2026-03-01', '2026-03-30'], ['2026-03-01', '2026-04-14'])
  milestone(d, 'ms5', 's2', 'review', 'planned', ['2026-07-01', '2026-07-05'], [null, null], `${marker} review with the sponsor`)
  milestone(d, 'ms6', 's2', 'review', 'planned', ['2026-07-10', '2026-07-15'])
  d.prepare('INSERT INTO action_items (id, partner_id, text, due_at, done_at) VALUES (?, ?, ?, ?, ?)').run('ac1', 'p1', 'Send the joint plan', '2026-07-03', null)
  d.prepare('INSERT INTO action_items (id, partner_id, text, due_at, done_at) VALUES (?, ?, ?, ?, ?)').run('ac2', 'p1', 'Already done', '2026-07-03', '2026-06-29')
  d.prepare('INSERT INTO integration_credentials (id, partner_id, name, rotation_due) VALUES (?, ?, ?, ?)').run('cr1', 'p2', 'Partner API key', '2026-07-10')
  d.prepare('INSERT INTO joint_goals (id, partner_id, metric, target, due_at) VALUES (?, ?, ?, ?, ?)').run('g1', 'p3', 'First joint customer', 1, '2026-07-14')
}

/** A peer with `decisions` hypotheses decided this year and, when given, an assessment whose scores average `maturity`. */
export function fillPeer(d: Db, decisions: number, maturity: number | null, marker = 'Peer') {
  for (let i = 0; i < decisions; i++) {
    hypothesis(d, `h${i}`, { status: 'validated', belief: `${marker} belief ${i}` })
    decision(d, `d${i}`, `h${i}`, 'persevere', '2026-05-01')
  }
  partner(d, 'pp', `${marker} Partner`, 'si', 'prospect', null)
  if (maturity !== null) assessment(d, 'a1', '2026-04-01', { q1: maturity, q2: maturity, q3: maturity })
}

/** The subject and six peers: decisions 0,1,2,3,4,8; maturity 0,1,2,3,—,4; regions emea ×3, apac ×3; hybrid ×5. */
export async function subjectAndPeers(b: Backend): Promise<{ subject: string; peers: string[] }> {
  const subject = await client(b, 'Subject Co', { region: 'emea', salesMotion: 'hybrid', companyStage: 'growth' })
  fillSubject(db(b, subject))
  const peers: string[] = []
  const spec: [number, number | null, string, string][] = [
    [0, 0, 'emea', 'hybrid'],
    [1, 1, 'emea', 'hybrid'],
    [2, 2, 'emea', 'hybrid'],
    [3, 3, 'apac', 'hybrid'],
    [4, null, 'apac', 'hybrid'],
    [8, 4, 'apac', 'sales-led']
  ]
  for (const [i, [decisions, maturity, region, salesMotion]] of spec.entries()) {
    const id = await client(b, `Peer ${i}`, { region, salesMotion })
    fillPeer(db(b, id), decisions, maturity)
    peers.push(id)
  }
  return { subject, peers }
}
