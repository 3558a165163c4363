/**
 * IPC fuzzing: every channel of the contract (iterated from CHANNELS, so new channels join by themselves) gets
 * generated malformed payloads — wrong types, huge strings, deep nesting, prototype-pollution keys, path-traversal
 * names. Each must answer VALIDATION with a short human message, change no file, leave Object.prototype alone,
 * and leave the backend answering normal calls. Main's own channels (DEVICE_CHANNELS) get the same payloads
 * through main's router, which must refuse them before any handler runs. No hand list: a channel file that
 * neither contract includes fails the first test.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CHANNELS, contract } from '../../shared/ipc/contract'
import { DEVICE_CHANNELS, deviceChannels } from '../../shared/ipc/device'
import type { Backend } from '../../electron/backend/backend'
import { SavePathGrants, createRouter, type DeviceHandlers } from '../../electron/main/router'
import { checksums, cleanup, ok, unlockedBackend } from '../helpers/vault'

let backend: Backend
let vaultDir: string
let clientId: string
const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort()

beforeAll(async () => {
  ;({ backend, vaultDir } = await unlockedBackend())
  clientId = (await ok<{ id: string }>(backend, 'client.create', { name: 'Fuzz Target' })).id
  await ok(backend, 'partner.create', { clientId, name: 'Fuzz Partner', type: 'reseller' })
  await ok(backend, 'backup.create', { clientId })
  backend.session.closeClient(clientId) // closed, so nothing but a bad call could touch its bytes
})
afterAll(() => cleanup(vaultDir))

/** The top-level keys a channel's schema knows (objects and unions of objects), so payloads get near the mark. */
function keysOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: object; options?: z.ZodType[]; in?: z.ZodType } } })._zod.def
  if (def.type === 'object' && def.shape) return Object.keys(def.shape)
  if (def.type === 'union' && def.options) return def.options.flatMap(keysOf)
  if (def.type === 'pipe' && def.in) return keysOf(def.in)
  return []
}

const TRAVERSAL = [
  '../../vault.json',
  '..\\..\\..\\Windows\\System32\\config',
  '/etc/passwd',
  'clients/../../index.db',
  '%2e%2e%2f%2e%2e%2fvault.json',
  'c_aaaaaaaaaaaaaaaa/../../x',
  '\u0000hidden',
  'CON',
  '~/.ssh/id_rsa',
  'file:///etc/shadow'
]
const HUGE = 'A'.repeat(2_000_000)

function deep(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v, name: v }
  return v
}

/** Objects whose own keys try to pollute prototypes, the way they arrive from JSON over IPC. */
function withOwn(base: object, inner: Record<string, unknown>): object {
  for (const k of Object.keys(inner)) Object.defineProperty(base, k, { value: inner[k], enumerable: true, writable: true, configurable: true })
  return base
}
const poisoned = (inner: Record<string, unknown>) =>
  fc.constantFrom(
    () => withOwn(JSON.parse('{"__proto__": {"polluted": "yes"}}'), inner),
    () => withOwn(JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'), inner),
    () => withOwn(JSON.parse('{"prototype": {"polluted": "yes"}}'), inner),
    () => withOwn(Object.create(null), { ...inner, polluted: 'yes' })
  ).map((make) => make())

const hostileString = fc.oneof(
  fc.constantFrom(...TRAVERSAL, HUGE, '', ' ', '__proto__', 'constructor', 'c_' + 'a'.repeat(10_000)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 })
)

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53 + 1, -1e308),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(deep(5_000, 'array'), deep(5_000, 'object')),
  fc.array(fc.anything(), { maxLength: 5 }),
  fc.anything({ maxDepth: 3 }),
  poisoned({})
)

function payloads(schema: z.ZodType): fc.Arbitrary<unknown> {
  const keys = keysOf(schema)
  const key = fc.oneof(
    ...(keys.length ? [fc.constantFrom(...keys)] : []),
    fc.constantFrom('__proto__', 'constructor', 'prototype', HUGE.slice(0, 100_000)),
    fc.string({ maxLength: 12 })
  )
  return fc.oneof(
    hostileValue, // the wrong type altogether
    fc.dictionary(key, hostileValue, { maxKeys: 6 }), // the right keys with wrong values, plus strange keys
    fc.dictionary(key, hostileValue, { maxKeys: 4 }).chain((inner) => poisoned(inner as Record<string, unknown>))
  )
}

