/**
 * The partnering journey and the hypothesis register of one client. Links to partners carry no foreign key on
 * purpose: the partner table belongs to another feature whose migrations may rebuild it, and a rebuild with
 * foreign keys on would silently cascade-delete these links. Services check partner ids when links are written
 * and drop dangling ones when reading.
 */
import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

export const journeyMeta = sqliteTable(
  'journey_meta',
  {
    id: integer('id').primaryKey(),
    templateName: text('template_name').notNull(),
    startedOn: text('started_on').notNull(),
    createdAt: text('created_at').notNull()
  },
  (t) => [check('journey_meta_single_row', sql`${t.id} = 1`)]
)

export const journeyStages = sqliteTable('journey_stages', {
  id: text('id').primaryKey(),
  key: text('key').notNull(),
  name: text('name').notNull(),
  position: integer('position').notNull(),
  /** JSON array of strings. */
  objectives: text('objectives').notNull().default('[]'),
  gate: text('gate').notNull().default('not_started'),
  startedAt: text('started_at'),
  completedAt: text('completed_at'),
  completionReason: text('completion_reason'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull()
})

export const journeyCriteria = sqliteTable(
  'journey_criteria',
  {
    id: text('id').primaryKey(),
    stageId: text('stage_id')
      .notNull()
      .references(() => journeyStages.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    met: integer('met', { mode: 'boolean' }).notNull().default(false),
    evidence: text('evidence').notNull().default(''),
    metAt: text('met_at')
  },
  (t) => [index('journey_criteria_stage').on(t.stageId)]
)

/** Every start, completion and reopening of a stage gate, with the reason given; never rewritten. */
export const journeyGateEvents = sqliteTable(
  'journey_gate_events',
  {
    id: text('id').primaryKey(),
    stageId: text('stage_id')
      .notNull()
      .references(() => journeyStages.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    at: text('at').notNull(),
    unmetCount: integer('unmet_count').notNull().default(0),
    reason: text('reason')
  },
  (t) => [index('journey_gate_events_stage').on(t.stageId)]
)

export const milestones = sqliteTable(
  'milestones',
  {
    id: text('id').primaryKey(),
    stageId: text('stage_id')
      .notNull()
      .references(() => journeyStages.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    kind: text('kind').notNull().default('other'),
    ownerSide: text('owner_side').notNull().default('client'),
    ownerName: text('owner_name'),
    plannedStart: text('planned_start').notNull(),
    plannedEnd: text('planned_end').notNull(),
    actualStart: text('actual_start'),
    actualEnd: text('actual_end'),
    status: text('status').notNull().default('planned'),
    notes: text('notes').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull()
  },
  (t) => [index('milestones_stage').on(t.stageId), check('milestones_dates', sql`${t.plannedEnd} >= ${t.plannedStart}`)]
)

export const milestoneDeps = sqliteTable(
  'milestone_deps',
  {
    milestoneId: text('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    dependsOnId: text('depends_on_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' })
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.dependsOnId] }), index('milestone_deps_on').on(t.dependsOnId)]
)

export const milestonePartners = sqliteTable(
  'milestone_partners',
  {
    milestoneId: text('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    partnerId: text('partner_id').notNull()
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.partnerId] })]
)

export const hypotheses = sqliteTable(
  'hypotheses',
  {
    id: text('id').primaryKey(),
    belief: text('belief').notNull(),
    verify: text('verify').notNull().default(''),
    measure: text('measure').notNull().default(''),
    rightIf: text('right_if').notNull().default(''),
    category: text('category').notNull(),
    importance: integer('importance').notNull().default(3),
    evidenceStrength: text('evidence_strength').notNull().default('none'),
    status: text('status').notNull().default('untested'),
    owner: text('owner'),
    dueDate: text('due_date'),
    stageId: text('stage_id').references(() => journeyStages.id, { onDelete: 'set null' }),
    /** The current learning card; every decision with its card is also kept in hypothesis_decisions. */
    observed: text('observed').notNull().default(''),
    learned: text('learned').notNull().default(''),
    therefore: text('therefore').notNull().default(''),
    decision: text('decision'),
    decidedAt: text('decided_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull()
  },
  (t) => [
    index('hypotheses_status').on(t.status),
    check('hypotheses_importance', sql`${t.importance} BETWEEN 1 AND 5`)
  ]
)

export const hypothesisMilestones = sqliteTable(
  'hypothesis_milestones',
  {
    hypothesisId: text('hypothesis_id')
      .notNull()
      .references(() => hypotheses.id, { onDelete: 'cascade' }),
    milestoneId: text('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' })
  },
  (t) => [primaryKey({ columns: [t.hypothesisId, t.milestoneId] }), index('hypothesis_milestones_m').on(t.milestoneId)]
)

export const hypothesisPartners = sqliteTable(
  'hypothesis_partners',
  {
    hypothesisId: text('hypothesis_id')
      .notNull()
      .references(() => hypotheses.id, { onDelete: 'cascade' }),
    partnerId: text('partner_id').notNull()
  },
  (t) => [primaryKey({ columns: [t.hypothesisId, t.partnerId] })]
)

export const hypothesisEvidence = sqliteTable(
  'hypothesis_evidence',
  {
    id: text('id').primaryKey(),
    hypothesisId: text('hypothesis_id')
      .notNull()
      .references(() => hypotheses.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    source: text('source').notNull().default(''),
    observation: text('observation').notNull(),
    direction: text('direction').notNull(),
    createdAt: text('created_at').notNull()
  },
  (t) => [index('hypothesis_evidence_h').on(t.hypothesisId)]
)

export const hypothesisDecisions = sqliteTable(
  'hypothesis_decisions',
  {
    id: text('id').primaryKey(),
    hypothesisId: text('hypothesis_id')
      .notNull()
      .references(() => hypotheses.id, { onDelete: 'cascade' }),
    decision: text('decision').notNull(),
    observed: text('observed').notNull().default(''),
    learned: text('learned').notNull().default(''),
    therefore: text('therefore').notNull().default(''),
    statusBefore: text('status_before').notNull(),
    decidedAt: text('decided_at').notNull()
  },
  (t) => [index('hypothesis_decisions_h').on(t.hypothesisId)]
)

/**
 * Undo and redo for the journey and hypothesis screens: each edit stores the before- and after-images of every
 * row it touched (JSON), in the same transaction as the edit, so an undo survives a crash or a restart.
 */
export const journeyUndo = sqliteTable('journey_undo', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  label: text('label').notNull(),
  before: text('before').notNull(),
  after: text('after').notNull(),
  undone: integer('undone', { mode: 'boolean' }).notNull().default(false)
})
