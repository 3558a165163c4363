/** "Export" in the portfolio toolbar: the whole portfolio as CSV or an Excel workbook, saved through a download. */
import { useState } from 'react'
import { api, errorText } from '../../api'

function download(fileName: string, mime: string, base64: string): void {
  const bin = atob(base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export function ExportMenu({ clientId }: { clientId: string }): React.JSX.Element {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (format: 'csv' | 'xlsx', menu: HTMLDetailsElement | null) => {
    setBusy(true)
    setError(null)
    try {
      const f = await api.call('portfolio.export', { clientId, format })
      download(f.fileName, f.mime, f.base64)
      if (menu) menu.open = false
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <details className="menu">
      <summary>Export</summary>
      <div className="menu-body menu-right stack export-menu">
        <p className="muted small">Every partner with stage, health, pipeline and warnings. Text that a spreadsheet could run as a formula is made safe.</p>
        <button type="button" disabled={busy} onClick={(e) => void run('xlsx', e.currentTarget.closest('details'))}>
          Excel workbook (.xlsx)
        </button>
        <button type="button" disabled={busy} onClick={(e) => void run('csv', e.currentTarget.closest('details'))}>
          CSV file
        </button>
        {error && (
          <span className="error-note" role="alert">
            {error}
          </span>
        )}
      </div>
    </details>
  )
}
