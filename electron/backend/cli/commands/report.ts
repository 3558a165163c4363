/** `trellis report …`: export a client-ready report (PDF, HTML, Markdown); `trellis branding …`: the firm's look. */
import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { PAPERS, REPORT_FORMATS, SECTION_KEYS, SECTION_LABELS, type Paper, type ReportFormat, type SectionKey } from '../../../../shared/report/model'
import { AppError } from '../../errors'
import { closeSharedChromium, sharedChromium } from '../../services/report/chromium'
import { describeCohort, type Cohort } from '../../../../shared/benchmark/metrics'
import { fields, table, UsageError, type CommandContext, type CommandGroup } from '../framework'
import { COHORT_HELP, parseCohort } from './benchmark'

const ID_HELP = 'ID is the client id (c_…) or its exact name (case and extra spaces ignored).'

function sectionsOf(ctx: CommandContext): SectionKey[] | undefined {
  const v = ctx.str('sections')
  if (v === undefined) return undefined
  const xs = v
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
  for (const x of xs) if (!(SECTION_KEYS as readonly string[]).includes(x)) throw new UsageError(`--sections takes a comma-separated list of: ${SECTION_KEYS.join(', ')} (not “${x}”).`)
  if (!xs.length) throw new UsageError('--sections needs at least one section.')
  return xs as SectionKey[]
}

/** `--cohort key=value …` for the benchmark section; `--cohort all` = every client; absent = the saved choice. */
function cohortOf(ctx: CommandContext): Cohort | undefined {
  const raw = ctx.values.cohort
  const items = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : []
  if (!items.length) return undefined
  if (items.some((i) => i.trim().toLowerCase() === 'all')) {
    if (items.length > 1) throw new UsageError('--cohort all cannot be combined with key=value.')
    return {}
  }
  return parseCohort(items)
}

const REPORT_COHORT_HELP = `The benchmark section compares with the client's saved cohort (report-settings --cohort), or with --cohort
key=value (repeatable; --cohort all = every client). ${COHORT_HELP}`

function oneOf<T extends string>(ctx: CommandContext, name: string, values: readonly T[]): T | undefined {
  const v = ctx.str(name)
  if (v === undefined) return undefined
  const hit = values.find((x) => x === v.trim().toLowerCase())
  if (!hit) throw new UsageError(`--${name} must be one of: ${values.join(', ')} (not “${v}”).`)
  return hit
}

/** A logo file as a data URI (the report carries its images inside). */
function logoFile(ctx: CommandContext, option: string): string | null | undefined {
  const v = ctx.str(option)
  if (v === undefined) return undefined
  if (v === '' || v === 'none') return null
  const mime = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.svg': 'image/svg+xml' }[extname(v).toLowerCase()]
  if (!mime) throw new UsageError(`--${option} must be a .png, .jpg, .webp or .svg file.`)
  let bytes: Buffer
  try {
    bytes = readFileSync(ctx.path(v))
  } catch {
    throw new AppError('FILE_MISSING', `--${option}: ${v} cannot be read.`)
  }
  return `data:${mime};base64,${bytes.toString('base64')}`
}

