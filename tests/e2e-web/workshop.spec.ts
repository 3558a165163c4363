/**
 * A whole maturity workshop in Chromium, driven from the keyboard, with the projector page open beside it:
 * the presenter follows within 100 ms, never receives facilitator notes or hidden votes, and the workshop survives
 * the backend going away mid-way.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page, WebSocket as PwSocket } from '@playwright/test'
import { startHarness } from '../../electron/backend/harness/server'
import type { AssessmentSummary, ClientSummary, WorkshopState } from '../../shared/ipc/contract'
import { createClient, createVault, expect, PASSPHRASE, test } from './fixtures'

const NOTE = 'Sales VP sceptical, ask about comp plan'
const SHOTS = resolve(__dirname, '../../test-results/screens')

/** Records when the presenter shows each revision, on the same clock as the facilitator's keydowns. */
async function instrumentPresenter(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shown: Record<string, number> }
    w.__shown = {}
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="presenter"][data-revision]')
      const rev = el?.getAttribute('data-revision')
      if (rev && !(rev in w.__shown)) w.__shown[rev] = performance.timeOrigin + performance.now()
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-revision'] })
  })
}

async function instrumentFacilitator(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __lastKey: number }
    window.addEventListener('keydown', () => (w.__lastKey = performance.timeOrigin + performance.now()), true)
  })
}

