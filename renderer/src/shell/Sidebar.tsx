import { areas } from '../features/areas'
import { useClients, visibleClients } from '../state/clients'
import { useDialogs } from '../state/dialogs'
import { useNav } from '../state/nav'
import { useVault } from '../state/vault'
import { useLoadSample } from './useLoadSample'

const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'

export function Sidebar(): React.JSX.Element {
  const clients = useClients((s) => s.clients)
  const showArchived = useClients((s) => s.showArchived)
  const currentId = useClients((s) => s.currentId)
  const area = useNav((s) => s.area)
  const shown = visibleClients({ clients, showArchived })
  const archivedCount = clients.filter((c) => c.archived).length
  const { busy, error, loadSample } = useLoadSample()

  return (
    <nav className="sidebar" aria-label="Clients">
      <div className="sidebar-top">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Trellis
        </div>
        <button type="button" className="switch-button" onClick={() => useDialogs.getState().setSwitcherOpen(true)}>
          <span>Switch client</span>
          <kbd>{MOD}+K</kbd>
        </button>
      </div>

      {areas.length > 0 && (
        <ul className="nav-list">
          {areas.map((a) => (
            <li key={a.id}>
              <button type="button" className={area === a.id ? 'nav-item active' : 'nav-item'} aria-current={area === a.id ? 'page' : undefined} onClick={() => useNav.getState().openArea(a.id)}>
                {a.label}
              </button>
            </li>
          ))}
        </ul>
      )}

      <div className="sidebar-heading">
        <span>Clients</span>
        <button type="button" className="icon-button" aria-label="New client" title="New client" onClick={() => useDialogs.getState().openDialog({ kind: 'create' })}>
          +
        </button>
      </div>
      <ul className="nav-list client-list" data-testid="client-list">
        {shown.map((c, i) => (
          <li key={c.id}>
            <button
              type="button"
              className={c.id === currentId && area === null ? 'nav-item active' : 'nav-item'}
              aria-current={c.id === currentId && area === null ? 'page' : undefined}
              onClick={() => useNav.getState().openClient(c.id)}
              title={i < 9 ? `${c.name} (${MOD}+${i + 1})` : c.name}
            >
              <span className="nav-label">{c.name}</span>
              {c.archived && <span className="badge">Archived</span>}
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="nav-empty">{clients.length === 0 ? 'No clients yet' : 'All clients are archived'}</li>}
      </ul>
      {archivedCount > 0 && (
        <label className="check small">
          <input type="checkbox" checked={showArchived} onChange={(e) => useClients.getState().setShowArchived(e.target.checked)} />
          Show archived ({archivedCount})
        </label>
      )}

      <div className="sidebar-bottom">
        {error && (
          <p className="error-note small" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="quiet" onClick={loadSample} disabled={busy}>
          {busy ? 'Loading sample data…' : 'Load sample data'}
        </button>
        {import.meta.env.VITE_TRANSPORT !== 'ws' && (
          <button type="button" className="quiet" onClick={() => useDialogs.getState().openDialog({ kind: 'settings' })}>
            Settings…
          </button>
        )}
        <button type="button" className="quiet" onClick={() => useDialogs.getState().openDialog({ kind: 'passphrase' })}>
          Change passphrase…
        </button>
        <button type="button" className="quiet" onClick={() => void useVault.getState().lock()}>
          Lock vault
        </button>
      </div>
    </nav>
  )
}
