import { create } from 'zustand'
import { api } from '../api'

/**
 * A `.trellis` file the computer asked Trellis to open (double-click in the file manager). Main sends it only
 * once the vault is unlocked; it is subscribed as this module loads, so an event sent as the page finishes
 * loading is never missed. The shell shows the "Open client file" dialog while one is pending.
 */
interface OpenedFileState {
  pending: { path: string; name: string } | null
  dismiss(): void
}

export const useOpenedFile = create<OpenedFileState>()((set) => ({
  pending: null,
  dismiss: () => set({ pending: null })
}))

export function listenForOpenedFiles(): void {
  api.on('file.opened', (file) => useOpenedFile.setState({ pending: file }))
}
