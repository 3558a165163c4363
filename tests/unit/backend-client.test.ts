/**
 * Main's RPC client against real child processes: correlation, events, and the promise that a call never hangs
 * when the backend process dies (it answers BACKEND_RESTARTED, and the process comes back).
 */
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BackendClient } from '../../electron/backend/rpc/client'
import { forkSpawner } from '../../electron/backend/rpc/nodeChild'

const CHILD = resolve(__dirname, '../fixtures/rpc-child.mjs')
const clients: BackendClient[] = []

function client(extra: Partial<ConstructorParameters<typeof BackendClient>[0]> = {}) {
  const restarts: { code: number | null }[] = []
  const events: [string, unknown][] = []
  let onRestart: () => void = () => {}
  const c = new BackendClient({
    spawn: forkSpawner(CHILD),
    onEvent: (e, p) => events.push([e, p]),
    onRestart: (info) => {
      restarts.push(info)
      onRestart()
    },
    ...extra
  })
  clients.push(c)
  const nextRestart = () => new Promise<void>((r) => (onRestart = r))
  return { c, restarts, events, nextRestart }
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()))
})

describe('BackendClient', () => {
  it('correlates concurrent calls with their answers', async () => {
    const { c } = client()
    const inputs = Array.from({ length: 50 }, (_, i) => ({ n: i, s: 'x'.repeat(i) }))
    const results = await Promise.all(inputs.map((i) => c.call('echo', i)))
    expect(results).toEqual(inputs.map((i) => ({ ok: true, data: i })))
    expect(c.inFlight).toBe(0)
  })

  it('forwards pushed events', async () => {
    const { c, events } = client()
    await c.call('emit', {})
    expect(events).toEqual([['vault.locked', { reason: 'user' }]])
  })

  it('answers BACKEND_RESTARTED to every call in flight when the process dies, then works again', async () => {
    const { c, restarts, nextRestart } = client()
    const pid1 = await c.call('pid', {})
    const hanging = [c.call('hang', {}), c.call('hang', {})]
    const restarted = nextRestart()
    const crash = c.call('crash', {})
    for (const r of await Promise.all([...hanging, crash]))
      expect(r).toMatchObject({ ok: false, error: { code: 'BACKEND_RESTARTED' } })
    await restarted
    expect(restarts).toEqual([{ code: 3, restarts: 1 }])
    const pid2 = await c.call('pid', {})
    expect(pid2.ok && pid1.ok && pid2.data !== pid1.data).toBe(true)
    expect(await c.call('echo', 'again')).toEqual({ ok: true, data: 'again' })
  })

  it('survives a SIGKILL from outside and sends calls made during the restart to the new process', async () => {
    const { c, nextRestart } = client({ restartDelayMs: () => 50 })
    const pid = await c.call('pid', {})
    if (!pid.ok) throw new Error('no pid')
    const hang = c.call('hang', {})
    const restarted = nextRestart()
    process.kill(pid.data as number, 'SIGKILL')
    expect(await hang).toMatchObject({ ok: false, error: { code: 'BACKEND_RESTARTED' } })
    // The process is down and the replacement is not started yet: this call waits for it instead of failing.
    const during = c.call('echo', 'queued')
    await restarted
    expect(await during).toEqual({ ok: true, data: 'queued' })
  })

  it('backs off when the process keeps dying', () => {
    const delays: number[] = []
    const { c } = client({
      restartDelayMs: (n) => {
        delays.push(n)
        return 0
      }
    })
    return (async () => {
      for (let i = 0; i < 3; i++) {
        await c.call('crash', {})
        // wait for the replacement to answer before crashing it again
        await c.call('echo', i)
      }
      expect(delays).toEqual([1, 2, 3])
    })()
  })

  it('answers CANCELLED after stop and never hangs', async () => {
    const { c } = client()
    const hang = c.call('hang', {})
    await c.stop()
    expect(await hang).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(await c.call('echo', 1)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
  })
})
