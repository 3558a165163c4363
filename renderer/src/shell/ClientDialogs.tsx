import { useEffect, useState } from 'react'
import type { ClientSummary } from '../../../shared/ipc/contract'
import type { Segment } from '../../../shared/domain/segment'
import type { DesktopSettings } from '../../../shared/ipc/device'
import { api, ApiError, errorText } from '../api'
import { EMPTY_SEGMENT, SegmentFields } from '../components/SegmentFields'
import { ErrorNote, Modal } from '../components/Modal'
import { useClients } from '../state/clients'
import { useNav } from '../state/nav'
import { BackupsDialogBody } from '../features/backups/Backups'

/** Which client dialog is open; one at a time, driven from the sidebar, the workspace header and the switcher. */
export type ClientDialog =
  | { kind: 'create' }
  | { kind: 'rename'; client: ClientSummary }
  | { kind: 'segment'; client: ClientSummary }
  | { kind: 'delete'; client: ClientSummary }
  | { kind: 'handover'; client: ClientSummary }
  | { kind: 'backups'; client: ClientSummary }
  | { kind: 'passphrase' }
  | { kind: 'settings' }
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

/** The end of every dialog form: its error, Cancel, and the one action. */
function FormFooter(p: { error: string | null; close(): void; label: string; disabled: boolean; danger?: boolean }): React.JSX.Element {
  return (
    <>
      <ErrorNote error={p.error} />
      <div className="row end">
        <button type="button" onClick={p.close}>
          Cancel
        </button>
        <button type="submit" className={p.danger ? 'danger' : 'primary'} disabled={p.disabled}>
          {p.label}
        </button>
      </div>
    </>
  )
}

/** What a dialog shows once its work is done, with the one way out. */
function DonePanel({ close, children }: { close(): void; children: React.ReactNode }): React.JSX.Element {
  return (
    <div className="stack">
      <p>{children}</p>
      <div className="row end">
        <button type="button" className="primary" onClick={close}>
          Done
        </button>
      </div>
    </div>
  )
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
      <FormFooter error={error} close={close} label="Create client" disabled={busy || name.trim() === ''} />
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
      <FormFooter error={error} close={close} label="Rename" disabled={busy || name.trim() === '' || name.trim() === client.name} />
    </form>
  )
}

function EditSegment({ client, close }: { client: ClientSummary; close(): void }): React.JSX.Element {
  const [segment, setSegment] = useState<Segment>(client.segment)
  const { busy, error, run } = useSubmit(() => useClients.getState().updateSegment(client.id, segment), close)
  return (
    <form onSubmit={run} className="stack">
      <SegmentFields value={segment} onChange={setSegment} />
      <FormFooter error={error} close={close} label="Save segment" disabled={busy} />
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
      <FormFooter error={error} close={close} label="Delete client" disabled={busy || typed !== client.name} danger />
    </form>
  )
}

/** A standalone copy of one client's file, keyed with a passphrase the client is given (desktop: Save dialog). */
function HandOver({ client, close }: { client: ClientSummary; close(): void }): React.JSX.Element {
  const [pass, setPass] = useState('')
  const [again, setAgain] = useState('')
  const [saved, setSaved] = useState<{ path: string; bytes: number } | null>(null)
  const { busy, error, run, setError } = useSubmit(async () => {
    if (pass.length < 8) throw new Error('The passphrase for the client needs at least 8 characters.')
    if (pass !== again) throw new Error('The two passphrases are not the same. Type them again.')
    let picked: { path: string } | null
    try {
      picked = await api.call('device.chooseHandoverPath', { suggestedName: `${client.name}.trellis` })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNKNOWN_CHANNEL')
        throw new Error('Saving a handover copy needs the desktop app. From a terminal: npm run trellis -- client handover ID --out FILE')
      throw e
    }
    if (!picked) return // the user cancelled the Save dialog
    // The Save dialog already asked before replacing an existing file.
    setSaved(await api.call('client.handover', { id: client.id, outPath: picked.path, passphrase: pass, overwrite: true }))
  }, () => undefined)
  if (saved)
    return (
      <DonePanel close={close}>
        Saved a copy of {client.name} to <strong className="path">{saved.path}</strong> ({Math.ceil(saved.bytes / 1024)} KB).
          Give the client the file and, separately, the passphrase.
      </DonePanel>
    )
  return (
    <form onSubmit={run} className="stack">
      <label className="field">
        <span>Passphrase for the client</span>
        <input type="password" autoFocus autoComplete="new-password" value={pass} onChange={(e) => (setPass(e.target.value), setError(null))} />
      </label>
      <label className="field">
        <span>Passphrase again</span>
        <input type="password" autoComplete="new-password" value={again} onChange={(e) => (setAgain(e.target.value), setError(null))} />
      </label>
      <FormFooter error={error} close={close} label="Choose where to save…" disabled={busy || pass === ''} />
    </form>
  )
}

