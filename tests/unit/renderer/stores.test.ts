/** Renderer stores against a fake transport: vault phases, client list, and the privacy rule on switching. */
import { beforeEach, describe, expect, it } from 'vitest'
import { api, ApiError, setTransport, type Transport } from '../../../renderer/src/api'
import { clearClientScopedState, registerClientScopedReset } from '../../../renderer/src/state/clientScope'
import { useClients } from '../../../renderer/src/state/clients'
import { useNav } from '../../../renderer/src/state/nav'
import { useOverview } from '../../../renderer/src/state/overview'
import { useVault } from '../../../renderer/src/state/vault'
import type { ClientOverview, ClientSummary } from '../../../shared/ipc/contract'
import type { Result } from '../../../shared/ipc/errors'

type Handler = (input: never) => unknown | Promise<unknown>

/** A transport answering from a table of handlers; a thrown {code, message} becomes an error result. */
function fakeTransport(handlers: Record<string, Handler>) {
  const calls: { channel: string; input: unknown }[] = []
  const listeners = new Map<string, (p: unknown) => void>()
  const t: Transport = {
    async call(channel, input): Promise<Result<unknown>> {
      calls.push({ channel, input })
      const h = handlers[channel]
      if (!h) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no ${channel}` } }
      try {
        return { ok: true, data: await h(input as never) }
      } catch (e) {
        return { ok: false, error: e as { code: 'KEY_INVALID'; message: string } }
      }
    },
    on(event, listener) {
      listeners.set(event, listener)
      return () => listeners.delete(event)
    }
  }
  setTransport(t)
  return { calls, emit: (event: string, payload: unknown) => listeners.get(event)?.(payload) }
}

const seg = { companyStage: null, arrBand: null, salesMotion: null, region: null }
const client = (id: string, name: string, archived = false): ClientSummary => ({
  id,
  name,
  segment: seg,
  archived,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z'
})
const A = client('c_aaaaaaaaaaaaaaaa', 'Northwind')
const B = client('c_bbbbbbbbbbbbbbbb', 'Bluefin')
const overviewOf = (c: ClientSummary, partner: string): ClientOverview => ({
  client: c,
  partnerCount: 1,
  partnersByStage: { prospect: 0, qualifying: 0, signed: 1, activating: 0, producing: 0, dormant: 0, exited: 0 },
  recentPartners: [{ id: 'p1', name: partner, type: 'reseller', tier: null, stage: 'signed', signedAt: null, firstCommercialAt: null, owner: null }]
})

/** A promise the test resolves by hand, to hold a backend answer back. */
function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

beforeEach(() => {
  clearClientScopedState()
  useClients.getState().reset()
  useVault.setState({ phase: 'loading', location: '', recoveryKey: null, busy: false, error: null, keychain: null })
  useNav.setState({ area: null, section: 'overview' })
})

describe('api', () => {
  it('returns data and throws a typed error carrying the code and message', async () => {
    fakeTransport({
      'client.list': () => [A],
      'vault.unlock': () => {
        throw { code: 'KEY_INVALID', message: 'Wrong passphrase.' }
      }
    })
    await expect(api.call('client.list', {})).resolves.toEqual([A])
    const e = await api.call('vault.unlock', { passphrase: 'nope' }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ code: 'KEY_INVALID', message: 'Wrong passphrase.' })
  })

  it('turns a transport that throws into an INTERNAL ApiError, never an unhandled rejection', async () => {
    setTransport({
      call: () => Promise.reject(new Error('socket closed')),
      on: () => () => undefined
    })
    await expect(api.call('vault.status', {})).rejects.toMatchObject({ code: 'INTERNAL', message: 'socket closed' })
  })
})

describe('vault store', () => {
  it('picks the first screen from the vault status', async () => {
    fakeTransport({ 'vault.status': () => ({ exists: false, unlocked: false, location: '/v' }) })
    await useVault.getState().refresh()
    expect(useVault.getState().phase).toBe('create')

    fakeTransport({ 'vault.status': () => ({ exists: true, unlocked: false, location: '/v' }) })
    await useVault.getState().refresh()
    expect(useVault.getState()).toMatchObject({ phase: 'locked', location: '/v' })

    fakeTransport({ 'vault.status': () => ({ exists: true, unlocked: true, location: '/v' }), 'client.list': () => [B, A] })
    await useVault.getState().refresh()
    expect(useVault.getState().phase).toBe('unlocked')
    expect(useClients.getState().clients.map((c) => c.name)).toEqual(['Bluefin', 'Northwind'])
  })

  it('shows the recovery key once, then forgets it when the user confirms', async () => {
    const { calls } = fakeTransport({ 'vault.create': () => ({ recoveryKey: 'AAAA-BBBB' }), 'client.list': () => [] })
    expect(await useVault.getState().create('long enough passphrase')).toBe(true)
    expect(useVault.getState()).toMatchObject({ phase: 'recovery', recoveryKey: 'AAAA-BBBB' })
    await useVault.getState().confirmRecoveryKey()
    expect(useVault.getState()).toMatchObject({ phase: 'unlocked', recoveryKey: null })
    expect(calls.map((c) => c.channel)).toEqual(['vault.create', 'client.list'])
  })

  it('keeps the unlock screen with the backend’s plain-language error on a wrong passphrase', async () => {
    fakeTransport({
      'vault.unlock': () => {
        throw { code: 'KEY_INVALID', message: 'Wrong passphrase. Check it and try again, or use your recovery key.' }
      }
    })
    useVault.setState({ phase: 'locked' })
    expect(await useVault.getState().unlock({ passphrase: 'wrong' })).toBe(false)
    expect(useVault.getState()).toMatchObject({ phase: 'locked', busy: false, error: expect.stringMatching(/^Wrong passphrase/) })
  })

  it('locking forgets clients, the open client and its data', async () => {
    fakeTransport({ 'vault.lock': () => null, 'client.open': () => overviewOf(A, 'Apex'), 'client.list': () => [A, B] })
    useVault.setState({ phase: 'unlocked' })
    await useClients.getState().load()
    useNav.getState().openClient(A.id)
    await useOverview.getState().load(A.id)
    expect(useOverview.getState().overview).not.toBeNull()

    await useVault.getState().lock()
    expect(useVault.getState().phase).toBe('locked')
    expect(useClients.getState()).toMatchObject({ clients: [], currentId: null })
    expect(useOverview.getState().overview).toBeNull()
  })

  it('a lock pushed by the backend (idle, sleep, restart) returns to the unlock screen with nothing kept', async () => {
    const t = fakeTransport({ 'client.list': () => [A], 'client.open': () => overviewOf(A, 'Apex') })
    useVault.setState({ phase: 'unlocked' })
    await useClients.getState().load()
    useNav.getState().openClient(A.id)
    await useOverview.getState().load(A.id)
    const off = api.on('vault.locked', () => useVault.getState().lockedElsewhere())
    t.emit('vault.locked', { reason: 'idle' })
    off()
    expect(useVault.getState().phase).toBe('locked')
    expect(useClients.getState().clients).toEqual([])
    expect(useOverview.getState().overview).toBeNull()
  })
})

describe('remembered unlock (desktop keychain)', () => {
  const locked = () => ({ exists: true, unlocked: false, location: '/v' })

  it('opens the vault at start when this device remembers the unlock', async () => {
    const { calls } = fakeTransport({
      'vault.status': locked,
      'device.keychainStatus': () => ({ available: true, remembered: true, reason: null }),
      'device.unlockRemembered': () => ({ clientCount: 1 }),
      'client.list': () => [A]
    })
    await useVault.getState().refresh()
    expect(useVault.getState().phase).toBe('unlocked')
    expect(calls.map((c) => c.channel)).toContain('device.unlockRemembered')
  })

  it('falls back to the passphrase with the reason when the remembered unlock no longer fits', async () => {
    fakeTransport({
      'vault.status': locked,
      'device.keychainStatus': () => ({ available: true, remembered: true, reason: null }),
      'device.unlockRemembered': () => {
        throw { code: 'KEY_INVALID', message: 'The remembered passphrase no longer fits; it was forgotten.' }
      }
    })
    await useVault.getState().refresh()
    expect(useVault.getState()).toMatchObject({ phase: 'locked', error: expect.stringContaining('no longer fits') })
  })

  it('without a keychain (browser build) the unlock screen simply asks for the passphrase', async () => {
    fakeTransport({ 'vault.status': locked })
    await useVault.getState().refresh()
    expect(useVault.getState()).toMatchObject({ phase: 'locked', keychain: null, error: null })
  })

  it('remembers the passphrase only when asked, and only after it unlocked', async () => {
    const { calls } = fakeTransport({ 'vault.unlock': () => ({ clientCount: 0 }), 'device.rememberUnlock': () => null, 'client.list': () => [] })
    await useVault.getState().unlock({ passphrase: 'pass phrase' }, false)
    expect(calls.map((c) => c.channel)).not.toContain('device.rememberUnlock')
    await useVault.getState().unlock({ passphrase: 'pass phrase' }, true)
    expect(calls.filter((c) => c.channel === 'device.rememberUnlock')).toEqual([
      { channel: 'device.rememberUnlock', input: { passphrase: 'pass phrase' } }
    ])
  })
})

describe('switching clients', () => {
  it('clears the previous client’s data before the next one loads', async () => {
    const slowB = deferred<ClientOverview>()
    fakeTransport({ 'client.open': ({ id }: { id: string }) => (id === A.id ? overviewOf(A, 'Apex') : slowB.promise) })
    useNav.getState().openClient(A.id)
    await useOverview.getState().load(A.id)
    expect(useOverview.getState().overview?.recentPartners[0].name).toBe('Apex')

    useNav.getState().openClient(B.id)
    // Nothing of A is left while B is still loading.
    expect(useOverview.getState().overview).toBeNull()
    const loading = useOverview.getState().load(B.id)
    expect(useOverview.getState()).toMatchObject({ clientId: B.id, overview: null, loading: true })
    slowB.resolve(overviewOf(B, 'Zenith'))
    await loading
    expect(useOverview.getState().overview?.client.id).toBe(B.id)
  })

  it('drops a late answer for a client the user has already left', async () => {
    const slowA = deferred<ClientOverview>()
    fakeTransport({ 'client.open': ({ id }: { id: string }) => (id === A.id ? slowA.promise : overviewOf(B, 'Zenith')) })
    useNav.getState().openClient(A.id)
    const late = useOverview.getState().load(A.id)
    useNav.getState().openClient(B.id)
    await useOverview.getState().load(B.id)
    slowA.resolve(overviewOf(A, 'Apex'))
    await late
    expect(useOverview.getState().overview?.client.id).toBe(B.id)
    expect(JSON.stringify(useOverview.getState())).not.toContain('Apex')
  })

  it('runs every registered feature reset on a switch and when an area opens', () => {
    let resets = 0
    const off = registerClientScopedReset(() => resets++)
    useNav.getState().openClient(A.id)
    useNav.getState().openClient(A.id) // same client: nothing to clear
    useNav.getState().openClient(B.id)
    useNav.getState().openArea('cockpit')
    off()
    useNav.getState().openClient(A.id)
    expect(resets).toBe(3)
    expect(useClients.getState().currentId).toBe(A.id)
  })
})

describe('clients store', () => {
  it('creates, renames and archives, keeping the list sorted by name', async () => {
    fakeTransport({
      'client.list': () => [A],
      'client.create': ({ name }: { name: string }) => client('c_cccccccccccccccc', name),
      'client.rename': ({ id, name }: { id: string; name: string }) => ({ ...A, id, name }),
      'client.archive': ({ id, archived }: { id: string; archived: boolean }) => ({ ...A, id, archived })
    })
    await useClients.getState().load()
    await useClients.getState().create('Alder')
    expect(useClients.getState().clients.map((c) => c.name)).toEqual(['Alder', 'Northwind'])
    await useClients.getState().rename(A.id, 'Zephyr')
    expect(useClients.getState().clients.map((c) => c.name)).toEqual(['Alder', 'Zephyr'])
    await useClients.getState().archive(A.id, true)
    expect(useClients.getState().clients.find((c) => c.id === A.id)?.archived).toBe(true)
  })

  it('deleting the open client closes it and clears its data', async () => {
    fakeTransport({ 'client.list': () => [A, B], 'client.delete': () => null, 'client.open': () => overviewOf(A, 'Apex') })
    await useClients.getState().load()
    useNav.getState().openClient(A.id)
    await useOverview.getState().load(A.id)
    await useClients.getState().remove(A.id)
    expect(useClients.getState().currentId).toBeNull()
    expect(useClients.getState().clients.map((c) => c.id)).toEqual([B.id])
    expect(useOverview.getState().overview).toBeNull()
  })

  it('a refused rename leaves the list as it was and surfaces the backend’s message', async () => {
    fakeTransport({
      'client.list': () => [A, B],
      'client.rename': () => {
        throw { code: 'CONFLICT', message: 'A client named “Bluefin” already exists. Choose another name.' }
      }
    })
    await useClients.getState().load()
    await expect(useClients.getState().rename(A.id, 'bluefin')).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(useClients.getState().clients.map((c) => c.name)).toEqual(['Bluefin', 'Northwind'])
  })

  it('reopens the client that was open last after an unlock, unless it is gone or archived', async () => {
    const C = client('c_cccccccccccccccc', 'Archived Co', true)
    let last: string | null = B.id
    fakeTransport({
      'vault.unlock': () => ({ clientCount: 3 }),
      'vault.status': () => ({ exists: true, unlocked: true, location: '/v', lastClientId: last }),
      'vault.lock': () => null,
      'client.list': () => [A, B, C]
    })
    await useVault.getState().unlock({ passphrase: 'pass phrase' })
    expect(useClients.getState().currentId).toBe(B.id)
    for (const gone of [C.id, 'c_dddddddddddddddd', null]) {
      await useVault.getState().lock()
      last = gone
      await useVault.getState().unlock({ passphrase: 'pass phrase' })
      expect(useClients.getState().currentId, String(gone)).toBeNull()
    }
    // A reload of the page while the vault stays unlocked opens it too.
    last = A.id
    useClients.getState().reset()
    await useVault.getState().refresh()
    expect(useClients.getState().currentId).toBe(A.id)
  })
})
