/** Realistic fictional clients and partners, reproducible from a seed (for demos, tests and benchmarks). */
import { randomUUID } from 'node:crypto'
import { LIFECYCLE_STAGES, PARTNER_TYPES, type LifecycleStage } from '../../../shared/domain/partner'
import { ARR_BANDS, COMPANY_STAGES, REGIONS, SALES_MOTIONS, type Segment } from '../../../shared/domain/segment'
import { partners } from '../db/schema/index'
import type { ClientService } from './clients'
import type { Session } from './session'
import { seedJourneyDemo } from './journey/demo'

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

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10)
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
      const segment: Segment = {
        companyStage: pick(r, COMPANY_STAGES),
        arrBand: pick(r, ARR_BANDS),
        salesMotion: pick(r, SALES_MOTIONS),
        region: pick(r, REGIONS)
      }
      const client = this.clients.create(name, segment)
      const db = this.session.client(client.id)
      const now = new Date().toISOString()
      db.sqlite.transaction(() => {
        for (let j = 0; j < partnerCount; j++) {
          const stage: LifecycleStage = pick(r, LIFECYCLE_STAGES)
          const signed = ['signed', 'activating', 'producing', 'dormant', 'exited'].includes(stage)
          const signedAt = signed ? new Date(today - Math.floor(r() * 720) * 86_400_000) : null
          const firstCommercial =
            signedAt && (stage === 'producing' || (stage === 'activating' && r() < 0.4))
              ? isoDay(new Date(signedAt.getTime() + Math.floor(20 + r() * 200) * 86_400_000))
              : null
          db.orm
            .insert(partners)
            .values({
              id: randomUUID(),
              name: `${pick(r, PARTNER_FIRST)} ${pick(r, PARTNER_SECOND)}${j >= 300 ? ` ${j}` : ''}`,
              type: pick(r, PARTNER_TYPES),
              tier: pick(r, TIERS),
              stage,
              signedAt: signedAt ? isoDay(signedAt) : null,
              firstCommercialAt: firstCommercial,
              owner: pick(r, OWNERS),
              createdAt: now,
              updatedAt: now
            })
            .run()
        }
        seedJourneyDemo(db, rng(seed * 7919 + i + 1))
      })()
      created++
      onProgress?.(created)
    }
    return { created }
  }
}