/** Changes the vault passphrase; client files are not rewritten, and the recovery key keeps working. */
function ChangePassphrase({ close }: { close(): void }): React.JSX.Element {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [again, setAgain] = useState('')
  const [done, setDone] = useState(false)
  const { busy, error, run } = useSubmit(async () => {
    if (next.length < 8) throw new Error('The new passphrase needs at least 8 characters.')
    if (next !== again) throw new Error('The two new passphrases are not the same. Type them again.')
    await api.call('vault.changePassphrase', { current, next })
    setDone(true)
  }, () => undefined)
  if (done)
    return (
      <DonePanel close={close}>
        Your vault now opens with the new passphrase. Your recovery key still works.
      </DonePanel>
    )
  return (
    <form onSubmit={run} className="stack">
      <label className="field">
        <span>Current passphrase</span>
        <input type="password" autoFocus autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label className="field">
        <span>New passphrase</span>
        <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label className="field">
        <span>New passphrase again</span>
        <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
      </label>
      <FormFooter error={error} close={close} label="Change passphrase" disabled={busy || current === '' || next === ''} />
    </form>
  )
}

/** Desktop preferences kept by main: auto-lock after idle time. The browser build has none. */
function Settings({ close }: { close(): void }): React.JSX.Element {
  const [settings, setSettings] = useState<DesktopSettings | null>(null)
  const [minutes, setMinutes] = useState('')
  const [loadError, setLoadError] = useState<string | null>(null)
  useEffect(() => {
    api.call('device.getSettings', {}).then(
      (s) => {
        setSettings(s)
        setMinutes(s.autoLockMinutes === null ? '' : String(s.autoLockMinutes))
      },
      (e: unknown) =>
        setLoadError(e instanceof ApiError && e.code === 'UNKNOWN_CHANNEL' ? 'Settings exist only in the desktop app.' : errorText(e))
    )
  }, [])
  const { busy, error, run } = useSubmit(async () => {
    const n = minutes.trim() === '' ? null : Number(minutes)
    if (n !== null && (!Number.isInteger(n) || n < 1)) throw new Error('Enter a whole number of minutes, or leave it empty to never lock.')
    await api.call('device.updateSettings', { autoLockMinutes: n })
  }, close)
  if (loadError) return <ErrorNote error={loadError} />
  if (!settings) return <p className="muted">Loading…</p>
  return (
    <form onSubmit={run} className="stack">
      <div className="field">
        <label htmlFor="auto-lock">Lock the vault after this many idle minutes</label>
        <input id="auto-lock" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-describedby="auto-lock-hint" />
        <small id="auto-lock-hint">Idle means no keyboard or mouse activity on this computer. Leave empty to never lock automatically.</small>
      </div>
      <FormFooter error={error} close={close} label="Save" disabled={busy} />
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
    case 'handover':
      return (
        <Modal
          open={open}
          onOpenChange={onOpenChange}
          title={`Hand over ${d.client.name}`}
          description="Saves a standalone encrypted copy of this client's file that the client opens with the passphrase you choose here. Nothing of your other clients or your vault keys is in it."
        >
          <HandOver key={d.client.id} client={d.client} close={close} />
        </Modal>
      )
    case 'backups':
      return (
        <Modal open={open} onOpenChange={onOpenChange} title={`Backups of ${d.client.name}`} description="Encrypted copies of this client's file, kept in your vault." wide>
          <BackupsDialogBody key={d.client.id} client={d.client} close={close} />
        </Modal>
      )
    case 'passphrase':
      return (
        <Modal open={open} onOpenChange={onOpenChange} title="Change vault passphrase">
          <ChangePassphrase close={close} />
        </Modal>
      )
    case 'settings':
      return (
        <Modal open={open} onOpenChange={onOpenChange} title="Settings on this device">
          <Settings close={close} />
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
