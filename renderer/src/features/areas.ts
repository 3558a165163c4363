/**
 * Top-level areas beside the client list, for consultant-only views across clients (e.g. the Cockpit).
 * Add one entry: { id: 'cockpit', label: 'Cockpit', component: Cockpit }. Opening an area closes the open
 * client (and clears its data) first; an area must show only cross-client aggregates it loads itself.
 */
import type { ComponentType } from 'react'

export interface AreaDef {
  id: string
  label: string
  component: ComponentType
}

export const areas: AreaDef[] = []