export const reportCommands: CommandGroup = {
  name: 'report',
  summary: 'Export a client-ready report (PDF, HTML or Markdown).',
  commands: [
    {
      name: '',
      summary: 'Export a client-ready report (PDF, HTML or Markdown).',
      usage: 'ID --format pdf|html|md --out FILE [--sections a,b,…] [--paper a4|letter] [--cohort key=value …] [--as-of YYYY-MM-DD] [--again EXPORT_ID] [--force]',
      args: ['ID'],
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        sections: { type: 'string' },
        paper: { type: 'string' },
        cohort: { type: 'string', multiple: true },
        'as-of': { type: 'string' },
        again: { type: 'string' },
        force: { type: 'boolean' }
      },
      details: [
        ID_HELP,
        `Sections, in the order given (default: the client's saved choice): ${SECTION_KEYS.join(', ')}.`,
        ...SECTION_KEYS.map((k) => `  ${k.padEnd(10)} ${SECTION_LABELS[k]}`),
        'The file is written atomically; an existing file is replaced only with --force (otherwise it is left as it is).',
        '--again EXPORT_ID (from `trellis reports ID`) makes a recorded export again: its sections in their order, paper, day (--as-of) and benchmark cohort; its format unless --format is given.',
        'PDF uses the Chromium found at $TRELLIS_CHROMIUM or the usual install paths; no network request is allowed while printing.',
        REPORT_COHORT_HELP
      ].join('\n'),
      async run(ctx) {
        const againId = ctx.str('again')
        let format = oneOf<ReportFormat>(ctx, 'format', REPORT_FORMATS)
        if (!format && againId === undefined) throw new UsageError('Missing --format (pdf, html or md).')
        const out = ctx.str('out')
        if (!out) throw new UsageError('Missing --out FILE.')
        let sections = sectionsOf(ctx)
        let paper = oneOf<Paper>(ctx, 'paper', PAPERS)
        let cohort = cohortOf(ctx)
        let asOf = ctx.str('as-of')
        if (againId !== undefined && (sections || paper || cohort || asOf))
          throw new UsageError('--again makes the recorded export again: it cannot be combined with --sections, --paper, --cohort or --as-of.')
        // Chromium starts while the vault key is stretched (a missing Chromium is reported by the export itself).
        if (format === 'pdf')
          try {
            sharedChromium().warm()
          } catch {
            // reported below with the install hint
          }
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        if (againId !== undefined) {
          const rec = (await ctx.call('report.history', { clientId: c.id })).find((r) => r.id === againId)
          if (!rec) throw new AppError('NOT_FOUND', `${c.name} has no recorded export ${againId}; \`trellis reports ID\` lists them.`)
          format ??= rec.format
          ;({ sections, paper, asOf } = rec)
          // Recorded before the cohort was kept: the saved one is used, as the export did then.
          cohort = rec.cohort ?? undefined
        }
        const started = performance.now()
        try {
          const r = await ctx.call('report.export', {
            clientId: c.id,
            format: format!,
            outPath: ctx.path(out),
            force: ctx.flag('force'),
            ...(sections ? { sections } : {}),
            ...(paper ? { paper } : {}),
            ...(cohort ? { cohort } : {}),
            ...(asOf ? { asOf } : {})
          })
          const ms = Math.round(performance.now() - started)
          return {
            data: { ...r, ms },
            text: [
              `Wrote ${r.path} (${r.format.toUpperCase()}, ${Math.max(1, Math.round(r.bytes / 1024))} KB${r.pages !== null ? `, ${r.pages} pages` : ''}, sections: ${r.record.sections.filter((s) => !r.omitted.some((o) => o.section === s)).join(', ')}) in ${ms} ms.`,
              ...r.omitted.map((o) => `Left out ${o.section}: ${o.reason}`)
            ].join('\n')
          }
        } finally {
          await closeSharedChromium()
        }
      }
    }
  ]
}

export const reportHistoryCommands: CommandGroup = {
  name: 'reports',
  summary: 'List the reports exported for a client (to regenerate one).',
  commands: [
    {
      name: '',
      summary: 'List the reports exported for a client, newest first, with the choices to make each again.',
      usage: 'ID',
      args: ['ID'],
      details: ID_HELP,
      async run(ctx) {
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const h = await ctx.call('report.history', { clientId: c.id })
        return {
          data: h,
          text: h.length
            ? table(
                ['ID', 'EXPORTED', 'FORMAT', 'PAPER', 'AS OF', 'COHORT', 'FILE', 'SECTIONS'],
                h.map((r) => [r.id, r.exportedAt.slice(0, 16).replace('T', ' '), r.format, r.paper, r.asOf, r.cohort ? describeCohort(r.cohort) : '(not recorded)', r.fileName, r.sections.join(',')])
              ) + '\nMake one again with: trellis report ID --again EXPORT_ID --out FILE'
            : 'No report has been exported for this client yet.'
        }
      }
    }
  ]
}

