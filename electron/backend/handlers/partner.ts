import type { partnerChannels } from '../../../shared/ipc/channels/partner'
import { whenUnlocked, type HandlerContext, type HandlersFor } from './context'

export function partnerHandlers(ctx: HandlerContext): HandlersFor<typeof partnerChannels> {
  const { partners, portfolio } = ctx.services
  return whenUnlocked(ctx, {
    'partner.list': ({ clientId }) => partners.list(clientId),
    'partner.create': ({ clientId, ...p }) => partners.create(clientId, p),
    'partner.get': ({ clientId, partnerId, asOf }) => portfolio.detail(clientId, partnerId, asOf),
    'partner.update': ({ clientId, partnerId, patch, stageAt, stageNote }) => portfolio.update(clientId, partnerId, patch, stageAt, stageNote ?? null),
    'partner.delete': ({ clientId, partnerId }) => {
      portfolio.remove(clientId, partnerId)
      return null
    },
    'partner.contact.save': ({ clientId, partnerId, ...c }) =>
      portfolio.saveContact(clientId, partnerId, {
        ...c,
        email: c.email ?? null,
        role: c.role ?? null,
        startedAt: c.startedAt ?? null,
        endedAt: c.endedAt ?? null
      }),
    'partner.topic.set': ({ clientId, partnerId, topic, state, date, notes }) => portfolio.setTopic(clientId, partnerId, topic, state, date, notes),
    'partner.goal.save': ({ clientId, partnerId, ...g }) =>
      portfolio.saveGoal(clientId, partnerId, {
        ...g,
        target: g.target ?? null,
        unit: g.unit ?? null,
        dueAt: g.dueAt ?? null,
        currentValue: g.currentValue ?? null
      }),
    'partner.meeting.save': ({ clientId, partnerId, ...m }) =>
      portfolio.saveMeeting(clientId, partnerId, { ...m, attendees: m.attendees ?? null, notes: m.notes ?? null }),
    'partner.action.save': ({ clientId, partnerId, ...a }) =>
      portfolio.saveAction(clientId, partnerId, {
        ...a,
        meetingId: a.meetingId ?? null,
        owner: a.owner ?? null,
        dueAt: a.dueAt ?? null,
        doneAt: a.doneAt ?? null
      }),
    'partner.opportunity.save': ({ clientId, partnerId, ...o }) =>
      portfolio.saveOpportunity(clientId, partnerId, { ...o, closeAt: o.closeAt ?? null, externalId: o.externalId ?? null }),
    'partner.health.record': ({ clientId, partnerId, date, scores }) => portfolio.recordHealth(clientId, partnerId, date, scores),
    'partner.health.save': ({ clientId, partnerId, id, score, date, note }) => portfolio.saveHealth(clientId, partnerId, id, { score, date, note: note ?? null }),
    'partner.risk.save': ({ clientId, partnerId, ...r }) =>
      portfolio.saveRisk(clientId, partnerId, { ...r, description: r.description ?? null, mitigation: r.mitigation ?? null }),
    'partner.credential.save': ({ clientId, partnerId, ...c }) =>
      portfolio.saveCredential(clientId, partnerId, { ...c, scope: c.scope ?? null, rotationDue: c.rotationDue ?? null, owner: c.owner ?? null }),
    'partner.item.delete': ({ clientId, partnerId, kind, id }) => {
      portfolio.deleteItem(clientId, partnerId, kind, id)
      return null
    }
  })
}
