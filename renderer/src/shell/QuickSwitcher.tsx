import { Command, defaultFilter } from 'cmdk'
import { segmentText } from '../components/SegmentFields'
import { areas } from '../features/areas'
import { useClients } from '../state/clients'
import { useDialogs } from '../state/dialogs'
import { useNav } from '../state/nav'

/**
 * Ctrl/Cmd+K: type a few letters of a client's name, Enter opens it. Archived clients are listed last.
 * Matching uses the name only (item values are ids, which must never influence the ranking).
 */
export function QuickSwitcher(): React.JSX.Element {
  const open = useDialogs((s) => s.switcherOpen)
  const setOpen = useDialogs((s) => s.setSwitcherOpen)
  const clients = useClients((s) => s.clients)
  const currentId = useClients((s) => s.currentId)
  const active = clients.filter((c) => !c.archived)
  const archived = clients.filter((c) => c.archived)

  const go = (id: string) => {
    setOpen(false)
    useNav.getState().openClient(id)
  }

  const item = (c: (typeof clients)[number]) => (
    <Command.Item key={c.id} value={c.id} keywords={[c.name]} onSelect={() => go(c.id)} className="switcher-item">
      <span className="switcher-name">{c.name}</span>
      <span className="switcher-meta">
        {c.id === currentId ? 'Open now' : segmentText(c.segment)}
      </span>
    </Command.Item>
  )

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Switch to a client"
      overlayClassName="overlay"
      contentClassName="switcher"
      filter={(_value, search, keywords) => defaultFilter((keywords ?? []).join(' '), search)}
      loop
    >
      <Command.Input className="switcher-input" placeholder="Switch to a client…" aria-label="Client name" />
      <Command.List className="switcher-list">
        <Command.Empty className="switcher-empty">No client matches. Press Esc to close.</Command.Empty>
        {active.length > 0 && <Command.Group heading="Clients">{active.map(item)}</Command.Group>}
        {archived.length > 0 && <Command.Group heading="Archived">{archived.map(item)}</Command.Group>}
        <Command.Group heading="Actions">
          <Command.Item value="action:new-client" keywords={['New client', 'create']} onSelect={() => useDialogs.getState().openDialog({ kind: 'create' })}>
            New client…
          </Command.Item>
          {areas.map((a) => (
            <Command.Item
              key={a.id}
              value={`area:${a.id}`}
              keywords={[a.label]}
              onSelect={() => {
                setOpen(false)
                useNav.getState().openArea(a.id)
              }}
            >
              Go to {a.label}
            </Command.Item>
          ))}
        </Command.Group>
      </Command.List>
    </Command.Dialog>
  )
}
