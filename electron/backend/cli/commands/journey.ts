/** `trellis journey …` and `trellis hypothesis …`: the roadmap and the hypothesis register from the command line. */
import {
  EVIDENCE_STRENGTHS,
  EVIDENCE_STRENGTH_LABELS,
  GATE_STATE_LABELS,
  HYPOTHESIS_CATEGORIES,
  HYPOTHESIS_CATEGORY_LABELS,
  HYPOTHESIS_STATUSES,
  HYPOTHESIS_STATUS_LABELS,
  MILESTONE_STATUS_LABELS,
  OWNER_SIDE_LABELS,
  type EvidenceStrength,
  type HypothesisCategory,
  type HypothesisStatus
} from '../../../../shared/domain/journey'
import { isOverdue, todayIso } from '../../../../shared/domain/journeyRules'
import type { JourneyView } from '../../../../shared/ipc/contract'
import { AppError } from '../../errors'
import { fields, table, UsageError, type CommandContext, type CommandGroup } from '../framework'

const ID_HELP = 'ID is the client id (c_…) or its exact name (case and extra spaces ignored).'

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s
}

/** Contract field names in validation messages become the options a CLI user typed. */
const OPTION_OF: Record<string, string> = {
  belief: 'belief',
  verify: 'verify',
  measure: 'measure',
  rightIf: 'right-if',
  category: 'category',
  importance: 'importance',
  evidenceStrength: 'evidence',
  status: 'status',
  owner: 'owner',
  dueDate: 'due',
  stageId: 'stage'
}
async function withOptionNames<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') {
      const msg = err.message.replace(/\((\w+)\)$/, (all, f: string) => (OPTION_OF[f] ? `(--${OPTION_OF[f]})` : all))
      throw new AppError('VALIDATION', msg)
    }
    throw err
  }
}

function oneOf<T extends string>(ctx: CommandContext, name: string, values: readonly T[]): T | undefined {
  const v = ctx.str(name)
  if (v === undefined) return undefined
  const hit = values.find((x) => x === v.trim().toLowerCase().replace(/[\s-]+/g, '_'))
  if (!hit) throw new UsageError(`--${name} must be one of: ${values.join(', ')} (not “${v}”).`)
  return hit
}

/** A stage by key (`prove`) or name, case ignored. */
function stageRef(j: JourneyView, ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined
  const k = ref.trim().toLowerCase()
  const s = j.stages.find((x) => x.id === ref || x.key === k || x.name.toLowerCase() === k)
  if (!s) throw new UsageError(`--stage must be one of: ${j.stages.map((x) => x.key).join(', ')} (not “${ref}”).`)
  return s.id
}

function journeyText(clientName: string, j: JourneyView): string {
  const today = todayIso()
  const stageName = new Map(j.stages.map((s) => [s.id, s.name]))
  const stages = j.stages.map((s) => [
    `${s.position + 1} ${s.name}`,
    GATE_STATE_LABELS[s.gate],
    `${s.criteria.filter((c) => c.met).length}/${s.criteria.length}`,
    s.completionReason ? cut(s.completionReason, 60) : ''
  ])
  const ms = j.milestones.map((m) => [
    stageName.get(m.stageId) ?? '',
    cut(m.title, 48),
    OWNER_SIDE_LABELS[m.ownerSide],
    m.plannedStart,
    m.plannedEnd,
    MILESTONE_STATUS_LABELS[m.status] + (isOverdue(m, today) ? ' (overdue)' : '')
  ])
  return [
    fields([
      ['Client', clientName],
      ['Journey', j.templateName],
      ['Started', j.startedOn]
    ]),
    '',
    table(['STAGE', 'GATE', 'EXIT CRITERIA MET', 'COMPLETED ANYWAY BECAUSE'], stages),
    '',
    table(['STAGE', 'MILESTONE', 'OWNER', 'START', 'END', 'STATUS'], ms),
    ...(j.warnings.length ? ['', 'Realism warnings:', ...j.warnings.map((w) => `  ! ${w.message}`)] : [])
  ].join('\n')
}

export const journeyCommands: CommandGroup = {
  name: 'journey',
  summary: 'Show a client’s partnering-journey roadmap.',
  commands: [
    {
      name: 'show',
      summary: 'Show the stages, exit criteria, milestones and realism warnings of a client’s journey.',
      usage: 'ID',
      args: ['ID'],
      details: ID_HELP,
      async run(ctx) {
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const j = await ctx.call('journey.show', { clientId: c.id })
        return { data: j, text: journeyText(c.name, j) }
      }
    }
  ]
}

