/**
 * A client's backups (the "Backups…" dialog of the workspace header): list them, make one now, restore one as the
 * current file (the file it replaces is kept as a backup first, so a restore never loses anything) or as a new
 * client beside the current one.
 */
import { useCallback, useEffect, useState } from 'react'
import { flushSync } from 'react-dom'
import type { BackupInfo, BackupKind, BackupPolicy } from '../../../../shared/ipc/channels/backup'
import type { ClientSummary } from '../../../../shared/ipc/contract'
import { api, errorText } from '../../api'
import { ErrorNote } from '../../components/Modal'
import { useClients } from '../../state/clients'
import { useNav } from '../../state/nav'
import './backups.css'

const KIND_TEXT: Record<BackupKind, string> = {
  close: 'When the client was closed',
  daily: 'Daily, while it was open',
  manual: 'Made by hand',
  'pre-restore': 'Safety copy before a restore',
  'pre-migration': 'Safety copy before an update'
}

function when(iso: string): string {
  const d = new Date(iso)
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export function BackupsDialogBody({ client, close }: { client: ClientSummary; close(): void }): React.JSX.Element {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [confirm, setConfirm] = useState<BackupInfo | null>(null)
  const [done, setDone] = useState<string | null>(null)

  const load = useCallback(async () => {
    try {
      const list = await api.call('backup.list', { clientId: client.id })
      setBackups([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt)))
    } catch (e) {
      setError(errorText(e))
    }
  }, [client.id])
  useEffect(() => {
    void load()
  }, [load])

  const run = async (what: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    setDone(null)
    try {
      await what()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const backUpNow = () =>
    run(async () => {
      await api.call('backup.create', { clientId: client.id })
      await load()
      setDone('Backup made.')
    })

  const restore = (b: BackupInfo, asNew: boolean) =>
    run(async () => {
      const restored = await api.call('backup.restore', { clientId: client.id, backupId: b.id, asNew })
      await useClients.getState().load()
      if (asNew) {
        close()
        useNav.getState().openClient(restored.id)
        return
      }
      // The open screens hold data of the file that was just replaced: close the client (rendered at once, so every
      // section unmounts and forgets it) and open it again from the restored file.
      close()
      flushSync(() => useClients.getState().select(null))
      useNav.getState().openClient(client.id)
    })

  if (confirm)
    return (
      <div className="stack" data-testid="restore-confirm">
        <p>
          Restore the backup from <strong>{when(confirm.createdAt)}</strong> ({KIND_TEXT[confirm.kind].toLowerCase()})?
        </p>
        <div className="restore-choices">
          <button type="button" className="restore-choice" disabled={busy} onClick={() => void restore(confirm, false)}>
            <strong>Replace the current file</strong>
            <span className="muted small">
              {client.name} goes back to this backup. The current file is kept as a backup first, so you can return to it.
            </span>
          </button>
          <button type="button" className="restore-choice" disabled={busy} onClick={() => void restore(confirm, true)}>
            <strong>Restore as a new client</strong>
            <span className="muted small">The backup opens beside {client.name} as a separate client; nothing of the current file changes.</span>
          </button>
        </div>
        <ErrorNote error={error} />
        <div className="row end">
          <button type="button" disabled={busy} onClick={() => setConfirm(null)}>
            Back
          </button>
        </div>
      </div>
    )

  return (
    <div className="stack" data-testid="backups">
      {backups === null ? (
        <p className="muted" aria-busy="true">
          Loading backups…
        </p>
      ) : backups.length === 0 ? (
        <p className="muted">No backups of {client.name} yet. One is made when the client is closed after a change, and once a day while it stays open.</p>
      ) : (
        <div className="backup-scroll">
          <table className="table" data-testid="backup-list">
            <thead>
              <tr>
                <th>Made</th>
                <th>Why</th>
                <th>Size</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.id}>
                  <td>{when(b.createdAt)}</td>
                  <td>{KIND_TEXT[b.kind]}</td>
                  <td>{size(b.bytes)}</td>
                  <td className="row end">
                    <button type="button" disabled={busy} onClick={() => setConfirm(b)} aria-label={`Restore the backup from ${when(b.createdAt)}`}>
                      Restore…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorNote error={error} />
      {done && (
        <p className="muted" role="status">
          {done}
        </p>
      )}
      <Retention />
      <div className="row spread-row">
        <button type="button" disabled={busy} onClick={() => void backUpNow()}>
          Back up now
        </button>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </div>
  )
}

/** How many backups the vault keeps per client (a vault-wide setting): the newest of each of the last N days and M weeks. */
function Retention(): React.JSX.Element {
  const [policy, setPolicy] = useState<BackupPolicy | null>(null)
  const [draft, setDraft] = useState<{ daily: string; weekly: string }>({ daily: '', weekly: '' })
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null)
  useEffect(() => {
    api.call('backup.policy', {}).then(
      (p) => {
        setPolicy(p)
        setDraft({ daily: String(p.daily), weekly: String(p.weekly) })
      },
      (e) => setNote({ text: errorText(e), error: true })
    )
  }, [])
  if (!policy) return <ErrorNote error={note?.error ? note.text : null} />
  const changed = draft.daily !== String(policy.daily) || draft.weekly !== String(policy.weekly)
  const save = async () => {
    try {
      const p = await api.call('backup.setPolicy', { daily: Number(draft.daily), weekly: Number(draft.weekly) })
      setPolicy(p)
      setNote({ text: 'Saved. Older backups beyond these are removed at the next backup.', error: false })
    } catch (e) {
      setNote({ text: errorText(e), error: true })
    }
  }
  return (
    <form
      className="retention"
      // The backend's message names the limit; the browser's own bubble would not.
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <fieldset className="fieldset">
        <legend>How many backups to keep (for every client)</legend>
        <div className="row">
          <span>The newest of each of the last</span>
          <input type="number" min={1} max={366} aria-label="Days of backups to keep" value={draft.daily} onChange={(e) => setDraft({ ...draft, daily: e.target.value })} />
          <span>days and</span>
          <input type="number" min={0} max={520} aria-label="Weeks of backups to keep" value={draft.weekly} onChange={(e) => setDraft({ ...draft, weekly: e.target.value })} />
          <span>weeks</span>
          <button type="submit" disabled={!changed}>
            Save
          </button>
        </div>
        {note && (
          <p className={note.error ? 'error-text' : 'muted small'} role={note.error ? 'alert' : 'status'}>
            {note.text}
          </p>
        )}
      </fieldset>
    </form>
  )
}
