/** Validation of maturity models (editing, import). Kept apart from maturity.ts so the renderer never loads zod. */
import { z } from 'zod'

const id = z
  .string()
  .trim()
  .min(1, 'Every dimension and question needs an id')
  .max(60, 'Ids are at most 60 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Ids use lower-case letters, digits, dots, dashes and underscores')
const text = (what: string, max: number) =>
  z.string().trim().min(1, `${what} cannot be empty`).max(max, `${what} is too long (the limit is ${max} characters)`)

export const maturityQuestionSchema = z
  .object({
    id,
    text: text('A question', 300),
    /** One descriptor per level, 0 (initial) to 4 (optimized). */
    levels: z.array(text('A level descriptor', 600)).length(5, 'A question needs a descriptor for each of the five levels (0–4)')
  })
  .strict()

export const maturityDimensionSchema = z
  .object({
    id,
    name: text('A dimension name', 120),
    summary: z.string().trim().max(600, 'A dimension summary is too long (the limit is 600 characters)').default(''),
    questions: z
      .array(maturityQuestionSchema)
      .min(1, 'A dimension needs at least one question')
      .max(8, 'A dimension has at most 8 questions')
  })
  .strict()

/** What the consultant edits: the content of a model, without its identity and version. */
export const maturityModelContentSchema = z
  .object({
    name: text('The model name', 120),
    dimensions: z
      .array(maturityDimensionSchema)
      .min(1, 'A model needs at least one dimension')
      .max(20, 'A model has at most 20 dimensions')
  })
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Set<string>()
    for (const d of m.dimensions) {
      if (seen.has(d.id)) ctx.addIssue({ code: 'custom', message: `The id “${d.id}” is used twice` })
      seen.add(d.id)
      for (const q of d.questions) {
        if (seen.has(q.id)) ctx.addIssue({ code: 'custom', message: `The id “${q.id}” is used twice` })
        seen.add(q.id)
      }
    }
  })

export const maturityModelSchema = z
  .object({
    id: z.string().min(1).max(80),
    version: z.number().int().min(1),
    name: z.string(),
    dimensions: z.array(maturityDimensionSchema).min(1)
  })
  .strict()

