/** `trellis benchmark` and `trellis cockpit`: cross-client figures and the consultant's week, from the command line. */
import { COHORT_KEYS, COHORT_LABELS, COHORT_VALUES, formatValue, type Cohort, type CohortKey } from '../../../../shared/benchmark/metrics'
import { MILESTONE_KINDS, type MilestoneKind } from '../../../../shared/domain/journey'
import { fields, table, UsageError, type CommandContext, type CommandGroup } from '../framework'

/** `--cohort key=value` options (repeatable) into a cohort; a wrong key or value is a usage error naming the choices. */
export function parseCohort(raw: unknown): Cohort {
  const items = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : []
  const out: Cohort = {}
  for (const item of items) {
    const m = /^([A-Za-z-]+)=(.+)$/.exec(item.trim())
    const key = m && (COHORT_KEYS.find((k) => k.toLowerCase() === m[1].replace(/-/g, '').toLowerCase()) as CohortKey | undefined)
    if (!m || !key) throw new UsageError(`--cohort takes key=value with key one of: ${COHORT_KEYS.join(', ')} (not “${item}”).`)
    const value = COHORT_VALUES[key].find((v) => v === m[2].trim().toLowerCase())
    if (!value) throw new UsageError(`--cohort ${key} must be one of: ${COHORT_VALUES[key].join(', ')} (not “${m[2]}”).`)
    ;(out as Record<CohortKey, string>)[key] = value
  }
  return out
}

export const COHORT_HELP = `Cohorts: --cohort key=value, repeatable (all must match); without one, all clients.
${COHORT_KEYS.map((k) => `  ${k} (${COHORT_LABELS[k]}): ${COHORT_VALUES[k].join(', ')}`).join('\n')}
A figure needs at least 5 other clients with a value in the cohort; otherwise it says "not enough peers".`

async function runBenchmark(ctx: CommandContext) {
  await ctx.unlock()
  const asOf = ctx.str('as-of')
  const cohort = parseCohort(ctx.values.cohort)
  const ref = ctx.str('client')
  if (ref === undefined) {
    if (Object.keys(cohort).length) throw new UsageError('--cohort needs --client: a cohort is compared with one client.')
    const run = await ctx.call('benchmark.run', { asOf })
    const cal = await ctx.call('benchmark.calibration', {})
    const text = [
      fields([
        ['As of', run.asOf],
        ['Client files', run.total],
        ['Read this run', run.computed],
        ['Unchanged (cached)', run.cached],
        ['Skipped', run.skipped.length],
        ['Time', `${run.ms} ms`]
      ]),
      ...(run.skipped.length ? ['', 'Skipped (left untouched):', table(['CLIENT', 'REASON', 'DETAIL'], run.skipped.map((s) => [s.name ?? s.clientId, s.reason, s.message]))] : []),
      '',
      'Usual milestone durations calibrated by other programs (≥ 5 clients):',
      Object.keys(cal.calibrated).length
        ? table(
            ['KIND', 'DAYS', 'DEFAULT', 'CLIENTS'],
            Object.entries(cal.calibrated).map(([k, d]) => [MILESTONE_KINDS[k as MilestoneKind].label, d, MILESTONE_KINDS[k as MilestoneKind].usualDays, cal.clients[k as MilestoneKind]])
          )
        : '  none yet (fewer than 5 clients with done milestones of any kind)'
    ].join('\n')
    return { data: { run, calibration: cal }, text }
  }
  const c = await ctx.client(ref)
  const r = await ctx.call('benchmark.client', { clientId: c.id, cohort, asOf })
  if (r.ownSkip) return { data: r, text: `${c.name} was left out: ${r.ownSkip.message}`, exitCode: 1, warning: r.ownSkip.message }
  const text = [
    fields([
      ['Client', c.name],
      ['As of', r.asOf],
      ['Cohort', `${r.cohort.label} (${r.cohort.size} clients, this one included)`],
      ['Files skipped', r.skippedFiles]
    ]),
    '',
    table(
      ['METRIC', 'THIS CLIENT', 'P25', 'MEDIAN', 'P75', 'PERCENTILE', 'PEERS'],
      r.figures.map((f) =>
        f.suppressed
          ? [f.label, formatValue(f.unit, f.value), 'not enough peers', '', '', '', f.peers]
          : [f.label, formatValue(f.unit, f.value), formatValue(f.unit, f.p25), formatValue(f.unit, f.median), formatValue(f.unit, f.p75), f.percentile === null ? '-' : `${Math.round(f.percentile)}th`, f.peers]
      )
    ),
    '',
    'Definitions:',
    ...[...new Set(r.figures.map((f) => f.definition))].map((d) => `  ${d}`)
  ].join('\n')
  return { data: r, text }
}

export const benchmarkCommands: CommandGroup = {
  name: 'benchmark',
  summary: 'How a client compares with its peers (anonymous percentiles), or a run over every client file.',
  commands: [
    {
      name: '',
      summary: 'How a client compares with its peers (anonymous percentiles), or a run over every client file.',
      usage: '[--client ID] [--cohort key=value …] [--as-of YYYY-MM-DD]',
      options: { client: { type: 'string' }, cohort: { type: 'string', multiple: true }, 'as-of': { type: 'string' } },
      details: `Without --client: brings every client's aggregates up to date (only changed files are read) and lists
skipped files and the calibrated milestone durations. ID is a client id (c_…) or its exact name.

${COHORT_HELP}`,
      run: runBenchmark
    }
  ]
}

export const cockpitCommands: CommandGroup = {
  name: 'cockpit',
  summary: "Every client's stage, latest maturity and red flags, and what is due in the next 14 days.",
  commands: [
    {
      name: '',
      summary: "Every client's stage, latest maturity and red flags, and what is due in the next 14 days.",
      usage: '[--as-of YYYY-MM-DD] [--all]',
      options: { 'as-of': { type: 'string' }, all: { type: 'boolean' } },
      details: 'Consultant-only: it names clients and partners. Archived clients are listed with --all. The due list shows the first 40 lines; --json has them all.',
      async run(ctx) {
        await ctx.unlock()
        const k = await ctx.call('cockpit.show', { asOf: ctx.str('as-of') })
        const clients = k.clients.filter((c) => ctx.flag('all') || !c.archived)
        const text = [
          `As of ${k.asOf}: ${clients.length} clients, ${k.due.length} items due in the next ${k.dueWindowDays} days.`,
          '',
          table(
            ['CLIENT', 'STAGE', 'MATURITY', 'PAPER', 'OVERDUE', 'NOT MET', 'UNTESTED', 'RED'],
            clients.map((c) =>
              c.skipped
                ? [c.name, `skipped: ${c.skipped.reason}`, '', '', '', '', '', '']
                : [
                    c.name,
                    c.stage?.name ?? 'not started',
                    c.maturity?.overall === null || !c.maturity ? '-' : c.maturity.overall.toFixed(2),
                    c.flags!.paperPartners,
                    c.flags!.overdueMilestones,
                    c.flags!.partnersNotMet,
                    c.flags!.importantUntested,
                    c.flags!.redHealth
                  ]
            )
          ),
          '',
          `Due in the next ${k.dueWindowDays} days:`,
          k.due.length
            ? table(['DUE', 'CLIENT', 'WHAT', 'ITEM', 'PARTNER'], k.due.slice(0, 40).map((d) => [d.dueOn, d.clientName, d.kind, d.title, d.partnerName]))
            : '  nothing',
          ...(k.due.length > 40 ? [`  … and ${k.due.length - 40} more (--json lists them all)`] : [])
        ].join('\n')
        return { data: k, text }
      }
    }
  ]
}
