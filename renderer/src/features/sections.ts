/**
 * The client workspace's sections (tabs), in display order. A feature adds its screen with one entry here:
 *  * A section loads lazily (its code is fetched when first opened; see components/lazyScreen.tsx) and receives the open client; it loads its own data through `api` and keeps it in a store
 * that calls `registerClientScopedReset` (state/clientScope.ts) so nothing survives a client switch. The
 * workspace is also re-mounted per client, so component state never leaks across clients either.
 */
import type { ComponentType } from 'react'
import type { ClientSummary } from '../../../shared/ipc/contract'
import { lazyScreen } from '../components/lazyScreen'
import { registerGlobalCapture } from './hypotheses/globalCapture'

export interface SectionProps {
  client: ClientSummary
}

export interface SectionDef {
  id: string
  label: string
  component: ComponentType<SectionProps>
}

/** One tab; `load` is a dynamic import so the section's code is fetched only when the tab is first opened. */
function section<K extends string>(
  id: string,
  label: string,
  load: () => Promise<Record<K, ComponentType<SectionProps>>>,
  name: K
): SectionDef {
  return { id, label, component: lazyScreen(load, name).component }
}

export const sections: SectionDef[] = [
  section('overview', 'Overview', () => import('./overview/OverviewSection'), 'OverviewSection'),
  section('partners', 'Partners', () => import('./partners/PartnersSection'), 'PartnersSection'),
  section('journey', 'Journey', () => import('./journey/JourneySection'), 'JourneySection'),
  section('hypotheses', 'Hypotheses', () => import('./hypotheses/HypothesesSection'), 'HypothesesSection'),
  section('workshops', 'Workshops', () => import('./workshop/WorkshopsSection'), 'WorkshopsSection'),
  section('report', 'Report', () => import('./report/ReportSection'), 'ReportSection'),
  section('benchmark', 'Benchmark', () => import('./benchmark/BenchmarkSection'), 'BenchmarkSection'),
]

// Shortcuts that work from every section must not wait for a section's code to load.
registerGlobalCapture()
