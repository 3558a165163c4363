import { useEffect, useRef, useState } from 'react'
import { useVault } from '../state/vault'

function Centered({ title, lead, children }: { title: string; lead?: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <main className="centered">
      <div className="card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Trellis
        </div>
        <h1>{title}</h1>
        {lead ? <p className="lead">{lead}</p> : null}
        {children}
      </div>
    </main>
  )
}

function VaultError(): React.JSX.Element | null {
  const error = useVault((s) => s.error)
  if (!error) return null
  return (
    <p className="error-note" role="alert">
      {error}
    </p>
  )
}

export function CreateVaultScreen(): React.JSX.Element {
  const { create, busy } = useVault()
  const [pass, setPass] = useState('')
  const [again, setAgain] = useState('')
  const [local, setLocal] = useState<string | null>(null)

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    useVault.getState().clearError()
    if (pass.length < 8) return setLocal('The passphrase needs at least 8 characters.')
    if (pass !== again) return setLocal('The two passphrases are not the same. Type them again.')
    setLocal(null)
    await create(pass)
  }

  return (
    <Centered
      title="Create your vault"
      lead="Your vault keeps every client in its own encrypted file on this computer. Choose a passphrase to unlock it; nobody can recover it for you."
    >
      <form onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor="new-passphrase">Passphrase</label>
          <input
            id="new-passphrase"
            type="password"
            autoFocus
            autoComplete="new-password"
            aria-describedby="new-passphrase-hint"
            value={pass}
            onChange={(e) => setPass(e.target.value)}
          />
          <small id="new-passphrase-hint">At least 8 characters. A few unrelated words are easy to remember and hard to guess.</small>
        </div>
        <label className="field">
          <span>Passphrase again</span>
          <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
        </label>
        {local ? (
          <p className="error-note" role="alert">
            {local}
          </p>
        ) : (
          <VaultError />
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating the vault…' : 'Create vault'}
        </button>
      </form>
    </Centered>
  )
}

export function RecoveryKeyScreen(): React.JSX.Element {
  const { recoveryKey, confirmRecoveryKey } = useVault()
  const [copied, setCopied] = useState(false)
  const [step, setStep] = useState<'show' | 'confirm'>('show')
  const [typed, setTyped] = useState('')
  const [saved, setSaved] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const key = recoveryKey ?? ''
  const norm = (s: string) => s.replace(/[\s-]/g, '').toUpperCase()

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(key)
      setCopied(true)
    } catch {
      setError('Copying is not allowed here. Select the key and copy it by hand.')
    }
  }

  if (step === 'show')
    return (
      <Centered
        title="Save your recovery key"
        lead="If you forget your passphrase, this key is the only way back into your vault. It is shown only this once. Store it somewhere safe and away from this computer, such as a password manager."
      >
        <div className="recovery-key" data-testid="recovery-key" aria-label="Recovery key">
          {key}
        </div>
        <div className="row">
          <button type="button" onClick={copy}>
            {copied ? 'Copied' : 'Copy recovery key'}
          </button>
        </div>
        {error ? (
          <p className="error-note" role="alert">
            {error}
          </p>
        ) : null}
        <label className="check">
          <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
          I have saved my recovery key somewhere safe
        </label>
        <button type="button" className="primary" disabled={!saved} onClick={() => setStep('confirm')}>
          Continue
        </button>
      </Centered>
    )

  const matches = norm(typed) === norm(key)
  return (
    <Centered title="Confirm your recovery key" lead="Type or paste the recovery key you saved, to make sure you have it.">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault()
          if (matches) void confirmRecoveryKey()
          else setError('That is not the recovery key shown on the previous step. Check what you saved.')
        }}
      >
        <label className="field">
          <span>Recovery key</span>
          <input autoFocus spellCheck={false} autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        {error ? (
          <p className="error-note" role="alert">
            {error}
          </p>
        ) : null}
        <div className="row">
          <button type="button" onClick={() => (setStep('show'), setError(null))}>
            Back
          </button>
          <button type="submit" className="primary">
            Confirm and open the vault
          </button>
        </div>
      </form>
    </Centered>
  )
}

export function UnlockScreen(): React.JSX.Element {
  const { unlock, busy, location, keychain } = useVault()
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase')
  const [secret, setSecret] = useState('')
  const [remember, setRemember] = useState(false)
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => input.current?.focus(), [mode])

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    const ok = await unlock(mode === 'passphrase' ? { passphrase: secret } : { recoveryKey: secret }, remember)
    if (!ok) input.current?.select()
  }

  return (
    <Centered title="Unlock your vault" lead={location ? `Vault folder: ${location}` : undefined}>
      <form onSubmit={submit} className="stack">
        <label className="field">
          <span>{mode === 'passphrase' ? 'Passphrase' : 'Recovery key'}</span>
          <input
            ref={input}
            type={mode === 'passphrase' ? 'password' : 'text'}
            spellCheck={false}
            autoComplete={mode === 'passphrase' ? 'current-password' : 'off'}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </label>
        {mode === 'passphrase' && keychain?.available && !keychain.remembered && (
          <label className="check">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            Remember on this device (kept in the system keychain)
          </label>
        )}
        <VaultError />
        <button type="submit" className="primary" disabled={busy || secret.length === 0}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
        {keychain?.remembered && (
          <div className="row">
            <button type="button" onClick={() => void useVault.getState().unlockRemembered()} disabled={busy}>
              Unlock with this device
            </button>
            <button type="button" className="link" onClick={() => void useVault.getState().forgetRemembered()}>
              Stop remembering on this device
            </button>
          </div>
        )}
        <button
          type="button"
          className="link"
          onClick={() => {
            setMode(mode === 'passphrase' ? 'recovery' : 'passphrase')
            setSecret('')
            useVault.getState().clearError()
          }}
        >
          {mode === 'passphrase' ? 'Forgot your passphrase? Use your recovery key' : 'Use your passphrase instead'}
        </button>
      </form>
    </Centered>
  )
}

export function UnreachableScreen(): React.JSX.Element {
  const { error, refresh } = useVault()
  return (
    <Centered title="Trellis cannot reach its data" lead={error ?? undefined}>
      <button type="button" className="primary" onClick={() => void refresh()}>
        Try again
      </button>
    </Centered>
  )
}
