/** Partner portfolio commands: list, show, import from a CRM export, and the portfolio summary. */
import { readFileSync } from 'node:fs'
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, PARTNER_TYPE_LABELS } from '../../../../shared/domain/partner'
import { ACTIVATION_TOPIC_LABELS, METRIC_DEFINITIONS, TOPIC_STATE_LABELS } from '../../../../shared/domain/portfolio'
import type { PortfolioImportPreview, PortfolioImportResult, PortfolioRow } from '../../../../shared/ipc/contract'
import { WARNING_LABELS, type Ratio } from '../../../../shared/portfolio/metrics'
import { AppError } from '../../errors'
import { fields, table, UsageError, type Command, type CommandContext, type CommandGroup } from '../framework'

const ID_HELP = 'ID is the client id (c_…) or its exact name; PARTNER is a partner id or name (case ignored).'
const pct = (r: Ratio) => (r.value === null ? '-' : `${Math.round(r.value * 100)} % (${r.numerator} of ${r.denominator})`)
const money = (n: number) => Math.round(n).toLocaleString('en-US')

async function partnerRef(ctx: CommandContext, clientId: string, ref: string): Promise<PortfolioRow> {
  const rows = await ctx.call('portfolio.table', { clientId })
  const hit = rows.find((p) => p.id === ref) ?? rows.find((p) => p.name.toLowerCase() === ref.trim().toLowerCase())
  if (!hit) throw new AppError('NOT_FOUND', `There is no partner with the id or name “${ref}” in this client.`)
  return hit
}

