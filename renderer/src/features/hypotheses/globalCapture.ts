/**
 * Ctrl/Cmd+Shift+H anywhere in a client's workspace opens hypothesis capture: during a call the consultant may be
 * on any screen, and a belief heard then must be kept in seconds. Registered once, with the section list (features/sections.ts).
 */
import { useClients } from '../../state/clients'
import { useNav } from '../../state/nav'
import { isCaptureKey, useJourney } from '../journey/store'

let registered = false

export function registerGlobalCapture(): void {
  if (registered || typeof window === 'undefined') return
  registered = true
  window.addEventListener('keydown', (e) => {
    if (!isCaptureKey(e)) return
    if (!useClients.getState().currentId || useNav.getState().area !== null) return
    e.preventDefault()
    useJourney.getState().setCapture(true)
    useNav.getState().openSection('hypotheses')
  })
}
