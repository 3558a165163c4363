import { randomUUID } from 'node:crypto'
import { asc } from 'drizzle-orm'
import type { PartnerRow } from '../../../shared/ipc/contract'
import type { LifecycleStage, PartnerType } from '../../../shared/domain/partner'
import { AppError, toAppError } from '../errors'
import { partnerStageHistory, partners } from '../db/schema/index'
import type { Session } from './session'

export function toPartnerRow(p: typeof partners.$inferSelect): PartnerRow {
  return {
    id: p.id,
    name: p.name,
    type: p.type as PartnerType,
    tier: p.tier,
    stage: p.stage as LifecycleStage,
    signedAt: p.signedAt,
    firstCommercialAt: p.firstCommercialAt,
    owner: p.owner
  }
}

export interface NewPartner {
  name: string
  type: PartnerType
  stage?: LifecycleStage
  tier?: string | null
  signedAt?: string | null
  firstCommercialAt?: string | null
  owner?: string | null
  partnerTiersUs?: string | null
  domain?: string | null
  notes?: string | null
}

export class PartnerService {
  constructor(private readonly session: Session) {}

  private db(clientId: string) {
    if (!this.session.index.get(clientId)) throw new AppError('NOT_FOUND', 'There is no such client in this vault.')
    return this.session.client(clientId)
  }

  list(clientId: string): PartnerRow[] {
    return this.db(clientId).orm.select().from(partners).orderBy(asc(partners.name)).all().map(toPartnerRow)
  }

  create(clientId: string, p: NewPartner): PartnerRow {
    const db = this.db(clientId)
    const now = new Date().toISOString()
    try {
      return db.sqlite.transaction(() => {
        const row = db.orm
          .insert(partners)
          .values({
            id: randomUUID(),
            name: p.name,
            type: p.type,
            stage: p.stage ?? 'prospect',
            tier: p.tier ?? null,
            signedAt: p.signedAt ?? null,
            firstCommercialAt: p.firstCommercialAt ?? null,
            owner: p.owner ?? null,
            partnerTiersUs: p.partnerTiersUs ?? null,
            domain: p.domain ?? null,
            notes: p.notes ?? null,
            createdAt: now,
            updatedAt: now
          })
          .returning()
          .get()
        // A partner entered after signing reached its stage on (or after) the signed date, not today.
        const at = row.signedAt && row.stage !== 'prospect' && row.stage !== 'qualifying' ? row.signedAt : now.slice(0, 10)
        db.orm.insert(partnerStageHistory).values({ id: randomUUID(), partnerId: row.id, stage: row.stage, at, note: null }).run()
        return toPartnerRow(row)
      })()
    } catch (err) {
      throw toAppError(err, 'Saving the partner')
    }
  }
}