function readFile(ctx: CommandContext, file: string): Buffer {
  try {
    return readFileSync(ctx.path(file))
  } catch (err) {
    const code = (err as { code?: string }).code
    throw new AppError('FILE_MISSING', code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read (${code}).`)
  }
}

function previewText(p: PortfolioImportPreview | PortfolioImportResult, preview: PortfolioImportPreview | null): string {
  const lines: string[] = []
  if (preview) {
    lines.push(
      fields([
        ['Encoding', preview.encoding === 'excel' ? 'Excel workbook' : preview.encoding],
        ['Delimiter', preview.delimiter === '\t' ? 'tab' : preview.delimiter || '-'],
        ['Header line', preview.headerLine],
        ['Mapping', Object.entries(preview.mapping).filter(([, v]) => v).map(([k, v]) => `${k} ← “${v}”`).join(', ')]
      ])
    )
    for (const e of preview.fileErrors) lines.push(`Error: ${e}`)
    for (const n of preview.notes) lines.push(`Note: ${n}`)
    const c = preview.counts
    lines.push('', `${c.total} rows: ${c.create} to create, ${c.update} to update, ${c.skip} to skip, ${c.error} with errors.`)
  }
  const problems = p.rows.filter((r) => r.action === 'error' || r.action === 'skip')
  if (problems.length) {
    lines.push('', table(['LINE', 'ACTION', 'WHY'], problems.slice(0, 200).map((r) => [r.line, r.action === 'error' ? 'rejected' : 'skipped', r.messages.join(' ')])))
    if (problems.length > 200) lines.push(`… and ${problems.length - 200} more (use --json for all).`)
  }
  return lines.join('\n')
}

function importCommand(name: string, kindFixed: 'partners' | 'opportunities' | null, withFileOption: boolean): Command {
  return {
    name,
    summary: kindFixed ? `Import ${kindFixed} from a CRM export (CSV or Excel).` : 'Import partners or opportunities from a CRM export (CSV or Excel).',
    usage: `${withFileOption ? 'ID --file FILE.csv' : 'ID FILE'}${kindFixed ? '' : ' [--kind partners|opportunities]'} [--mapping FILE.json] [--date-format auto|ymd|mdy|dmy] [--update] [--skip-invalid] [--dry-run]`,
    args: withFileOption ? ['ID'] : ['ID', 'FILE'],
    options: {
      ...(withFileOption ? { file: { type: 'string' } } : {}),
      ...(kindFixed ? {} : { kind: { type: 'string' } }),
      mapping: { type: 'string' },
      'date-format': { type: 'string' },
      update: { type: 'boolean' },
      'skip-invalid': { type: 'boolean' },
      'dry-run': { type: 'boolean' }
    },
    details: [
      ID_HELP,
      'The column mapping is guessed from the headers; --mapping FILE.json overrides it ({"name": "Account Name", …}).',
      'Existing partners (same name or domain) and deals (same CRM id) are skipped, or updated with --update.',
      'Nothing is written with --dry-run, or when any row has errors unless --skip-invalid. The import is one transaction.'
    ].join('\n'),
    async run(ctx) {
      const file = withFileOption ? ctx.str('file') : ctx.args.FILE
      if (!file) throw new UsageError('Missing --file FILE.csv.')
      const kind = (kindFixed ?? ctx.str('kind') ?? 'partners') as 'partners' | 'opportunities'
      if (kind !== 'partners' && kind !== 'opportunities') throw new UsageError(`--kind is partners or opportunities, not “${kind}”.`)
      const dateFormat = ctx.str('date-format') ?? 'auto'
      if (!['auto', 'ymd', 'mdy', 'dmy'].includes(dateFormat)) throw new UsageError(`--date-format is auto, ymd, mdy or dmy, not “${dateFormat}”.`)
      let mapping: Record<string, string | null> | undefined
      const mappingFile = ctx.str('mapping')
      if (mappingFile && mappingFile !== 'auto') {
        try {
          mapping = JSON.parse(readFile(ctx, mappingFile).toString('utf8'))
        } catch (err) {
          if (err instanceof AppError) throw err
          throw new AppError('VALIDATION', `${mappingFile} is not valid JSON: ${(err as Error).message}`)
        }
      }
      const fileBase64 = readFile(ctx, file).toString('base64')
      await ctx.unlock()
      const client = await ctx.client(ctx.args.ID)
      const input = {
        clientId: client.id,
        kind,
        fileBase64,
        fileName: file,
        mapping,
        dateFormat: dateFormat as 'auto',
        onDuplicate: ctx.flag('update') ? ('update' as const) : ('skip' as const)
      }
      const preview = await ctx.call('portfolio.import.preview', input)
      if (ctx.flag('dry-run') || preview.fileErrors.length) {
        return {
          data: { dryRun: true, preview },
          text: `${previewText(preview, preview)}\n\n${preview.fileErrors.length ? 'Nothing can be imported until the file errors are fixed.' : 'Dry run: nothing was written.'}`,
          exitCode: preview.fileErrors.length || preview.counts.error ? 1 : 0,
          warning: preview.fileErrors.length ? preview.fileErrors[0] : preview.counts.error ? `${preview.counts.error} row(s) have errors.` : undefined
        }
      }
      const result = await ctx.call('portfolio.import.commit', { ...input, confirm: true, skipInvalid: ctx.flag('skip-invalid') })
      return {
        data: { dryRun: false, preview: { ...preview, rows: [] }, result },
        text: `${previewText(result, preview)}\n\nImported into “${client.name}”: ${result.created} created, ${result.updated} updated, ${result.skipped} skipped, ${result.rejected} rejected.`
      }
    }
  }
}

export const partnerCommands: CommandGroup = {
  name: 'partner',
  summary: "List, show and import a client's partners.",
  commands: [
    {
      name: 'list',
      summary: 'List the partners of a client with stage, health, pipeline and warnings.',
      usage: 'ID [--stage STAGE]',
      args: ['ID'],
      options: { stage: { type: 'string' } },
      details: `${ID_HELP}\nStages: ${LIFECYCLE_STAGES.join(', ')}.`,
      async run(ctx) {
        const stage = ctx.str('stage')
        if (stage && !(LIFECYCLE_STAGES as readonly string[]).includes(stage)) throw new UsageError(`--stage is one of ${LIFECYCLE_STAGES.join(', ')}.`)
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const rows = (await ctx.call('portfolio.table', { clientId: c.id })).filter((p) => !stage || p.stage === stage)
        return {
          data: rows,
          text: rows.length
            ? table(
                ['NAME', 'TYPE', 'TIER', 'STAGE', 'SIGNED', 'HEALTH', 'SOURCED', 'INFLUENCED', 'WARNINGS'],
                rows.map((p) => [
                  p.name,
                  PARTNER_TYPE_LABELS[p.type],
                  p.tier,
                  LIFECYCLE_LABELS[p.stage],
                  p.signedAt,
                  p.health === null ? '-' : `${p.health} ${p.healthBand}`,
                  money(p.sourced),
                  money(p.influenced),
                  p.warnings.map((w) => WARNING_LABELS[w]).join(', ')
                ])
              )
            : `No partners${stage ? ` at stage ${stage}` : ''} in “${c.name}”.`
        }
      }
    },
    {
      name: 'show',
      summary: 'Show one partner: record, activation plan, health score and what it is made of, warnings.',
      usage: 'ID PARTNER',
      args: ['ID', 'PARTNER'],
      details: ID_HELP,
      async run(ctx) {
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const p = await partnerRef(ctx, c.id, ctx.args.PARTNER)
        const d = await ctx.call('partner.get', { clientId: c.id, partnerId: p.id })
        const r = d.partner
        const text = [
          fields([
            ['Partner', r.name],
            ['Id', r.id],
            ['Type', PARTNER_TYPE_LABELS[r.type]],
            ['Tier', r.tier],
            ['They tier us', r.partnerTiersUs],
            ['Stage', LIFECYCLE_LABELS[r.stage]],
            ['Signed', r.signedAt],
            ['First commercial event', p.activatedAt],
            ['Owner', r.owner],
            ['Domain', r.domain],
            ['Main contact', d.contacts.find((x) => x.isPrimary && !x.endedAt)?.name],
            ['Meeting cadence', `${d.cadenceDays} days`]
          ]),
          '',
          `Health: ${d.health.score ?? '-'} (${d.health.band}). ${d.health.explanation}`,
          table(
            ['PART', 'WEIGHT', 'SCORE', 'MADE OF'],
            d.health.components.map((x) => [
              x.label,
              x.weight,
              x.value === null ? '-' : Math.round(x.value),
              x.parts.filter((q) => q.value !== null).map((q) => `${q.label}: ${q.detail}`).join('; ')
            ])
          ),
          '',
          table(['ACTIVATION TOPIC', 'STATE', 'DATE'], d.topics.map((t) => [ACTIVATION_TOPIC_LABELS[t.topic], TOPIC_STATE_LABELS[t.state], t.date])),
          '',
          `Goals ${d.goals.length} · meetings ${d.meetings.length} · open actions ${d.actions.filter((a) => !a.doneAt).length} · opportunities ${d.opportunities.length} · open risks ${d.risks.filter((x) => x.status !== 'closed').length} · credentials ${d.credentials.length}`,
          ...(d.warnings.length ? ['', 'Warnings:', ...d.warnings.map((w) => `- ${WARNING_LABELS[w.kind]}: ${w.message} Next: ${w.nextStep}`)] : [])
        ].join('\n')
        return { data: d, text }
      }
    },
    importCommand('import', null, true)
  ]
}

export const importCommands: CommandGroup = {
  name: 'import',
  summary: 'Import partners or opportunities from CRM exports.',
  commands: [importCommand('partners', 'partners', false), importCommand('opportunities', 'opportunities', false)]
}

export const portfolioCommands: CommandGroup = {
  name: 'portfolio',
  summary: "A client's partner portfolio figures and warnings.",
  commands: [
    {
      name: 'summary',
      summary: 'Counts by stage, activation rate, time to first commercial event, paper partners, pipeline, warnings.',
      usage: 'ID [--as-of YYYY-MM-DD]',
      args: ['ID'],
      options: { 'as-of': { type: 'string' } },
      details: `${ID_HELP}\n\nDefinitions:\n${Object.values(METRIC_DEFINITIONS).map((d) => `  ${d}`).join('\n')}`,
      async run(ctx) {
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const s = await ctx.call('portfolio.summary', { clientId: c.id, asOf: ctx.str('as-of') })
        const text = [
          fields([
            ['Client', c.name],
            ['As of', s.asOf],
            ['Partners', s.partnerCount],
            ['By stage', LIFECYCLE_STAGES.map((x) => `${LIFECYCLE_LABELS[x]} ${s.byStage[x] ?? 0}`).join(' · ')],
            ['Activation rate', `${pct(s.activation)}, signed ${s.activation.period.from} … ${s.activation.period.to}, window ${s.activation.windowDays} days`],
            ['Median days to first commercial event', s.medianDaysToFirstCommercial.days === null ? '-' : `${s.medianDaysToFirstCommercial.days} (${s.medianDaysToFirstCommercial.partners} partners)`],
            ['Paper-partner ratio', pct(s.paperPartners)],
            ['Sourced pipeline', `${money(s.pipeline.sourced)} ${s.pipeline.currency}`],
            ['Influenced pipeline', `${money(s.pipeline.influenced)} ${s.pipeline.currency}`],
            ['Partner-sourced share', s.pipeline.sourcedShare === null ? '-' : `${Math.round(s.pipeline.sourcedShare * 100)} %`],
            ['Top partner share', s.concentration.top1Share === null ? '-' : `${Math.round(s.concentration.top1Share * 100)} % (${s.concentration.top[0].partnerName})`],
            ['Top three share', s.concentration.top3Share === null ? '-' : `${Math.round(s.concentration.top3Share * 100)} %`],
            ['Meeting cadence adherence', pct(s.cadenceAdherence)],
            ['Health', `green ${s.health.green} · amber ${s.health.amber} · red ${s.health.red} · not scored ${s.health.unknown}`]
          ]),
          '',
          table(['WARNING', 'COUNT'], Object.entries(s.warningCounts).map(([k, n]) => [WARNING_LABELS[k as keyof typeof WARNING_LABELS], n])),
          ...s.warnings.filter((w) => !w.partnerId).map((w) => `\n${WARNING_LABELS[w.kind]}: ${w.message}\nNext: ${w.nextStep}`)
        ].join('\n')
        return { data: s, text }
      }
    }
  ]
}
