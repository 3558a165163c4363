/** The workshop's presenter as a real second window: same sandbox, room view only, gone when the vault locks. */
import type { Page } from '@playwright/test'
import { createVault, expect, test } from './fixtures'

type Bridge = { trellis: { call(c: string, i: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string } }> } }

async function call<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await page.evaluate(([c, i]) => (window as unknown as Bridge).trellis.call(c as string, i), [channel, input] as const)
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`)
  return r.data as T
}

test('opens the presenter window from the facilitator, shows the room view only, and closes on lock', async ({ app, page, foreignRequests }) => {
  await createVault(page)
  const client = await call<{ id: string }>(page, 'client.create', { name: 'Northwind Analytics' })
  const ws = await call<{ assessment: { id: string }; participants: { id: string }[]; order: string[] }>(page, 'workshop.create', {
    clientId: client.id,
    sessionId: 'e2e-electron',
    title: 'Q3 program review',
    heldOn: '2026-09-14',
    participants: [{ name: 'Ana Lima', role: 'VP Sales', side: 'client' }],
    dimensions: [{ id: 'strategy', timeBoxMinutes: 20 }]
  })

  const opened = app.waitForEvent('window')
  const returned = await page.evaluate(
    ([c, a]) => window.open(`${location.pathname}#presenter=${c}.${a}`, 'trellis-presenter') === null,
    [client.id, ws.assessment.id]
  )
  // Main builds the window itself: the page gets no handle (no opener link between the two).
  expect(returned).toBe(true)
  const presenter = await opened
  await expect(presenter.getByTestId('presenter-question')).toBeVisible()
  expect(presenter.url()).toBe(`app://trellis/index.html#presenter=${client.id}.${ws.assessment.id}`)
  expect(app.windows()).toHaveLength(2)

  const shape = await presenter.evaluate(() => ({
    opener: window.opener === null,
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process
  }))
  expect(shape).toEqual({ opener: true, require: 'undefined', process: 'undefined' })
  const sandboxed = await app.evaluate(({ app: a }) => a.getAppMetrics().filter((m) => m.type === 'Tab').every((m) => m.sandboxed !== false))
  expect(sandboxed).toBe(true)

  // The presenter reads the room's view; every other channel is refused.
  const refused = await presenter.evaluate(() => (window as unknown as Bridge).trellis.call('client.list', {}))
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  // It cannot open windows of its own.
  await presenter.evaluate(([c, a]) => window.open(`${location.pathname}#presenter=${c}.${a}`), [client.id, ws.assessment.id])
  expect(app.windows()).toHaveLength(2)

  // A vote recorded in the main window reaches the presenter as "voted", never as a value.
  await call(page, 'workshop.vote', {
    clientId: client.id,
    assessmentId: ws.assessment.id,
    sessionId: 'e2e-electron',
    questionId: ws.order[0],
    participantId: ws.participants[0].id,
    vote: 3
  })
  await expect(presenter.getByTestId('presenter-voted')).toHaveText('1 of 1 have voted')

  const closed = presenter.waitForEvent('close')
  await call(page, 'vault.lock', {})
  await closed
  expect(app.windows()).toHaveLength(1)
  expect(foreignRequests).toEqual([])
})