/**
 * Feeds `send` malformed payloads for `schema` (only those the schema refuses: a generated valid one is not this
 * test's business) and expects each refused with a short VALIDATION and no polluted prototype.
 */
async function expectRefusals(schema: z.ZodType, send: (payload: unknown) => Promise<{ ok: true } | { ok: false; error: { code: string; message: string } }>) {
  let tried = 0
  await fc.assert(
    fc.asyncProperty(payloads(schema), async (payload) => {
      fc.pre(!schema.safeParse(payload ?? {}).success)
      tried++
      const r = await send(payload)
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.error.code).toBe('VALIDATION')
      expect(r.error.message.length).toBeLessThan(500)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    }),
    { numRuns: 60 }
  )
  expect(tried).toBeGreaterThan(30)
}

describe('IPC fuzzing', () => {
  it('covers every channel defined in shared/ipc/channels: each is in the backend’s contract or main’s', async () => {
    const dir = join(__dirname, '../../shared/ipc/channels')
    const defined: string[] = []
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(join(dir, file))) as Record<string, unknown>
      for (const [name, group] of Object.entries(mod)) if (name.endsWith('Channels') && group && typeof group === 'object') defined.push(...Object.keys(group))
    }
    const fuzzed = new Set<string>([...CHANNELS, ...DEVICE_CHANNELS])
    expect(defined.filter((c) => !fuzzed.has(c))).toEqual([])
    expect(defined.length).toBeGreaterThan(100)
    for (const c of ['client.importFile', 'report.cohorts', 'portfolio.import.cancel', 'device.chooseReportPath']) expect(fuzzed.has(c), c).toBe(true)
  })

  for (const channel of CHANNELS) {
    it(`${channel}: malformed payloads get VALIDATION and change nothing`, async () => {
      const schema = contract[channel].input
      const before = checksums(vaultDir)
      await expectRefusals(schema, (payload) => backend.call(channel, payload))
      expect(checksums(vaultDir)).toEqual(before)
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys)
      // Still up and unlocked: a normal call answers.
      expect((await ok<{ name: string }[]>(backend, 'client.list')).map((c) => c.name)).toEqual(['Fuzz Target'])
      backend.session.closeClient(clientId)
    })
  }

  it('refuses unknown channels, including prototype names', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'client.list.x', '../client.list', HUGE]) {
      const r = await backend.call(name, {})
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
      if (!r.ok) expect(r.error.message.length).toBeLessThan(200)
    }
  })

  it('treats traversal-looking client and partner names as plain names', async () => {
    const before = new Set(Object.keys(checksums(vaultDir)))
    const made = await ok<{ id: string; name: string }>(backend, 'client.create', { name: '../../vault.json' })
    expect(made.name).toBe('../../vault.json')
    await ok(backend, 'partner.create', { clientId: made.id, name: '..\\..\\index.db', type: 'reseller' })
    const added = Object.keys(checksums(vaultDir)).filter((f) => !before.has(f))
    // Only the new client's own file, key (and WAL) appear, under its id; never under the name.
    for (const f of added) expect(f).toMatch(new RegExp(`^clients/${made.id}\\.(trellis|key)(-wal|-shm)?$`))
    await ok(backend, 'client.delete', { id: made.id })
  })
})

describe('IPC fuzzing of main’s own channels', () => {
  // Handlers that only note that they ran: the router must refuse every malformed payload before that.
  const ran: string[] = []
  const device = new Proxy({} as DeviceHandlers, {
    get: (_t, name) => async () => {
      ran.push(String(name))
      return { ok: true, data: null }
    }
  })
  const route = createRouter({
    backend: { call: async (c) => ({ ok: false, error: { code: 'INTERNAL', message: `${c} reached the backend` } }) },
    device,
    isTrustedSender: () => true,
    grantedSavePaths: new SavePathGrants()
  })
  const OWN = { url: 'app://trellis/index.html', isMainFrame: true, isOurWindow: true }

  for (const channel of DEVICE_CHANNELS) {
    it(`${channel}: malformed payloads get VALIDATION and reach no handler`, async () => {
      const schema = deviceChannels[channel].input
      await expectRefusals(schema, (payload) => route(OWN, channel, payload))
      expect(ran).toEqual([])
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys)
    })
  }
})
