import type { RunProgress } from './store'

/** While a run reads client files: how far it is, and a way to stop it (what was read stays cached). */
export function RunStatus({ loading, progress, onCancel }: { loading: boolean; progress: RunProgress | null; onCancel(): void }): React.JSX.Element | null {
  if (!loading) return null
  return (
    <div className="run-status" role="status" data-testid="run-status">
      {progress ? (
        <>
          <span>
            Reading client files: {progress.done} of {progress.total}
            {progress.skipped > 0 && ` (${progress.skipped} skipped)`}
          </span>
          <progress max={progress.total} value={progress.done} aria-label="Benchmark progress" />
        </>
      ) : (
        <span>Checking which client files changed…</span>
      )}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}
