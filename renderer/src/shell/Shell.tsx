import { useEffect } from 'react'
import { ScreenBoundary } from '../components/lazyScreen'
import { areas } from '../features/areas'
import { WriteProblemBanner } from '../features/health/WriteProblemBanner'
import { useClients, visibleClients } from '../state/clients'
import { useDialogs } from '../state/dialogs'
import { useNav } from '../state/nav'
import { ClientDialogs } from './ClientDialogs'
import { OpenFileDialog } from './OpenFileDialog'
import { Home } from './Home'
import { QuickSwitcher } from './QuickSwitcher'
import { Sidebar } from './Sidebar'
import { Workspace } from './Workspace'

/** The unlocked app: sidebar, main pane (an area, a client workspace, or home), dialogs, quick switcher. */
export function Shell(): React.JSX.Element {
  const area = useNav((s) => s.area)
  const currentId = useClients((s) => s.currentId)
  const client = useClients((s) => s.clients.find((c) => c.id === s.currentId) ?? null)
  const dialog = useDialogs((s) => s.dialog)
  const Area = area ? areas.find((a) => a.id === area)?.component : undefined

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey
      if (!mod || e.altKey || e.shiftKey) return
      // Never stack the switcher or a client jump on top of an open dialog.
      if (useDialogs.getState().dialog) return
      if (e.key.toLowerCase() === 'k') {
        e.preventDefault()
        const d = useDialogs.getState()
        d.setSwitcherOpen(!d.switcherOpen)
      } else if (/^[1-9]$/.test(e.key)) {
        // Ctrl/Cmd+1…9 opens the nth client of the sidebar directly.
        const target = visibleClients(useClients.getState())[Number(e.key) - 1]
        if (target) {
          e.preventDefault()
          useNav.getState().openClient(target.id)
        }
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <div className="app">
      <Sidebar />
      <main className="main">
        <WriteProblemBanner />
        {Area ? (
          <ScreenBoundary>
            <Area />
          </ScreenBoundary>
        ) : client ? (
          // Keyed by client: switching remounts the workspace, so no component state crosses clients.
          <Workspace key={currentId} client={client} />
        ) : (
          <Home />
        )}
      </main>
      <ClientDialogs dialog={dialog} close={() => useDialogs.getState().closeDialog()} />
      <QuickSwitcher />
      <OpenFileDialog />
    </div>
  )
}
