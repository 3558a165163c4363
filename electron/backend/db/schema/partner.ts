import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core'

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
