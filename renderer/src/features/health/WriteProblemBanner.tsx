/**
 * The read-only banner: shown while the vault cannot be written (opened from a read-only disk, or the disk filled
 * up or turned read-only mid-session). Everything stays readable; a refused change says so where it was made, and
 * this banner says why and what to do. It goes away by itself once a write works again, or on "Check again".
 */
import { useEffect, useState } from 'react'
import type { WriteProblem } from '../../../../shared/ipc/contract'
import { api } from '../../api'
import './health.css'

export function WriteProblemBanner(): React.JSX.Element | null {
  const [problem, setProblem] = useState<WriteProblem | null>(null)
  const [readOnlyVault, setReadOnlyVault] = useState(false)
  const [checking, setChecking] = useState(false)

  const check = async () => {
    setChecking(true)
    try {
      const s = await api.call('vault.status', {})
      setProblem(s.writeProblem ?? null)
      setReadOnlyVault(s.readOnly === true)
    } catch {
      // The status comes again with the next event.
    } finally {
      setChecking(false)
    }
  }

  useEffect(() => {
    const off = api.on('vault.writeProblemChanged', (p) => setProblem(p.problem))
    void check()
    return off
  }, [])

  if (!problem && !readOnlyVault) return null
  const [title, text] =
    problem?.problem === 'disk-full'
      ? ['Disk full — read-only', 'Changes cannot be saved until you free some space on the disk that holds the vault. Everything saved so far is safe and readable.']
      : problem
        ? ['Read-only', 'Changes cannot be saved: the vault folder can no longer be written (the disk became read-only or the files are locked). Everything saved so far is safe and readable. Make the folder writable again or reconnect the drive.']
        : ['Read-only', 'This vault is on a read-only disk or a folder you cannot write to: you can read everything, but changes cannot be saved.']
  return (
    <div className="write-banner" role="status" data-testid="read-only-banner">
      <strong>{title}</strong>
      <span>{text}</span>
      <button type="button" disabled={checking} onClick={() => void check()}>
        Check again
      </button>
    </div>
  )
}
