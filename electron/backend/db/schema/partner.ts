/**
 * The partner portfolio of one client: partners and everything recorded about each relationship. Child rows
 * cascade with their partner. Amounts are stored as REAL in the opportunity's own currency. The per-partner indexes
 * also hold the columns the portfolio query reduces (services/portfolio `loadPortfolioSummaries`), so it reads indexes
 * only, never the rows with their notes.
 */
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'

export const partners = sqliteTable(
  'partners',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    tier: text('tier'),
    stage: text('stage').notNull(),
    signedAt: text('signed_at'),
    firstCommercialAt: text('first_commercial_at'),
    owner: text('owner'),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** How the partner tiers this client in its own program. */
    partnerTiersUs: text('partner_tiers_us'),
    /** Web domain, for duplicate detection on import. */
    domain: text('domain')
  },
  (t) => [index('partners_stage').on(t.stage), index('partners_updated').on(t.updatedAt)]
)

const partnerRef = () =>
  text('partner_id')
    .notNull()
    .references(() => partners.id, { onDelete: 'cascade' })

export const partnerStageHistory = sqliteTable(
  'partner_stage_history',
  {
    id: text('id').primaryKey(),
    partnerId: partnerRef(),
    stage: text('stage').notNull(),
    at: text('at').notNull(),
    note: text('note')
  },
  (t) => [index('stage_history_partner').on(t.partnerId)]
)

/** A contact that is replaced is ended (ended_at), never deleted: that is the change history. */
export const partnerContacts = sqliteTable(
  'partner_contacts',
  {
    id: text('id').primaryKey(),
    partnerId: partnerRef(),
    name: text('name').notNull(),
    email: text('email'),
    role: text('role'),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
    startedAt: text('started_at'),
    endedAt: text('ended_at')
  },
  // Covering the portfolio query's per-partner count of main contacts that ended (rotating contacts).
  (t) => [index('contacts_partner').on(t.partnerId, t.isPrimary, t.endedAt)]
)

export const activationTopics = sqliteTable(
  'activation_topics',
  {
    partnerId: partnerRef(),
    topic: text('topic').notNull(),
    state: text('state').notNull(),
    date: text('date'),
    notes: text('notes')
  },
  // The state index covers the portfolio query's per-partner counts of agreed, discussed and declined topics.
  (t) => [primaryKey({ columns: [t.partnerId, t.topic] }), index('topics_partner_state').on(t.partnerId, t.state)]
)

export const jointGoals = sqliteTable(
  'joint_goals',
  {
    id: text('id').primaryKey(),
    partnerId: partnerRef(),
    metric: text('metric').notNull(),
    target: real('target'),
    unit: text('unit'),
    dueAt: text('due_at'),
    currentValue: real('current_value'),
    shared: integer('shared', { mode: 'boolean' }).notNull().default(false)
  },
  (t) => [index('goals_partner').on(t.partnerId, t.target, t.dueAt)]
)

export const meetings = sqliteTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    partnerId: partnerRef(),
    date: text('date').notNull(),
    kind: text('kind').notNull(),
    attendees: text('attendees'),
    notes: text('notes')
  },
  (t) => [index('meetings_partner').on(t.partnerId, t.date)]
)

export const actionItems = sqliteTable(
  'action_items',
  {
    id: text('id').primaryKey(),
    partnerId: partnerRef(),
    meetingId: text('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    owner: text('owner'),
    dueAt: text('due_at'),
    doneAt: text('done_at')
  },
  (t) => [index('actions_partner').on(t.partnerId, t.dueAt, t.doneAt)]
)

export const opportunities = sqliteTable(
  'opportunities',
  {
    id: text('id').primaryKey(),
    partnerId: partnerRef(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    amount: real('amount').notNull(),
    currency: text('currency').notNull(),
    stage: text('stage').notNull(),
    openedAt: text('opened_at').notNull(),
    closeAt: text('close_at'),
    externalId: text('external_id')
  },
  (t) => [index('opportunities_partner').on(t.partnerId, t.stage, t.kind, t.currency, t.openedAt, t.amount), index('opportunities_external').on(t.externalId)]
)

export const healthScores = sqliteTable(
  'health_scores',
  {
    id: text('id').primaryKey(),
    partnerId: partnerRef(),
    signal: text('signal').notNull(),
    score: integer('score').notNull(),
    date: text('date').notNull(),
    note: text('note')
  },
  // health_partner_signal covers the portfolio query's latest score per signal (the rowid breaks ties on a day).
  (t) => [index('health_partner').on(t.partnerId, t.date), index('health_partner_signal').on(t.partnerId, t.signal, t.date, t.score)]
)

export const risks = sqliteTable(
  'risks',
  {
    id: text('id').primaryKey(),
    partnerId: partnerRef(),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    status: text('status').notNull(),
    description: text('description'),
    mitigation: text('mitigation'),
    raisedAt: text('raised_at').notNull()
  },
  (t) => [index('risks_partner').on(t.partnerId)]
)

/** The integration credentials inventory: what exists and when it rotates — never the secret itself. */
export const integrationCredentials = sqliteTable(
  'integration_credentials',
  {
    id: text('id').primaryKey(),
    partnerId: partnerRef(),
    name: text('name').notNull(),
    scope: text('scope'),
    rotationDue: text('rotation_due'),
    owner: text('owner')
  },
  (t) => [index('credentials_partner').on(t.partnerId)]
)

/** Per-client portfolio settings (paper-partner window, health weights, cadences, saved views) as JSON values. */
export const portfolioSettings = sqliteTable('portfolio_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})

/**
 * Each partner's portfolio summary as last reduced (services/portfolio `loadPortfolioSummaries`), so the first
 * query after opening a client reads one row per partner instead of reducing every record again. Derived data
 * only: a row holds for its currency from `computed_on` until the day before `valid_until` (the next day one of
 * its day-dependent figures can change), and triggers (migration 0007) delete a partner's row whenever a record it
 * was reduced from is written. `data` is a JSON array of the summary's fields in the order of `format`.
 */
export const partnerSummaries = sqliteTable('partner_summaries', {
  partnerId: text('partner_id').primaryKey(),
  format: integer('format').notNull(),
  currency: text('currency').notNull(),
  computedOn: text('computed_on').notNull(),
  validUntil: text('valid_until').notNull(),
  data: text('data').notNull()
})
