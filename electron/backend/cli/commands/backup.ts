import { fields, table, UsageError, type CommandGroup } from '../framework'

const ID_HELP = 'ID is the client id (c_…) or its exact name (case and extra spaces ignored).'

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

function count(ctx: { str(n: string): string | undefined }, name: string): number | undefined {
  const v = ctx.str(name)
  if (v === undefined) return undefined
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} takes a whole number, not “${v}”.`)
  return Number(v)
}

export const backupCommands: CommandGroup = {
  name: 'backup',
  summary: 'List, make and restore the encrypted backups of a client; set how many are kept.',
  commands: [
    {
      name: 'list',
      summary: 'List the backups of a client, newest first.',
      usage: 'ID',
      args: ['ID'],
      details: ID_HELP,
      async run(ctx) {
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const list = await ctx.call('backup.list', { clientId: c.id })
        return {
          data: list,
          text: list.length
            ? table(['CREATED', 'KIND', 'SIZE', 'BACKUP'], list.map((b) => [b.createdAt, b.kind, size(b.bytes), b.id]))
            : `“${c.name}” has no backups yet. Make one with \`trellis backup create ${c.id}\`.`
        }
      }
    },
    {
      name: 'create',
      summary: 'Back up a client now.',
      usage: 'ID',
      args: ['ID'],
      details: ID_HELP,
      async run(ctx) {
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const b = await ctx.call('backup.create', { clientId: c.id })
        return { data: b, text: `Backed up “${c.name}”: ${b.id} (${size(b.bytes)}).` }
      }
    },
    {
      name: 'restore',
      summary: 'Restore a backup as the current file (or as a new client with --as-new).',
      usage: 'ID BACKUP [--as-new]',
      args: ['ID', 'BACKUP'],
      options: { 'as-new': { type: 'boolean' } },
      details: [
        ID_HELP,
        'BACKUP is a name from `trellis backup list ID`.',
        'The current file is kept as a pre-restore backup first, so a restore can itself be undone.'
      ].join('\n'),
      async run(ctx) {
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const asNew = ctx.flag('as-new')
        const r = await ctx.call('backup.restore', { clientId: c.id, backupId: ctx.args.BACKUP, asNew })
        return {
          data: r,
          text: asNew
            ? `Restored ${ctx.args.BACKUP} as a new client “${r.name}” (${r.id}); “${c.name}” is unchanged.`
            : `Restored “${r.name}” from ${ctx.args.BACKUP}; the replaced file is kept as a pre-restore backup.`
        }
      }
    },
    {
      name: 'policy',
      summary: 'Show how many backups are kept, or set it with --daily N and --weekly N.',
      usage: '[--daily N] [--weekly N]',
      options: { daily: { type: 'string' }, weekly: { type: 'string' } },
      details: 'Each client keeps the newest backup of each of its last N days and N weeks (default 14 daily + 8 weekly).',
      async run(ctx) {
        await ctx.unlock()
        const daily = count(ctx, 'daily')
        const weekly = count(ctx, 'weekly')
        let p = await ctx.call('backup.policy', {})
        if (daily !== undefined || weekly !== undefined)
          p = await ctx.call('backup.setPolicy', { daily: daily ?? p.daily, weekly: weekly ?? p.weekly })
        return { data: p, text: fields([['Daily backups kept', p.daily], ['Weekly backups kept', p.weekly]]) }
      }
    }
  ]
}
