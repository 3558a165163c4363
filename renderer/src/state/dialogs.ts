import { create } from 'zustand'
import type { ClientDialog } from '../shell/ClientDialogs'

/** The one open client dialog and the quick switcher, so any part of the shell can open them. */
interface DialogState {
  dialog: ClientDialog
  switcherOpen: boolean
  openDialog(d: ClientDialog): void
  closeDialog(): void
  setSwitcherOpen(open: boolean): void
}

export const useDialogs = create<DialogState>()((set) => ({
  dialog: null,
  switcherOpen: false,
  openDialog: (dialog) => set({ dialog, switcherOpen: false }),
  closeDialog: () => set({ dialog: null }),
  setSwitcherOpen: (switcherOpen) => set({ switcherOpen })
}))
