/** The client's profile: one row per file. */
import { sql } from 'drizzle-orm'
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

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