test('a keyboard-only workshop with a presenter page that follows within 100 ms', async ({ page, context, harness, vaultDir, foreignRequests }) => {
  test.setTimeout(240_000)
  mkdirSync(SHOTS, { recursive: true })
  await page.setViewportSize({ width: 1366, height: 768 })
  await instrumentFacilitator(page)
  await createVault(page, harness)
  await createClient(page, 'Northwind Analytics')
  await page.getByRole('tab', { name: 'Workshops' }).click()
  await page.getByRole('button', { name: 'Plan a workshop' }).click()

  // Setup: three participants, two dimensions (5 questions).
  const setup = page.getByTestId('workshop-setup')
  await setup.getByLabel('Title').fill('Q3 maturity review')
  await setup.getByLabel('Held on').fill('2026-09-14')
  for (const [i, [name, role, side]] of [
    ['Ana Lima', 'VP Sales', 'client'],
    ['Ben Ortiz', 'Partner manager', 'client'],
    ['Chris Vale', 'Fractional partner leader', 'consultant']
  ].entries()) {
    if (i > 0) await setup.getByRole('button', { name: 'Add participant' }).click()
    await setup.getByLabel(`Participant ${i + 1} name`).fill(name)
    await setup.getByLabel(`Participant ${i + 1} role`).fill(role)
    await setup.getByLabel(`Participant ${i + 1} side`).selectOption(side)
  }
  for (const dim of ['Partner selection & ideal partner profile', 'Program design (tiers, benefits, rules)', 'Infrastructure & attribution', 'Onboarding & enablement', 'Activation & joint planning', 'Co-selling & pipeline', 'Internal alignment', 'Measurement & governance'])
    await setup.getByRole('checkbox', { name: dim }).uncheck()
  await setup.getByLabel('Minutes for Team & resourcing').fill('10')
  await page.screenshot({ path: `${SHOTS}/workshop-setup.png` })
  await setup.getByRole('button', { name: 'Start the workshop' }).click()
  const board = page.getByTestId('facilitator')
  await expect(board.getByTestId('question-text')).toContainText('written partner strategy')
  await page.screenshot({ path: `${SHOTS}/workshop-facilitator.png` })

  const clients = await harness.backend.call('client.list', {})
  const clientId = (clients.ok ? (clients.data as ClientSummary[]) : [])[0].id
  const list = await harness.backend.call('workshop.list', { clientId })
  const assessmentId = (list.ok ? (list.data as AssessmentSummary[]) : [])[0].id

  // The projector page, a second page in the browser harness. Every frame it receives is kept for inspection.
  const presenter = await context.newPage()
  await presenter.setViewportSize({ width: 1920, height: 1080 })
  await instrumentPresenter(presenter)
  const frames: string[] = []
  presenter.on('websocket', (ws: PwSocket) => ws.on('framereceived', (f) => frames.push(String(f.payload))))
  await presenter.goto(`${harness.url}&presenter=${clientId}.${assessmentId}`)
  await expect(presenter.getByTestId('presenter-question')).toContainText('written partner strategy')
  await presenter.screenshot({ path: `${SHOTS}/workshop-presenter.png` })
  await page.bringToFront()

  const latencies: number[] = []
  /** Presses a key on the facilitator page and measures until the presenter shows the resulting revision. */
  const press = async (key: string) => {
    const now = await harness.backend.call('workshop.get', { clientId, assessmentId })
    const before = (now as { data: WorkshopState }).data.assessment.revision
    await page.keyboard.press(key)
    await expect.poll(async () => Number(await presenter.getByTestId('presenter').getAttribute('data-revision')), { timeout: 5000 }).toBeGreaterThan(before)
    const shown = await presenter.evaluate((r) => (window as unknown as { __shown: Record<string, number> }).__shown[String(r)], before + 1)
    const key0 = await page.evaluate(() => (window as unknown as { __lastKey: number }).__lastKey)
    latencies.push(shown - key0)
  }

  const questions = [
    { votes: ['1', '3', 's'], consensus: '2', rationale: 'Written, not yet in the plan' },
    { votes: ['1', '1', '2'], consensus: '1', rationale: 'Sponsor likes it but would cut it' },
    { votes: ['0', '3', '1'], consensus: '1', rationale: 'Six-month expectation' },
    { votes: ['2', '2', '2'], consensus: '2', rationale: 'Fractional leader plus one manager' },
    { votes: ['1', '0', '1'], consensus: '1', rationale: 'Conferences only' }
  ]
  for (const [i, q] of questions.entries()) {
    await expect(board.getByText(`Question ${i + 1} of 5`)).toBeVisible()
    const firstFrame = frames.length
    for (const v of q.votes) await press(v)
    await expect(presenter.getByTestId('presenter-voted')).toHaveText('3 of 3 have voted')
    await expect(board.getByTestId('vote-Ana Lima')).toHaveText('voted')
    if (i === 0) {
      await page.keyboard.press('n')
      await expect(board.getByTestId('notes')).toBeFocused()
      await page.keyboard.type(NOTE)
      await page.keyboard.press('Escape')
      await expect.poll(async () => ((await harness.backend.call('workshop.get', { clientId, assessmentId })) as { data: WorkshopState }).data.questions['strategy.why'].notes).toBe(NOTE)
      await page.screenshot({ path: `${SHOTS}/facilitator-hidden.png` })
      await presenter.screenshot({ path: `${SHOTS}/presenter-hidden.png` })
    }
    // Nothing of the votes reached the presenter before the reveal.
    expect(frames.slice(firstFrame).join('\n')).not.toMatch(/"distribution"/)
    await press('r')
    await expect(presenter.getByTestId('presenter-status')).toContainText('Spread')
    if (i === 0) {
      await expect(presenter.getByTestId('presenter-status')).toContainText('We disagree')
      await expect(board.getByTestId('vote-Chris Vale')).toHaveText('skip')
    }
    await page.keyboard.press('c')
    await press(q.consensus)
    await expect(page.getByLabel('Rationale')).toBeFocused()
    await page.keyboard.type(q.rationale)
    await page.keyboard.press('Enter')
    await expect(presenter.getByTestId('presenter-consensus')).toContainText(q.rationale)
    if (i === 0) {
      await page.screenshot({ path: `${SHOTS}/facilitator-revealed.png` })
      await presenter.screenshot({ path: `${SHOTS}/presenter-revealed.png` })
    }
    if (i === 2) {
      // The backend goes away mid-workshop (between questions); a new one on the same vault resumes everything.
      await press('ArrowRight')
      // The vote goes to the question the facilitator sees: wait for the board to show the next one (the presenter
      // can show it first; a vote pressed before would land on question 3).
      await expect(board.getByText('Question 4 of 5')).toBeVisible()
      await press('3')
      break
    }
    await press('ArrowRight')
  }

  // The presenter never received or showed the facilitator's notes.
  expect(frames.join('\n')).not.toContain(NOTE)
  await expect(presenter.getByText(NOTE)).toHaveCount(0)
  latencies.sort((a, b) => a - b)
  const median = latencies[Math.floor(latencies.length / 2)]
  const p90 = latencies[Math.floor(latencies.length * 0.9)]
  console.log(`presenter latency over ${latencies.length} changes: median ${median.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms [${latencies.map((l) => l.toFixed(0)).join(' ')}]`)
  // The target is 100 ms from the facilitator's keypress to the projector's screen. The test machine is shared by
  // many processes on two cores (and the backend runs inside the test runner's own process), so scheduling stalls
  // must not fail the run: the typical change must meet the target, and none may take longer than half a second.
  expect(median).toBeLessThan(100)
  expect(latencies.at(-1)!).toBeLessThan(500)

  // The backend goes away mid-workshop (it holds the vault's instance lock until then); a new one on the same vault
  // folder, as after a restart, must find everything.
  await harness.close()
  const second = await startHarness({ vaultDir, kdfCost: { N: 2 ** 12 } })
  try {
    const again = await context.newPage()
    await again.setViewportSize({ width: 1366, height: 768 })
    await again.goto(second.url)
    await again.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
    await again.getByRole('button', { name: 'Unlock' }).click()
    await again.getByTestId('client-list').getByText('Northwind Analytics').click()
    await again.getByRole('tab', { name: 'Workshops' }).click()
    await again.getByRole('button', { name: 'Continue' }).click()
    // The old window still holds the workshop: the new one says so and takes over on request.
    await expect(again.getByTestId('workshop-conflict')).toBeVisible()
    await again.getByRole('button', { name: 'Take over here' }).click()
    const b2 = again.getByTestId('facilitator')
    await expect(b2.getByText('Question 4 of 5')).toBeVisible()
    await expect(b2.getByTestId('vote-Ana Lima')).toHaveText('voted')
    await expect(b2.getByTestId('vote-Ben Ortiz')).toHaveText('—')
    // Finish the last two questions on the keyboard.
    await b2.focus()
    for (const k of ['2', '2', 'r', 'c', '2']) await again.keyboard.press(k)
    await expect(again.getByLabel('Rationale')).toBeFocused()
    await again.keyboard.press('Escape')
    await again.keyboard.press('ArrowRight')
    await expect(b2.getByText('Question 5 of 5')).toBeVisible()
    for (const k of ['1', '0', '1', 'r', 'c', '1']) await again.keyboard.press(k)
    await expect(b2.getByText('5 of 5 agreed')).toBeVisible()
    await b2.getByRole('button', { name: 'Results' }).click()
    await expect(again.getByTestId('overall')).toHaveText('1.42')
    await expect(again.getByText('Written, not yet in the plan')).toBeVisible()
    await again.getByTestId('gaps-roadmap').scrollIntoViewIfNeeded()
    await again.screenshot({ path: `${SHOTS}/gaps.png` })
    await again.getByRole('button', { name: /Create \d actions and milestones/ }).click()
    await expect(again.getByTestId('actions')).toContainText('reach level')
    // The same click put them on the journey roadmap.
    const made = await again.getByTestId('actions').locator('tbody tr').count()
    expect(made).toBeGreaterThan(0)
    await expect(again.getByTestId('actions').getByText('On the journey', { exact: true })).toHaveCount(made)
    const journey = await second.backend.call('journey.show', { clientId: ((await second.backend.call('client.list', {})) as { data: ClientSummary[] }).data.find((c) => c.name === 'Northwind Analytics')!.id })
    const titles = journey.ok ? (journey.data as { milestones: { title: string; notes: string }[] }).milestones.filter((m) => m.notes.includes('From the workshop')) : []
    expect(titles).toHaveLength(made)
    await again.getByTestId('actions').scrollIntoViewIfNeeded()
    await again.screenshot({ path: `${SHOTS}/results.png` })
  } finally {
    await second.close()
  }
  // The second harness is as local as the first: only requests to neither count.
  expect(foreignRequests.filter((u) => !u.startsWith(`${second.origin}/`))).toEqual([])
})

