/** `trellis assessment …`: list, show, compare, export and import a client's maturity assessments. */
import { existsSync, readFileSync } from 'node:fs'
import { LEVEL_LABELS } from '../../../../shared/domain/maturity'
import type { AssessmentSummary, ClientSummary } from '../../../../shared/ipc/contract'
import { AppError } from '../../errors'
import { writeFileAtomic } from '../../fsutil'
import { fields, table, UsageError, type CommandContext, type CommandGroup } from '../framework'

const REF_HELP = [
  'ID is the client id (c_…) or its exact name.',
  'ASSESSMENT is the assessment id (a_…), its exact title, the day it was held (YYYY-MM-DD), or "latest".'
].join('\n')

function score(x: number | null): string {
  return x === null ? '-' : x.toFixed(2)
}

async function resolveAssessment(ctx: CommandContext, c: ClientSummary, ref: string): Promise<AssessmentSummary> {
  const all = await ctx.call('workshop.list', { clientId: c.id })
  if (ref === 'latest') {
    if (!all.length) throw new AppError('NOT_FOUND', `“${c.name}” has no assessments yet.`)
    return all[0]
  }
  const byId = all.find((a) => a.id === ref)
  if (byId) return byId
  const hits = all.filter((a) => a.title === ref || a.heldOn === ref)
  if (hits.length === 1) return hits[0]
  if (hits.length > 1)
    throw new AppError('VALIDATION', `Several assessments of “${c.name}” match “${ref}”; use the id (${hits.map((a) => a.id).join(', ')}).`)
  throw new AppError('NOT_FOUND', `“${c.name}” has no assessment with the id, title or date “${ref}”.`)
}

