import { useEffect, useState } from 'react'
import type { ClientSummary } from '../../../shared/ipc/contract'
import { errorText } from '../api'
import { ScreenBoundary } from '../components/lazyScreen'
import { segmentText } from '../components/SegmentFields'
import { sections } from '../features/sections'
import { useClients } from '../state/clients'
import { useDialogs } from '../state/dialogs'
import { useNav } from '../state/nav'

/** One client's workspace: header with actions, then the registered sections as tabs. */
export function Workspace({ client }: { client: ClientSummary }): React.JSX.Element {
  const sectionId = useNav((s) => s.section)
  const section = sections.find((s) => s.id === sectionId) ?? sections[0]
  const Section = section.component
  const [error, setError] = useState<string | null>(null)
  const open = useDialogs((s) => s.openDialog)

  useEffect(() => {
    document.title = `${client.name} — Trellis`
    return () => {
      document.title = 'Trellis'
    }
  }, [client.name])

  const toggleArchive = async () => {
    setError(null)
    try {
      await useClients.getState().archive(client.id, !client.archived)
    } catch (e) {
      setError(errorText(e))
    }
  }

  const segment = segmentText(client.segment)
  return (
    <div className={`workspace section-${section.id}`}>
      <header className="workspace-header">
        <div>
          <h1 data-testid="client-title">
            {client.name}
            {client.archived && <span className="badge">Archived</span>}
          </h1>
          <p className="muted">
            {segment || 'No segment set'} ·{' '}
            <button type="button" className="link" onClick={() => open({ kind: 'segment', client })}>
              Edit segment
            </button>
          </p>
        </div>
        <div className="row">
          <button type="button" onClick={() => open({ kind: 'rename', client })}>
            Rename
          </button>
          <button type="button" onClick={() => open({ kind: 'handover', client })}>
            Hand over…
          </button>
          <button type="button" onClick={() => open({ kind: 'backups', client })}>
            Backups…
          </button>
          <button type="button" onClick={toggleArchive}>
            {client.archived ? 'Unarchive' : 'Archive'}
          </button>
          <button type="button" className="danger-quiet" onClick={() => open({ kind: 'delete', client })}>
            Delete…
          </button>
        </div>
      </header>
      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      <div className="tabs" role="tablist" aria-label="Client sections">
        {sections.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            id={`tab-${s.id}`}
            aria-selected={s.id === section.id}
            aria-controls="section-panel"
            className={s.id === section.id ? 'tab active' : 'tab'}
            onClick={() => useNav.getState().openSection(s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <section className="section-panel" id="section-panel" role="tabpanel" aria-labelledby={`tab-${section.id}`}>
        <ScreenBoundary>
          <Section client={client} />
        </ScreenBoundary>
      </section>
    </div>
  )
}
