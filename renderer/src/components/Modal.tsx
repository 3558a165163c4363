import * as Dialog from '@radix-ui/react-dialog'
import type { ReactNode } from 'react'

/** A Radix dialog with the app's look: title, optional description, body. Focus is trapped and restored. */
export function Modal(props: {
  open: boolean
  onOpenChange(open: boolean): void
  title: string
  description?: ReactNode
  children: ReactNode
  wide?: boolean
}): React.JSX.Element {
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className={props.wide ? 'modal modal-wide' : 'modal'}>
          <Dialog.Title className="modal-title">{props.title}</Dialog.Title>
          {props.description ? (
            <Dialog.Description className="modal-description">{props.description}</Dialog.Description>
          ) : (
            <Dialog.Description className="sr-only">{props.title}</Dialog.Description>
          )}
          {props.children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

export function ErrorNote({ error }: { error: string | null }): React.JSX.Element | null {
  if (!error) return null
  return (
    <p className="error-note" role="alert">
      {error}
    </p>
  )
}
