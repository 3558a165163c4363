import { useEffect, useState } from 'react'
import { api, ApiError, errorText } from '../api'
import { ErrorNote, Modal } from '../components/Modal'
import { useClients } from '../state/clients'
import { useNav } from '../state/nav'
import { useOpenedFile } from '../state/openedFile'

/** What each refusal means for the person holding the file. */
function importErrorText(e: unknown, name: string): string {
  if (!(e instanceof ApiError)) return errorText(e)
  switch (e.code) {
    case 'KEY_INVALID':
      return 'That passphrase does not open this file. Check it with whoever sent you the file and type it again.'
    case 'FILE_CORRUPT':
    case 'FILE_FOREIGN':
      return `${name} is not a Trellis client file, or it is damaged. Ask for the file to be sent again.`
    case 'FROM_FUTURE_VERSION':
      return `${name} was made by a newer version of Trellis. Update Trellis, then open the file again.`
    case 'NOT_FOUND':
      return `${name} is no longer where it was (moved or deleted?). Find it and open it again.`
    case 'DISK_FULL':
    case 'READ_ONLY':
      return e.message
    default:
      return errorText(e)
  }
}

async function openImported(id: string): Promise<void> {
  await useClients.getState().load()
  useNav.getState().openClient(id)
}

/**
 * "Open client file": a `.trellis` file handed over by the computer. A file of this vault just opens its client;
 * a handover file asks for the passphrase it was sent with and becomes a new client (the file itself is not changed).
 */
export function OpenFileDialog(): React.JSX.Element | null {
  const file = useOpenedFile((s) => s.pending)
  const dismiss = useOpenedFile((s) => s.dismiss)
  const [pass, setPass] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [asked, setAsked] = useState(false)

  // First without a passphrase: a file of this vault opens at once, a damaged one says so before anything is typed.
  useEffect(() => {
    if (!file) return
    setPass('')
    setError(null)
    setAsked(false)
    let live = true
    api.call('client.importFile', { path: file.path }).then(
      async (r) => {
        if (!live) return
        dismiss()
        await openImported(r.client.id)
      },
      (e: unknown) => {
        if (!live) return
        if (e instanceof ApiError && e.code === 'KEY_INVALID') setAsked(true)
        else setError(importErrorText(e, file.name))
      }
    )
    return () => {
      live = false
    }
  }, [file, dismiss])

  if (!file) return null
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    if (!pass) return setError('Type the passphrase this file was sent with.')
    setBusy(true)
    setError(null)
    try {
      const r = await api.call('client.importFile', { path: file.path, passphrase: pass })
      dismiss()
      await openImported(r.client.id)
    } catch (err) {
      setError(importErrorText(err, file.name))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open
      onOpenChange={(o) => !o && dismiss()}
      title="Open client file"
      description={
        <>
          <strong className="path">{file.name}</strong> will be added to your vault as a new client. The file itself is
          not changed.
        </>
      }
    >
      <form onSubmit={submit} className="stack">
        {asked && (
          <label className="field">
            <span>Handover passphrase</span>
            <input
              type="password"
              autoFocus
              autoComplete="off"
              value={pass}
              onChange={(e) => (setPass(e.target.value), setError(null))}
            />
          </label>
        )}
        <ErrorNote error={error} />
        <div className="row end">
          <button type="button" onClick={dismiss}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !asked}>
            {busy ? 'Importing…' : 'Import and open'}
          </button>
        </div>
      </form>
    </Modal>
  )
}
