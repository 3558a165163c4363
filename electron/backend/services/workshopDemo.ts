/**
 * Sample workshops for a demo client: one to three finished maturity assessments a few months apart, with a mix of
 * agreement and disagreement, rationales and actions, and sometimes a workshop still in progress — so the
 * Workshops section, the history and the comparison have something real to show.
 */
import { randomBytes } from 'node:crypto'
import { DEFAULT_MODEL } from '../../../shared/domain/maturity'
import type { ClientDb } from '../db/clientFile'
import {
  assessmentActions,
  assessmentDimensions,
  assessmentParticipants,
  assessmentQuestions,
  assessmentVotes,
  assessments
} from '../db/schema/index'

const PEOPLE: [string, string, 'client' | 'consultant'][] = [
  ['Dana Whitfield', 'CRO', 'client'],
  ['Marco Ruiz', 'Head of partnerships', 'client'],
  ['Priya Natarajan', 'VP Marketing', 'client'],
  ['Tom Becker', 'Customer success lead', 'client'],
  ['Aiko Tanaka', 'Partner manager', 'client'],
  ['Sam Okafor', 'Fractional partner leader', 'consultant']
]
const RATIONALES = [
  'We have pieces, but nobody owns them',
  'True for our top partners only',
  'Written down last quarter, not used yet',
  'Sales and partners still argue about this',
  'Solid since the new partner manager joined',
  'Everyone agreed once the examples were on the table'
]

function id(prefix: string): string {
  const a = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return prefix + Array.from(randomBytes(12), (b) => a[b % 36]).join('')
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10)
}

export function seedWorkshopDemo(db: ClientDb, r: () => number): void {
  const count = 1 + Math.floor(r() * 3)
  const now = new Date()
  // Each client has its own baseline maturity per dimension, improving a little between workshops.
  const base = Object.fromEntries(DEFAULT_MODEL.dimensions.map((d) => [d.id, r() * 2.5]))
  for (let k = 0; k < count; k++) {
    const monthsAgo = (count - k) * 4 - 2
    const held = new Date(now.getTime() - monthsAgo * 30 * 86_400_000)
    const last = k === count - 1
    const running = last && r() < 0.25
    const aid = id('a_')
    const stamp = held.toISOString()
    const dims = DEFAULT_MODEL.dimensions.filter(() => r() < 0.8)
    if (dims.length < 3) dims.push(...DEFAULT_MODEL.dimensions.filter((d) => !dims.includes(d)).slice(0, 3 - dims.length))
    const order = dims.flatMap((d) => d.questions.map((q) => q.id))
    const stopAt = running ? Math.floor(order.length / 2) : order.length
    db.orm
      .insert(assessments)
      .values({
        id: aid,
        title: k === 0 ? 'Baseline maturity workshop' : `Maturity review ${isoDay(held).slice(0, 7)}`,
        heldOn: isoDay(held),
        status: running ? 'running' : 'finished',
        modelId: DEFAULT_MODEL.id,
        modelVersion: DEFAULT_MODEL.version,
        modelName: DEFAULT_MODEL.name,
        modelSnapshot: JSON.stringify(DEFAULT_MODEL),
        currentQuestionId: order[Math.min(stopAt, order.length - 1)],
        revision: 1,
        createdAt: stamp,
        updatedAt: stamp,
        finishedAt: running ? null : stamp
      })
      .run()
    const people = PEOPLE.filter((_, i) => i === PEOPLE.length - 1 || r() < 0.6).slice(-5)
    const pids = people.map(([name, role, side], i) => {
      const pid = id('p_')
      db.orm.insert(assessmentParticipants).values({ id: pid, assessmentId: aid, name, role, side, position: i }).run()
      return pid
    })
    dims.forEach((d, i) =>
      db.orm.insert(assessmentDimensions).values({ assessmentId: aid, dimensionId: d.id, position: i, timeBoxMinutes: [10, 15, 20][i % 3], startedAt: stamp }).run()
    )
    order.slice(0, stopAt).forEach((qid) => {
      const dim = qid.split('.')[0]
      const centre = Math.min(4, base[dim] + k * 0.5 + (r() - 0.5))
      const votes = pids.map(() => (r() < 0.06 ? null : Math.max(0, Math.min(4, Math.round(centre + (r() - 0.5) * 2.4)))))
      votes.forEach((value, i) => db.orm.insert(assessmentVotes).values({ assessmentId: aid, questionId: qid, participantId: pids[i], value, updatedAt: stamp }).run())
      const consensus = Math.max(0, Math.min(4, Math.round(centre)))
      db.orm
        .insert(assessmentQuestions)
        .values({ assessmentId: aid, questionId: qid, revealed: true, revealedAt: stamp, consensus, rationale: RATIONALES[Math.floor(r() * RATIONALES.length)], notes: '', updatedAt: stamp })
        .run()
      if (!running && consensus <= 1 && r() < 0.5) {
        const q = DEFAULT_MODEL.dimensions.find((x) => x.id === dim)!.questions.find((x) => x.id === qid)!
        db.orm
          .insert(assessmentActions)
          .values({ id: id('x_'), assessmentId: aid, dimensionId: dim, questionId: qid, title: `Reach level ${consensus + 1}: ${q.levels[consensus + 1]}`, owner: people[Math.floor(r() * people.length)][0], dueOn: isoDay(new Date(held.getTime() + 60 * 86_400_000)), milestoneId: null, createdAt: stamp })
          .run()
      }
    })
  }
}