export const brandingCommands: CommandGroup = {
  name: 'branding',
  summary: 'Show or set the firm name, logo, accent colour and confidentiality line of every report.',
  commands: [
    {
      name: 'show',
      summary: 'Show the report branding.',
      usage: '',
      async run(ctx) {
        await ctx.unlock()
        const b = await ctx.call('report.branding.get', {})
        return {
          data: b,
          text: fields([
            ['Firm', b.firmName],
            ['Prepared by', b.preparedBy],
            ['Accent colour', b.accent],
            ['Logo', b.firmLogo ? `${Math.round((b.firmLogo.length * 3) / 4 / 1024)} KB image` : null],
            ['Confidentiality', b.confidentiality]
          ])
        }
      }
    },
    {
      name: 'set',
      summary: 'Change the report branding.',
      usage: '[--firm NAME] [--prepared-by NAME] [--accent #RRGGBB] [--logo FILE|none] [--confidentiality TEXT]',
      options: { firm: { type: 'string' }, 'prepared-by': { type: 'string' }, accent: { type: 'string' }, logo: { type: 'string' }, confidentiality: { type: 'string' } },
      details: 'In the confidentiality line, {client} becomes the client’s name.',
      async run(ctx) {
        const patch: Record<string, unknown> = {}
        if (ctx.str('firm') !== undefined) patch.firmName = ctx.str('firm')
        if (ctx.str('prepared-by') !== undefined) patch.preparedBy = ctx.str('prepared-by')
        if (ctx.str('accent') !== undefined) patch.accent = ctx.str('accent')
        if (ctx.str('confidentiality') !== undefined) patch.confidentiality = ctx.str('confidentiality')
        const logo = logoFile(ctx, 'logo')
        if (logo !== undefined) patch.firmLogo = logo
        if (!Object.keys(patch).length) throw new UsageError('Nothing to change: give at least one option.')
        await ctx.unlock()
        const b = await ctx.call('report.branding.update', { patch })
        return { data: b, text: `Report branding saved (${b.firmName}, ${b.accent}).` }
      }
    }
  ]
}

export const reportSettingsCommands: CommandGroup = {
  name: 'report-settings',
  summary: 'Set a client’s report choices: sections, paper, title, executive summary, client logo.',
  commands: [
    {
      name: '',
      summary: 'Show or change a client’s report choices.',
      usage: 'ID [--sections a,b,…] [--paper a4|letter] [--cohort key=value …|all] [--title TEXT] [--summary-file FILE] [--logo FILE|none] [--confidentiality TEXT]',
      args: ['ID'],
      options: {
        sections: { type: 'string' },
        paper: { type: 'string' },
        cohort: { type: 'string', multiple: true },
        title: { type: 'string' },
        'summary-file': { type: 'string' },
        logo: { type: 'string' },
        confidentiality: { type: 'string' }
      },
      details: [ID_HELP, REPORT_COHORT_HELP].join('\n'),
      async run(ctx) {
        const patch: Record<string, unknown> = {}
        const sections = sectionsOf(ctx)
        if (sections) patch.sections = sections
        const paper = oneOf<Paper>(ctx, 'paper', PAPERS)
        if (paper) patch.paper = paper
        const cohort = cohortOf(ctx)
        if (cohort) patch.cohort = cohort
        if (ctx.str('title') !== undefined) patch.title = ctx.str('title')
        if (ctx.str('confidentiality') !== undefined) patch.confidentiality = ctx.str('confidentiality')
        const file = ctx.str('summary-file')
        if (file !== undefined) {
          try {
            patch.summary = readFileSync(ctx.path(file), 'utf8')
          } catch {
            throw new AppError('FILE_MISSING', `--summary-file: ${file} cannot be read.`)
          }
        }
        const logo = logoFile(ctx, 'logo')
        if (logo !== undefined) patch.clientLogo = logo
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const s = Object.keys(patch).length ? await ctx.call('report.settings.update', { clientId: c.id, patch }) : await ctx.call('report.settings.get', { clientId: c.id })
        return {
          data: s,
          text: fields([
            ['Client', c.name],
            ['Title', s.title],
            ['Sections', s.sections.join(', ')],
            ['Paper', s.paper],
            ['Benchmark cohort', describeCohort(s.cohort)],
            ['Client logo', s.clientLogo ? 'yes' : null],
            ['Summary', s.summary ? `${s.summary.length} characters` : '(the generated draft)'],
            ['Confidentiality', s.confidentiality || '(the firm’s line)']
          ])
        }
      }
    }
  ]
}
