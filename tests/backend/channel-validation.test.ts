/**
 * An invalid payload on every channel of the contract — present and future — answers VALIDATION and changes no
 * file. Payloads are derived from each channel's zod schema: non-objects, extra keys, each field with a wrong
 * type (the other fields valid, so the message must name the field), and each required field missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { CHANNELS, contract, type Channel } from '../../shared/ipc/contract'
import type { Backend } from '../../electron/backend/backend'
import type { ClientSummary } from '../../shared/ipc/contract'
import { checksums, cleanup, ok, unlockedBackend } from '../helpers/vault'

type Schema = z.ZodType & { _zod: { def: { type: string; options?: Schema[] }; values?: Set<unknown> }; shape?: Record<string, Schema> }

/** The object schemas a channel accepts (one, or each branch of a union); empty when it is not object-shaped. */
function objectShapes(schema: Schema): Record<string, Schema>[] {
  const def = schema._zod.def
  if (def.type === 'object' && schema.shape) return [schema.shape]
  if (def.type === 'union' && def.options) return def.options.flatMap(objectShapes)
  return []
}

const VALID_CANDIDATES: unknown[] = [
  'c_aaaaaaaaaaaaaaaa',
  '00000000-0000-4000-8000-000000000000',
  'Sample name',
  'a long enough passphrase',
  '2024-01-15',
  '/tmp/trellis-validation-never-written.db',
  1,
  0,
  true,
  false,
  [],
  {}
]
const WRONG_CANDIDATES: unknown[] = [12345, 'not-valid', true, { bogus: 1 }, [1, 2, 3], -1.5, null]

function validValue(field: Schema): { found: boolean; value?: unknown } {
  const enumValues = [...(field._zod.values ?? [])].filter((v) => v !== undefined && v !== null)
  for (const v of [...enumValues, ...VALID_CANDIDATES]) if (field.safeParse(v).success) return { found: true, value: v }
  return { found: false }
}

function wrongValue(field: Schema): unknown {
  const v = WRONG_CANDIDATES.find((c) => !field.safeParse(c).success)
  if (v === undefined) throw new Error('field accepts every kind of value; it must be validated')
  return v
}

function required(field: Schema): boolean {
  return !field.safeParse(undefined).success
}

interface Case {
  label: string
  input: unknown
  /** A substring the message must contain (the field's name). */
  names?: string
}

function casesFor(channel: Channel): Case[] {
  const schema = contract[channel].input as unknown as Schema
  const cases: Case[] = [42, 'text', true, [], [{}]].map((input) => ({ label: `non-object ${JSON.stringify(input)}`, input }))
  const shapes = objectShapes(schema)
  for (const shape of shapes) {
    const sample: Record<string, unknown> = {}
    // In a union, the message names whichever branch came closest, so only single shapes are held to naming the field.
    let complete = shapes.length === 1
    for (const [key, field] of Object.entries(shape)) {
      const v = validValue(field)
      if (v.found) sample[key] = v.value
      else if (required(field)) complete = false
    }
    cases.push({ label: 'extra key', input: { ...sample, unexpectedKey: 1 }, names: complete ? 'unexpectedKey' : undefined })
    for (const [key, field] of Object.entries(shape)) {
      cases.push({ label: `${key} of the wrong type`, input: { ...sample, [key]: wrongValue(field) }, names: complete ? key : undefined })
      if (required(field)) {
        const rest = { ...sample }
        delete rest[key]
        cases.push({ label: `${key} missing`, input: rest, names: complete ? key : undefined })
      }
    }
  }
  return cases
}

let backend: Backend
let vaultDir: string
let client: ClientSummary

beforeAll(async () => {
  ;({ backend, vaultDir } = await unlockedBackend())
  client = await ok<ClientSummary>(backend, 'client.create', { name: 'Validation Target' })
  await ok(backend, 'partner.create', { clientId: client.id, name: 'Prism Digital', type: 'agency' })
})
afterAll(() => {
  backend.close()
  cleanup(vaultDir)
})

describe('invalid payloads on every channel', () => {
  it('covers every channel of the contract', () => {
    expect(CHANNELS.length).toBeGreaterThan(10)
    for (const ch of CHANNELS) expect(casesFor(ch).length, ch).toBeGreaterThanOrEqual(5)
  })

  it.each(CHANNELS.map((c) => [c]))('%s answers VALIDATION and changes nothing', async (channel) => {
    const before = checksums(vaultDir)
    for (const c of casesFor(channel)) {
      const r = await backend.call(channel, c.input)
      expect(r.ok, `${channel} with ${c.label}: ${JSON.stringify(c.input)}`).toBe(false)
      if (r.ok) continue
      expect(r.error.code, `${channel} with ${c.label}: ${r.error.message}`).toBe('VALIDATION')
      expect(r.error.message.length, `${channel} with ${c.label}`).toBeGreaterThan(5)
      if (c.names) expect(r.error.message, `${channel} with ${c.label}`).toContain(c.names)
    }
    expect(checksums(vaultDir)).toEqual(before)
    // Still unlocked and working: no invalid call reached a handler.
    expect((await ok<ClientSummary[]>(backend, 'client.list')).map((x) => x.id)).toEqual([client.id])
  })

  it('names an unknown channel', async () => {
    const r = await backend.call('client.explode', {})
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'There is no channel “client.explode”.' } })
  })
})
