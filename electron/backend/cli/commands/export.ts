/** `trellis export partners ID --format csv|xlsx --out FILE`: the portfolio as a spreadsheet. */
import { existsSync } from 'node:fs'
import { AppError } from '../../errors'
import { writeFileAtomic } from '../../fsutil'
import { UsageError, type CommandGroup } from '../framework'

export const exportCommands: CommandGroup = {
  name: 'export',
  summary: 'Export client data as spreadsheets.',
  commands: [
    {
      name: 'partners',
      summary: "Export a client's partner portfolio as CSV or Excel (one row per partner).",
      usage: 'ID --format csv|xlsx --out FILE [--as-of YYYY-MM-DD] [--force]',
      args: ['ID'],
      options: { format: { type: 'string' }, out: { type: 'string' }, 'as-of': { type: 'string' }, force: { type: 'boolean' } },
      details: [
        'ID is the client id (c_…) or its exact name.',
        'Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) is written with a leading apostrophe.',
        'The file holds client data: keep it where the client would expect it.'
      ].join('\n'),
      async run(ctx) {
        const format = ctx.str('format')
        if (format !== 'csv' && format !== 'xlsx') throw new UsageError('Give --format csv or --format xlsx.')
        const out = ctx.str('out')
        if (out === undefined) throw new UsageError('Missing --out FILE.')
        const path = ctx.path(out)
        if (existsSync(path) && !ctx.flag('force')) throw new AppError('CONFLICT', `${out} already exists; pass --force to replace it.`)
        await ctx.unlock()
        const c = await ctx.client(ctx.args.ID)
        const file = await ctx.call('portfolio.export', { clientId: c.id, format, asOf: ctx.str('as-of') })
        const bytes = Buffer.from(file.base64, 'base64')
        try {
          writeFileAtomic(path, bytes)
        } catch (err) {
          throw new AppError('IO', `Could not write ${out}: ${(err as { code?: string }).code ?? 'error'}.`)
        }
        return {
          data: { path, format, partners: file.rows, bytes: bytes.length },
          text: `Wrote ${file.rows} partner(s) of “${c.name}” as ${format === 'csv' ? 'CSV' : 'Excel'} to ${path} (${bytes.length} bytes).`
        }
      }
    }
  ]
}