export const assessmentCommands: CommandGroup = {
  name: 'assessment',
  summary: 'List, show, compare, export and import maturity assessments.',
  commands: [
    {
      name: 'list',
      summary: 'List a client’s assessments, newest first.',
      usage: 'ID',
      args: ['client'],
      details: REF_HELP,
      async run(ctx) {
        await ctx.unlock()
        const c = await ctx.client(ctx.args.client)
        const list = await ctx.call('workshop.list', { clientId: c.id })
        const text = list.length
          ? table(
              ['HELD ON', 'TITLE', 'STATUS', 'SCORED', 'OVERALL', 'MODEL', 'ID'],
              list.map((a) => [a.heldOn, a.title, a.status, `${a.progress.scored}/${a.progress.total}`, score(a.overall), `${a.modelName} v${a.modelVersion}`, a.id])
            )
          : `“${c.name}” has no assessments yet.`
        return { data: list, text }
      }
    },
    {
      name: 'show',
      summary: 'Show an assessment: scores per dimension and per question (votes only once revealed).',
      usage: 'ID ASSESSMENT',
      args: ['client', 'assessment'],
      details: REF_HELP,
      async run(ctx) {
        await ctx.unlock()
        const c = await ctx.client(ctx.args.client)
        const a = await resolveAssessment(ctx, c, ctx.args.assessment)
        const s = await ctx.call('workshop.get', { clientId: c.id, assessmentId: a.id })
        const rows: (string | number)[][] = []
        for (const qid of s.order) {
          const q = s.questions[qid]
          const dim = s.model.dimensions.find((d) => d.questions.some((x) => x.id === qid))!
          rows.push([
            dim.name,
            qid,
            q.consensus === null ? '-' : `${q.consensus} ${LEVEL_LABELS[q.consensus]}`,
            q.stats?.spread ?? '-',
            q.stats?.disagreement ? 'yes' : '',
            q.revealed ? 'revealed' : `${q.voted.length} voted, hidden`
          ])
        }
        const text = [
          fields([
            ['Assessment', a.title],
            ['Id', a.id],
            ['Held on', a.heldOn],
            ['Status', a.status],
            ['Model', `${a.modelName} (${a.modelId} v${a.modelVersion})`],
            ['Participants', s.participants.map((p) => `${p.name}${p.removed ? ' (removed)' : ''}`).join(', ')],
            ['Overall', score(a.overall)]
          ]),
          '',
          table(['DIMENSION', 'SCORE', 'AGREED'], s.scores.map((d) => [d.name, score(d.score), `${d.scored}/${d.questions}`])),
          '',
          table(['DIMENSION', 'QUESTION', 'CONSENSUS', 'SPREAD', 'DISAGREE', 'VOTES'], rows),
          ...(s.actions.length ? ['', table(['ACTION', 'OWNER', 'DUE'], s.actions.map((x) => [x.title, x.owner, x.dueOn]))] : [])
        ].join('\n')
        return { data: s, text }
      }
    },
    {
      name: 'compare',
      summary: 'Compare two assessments: per-dimension scores and deltas.',
      usage: 'ID ASSESSMENT ASSESSMENT',
      args: ['client', 'a', 'b'],
      details: REF_HELP,
      async run(ctx) {
        await ctx.unlock()
        const c = await ctx.client(ctx.args.client)
        const a = await resolveAssessment(ctx, c, ctx.args.a)
        const b = await resolveAssessment(ctx, c, ctx.args.b)
        const cmp = await ctx.call('workshop.compare', { clientId: c.id, a: a.id, b: b.id })
        const sign = (d: number | null) => (d === null ? '-' : `${d > 0 ? '+' : ''}${d.toFixed(2)}`)
        const text = [
          `${cmp.before.title} (${cmp.before.heldOn}) → ${cmp.after.title} (${cmp.after.heldOn})`,
          ...(cmp.differentModels ? ['Note: the two used different model versions; dimensions are matched by id.'] : []),
          '',
          table(
            ['DIMENSION', 'BEFORE', 'AFTER', 'DELTA'],
            [...cmp.dimensions.map((d) => [d.name, score(d.before), score(d.after), sign(d.delta)]), ['Overall', score(cmp.overall.before), score(cmp.overall.after), sign(cmp.overall.delta)]]
          )
        ].join('\n')
        return { data: cmp, text }
      }
    },
    {
      name: 'export',
      summary: 'Export a finished assessment as JSON (to import elsewhere) or CSV.',
      usage: 'ID ASSESSMENT --format json|csv --out FILE [--force]',
      args: ['client', 'assessment'],
      options: { format: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
      details: `${REF_HELP}\nThe JSON file holds everything, facilitator notes included: treat it as client data.`,
      async run(ctx) {
        const format = ctx.str('format')
        if (format !== 'json' && format !== 'csv') throw new UsageError('Give --format json or --format csv.')
        const out = ctx.str('out')
        if (out === undefined) throw new UsageError('Missing --out FILE.')
        const path = ctx.path(out)
        if (existsSync(path) && !ctx.flag('force')) throw new AppError('CONFLICT', `${out} already exists; pass --force to replace it.`)
        await ctx.unlock()
        const c = await ctx.client(ctx.args.client)
        const a = await resolveAssessment(ctx, c, ctx.args.assessment)
        const file = await ctx.call('workshop.export', { clientId: c.id, assessmentId: a.id, format })
        try {
          writeFileAtomic(path, file.content)
        } catch (err) {
          throw new AppError('IO', `Could not write ${out}: ${(err as { code?: string }).code ?? 'error'}.`)
        }
        const bytes = Buffer.byteLength(file.content)
        return { data: { path, bytes, format }, text: `Wrote “${a.title}” (${a.heldOn}) as ${format.toUpperCase()} to ${path} (${bytes} bytes).` }
      }
    },
    {
      name: 'import',
      summary: 'Import an assessment exported as JSON (from this or another vault) into a client.',
      usage: 'ID --file FILE',
      args: ['client'],
      options: { file: { type: 'string' } },
      details: REF_HELP,
      async run(ctx) {
        const file = ctx.str('file')
        if (file === undefined) throw new UsageError('Missing --file FILE.')
        let content: string
        try {
          content = readFileSync(ctx.path(file), 'utf8')
        } catch (err) {
          throw new AppError('FILE_MISSING', `${file} cannot be read (${(err as { code?: string }).code ?? 'error'}).`)
        }
        await ctx.unlock()
        const c = await ctx.client(ctx.args.client)
        const r = await ctx.call('workshop.import', { clientId: c.id, content })
        return {
          data: r,
          text: [`Imported “${r.assessment.title}” (${r.assessment.heldOn}) into “${c.name}” as ${r.assessment.id}.`, ...r.notices].join('\n')
        }
      }
    }
  ]
}