export const hypothesisCommands: CommandGroup = {
  name: 'hypothesis',
  summary: 'List and capture the hypotheses behind a client’s plan.',
  commands: [
    {
      name: 'list',
      summary: 'List a client’s hypotheses, most recent first.',
      usage: 'ID [--status S] [--category C] [--stage STAGE] [--search TEXT]',
      args: ['ID'],
      options: { status: { type: 'string' }, category: { type: 'string' }, stage: { type: 'string' }, search: { type: 'string' } },
      details: `${ID_HELP}\n  --status    ${HYPOTHESIS_STATUSES.join(' | ')}\n  --category  ${HYPOTHESIS_CATEGORIES.join(' | ')}\n  --stage     foundations | prove | activate | scale | optimize (or the stage's name)`,
      async run(ctx) {
        const status = oneOf<HypothesisStatus>(ctx, 'status', HYPOTHESIS_STATUSES)
        const category = oneOf<HypothesisCategory>(ctx, 'category', HYPOTHESIS_CATEGORIES)
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const stageId = ctx.str('stage') !== undefined ? stageRef(await ctx.call('journey.show', { clientId: c.id }), ctx.str('stage')) : undefined
        const list = await ctx.call('hypothesis.list', { clientId: c.id, status, category, stageId, search: ctx.str('search') })
        const rows = list.map((h) => [
          h.testFirst ? '*' : '',
          h.importance,
          EVIDENCE_STRENGTH_LABELS[h.evidenceStrength],
          HYPOTHESIS_STATUS_LABELS[h.status],
          HYPOTHESIS_CATEGORY_LABELS[h.category],
          cut(h.belief, 70)
        ])
        return {
          data: list,
          text: list.length
            ? `${table(['TEST FIRST', 'IMPORTANCE', 'EVIDENCE', 'STATUS', 'CATEGORY', 'WE BELIEVE'], rows)}\n\n${list.length === 1 ? '1 hypothesis' : `${list.length} hypotheses`}; * = important and not yet backed by evidence.`
            : 'No hypotheses match. Capture one with `trellis hypothesis add ID --belief "…"`.'
        }
      }
    },
    {
      name: 'add',
      summary: 'Capture a hypothesis as a test card.',
      usage: 'ID --belief TEXT [--verify TEXT] [--measure TEXT] [--right-if TEXT] [--category C] [--importance 1-5] [--evidence E] [--owner NAME] [--due YYYY-MM-DD] [--stage STAGE]',
      args: ['ID'],
      options: {
        belief: { type: 'string' },
        verify: { type: 'string' },
        measure: { type: 'string' },
        'right-if': { type: 'string' },
        category: { type: 'string' },
        importance: { type: 'string' },
        evidence: { type: 'string' },
        owner: { type: 'string' },
        due: { type: 'string' },
        stage: { type: 'string' }
      },
      details: `${ID_HELP}\nThe test card: we believe (--belief) / to verify we will (--verify) / and measure (--measure) / we are right if (--right-if).\n  --category  ${HYPOTHESIS_CATEGORIES.join(' | ')} (default strategy)\n  --importance 1 to 5 (default 3)\n  --evidence  ${EVIDENCE_STRENGTHS.join(' | ')} (default none)`,
      async run(ctx) {
        const belief = ctx.str('belief')
        if (belief === undefined) throw new UsageError('Missing --belief TEXT.')
        const imp = ctx.str('importance')
        if (imp !== undefined && !/^-?\d+$/.test(imp.trim())) throw new UsageError(`--importance must be a whole number from 1 to 5, not “${imp}”.`)
        const category = oneOf<HypothesisCategory>(ctx, 'category', HYPOTHESIS_CATEGORIES)
        const evidenceStrength = oneOf<EvidenceStrength>(ctx, 'evidence', EVIDENCE_STRENGTHS)
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const stageId = ctx.str('stage') !== undefined ? stageRef(await ctx.call('journey.show', { clientId: c.id }), ctx.str('stage')) : undefined
        const r = await withOptionNames(() =>
          ctx.call('hypothesis.create', {
            clientId: c.id,
            belief,
            verify: ctx.str('verify'),
            measure: ctx.str('measure'),
            rightIf: ctx.str('right-if'),
            category,
            importance: imp === undefined ? undefined : Number(imp),
            evidenceStrength,
            owner: ctx.str('owner'),
            dueDate: ctx.str('due'),
            stageId
          })
        )
        const h = r.hypothesis!
        return {
          data: h,
          text: `Captured hypothesis for “${c.name}”: “${cut(h.belief, 80)}” (importance ${h.importance}, ${HYPOTHESIS_CATEGORY_LABELS[h.category]})${h.testFirst ? ' — test this first.' : '.'}`
        }
      }
    }
  ]
}
