/**
 * Workshop gaps onto the journey roadmap: an action the group agreed becomes a milestone in the stage the client
 * is working in, with the action's owner and due date, written in the same transaction as the action (both or
 * neither). It is an ordinary journey edit, so the roadmap's Undo removes it like any other.
 */
import { MILESTONE_KINDS, type MilestoneKind } from '../../../shared/domain/journey'
import { addDays, todayIso } from '../../../shared/domain/journeyRules'
import type { JourneyService } from './journey/journey'
import type { MilestoneMaker } from './workshops'

/** The default model's dimensions and the kind of roadmap work that closes their gaps; other models get "other". */
const KIND_BY_DIMENSION: Readonly<Record<string, MilestoneKind>> = {
  strategy: 'strategy',
  selection: 'ideal_partner_profile',
  design: 'program_design',
  infrastructure: 'infrastructure',
  onboarding: 'onboarding',
  activation: 'activation_plan',
  coselling: 'first_commercial_event',
  internal: 'internal_buy_in',
  measurement: 'infrastructure',
  team: 'hiring'
}

export function milestoneKindFor(dimensionId: string): MilestoneKind {
  return Object.hasOwn(KIND_BY_DIMENSION, dimensionId) ? KIND_BY_DIMENSION[dimensionId] : 'other'
}

/** Planned dates: from today (or the due date, if that is earlier) to the due date or the kind's usual length. */
export function gapDates(dueOn: string | null, kind: MilestoneKind, today: string): { plannedStart: string; plannedEnd: string } {
  const usual = MILESTONE_KINDS[kind].usualDays ?? 30
  if (!dueOn) return { plannedStart: today, plannedEnd: addDays(today, usual) }
  return { plannedStart: dueOn < today ? dueOn : today, plannedEnd: dueOn }
}

export function gapMilestoneMaker(journey: JourneyService, today: () => string = todayIso): MilestoneMaker {
  return (clientId, a) => {
    const db = journey.db(clientId)
    // The stage the client is in: the active one, else the first not completed (the last one when all are).
    const stage = (db.sqlite.prepare("SELECT id FROM journey_stages ORDER BY gate = 'active' DESC, gate = 'completed', position LIMIT 1").get() as { id: string } | undefined)?.id
    if (!stage) return null
    const kind = milestoneKindFor(a.dimensionId)
    return journey.addMilestone(clientId, {
      stageId: stage,
      title: a.title,
      kind,
      ownerSide: 'client',
      ownerName: a.owner,
      ...gapDates(a.dueOn, kind, today()),
      notes: `From the workshop “${a.assessmentTitle}” (${a.dimensionName}).`
    })
  }
}
