/**
 * The consultant's maturity models in the real renderer: edit the default (a new version; the old one stays
 * readable and read-only), create a model of their own, plan a workshop with it, and import an exported
 * assessment through the Workshops section's Import button.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ClientSummary, WorkshopState } from '../../shared/ipc/contract'
import { createClient, createVault, expect, test } from './fixtures'

const SHOTS = resolve(__dirname, '../../test-results/screens')
mkdirSync(SHOTS, { recursive: true })

test('edits the default model into version 2, keeps version 1 readable, and plans a workshop with a new model', async ({ page, harness, foreignRequests }) => {
  await page.setViewportSize({ width: 1366, height: 900 })
  await createVault(page, harness)
  await page.getByRole('button', { name: 'Maturity models' }).click()
  const area = page.getByTestId('models-area')
  await area.getByRole('button', { name: /partner program maturity/i }).first().click()
  const editor = page.getByTestId('model-editor')
  await expect(editor.getByRole('button', { name: 'Save as version 2' })).toBeDisabled()

  // Change one level descriptor of the first question.
  const level3 = editor.getByLabel('Question 1, level 3 (Managed)')
  const before = await level3.inputValue()
  await level3.fill('Reviewed every quarter with the board, in writing.')
  await page.screenshot({ path: `${SHOTS}/models-editor.png` })
  await editor.getByRole('button', { name: 'Save as version 2' }).click()
  await expect(page.getByTestId('model-saved')).toContainText('Saved as version 2')
  await expect(area.getByRole('button', { name: /version 2/ })).toBeVisible()

  // Version 1 is still there, exactly as it was, and read-only.
  await editor.getByLabel('Version').selectOption('1')
  await expect(page.getByTestId('model-readonly')).toBeVisible()
  await expect(editor.getByLabel('Question 1, level 3 (Managed)')).toHaveValue(before)
  await expect(editor.getByLabel('Question 1, level 3 (Managed)')).not.toBeEditable()
  await page.screenshot({ path: `${SHOTS}/models-readonly.png` })

  // A bad edit is refused with the reason and saves nothing.
  await editor.getByLabel('Version').selectOption('2')
  await editor.getByLabel('Question 1, level 0 (Initial)').fill('')
  await editor.getByRole('button', { name: 'Save as version 3' }).click()
  await expect(editor.getByRole('alert')).toContainText('A level descriptor cannot be empty')
  await editor.getByRole('button', { name: 'Discard changes' }).click()

  // A model of one's own: trim the copy of the default to two dimensions.
  await area.getByRole('button', { name: 'New model' }).click()
  await editor.getByLabel('Model name').fill('Channel health check')
  while ((await editor.getByRole('button', { name: /^Remove (?!question)/ }).count()) > 2)
    await editor.getByRole('button', { name: /^Remove (?!question)/ }).last().click()
  await editor.getByRole('button', { name: 'Save the model' }).click()
  await expect(page.getByTestId('model-saved')).toContainText('Saved “Channel health check”')
  await expect(area.getByRole('button', { name: /Channel health check/ })).toBeVisible()

  // Plan a workshop with it: the setup offers the model and its two dimensions with their time boxes.
  await createClient(page, 'Northwind Analytics')
  await page.getByRole('tab', { name: 'Workshops' }).click()
  await page.getByRole('button', { name: 'Plan a workshop' }).click()
  const setup = page.getByTestId('workshop-setup')
  await setup.getByLabel('Maturity model').selectOption({ label: 'Channel health check (version 1)' })
  await expect(setup.getByLabel(/^Minutes for /)).toHaveCount(2)
  await setup.getByLabel('Minutes for Strategy & business alignment').fill('25')
  await setup.getByLabel('Participant 1 name').fill('Ana Lima')
  await page.screenshot({ path: `${SHOTS}/workshop-setup.png` })
  await setup.getByRole('button', { name: 'Start the workshop' }).click()
  await expect(page.getByTestId('facilitator')).toBeVisible()
  const clients = await harness.backend.call('client.list', {})
  const clientId = (clients.ok ? (clients.data as ClientSummary[]) : [])[0].id
  const list = await harness.backend.call('workshop.list', { clientId })
  const a = (list.ok ? (list.data as { id: string }[]) : [])[0]
  const st = await harness.backend.call('workshop.get', { clientId, assessmentId: a.id })
  const state = st.ok ? (st.data as WorkshopState) : null
  expect(state?.model.name).toBe('Channel health check')
  expect(state?.dimensions.map((d) => d.timeBoxMinutes)).toEqual([25, 15])
  expect(foreignRequests).toEqual([])
})

test('imports an exported assessment with the Import button, and explains a bad file', async ({ page, harness, foreignRequests }, info) => {
  await createVault(page, harness)
  await createClient(page, 'Bluefin Health')
  const call = async <T,>(channel: string, input: unknown): Promise<T> => {
    const r = await harness.backend.call(channel, input)
    if (!r.ok) throw new Error(r.error.message)
    return r.data as T
  }
  const clientId = (await call<ClientSummary[]>('client.list', {}))[0].id
  const other = await call<ClientSummary>('client.create', { name: 'Source client' })
  const s = await call<WorkshopState>('workshop.create', {
    clientId: other.id,
    sessionId: 'seed-session',
    title: 'Spring review',
    heldOn: '2026-04-02',
    participants: [{ name: 'Dana', role: 'CRO', side: 'client' }],
    dimensions: [{ id: 'strategy', timeBoxMinutes: 10 }]
  })
  for (const q of s.order) await call('workshop.consensus', { clientId: other.id, assessmentId: s.assessment.id, sessionId: 'seed-session', questionId: q, score: 2, rationale: '' })
  await call('workshop.finish', { clientId: other.id, assessmentId: s.assessment.id, sessionId: 'seed-session', finished: true })
  const exported = await call<{ content: string }>('workshop.export', { clientId: other.id, assessmentId: s.assessment.id, format: 'json' })
  const good = join(info.outputDir, 'spring-review.json')
  const bad = join(info.outputDir, 'notes.json')
  mkdirSync(info.outputDir, { recursive: true })
  writeFileSync(good, exported.content)
  writeFileSync(bad, '{"hello": "world"}')

  await page.getByTestId('client-list').getByText('Bluefin Health').click()
  await page.getByRole('tab', { name: 'Workshops' }).click()
  await expect(page.getByTestId('workshops-empty')).toBeVisible()
  await page.getByTestId('import-assessment-file').setInputFiles(bad)
  await expect(page.getByTestId('import-result')).toHaveText('This file is not a Trellis assessment export.')
  expect(await call<unknown[]>('workshop.list', { clientId })).toEqual([])

  await page.getByTestId('import-assessment-file').setInputFiles(good)
  await expect(page.getByTestId('import-result')).toContainText('Imported “Spring review” (2026-04-02).')
  await expect(page.getByTestId('assessment-list')).toContainText('Spring review')
  await page.screenshot({ path: `${SHOTS}/workshops-imported.png` })
  // The same file again is refused: the client already has it.
  await page.getByTestId('import-assessment-file').setInputFiles(good)
  await expect(page.getByTestId('import-result')).toContainText('already has this assessment')
  expect(foreignRequests).toEqual([])
})
