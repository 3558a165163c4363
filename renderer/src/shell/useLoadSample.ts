import { useState } from 'react'
import { errorText } from '../api'
import { useClients } from '../state/clients'

/** "Load sample data" (from the welcome screen and the sidebar): busy while it runs, its error in plain words. */
export function useLoadSample(): { busy: boolean; error: string | null; loadSample(): Promise<void> } {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const loadSample = async () => {
    setBusy(true)
    setError(null)
    try {
      await useClients.getState().loadSample()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, loadSample }
}
