/** Client-ready reports: the consultant's per-client report choices and the record of every export. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Per-client report settings (sections and order, paper, executive summary, client logo…) as JSON values. */
export const reportSettings = sqliteTable('report_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})

/** One row per export, with what is needed to regenerate it (never the folder it was saved in). */
export const reportExports = sqliteTable(
  'report_exports',
  {
    id: text('id').primaryKey(),
    exportedAt: text('exported_at').notNull(),
    asOf: text('as_of').notNull(),
    format: text('format').notNull(),
    paper: text('paper').notNull(),
    /** JSON array of section keys, in order. */
    sections: text('sections').notNull(),
    fileName: text('file_name').notNull(),
    bytes: integer('bytes').notNull(),
    /** JSON of the benchmark cohort the report compared with; NULL for exports recorded before migration 0006. */
    cohort: text('cohort')
  },
  (t) => [index('report_exports_at').on(t.exportedAt)]
)
