import { resetRun } from './logs'

/** A fresh run record for the privacy and no-network checks of the whole run (see logs.ts). */
export default function globalSetup(): void {
  resetRun()
}
