import { readRun, RUN_DIR } from './logs'

/**
 * The whole run at once: the renderer made no request to anywhere but the harness (each test checks its own, and
 * they were blocked), and the backend log of the run holds no name of any client or partner of any test.
 */
export default function globalTeardown(): void {
  const r = readRun()
  console.log(
    `e2e-web run: ${r.requests} requests from the renderer in ${r.tests} tests, ${r.foreign.length} to anywhere but the harness; ` +
      `backend log ${r.logLines} lines searched for ${r.names} client and partner names, ${r.leaked.length} found (${RUN_DIR})`
  )
  if (r.foreign.length) throw new Error(`The renderer made requests outside the harness: ${r.foreign.slice(0, 5).join(', ')}`)
  if (r.leaked.length) throw new Error(`The backend log of the run contains client or partner names: ${r.leaked.slice(0, 5).join(', ')}`)
}