test('compares two assessments: radar overlay and per-dimension deltas', async ({ page, harness }) => {
  await createVault(page, harness)
  await createClient(page, 'Bluefin Health')
  const clients = await harness.backend.call('client.list', {})
  const clientId = (clients.ok ? (clients.data as ClientSummary[]) : [])[0].id
  const call = async <T,>(channel: string, input: unknown): Promise<T> => {
    const r = await harness.backend.call(channel, input)
    if (!r.ok) throw new Error(r.error.message)
    return r.data as T
  }
  for (const [heldOn, base] of [
    ['2026-01-20', 1],
    ['2026-07-20', 2]
  ] as const) {
    const s = await call<WorkshopState>('workshop.create', {
      clientId,
      sessionId: 'seed-session',
      title: `Review ${heldOn}`,
      heldOn,
      participants: [{ name: 'Dana', role: 'CRO', side: 'client' }],
      dimensions: [
        { id: 'strategy', timeBoxMinutes: 10 },
        { id: 'selection', timeBoxMinutes: 10 },
        { id: 'activation', timeBoxMinutes: 10 }
      ]
    })
    for (const [i, q] of s.order.entries())
      await call('workshop.consensus', { clientId, assessmentId: s.assessment.id, sessionId: 'seed-session', questionId: q, score: Math.min(4, base + (i % 3 === 0 ? 1 : 0)), rationale: '' })
    await call('workshop.finish', { clientId, assessmentId: s.assessment.id, sessionId: 'seed-session', finished: true })
  }
  await page.getByRole('tab', { name: 'Workshops' }).click()
  await expect(page.getByTestId('trend')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/workshops-trend.png` })
  await page.getByLabel('Compare Review 2026-01-20').check()
  await page.getByLabel('Compare Review 2026-07-20').check()
  await page.getByRole('button', { name: 'Compare selected' }).click()
  const deltas = page.getByTestId('deltas')
  await expect(deltas.getByRole('row', { name: /Strategy & business alignment/ })).toContainText('+1.00')
  await expect(deltas.getByRole('row', { name: /Overall/ })).toContainText('+1.00')
  await expect(page.getByTestId('compare').locator('.series-before')).toHaveCount(2)
  await page.screenshot({ path: `${SHOTS}/compare.png`, fullPage: true })
})
