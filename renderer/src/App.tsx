import { useEffect } from 'react'
import { api } from './api'
import { CreateVaultScreen, RecoveryKeyScreen, UnlockScreen, UnreachableScreen } from './screens/VaultScreens'
import { Shell } from './shell/Shell'
import { useVault } from './state/vault'

let readyMarked = false
/** The benchmark reads this mark: the first real screen is on display and accepts input. */
function markReady(): void {
  if (readyMarked) return
  readyMarked = true
  requestAnimationFrame(() => performance.mark('trellis-ready'))
}

export function App(): React.JSX.Element {
  const phase = useVault((s) => s.phase)

  useEffect(() => {
    void useVault.getState().refresh()
    return api.on('vault.locked', () => useVault.getState().lockedElsewhere())
  }, [])

  useEffect(() => {
    if (phase !== 'loading') markReady()
  }, [phase])

  switch (phase) {
    case 'loading':
      return <div className="loading" aria-busy="true" />
    case 'unreachable':
      return <UnreachableScreen />
    case 'create':
      return <CreateVaultScreen />
    case 'recovery':
      return <RecoveryKeyScreen />
    case 'locked':
      return <UnlockScreen />
    case 'unlocked':
      return <Shell />
  }
}
