/**
 * Top-level areas beside the client list, for consultant-only views across clients (e.g. the Cockpit).
 * Add one entry: area('cockpit', 'Cockpit', () => import('./cockpit/Cockpit'), 'Cockpit') — loaded on first open. Opening an area closes the open
 * client (and clears its data) first; an area must show only cross-client aggregates it loads itself.
 */
import type { ComponentType } from 'react'
import { lazyScreen } from '../components/lazyScreen'

export interface AreaDef {
  id: string
  label: string
  component: ComponentType
}

/** One area; `load` is a dynamic import so its code is fetched only when the area is first opened. */
export function area<K extends string>(
  id: string,
  label: string,
  load: () => Promise<Record<K, ComponentType>>,
  name: K
): AreaDef {
  return { id, label, component: lazyScreen(load, name).component }
}

export const areas: AreaDef[] = [
  area('cockpit', 'Cockpit', () => import('./benchmark/Cockpit'), 'Cockpit'),
  area('models', 'Maturity models', () => import('./models/ModelsArea'), 'ModelsArea'),
]
