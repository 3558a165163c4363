/**
 * Figures for the journey issue's budgets, on a real encrypted client file: a client with 300 milestones and
 * 500 hypotheses; loading each screen's data (≤ 30 ms) and persisting an edit (≤ 10 ms), through the backend's
 * call path (validation included). Run: npx tsx scripts/journey-perf.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBackend } from '../electron/backend/backend'
import { addDays, todayIso } from '../shared/domain/journeyRules'
import type { JourneyView } from '../shared/ipc/contract'

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-journey-perf-'))
  const b = createBackend({ vaultDir: dir, kdfCost: { N: 2 ** 12 } })
  const call = async <T>(ch: string, input: unknown): Promise<T> => {
    const r = await b.call(ch, input)
    if (!r.ok) throw new Error(`${ch}: ${r.error.message}`)
    return r.data as T
  }
  try {
    await call('vault.create', { passphrase: 'correct horse battery staple' })
    const c = await call<{ id: string }>('client.create', { name: 'Perf Client' })
    const clientId = c.id
    let j = await call<JourneyView>('journey.show', { clientId })
    const today = todayIso()
    const ids = j.milestones.map((m) => m.id)
    while (ids.length < 300) {
      const n = ids.length
      const start = addDays(today, n * 2)
      j = await call<JourneyView>('milestone.create', {
        clientId,
        stageId: j.stages[n % 5].id,
        title: `Milestone ${n}`,
        kind: 'onboarding',
        plannedStart: start,
        plannedEnd: addDays(start, 20 + (n % 40)),
        dependsOn: n % 3 === 0 ? [ids[n - 1]] : []
      })
      ids.push(j.milestones.find((m) => m.title === `Milestone ${n}`)!.id)
    }
    for (let i = 0; i < 500; i++) {
      const h = await call<{ hypothesis: { id: string } }>('hypothesis.create', {
        clientId,
        belief: `Partners of kind ${i % 17} will refer ${i} deals`,
        importance: 1 + (i % 5),
        category: 'economics'
      })
      if (i % 4 === 0)
        await call('hypothesis.addEvidence', { clientId, hypothesisId: h.hypothesis.id, date: today, observation: 'Seen on a call', direction: 'supports' })
    }
    const time = async (label: string, n: number, fn: (i: number) => Promise<unknown>) => {
      const xs: number[] = []
      for (let i = 0; i < n; i++) {
        const t = performance.now()
        await fn(i)
        xs.push(performance.now() - t)
      }
      xs.sort((a, b) => a - b)
      console.log(`${label}: median ${xs[Math.floor(n / 2)].toFixed(2)} ms, p90 ${xs[Math.floor(n * 0.9)].toFixed(2)} ms (n=${n})`)
    }
    const target = ids[150]
    const base = (await call<JourneyView>('journey.show', { clientId })).milestones.find((m) => m.id === target)!
    console.log(`client: ${(await call<JourneyView>('journey.show', { clientId })).milestones.length} milestones, 500 hypotheses`)
    await time('journey.show (roadmap screen data)', 30, () => call('journey.show', { clientId }))
    await time('hypothesis.list (register data)', 30, () => call('hypothesis.list', { clientId }))
    await time('hypothesis.map (assumption map data)', 30, () => call('hypothesis.map', { clientId }))
    // The edit alone (what is committed), then the edit with the recomputed view the screen receives.
    await time('milestone.update (move, incl. returned view)', 30, (i) =>
      call('milestone.update', { clientId, id: target, plannedStart: addDays(base.plannedStart, i + 1), plannedEnd: addDays(base.plannedEnd, i + 1) })
    )
    const hs = await call<{ id: string }[]>('hypothesis.list', { clientId })
    await time('hypothesis.update (incl. returned card)', 30, (i) => call('hypothesis.update', { clientId, id: hs[i].id, importance: 1 + (i % 5) }))
    await time('journey.undo', 20, () => call('journey.undo', { clientId }))
  } finally {
    b.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
