import { useEffect, useState } from 'react'
import type { ClientSummary } from '../../../shared/ipc/contract'
import type { Segment } from '../../../shared/domain/segment'
import { errorText } from '../api'
import { EMPTY_SEGMENT, SegmentFields } from '../components/SegmentFields'
import { ErrorNote, Modal } from '../components/Modal'
import { useClients } from '../state/clients'
import { useNav } from '../state/nav'

/** Which client dialog is open; one at a time, driven from the sidebar, the workspace header and the switcher. */
export type ClientDialog =
  | { kind: 'create' }
  | { kind: 'rename'; client: ClientSummary }
  | { kind: 'segment'; client: ClientSummary }
  | { kind: 'delete'; client: ClientSummary }
  | null

function useSubmit(action: () => Promise<void>, done: () => void) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (e: React.FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await action()
      done()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run, setError }
}

function CreateClient({ close }: { close(): void }): React.JSX.Element {
  const [name, setName] = useState('')
  const [segment, setSegment] = useState<Segment>(EMPTY_SEGMENT)
  const { busy, error, run } = useSubmit(async () => {
    const c = await useClients.getState().create(name, segment)
    useNav.getState().openClient(c.id)
  }, close)
  return (
    <form onSubmit={run} className="stack">
      <label className="field">
        <span>Client name</span>
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Northwind Analytics" />
      </label>
      <fieldset className="fieldset">
        <legend>Segment (optional, used to compare clients anonymously)</legend>
        <SegmentFields value={segment} onChange={setSegment} />
      </fieldset>
      <ErrorNote error={error} />
      <div className="row end">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
          Create client
        </button>
      </div>
    </form>
  )
}

function RenameClient({ client, close }: { client: ClientSummary; close(): void }): React.JSX.Element {
  const [name, setName] = useState(client.name)
  const { busy, error, run } = useSubmit(() => useClients.getState().rename(client.id, name), close)
  return (
    <form onSubmit={run} className="stack">
      <label className="field">
        <span>New name</span>
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} onFocus={(e) => e.target.select()} />
      </label>
      <ErrorNote error={error} />
      <div className="row end">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || name.trim() === '' || name.trim() === client.name}>
          Rename
        </button>
      </div>
    </form>
  )
}

function EditSegment({ client, close }: { client: ClientSummary; close(): void }): React.JSX.Element {
  const [segment, setSegment] = useState<Segment>(client.segment)
  const { busy, error, run } = useSubmit(() => useClients.getState().updateSegment(client.id, segment), close)
  return (
    <form onSubmit={run} className="stack">
      <SegmentFields value={segment} onChange={setSegment} />
      <ErrorNote error={error} />
      <div className="row end">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Save segment
        </button>
      </div>
    </form>
  )
}

function DeleteClient({ client, close }: { client: ClientSummary; close(): void }): React.JSX.Element {
  const [typed, setTyped] = useState('')
  const { busy, error, run } = useSubmit(() => useClients.getState().remove(client.id), close)
  return (
    <form onSubmit={run} className="stack">
      <p>
        This permanently deletes <strong>{client.name}</strong> and every partner, plan and note in its file. It cannot
        be undone. To keep the client but hide it, archive it instead.
      </p>
      <label className="field">
        <span>
          Type <strong>{client.name}</strong> to confirm
        </span>
        <input autoFocus spellCheck={false} autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </label>
      <ErrorNote error={error} />
      <div className="row end">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="danger" disabled={busy || typed !== client.name}>
          Delete client
        </button>
      </div>
    </form>
  )
}

export function ClientDialogs({ dialog, close }: { dialog: ClientDialog; close(): void }): React.JSX.Element | null {
  // Keep the last dialog rendered while Radix plays its closing transition.
  const [shown, setShown] = useState<ClientDialog>(dialog)
  useEffect(() => {
    if (dialog) setShown(dialog)
  }, [dialog])
  const d = dialog ?? shown
  if (!d) return null
  const open = dialog !== null
  const onOpenChange = (o: boolean) => {
    if (!o) close()
  }
  switch (d.kind) {
    case 'create':
      return (
        <Modal open={open} onOpenChange={onOpenChange} title="New client" wide>
          <CreateClient close={close} />
        </Modal>
      )
    case 'rename':
      return (
        <Modal open={open} onOpenChange={onOpenChange} title={`Rename ${d.client.name}`}>
          <RenameClient key={d.client.id} client={d.client} close={close} />
        </Modal>
      )
    case 'segment':
      return (
        <Modal open={open} onOpenChange={onOpenChange} title="Edit segment" description={`How ${d.client.name} is described when it is compared with other clients.`} wide>
          <EditSegment key={d.client.id} client={d.client} close={close} />
        </Modal>
      )
    case 'delete':
      return (
        <Modal open={open} onOpenChange={onOpenChange} title={`Delete ${d.client.name}?`}>
          <DeleteClient key={d.client.id} client={d.client} close={close} />
        </Modal>
      )
  }
}
