import { LIFECYCLE_LABELS, LIFECYCLE_STAGES } from '../../../../shared/domain/partner'
import { SEGMENT_LABELS, type Segment } from '../../../../shared/domain/segment'
import type { ClientSummary } from '../../../../shared/ipc/contract'
import { AppError } from '../../errors'
import { fields, table, UsageError, type CommandContext, type CommandGroup } from '../framework'

const SEGMENT_OPTIONS = {
  stage: { type: 'string' },
  arr: { type: 'string' },
  motion: { type: 'string' },
  region: { type: 'string' }
} as const
const OPTION_OF: Record<keyof Segment, string> = { companyStage: 'stage', arrBand: 'arr', salesMotion: 'motion', region: 'region' }

const SEGMENT_HELP = [
  `  --stage   ${Object.keys(SEGMENT_LABELS.companyStage).join(' | ')}`,
  `  --arr     ${Object.keys(SEGMENT_LABELS.arrBand).join(' | ')}`,
  `  --motion  ${Object.keys(SEGMENT_LABELS.salesMotion).join(' | ')}`,
  `  --region  ${Object.keys(SEGMENT_LABELS.region).join(' | ')}`
].join('\n')

function label<K extends keyof Segment>(key: K, value: Segment[K]): string {
  if (value === null) return '-'
  return (SEGMENT_LABELS[key] as Record<string, string>)[value] ?? value
}

function segmentFrom(ctx: CommandContext): Partial<Segment> {
  const seg: Record<string, string> = {}
  for (const [key, opt] of Object.entries(OPTION_OF)) {
    const v = ctx.str(opt)
    if (v !== undefined) seg[key] = v
  }
  return seg as Partial<Segment>
}

/** Validation messages name contract paths (`segment.arrBand`); on the command line the option is what counts. */
async function withOptionNames<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') {
      let msg = err.message
      for (const [key, opt] of Object.entries(OPTION_OF)) msg = msg.replace(`(segment.${key})`, `(--${opt})`)
      throw new AppError('VALIDATION', msg.replace('(name)', '(--name)'))
    }
    throw err
  }
}

function summaryText(c: ClientSummary, extra: [string, string | number][] = []): string {
  return fields([
    ['Client', c.name],
    ['Id', c.id],
    ['Stage', label('companyStage', c.segment.companyStage)],
    ['ARR', label('arrBand', c.segment.arrBand)],
    ['Sales motion', label('salesMotion', c.segment.salesMotion)],
    ['Region', label('region', c.segment.region)],
    ['Archived', c.archived ? 'yes' : 'no'],
    ['Created', c.createdAt],
    ['Updated', c.updatedAt],
    ...extra
  ])
}

function requireName(ctx: CommandContext): string {
  const name = ctx.str('name')
  if (name === undefined) throw new UsageError('Missing --name NAME.')
  return name
}

const ID_HELP = 'ID is the client id (c_…) or its exact name (case and extra spaces ignored).'

