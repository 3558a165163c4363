import { join } from 'node:path'
import type { ClientSummary, PartnerDetail } from '../../shared/ipc/contract'
import { createClient, createVault, expect, test } from './fixtures'

const SHOTS = join(__dirname, '../../.reports/screens')

async function call<T>(harness: { backend: { call(c: string, i: unknown): Promise<{ ok: boolean; data?: unknown; error?: { message: string } }> } }, channel: string, input: unknown): Promise<T> {
  const r = await harness.backend.call(channel, input)
  if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`)
  return r.data as T
}

test('edit every kind of entry on a partner page, and delete one after confirming', async ({ page, harness }) => {
  test.setTimeout(180_000)
  await createVault(page, harness)
  await createClient(page, 'Northwind Analytics')
  const [client] = await call<ClientSummary[]>(harness, 'client.list', {})
  const ref = { clientId: client.id, partnerId: (await call<{ id: string }>(harness, 'partner.create', { clientId: client.id, name: 'Summit Consulting', type: 'si', tier: 'Gold', stage: 'activating', signedAt: '2025-01-10' })).id }
  await call(harness, 'partner.contact.save', { ...ref, name: 'Ana Silva', email: 'ana@summit.example', isPrimary: true, startedAt: '2025-01-10' })
  await call(harness, 'partner.goal.save', { ...ref, metric: 'More pipeline' })
  await call(harness, 'partner.meeting.save', { ...ref, date: '2026-01-05', kind: 'check-in', attendees: 'Dana' })
  await call(harness, 'partner.action.save', { ...ref, text: 'Send the deck', owner: 'Dana', dueAt: '2026-01-20' })
  await call(harness, 'partner.opportunity.save', { ...ref, name: 'Globex', kind: 'influenced', amount: 1000, currency: 'USD', stage: 'discovery', openedAt: '2026-01-06' })
  await call(harness, 'partner.health.record', { ...ref, date: '2026-01-05', scores: [{ signal: 'two-way', score: 0 }] })
  await call(harness, 'partner.risk.save', { ...ref, kind: 'key-person-left', severity: 'medium', raisedAt: '2026-01-05' })
  await call(harness, 'partner.credential.save', { ...ref, name: 'CRM sync client', scope: 'read contacts', rotationDue: '2026-06-01' })
  const detail = () => call<PartnerDetail>(harness, 'partner.get', ref)

  await page.getByRole('tab', { name: 'Partners' }).click()
  await page.getByRole('button', { name: 'Summit Consulting', exact: true }).click()
  const pageEl = page.getByTestId('partner-page')
  const editForm = (noun: string) => pageEl.getByRole('form', { name: `Edit ${noun}` })

  // Contact: role and end date (a contact who left stays in the history, struck through).
  await page.getByRole('button', { name: 'Edit contact Ana Silva' }).click()
  await editForm('contact').getByLabel('Role').fill('Alliance manager')
  await editForm('contact').getByLabel('Contact until').fill('2026-02-01')
  await page.screenshot({ path: join(SHOTS, 'partner-edit-contact.png') })
  await editForm('contact').getByRole('button', { name: 'Save contact' }).click()
  await expect(editForm('contact')).toBeHidden()
  await expect.poll(async () => (await detail()).contacts[0]).toMatchObject({ role: 'Alliance manager', endedAt: '2026-02-01', email: 'ana@summit.example' })

  // Goal: from vague to measurable; the "vague" badge goes away.
  await page.getByRole('tab', { name: 'Goals' }).click()
  await expect(pageEl.getByText('Vague: needs a target and a date')).toBeVisible()
  await page.getByRole('button', { name: 'Edit goal More pipeline' }).click()
  await editForm('goal').getByLabel('Goal metric').fill('Sourced pipeline')
  await editForm('goal').getByLabel('Goal target').fill('250000')
  await editForm('goal').getByLabel('Goal due date').fill('2026-06-30')
  await editForm('goal').getByLabel('Current value').fill('40000')
  await editForm('goal').getByLabel('Shared with the partner').check()
  await editForm('goal').getByRole('button', { name: 'Save goal' }).click()
  await expect(pageEl.getByText('Vague: needs a target and a date')).toBeHidden()
  expect((await detail()).goals[0]).toMatchObject({ metric: 'Sourced pipeline', target: 250000, dueAt: '2026-06-30', currentValue: 40000, shared: true })

  // Meeting and action.
  await page.getByRole('tab', { name: 'Meetings & actions' }).click()
  await page.getByRole('button', { name: 'Edit meeting 2026-01-05 Check-in' }).click()
  await editForm('meeting').getByLabel('Meeting kind').selectOption('qbr')
  await editForm('meeting').getByLabel('Meeting notes').fill('Agreed the Q2 plan')
  await editForm('meeting').getByRole('button', { name: 'Save meeting' }).click()
  await expect(pageEl.getByRole('cell', { name: 'Agreed the Q2 plan' })).toBeVisible()
  await page.getByRole('button', { name: 'Edit action Send the deck' }).click()
  await editForm('action').getByLabel('Action owner').fill('Ben')
  await editForm('action').getByLabel('Action due date').fill('2026-09-30')
  await editForm('action').getByRole('button', { name: 'Save action' }).click()
  await expect(pageEl.getByText('Ben · due 2026-09-30')).toBeVisible()
  const d1 = await detail()
  expect(d1.meetings[0]).toMatchObject({ kind: 'qbr', notes: 'Agreed the Q2 plan', attendees: 'Dana' })
  expect(d1.actions[0]).toMatchObject({ owner: 'Ben', dueAt: '2026-09-30', doneAt: null })

  // Opportunity: becomes sourced and won, which makes it the first commercial event.
  await page.getByRole('tab', { name: 'Opportunities' }).click()
  await page.getByRole('button', { name: 'Edit opportunity Globex' }).click()
  await editForm('opportunity').getByLabel('Sourced or influenced').selectOption('sourced')
  await editForm('opportunity').getByLabel('Amount').fill('48000')
  await editForm('opportunity').getByLabel('Opportunity stage').selectOption('won')
  await editForm('opportunity').getByLabel('Closed on').fill('2026-02-15')
  await page.screenshot({ path: join(SHOTS, 'partner-edit-opportunity.png') })
  await editForm('opportunity').getByRole('button', { name: 'Save opportunity' }).click()
  await expect(pageEl.getByRole('cell', { name: '48,000 USD' })).toBeVisible()
  expect((await detail()).opportunities[0]).toMatchObject({ kind: 'sourced', amount: 48000, stage: 'won', closeAt: '2026-02-15' })

  // Health: correct a recorded score.
  await page.getByRole('tab', { name: 'Health' }).click()
  await pageEl.getByText('All recorded scores (1)').click()
  await page.getByRole('button', { name: 'Edit score Give before take (two-way) 2026-01-05' }).click()
  await editForm('score').getByLabel('Score').selectOption('2')
  await editForm('score').getByLabel('Note').fill('They shared two leads first')
  await editForm('score').getByRole('button', { name: 'Save score' }).click()
  await expect(pageEl.getByRole('cell', { name: '2 Clearly' })).toBeVisible()
  expect((await detail()).healthHistory[0]).toMatchObject({ score: 2, note: 'They shared two leads first' })

  // Risk and credential.
  await page.getByRole('tab', { name: 'Risks & credentials' }).click()
  await page.getByRole('button', { name: 'Edit risk Key person left' }).click()
  await editForm('risk').getByLabel('Status').selectOption('mitigating')
  await editForm('risk').getByLabel('Severity').selectOption('high')
  await editForm('risk').getByLabel('What happened').fill('Their alliance lead moved to a competitor')
  await editForm('risk').getByLabel('Mitigation').fill('Meet the new lead this month')
  await editForm('risk').getByRole('button', { name: 'Save risk' }).click()
  await page.getByRole('button', { name: 'Edit credential CRM sync client' }).click()
  await editForm('credential').getByLabel('Rotation due').fill('2026-03-31')
  await editForm('credential').getByLabel('Credential owner').fill('IT at Summit')
  await editForm('credential').getByRole('button', { name: 'Save credential' }).click()
  await expect(pageEl.getByText('rotate by 2026-03-31')).toBeVisible()
  const d2 = await detail()
  expect(d2.risks[0]).toMatchObject({ status: 'mitigating', severity: 'high', description: 'Their alliance lead moved to a competitor', mitigation: 'Meet the new lead this month' })
  expect(d2.credentials[0]).toMatchObject({ rotationDue: '2026-03-31', owner: 'IT at Summit', scope: 'read contacts' })
  await page.screenshot({ path: join(SHOTS, 'partner-edit-risks.png') })

  // Delete asks once more, then removes.
  await page.getByRole('button', { name: 'Delete credential CRM sync client' }).click()
  await pageEl.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(pageEl.getByText('No integration credentials recorded.')).toBeVisible()
  expect((await detail()).credentials).toEqual([])
})
