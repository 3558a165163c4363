import { useClients, visibleClients } from '../state/clients'
import { useDialogs } from '../state/dialogs'
import { useLoadSample } from './useLoadSample'

/** No client open: a first-run welcome, or a pointer to the switcher. */
export function Home(): React.JSX.Element {
  const count = useClients((s) => s.clients.length)
  const shown = useClients((s) => visibleClients(s).length)
  const { busy, error, loadSample: sample } = useLoadSample()
  if (count === 0)
    return (
      <div className="empty-state">
        <h1>Welcome to Trellis</h1>
        <p>
          Each client company you advise gets its own encrypted file: its partners, journey roadmap, hypotheses and
          workshops stay separate from every other client.
        </p>
        <div className="row center">
          <button type="button" className="primary" onClick={() => useDialogs.getState().openDialog({ kind: 'create' })}>
            Create your first client
          </button>
          <button type="button" onClick={sample} disabled={busy}>
            {busy ? 'Loading…' : 'Load sample data'}
          </button>
        </div>
        {error && (
          <p className="error-note" role="alert">
            {error}
          </p>
        )}
        <p className="muted small">Sample data adds a few fictional companies and partners you can explore and delete later.</p>
      </div>
    )
  if (shown === 0)
    return (
      <div className="empty-state">
        <h1>Every client is archived</h1>
        <p>Tick “Show archived” at the foot of the sidebar to open one again, or create a new client.</p>
        <div className="row center">
          <button type="button" className="primary" onClick={() => useDialogs.getState().openDialog({ kind: 'create' })}>
            Create a client
          </button>
        </div>
      </div>
    )
  return (
    <div className="empty-state">
      <h1>Pick a client</h1>
      <p>
        Choose a client in the sidebar, or press <kbd>Ctrl</kbd>+<kbd>K</kbd> and type part of its name.
      </p>
    </div>
  )
}
