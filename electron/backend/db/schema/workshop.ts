/**
 * Assessment workshops in a client file. The model an assessment used is stored with it as a JSON snapshot, so
 * results stay readable after the consultant edits the model. Every vote, note and consensus is its own row,
 * written the moment it is entered; `current_question_id` is where a reopened workshop resumes.
 */
import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

export const assessments = sqliteTable('assessments', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  heldOn: text('held_on').notNull(),
  status: text('status').notNull(),
  modelId: text('model_id').notNull(),
  modelVersion: integer('model_version').notNull(),
  modelName: text('model_name').notNull(),
  modelSnapshot: text('model_snapshot').notNull(),
  currentQuestionId: text('current_question_id'),
  /** Bumped on every change; the presenter ignores events older than what it shows. */
  revision: integer('revision').notNull().default(0),
  /** The facilitator window that may change the workshop, until `lease_until` (renewed by heartbeats). */
  leaseSession: text('lease_session'),
  leaseUntil: text('lease_until'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  finishedAt: text('finished_at')
})

export const assessmentParticipants = sqliteTable(
  'assessment_participants',
  {
    id: text('id').primaryKey(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role').notNull().default(''),
    side: text('side').notNull(),
    position: integer('position').notNull(),
    removedAt: text('removed_at')
  },
  (t) => [index('assessment_participants_assessment').on(t.assessmentId), check('participant_side', sql`${t.side} IN ('client', 'consultant')`)]
)

export const assessmentDimensions = sqliteTable(
  'assessment_dimensions',
  {
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    dimensionId: text('dimension_id').notNull(),
    position: integer('position').notNull(),
    timeBoxMinutes: integer('time_box_minutes').notNull(),
    startedAt: text('started_at')
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.dimensionId] })]
)

export const assessmentQuestions = sqliteTable(
  'assessment_questions',
  {
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    revealed: integer('revealed', { mode: 'boolean' }).notNull().default(false),
    revealedAt: text('revealed_at'),
    consensus: integer('consensus'),
    rationale: text('rationale').notNull().default(''),
    notes: text('notes').notNull().default(''),
    updatedAt: text('updated_at').notNull()
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.questionId] }),
    check('consensus_level', sql`${t.consensus} IS NULL OR ${t.consensus} BETWEEN 0 AND 4`)
  ]
)

export const assessmentVotes = sqliteTable(
  'assessment_votes',
  {
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    participantId: text('participant_id')
      .notNull()
      .references(() => assessmentParticipants.id, { onDelete: 'cascade' }),
    /** 0–4, or NULL for an explicit skip. */
    value: integer('value'),
    updatedAt: text('updated_at').notNull()
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.questionId, t.participantId] }),
    check('vote_level', sql`${t.value} IS NULL OR ${t.value} BETWEEN 0 AND 4`)
  ]
)

export const assessmentActions = sqliteTable(
  'assessment_actions',
  {
    id: text('id').primaryKey(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    dimensionId: text('dimension_id').notNull(),
    questionId: text('question_id'),
    title: text('title').notNull(),
    owner: text('owner'),
    dueOn: text('due_on'),
    milestoneId: text('milestone_id'),
    createdAt: text('created_at').notNull()
  },
  (t) => [index('assessment_actions_assessment').on(t.assessmentId)]
)
