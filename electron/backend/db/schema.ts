/** The schema of one client file. Change it, then `npm run db:generate` to add a migration. */
import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

export const profile = sqliteTable(
  'profile',
  {
    id: integer('id').primaryKey(),
    clientId: text('client_id').notNull(),
    name: text('name').notNull(),
    companyStage: text('company_stage'),
    arrBand: text('arr_band'),
    salesMotion: text('sales_motion'),
    region: text('region'),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull()
  },
  (t) => [check('profile_single_row', sql`${t.id} = 1`)]
)

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
    updatedAt: text('updated_at').notNull()
  },
  (t) => [index('partners_stage').on(t.stage), index('partners_updated').on(t.updatedAt)]
)