export const clientCommands: CommandGroup = {
  name: 'client',
  summary: 'Create, list, show, rename, segment, archive, delete and hand over clients.',
  commands: [
    {
      name: 'create',
      summary: 'Create a client.',
      usage: '--name NAME [--stage S] [--arr A] [--motion M] [--region R]',
      options: { name: { type: 'string' }, ...SEGMENT_OPTIONS },
      details: `Segment values:\n${SEGMENT_HELP}`,
      async run(ctx) {
        const name = requireName(ctx)
        await ctx.unlock()
        const c = await withOptionNames(() => ctx.call('client.create', { name, segment: segmentFrom(ctx) }))
        return { data: c, text: `Created client “${c.name}” (${c.id}).` }
      }
    },
    {
      name: 'list',
      summary: 'List clients (archived ones with --archived).',
      usage: '[--archived]',
      options: { archived: { type: 'boolean' } },
      async run(ctx) {
        await ctx.unlock()
        const list = await ctx.call('client.list', { includeArchived: ctx.flag('archived') })
        const rows = list.map((c) => [
          c.name,
          label('companyStage', c.segment.companyStage),
          label('arrBand', c.segment.arrBand),
          label('salesMotion', c.segment.salesMotion),
          label('region', c.segment.region),
          ...(ctx.flag('archived') ? [c.archived ? 'archived' : 'active'] : []),
          c.id
        ])
        const headers = ['NAME', 'STAGE', 'ARR', 'MOTION', 'REGION', ...(ctx.flag('archived') ? ['STATUS'] : []), 'ID']
        return {
          data: list,
          text: list.length ? table(headers, rows) : 'No clients yet. Create one with `trellis client create --name NAME`.'
        }
      }
    },
    {
      name: 'show',
      summary: 'Show a client and its partners by lifecycle stage.',
      usage: 'ID',
      args: ['ID'],
      details: ID_HELP,
      async run(ctx) {
        await ctx.unlock()
        const { id } = await ctx.client(ctx.args.ID)
        const o = await ctx.call('client.open', { id })
        const stages = LIFECYCLE_STAGES.map((s) => [LIFECYCLE_LABELS[s], o.partnersByStage[s]])
        return {
          data: o,
          text: [summaryText(o.client, [['Partners', o.partnerCount]]), '', table(['STAGE', 'PARTNERS'], stages)].join('\n')
        }
      }
    },
    {
      name: 'rename',
      summary: 'Rename a client.',
      usage: 'ID --name NAME',
      args: ['ID'],
      options: { name: { type: 'string' } },
      details: ID_HELP,
      async run(ctx) {
        const name = requireName(ctx)
        await ctx.unlock()
        const { id, name: before } = await ctx.client(ctx.args.ID)
        const c = await withOptionNames(() => ctx.call('client.rename', { id, name }))
        return { data: c, text: `Renamed “${before}” to “${c.name}”.` }
      }
    },
    {
      name: 'segment',
      summary: 'Change how a client is described when clients are compared (only the options given change).',
      usage: 'ID [--stage S] [--arr A] [--motion M] [--region R]',
      args: ['ID'],
      options: { ...SEGMENT_OPTIONS },
      details: `${ID_HELP}\n\nSegment values:\n${SEGMENT_HELP}`,
      async run(ctx) {
        const segment = segmentFrom(ctx)
        if (Object.keys(segment).length === 0) throw new UsageError('Give at least one of --stage, --arr, --motion, --region.')
        await ctx.unlock()
        const current = await ctx.client(ctx.args.ID)
        // The channel sets the whole segment; keep what the options leave out.
        const c = await withOptionNames(() => ctx.call('client.updateSegment', { id: current.id, segment: { ...current.segment, ...segment } }))
        return { data: c, text: summaryText(c) }
      }
    },
    {
      name: 'archive',
      summary: 'Archive a client (or bring it back with --undo).',
      usage: 'ID [--undo]',
      args: ['ID'],
      options: { undo: { type: 'boolean' } },
      details: ID_HELP,
      async run(ctx) {
        await ctx.unlock()
        const { id } = await ctx.client(ctx.args.ID)
        const c = await ctx.call('client.archive', { id, archived: !ctx.flag('undo') })
        return { data: c, text: c.archived ? `Archived “${c.name}”.` : `“${c.name}” is active again.` }
      }
    },
    {
      name: 'delete',
      summary: 'Delete a client, its file, key and backups (needs --yes).',
      usage: 'ID --yes',
      args: ['ID'],
      options: { yes: { type: 'boolean' } },
      details: `${ID_HELP}\nThis cannot be undone: the client's key is destroyed first.`,
      async run(ctx) {
        if (!ctx.flag('yes')) throw new UsageError('Deleting a client cannot be undone; add --yes to confirm.')
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        await ctx.call('client.delete', { id: c.id })
        return { data: { deleted: c.id, name: c.name }, text: `Deleted “${c.name}” (${c.id}).` }
      }
    },
    {
      name: 'handover',
      summary: 'Write a standalone copy of one client, keyed with a passphrase for the client.',
      usage: 'ID --out FILE [--force] [--handover-passphrase-file FILE]',
      args: ['ID'],
      options: { out: { type: 'string' }, force: { type: 'boolean' }, 'handover-passphrase-file': { type: 'string' } },
      details: [
        ID_HELP,
        'The copy\'s passphrase comes from $TRELLIS_HANDOVER_PASSPHRASE or --handover-passphrase-file (8+ characters).',
        'Open it with the stock sqlcipher 4 tool: PRAGMA key=\'<passphrase>\'; an existing FILE is kept unless --force.'
      ].join('\n'),
      async run(ctx) {
        const out = ctx.str('out')
        if (out === undefined) throw new UsageError('Missing --out FILE.')
        const passphrase = ctx.secret('handover-passphrase-file', 'TRELLIS_HANDOVER_PASSPHRASE')
        if (passphrase === undefined)
          throw new UsageError('No handover passphrase: set TRELLIS_HANDOVER_PASSPHRASE or pass --handover-passphrase-file FILE.')
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const r = await ctx
          .call('client.handover', { id: c.id, outPath: ctx.path(out), passphrase, overwrite: ctx.flag('force') })
          .catch((err: unknown) => {
            if (err instanceof AppError && err.code === 'CONFLICT')
              throw new AppError('CONFLICT', err.message.replace('allow overwriting', 'pass --force to replace it'))
            throw err
          })
        return { data: { client: c.id, ...r }, text: `Wrote the handover copy of “${c.name}” to ${r.path} (${r.bytes} bytes).` }
      }
    },
    {
      name: 'import',
      summary: 'Add a handover file (or any .trellis client file and its passphrase) to this vault as a new client.',
      usage: 'FILE [--handover-passphrase-file FILE]',
      args: ['FILE'],
      options: { 'handover-passphrase-file': { type: 'string' } },
      details: [
        'The file\'s passphrase comes from $TRELLIS_HANDOVER_PASSPHRASE or --handover-passphrase-file.',
        'The file is copied into the vault under a fresh key and never changed; a name already taken gets “(imported)”.',
        'A file of this vault\'s clients folder is not copied: its client is named instead.'
      ].join('\n'),
      async run(ctx) {
        const passphrase = ctx.secret('handover-passphrase-file', 'TRELLIS_HANDOVER_PASSPHRASE')
        await ctx.unlock()
        const r = await ctx.call('client.importFile', { path: ctx.path(ctx.args.FILE), ...(passphrase ? { passphrase } : {}) }).catch((err: unknown) => {
          if (err instanceof AppError && err.code === 'KEY_INVALID' && passphrase === undefined)
            throw new UsageError('No handover passphrase: set TRELLIS_HANDOVER_PASSPHRASE or pass --handover-passphrase-file FILE.')
          throw err
        })
        const text =
          r.outcome === 'existing'
            ? `${ctx.args.FILE} is the file of “${r.client.name}” (${r.client.id}) in this vault; nothing was imported.`
            : `Imported “${r.client.name}” as a new client (${r.client.id}); ${ctx.args.FILE} was left as it was.`
        return { data: r, text }
      }
    }
  ]
}
