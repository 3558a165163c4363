/**
 * The client workspace's sections (tabs), in display order. A feature adds its screen with one entry here:
 *  * A section component receives the open client; it loads its own data through `api` and keeps it in a store
 * that calls `registerClientScopedReset` (state/clientScope.ts) so nothing survives a client switch. The
 * workspace is also re-mounted per client, so component state never leaks across clients either.
 */
import type { ComponentType } from 'react'
import type { ClientSummary } from '../../../shared/ipc/contract'
import { OverviewSection } from './overview/OverviewSection'
import { JourneySection } from './journey/JourneySection'
import { HypothesesSection } from './hypotheses/HypothesesSection'
import { PartnersSection } from './partners/PartnersSection'
import { WorkshopsSection } from './workshop/WorkshopsSection'

export interface SectionProps {
  client: ClientSummary
}

export interface SectionDef {
  id: string
  label: string
  component: ComponentType<SectionProps>
}

export const sections: SectionDef[] = [
  { id: 'overview', label: 'Overview', component: OverviewSection },
  { id: 'partners', label: 'Partners', component: PartnersSection },
  { id: 'journey', label: 'Journey', component: JourneySection },
  { id: 'hypotheses', label: 'Hypotheses', component: HypothesesSection },
  { id: 'workshops', label: 'Workshops', component: WorkshopsSection },
]
