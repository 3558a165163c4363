/** The portfolio filter's matcher: the same rows as a plain scan, however the text is typed or erased. */
import { describe, expect, it } from 'vitest'
import { createMatcher } from '../../../renderer/src/features/partners/matcher'

const texts = ['acme ltd\nreseller\ngold', 'acme labs\nagency', 'northwind\nreseller\nsilver', 'summit consulting\nsi', 'apex\nmsp\ngold']
const scan = (q: string) => texts.flatMap((t, i) => (t.includes(q) ? [i] : []))

describe('createMatcher', () => {
  it('matches nothing-filtered as null and finds rows in their order', () => {
    const match = createMatcher(texts)
    expect(match('')).toBeNull()
    expect([...match('acme')!]).toEqual([0, 1])
    expect([...match('gold')!]).toEqual([0, 4])
    expect([...match('zzz')!]).toEqual([])
  })

  it('answers like a scan while a text is typed, erased and retyped differently', () => {
    const match = createMatcher(texts)
    const steps = ['a', 'ac', 'acm', 'acme', 'acme ', 'acme l', 'acme la', 'acme l', 'acme ', 'acme', 'acm', 'ac', 'a', 'ap', 'apex', 'e', 'er', 'ers', 's', 'si', 'sil', 'gold', 'old']
    for (const q of steps) expect([...match(q)!], q).toEqual(scan(q))
  })

  it('stays right when its cache is full', () => {
    const match = createMatcher(texts)
    for (let i = 0; i < 200; i++) {
      const q = String.fromCharCode(97 + (i % 26)) + (i % 3 ? 'e' : '')
      expect([...match(q)!], q).toEqual(scan(q))
    }
  })
})
