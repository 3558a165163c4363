import { useEffect } from 'react'
import { api } from './api'
import { CreateVaultScreen, RecoveryKeyScreen, UnlockScreen, UnreachableScreen } from './screens/VaultScreens'
import { lazyScreen, ScreenBoundary } from './components/lazyScreen'
import { useVault } from './state/vault'

// The unlocked shell and every feature are fetched on demand so the unlock screen paints first; the shell's code is
// preloaded as soon as that screen shows, so unlocking never waits for it.
const shell = lazyScreen(() => import('./shell/Shell'), 'Shell')

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
    if (phase === 'loading') return
    markReady()
    if (phase === 'locked' || phase === 'create') void shell.preload()
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
      return (
        <ScreenBoundary>
          <shell.component />
        </ScreenBoundary>
      )
  }
}
