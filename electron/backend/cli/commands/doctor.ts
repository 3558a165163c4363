import { table, type CommandGroup } from '../framework'

export const doctorCommand: CommandGroup = {
  name: 'doctor',
  summary: 'Rebuild the vault index from the client files and report what cannot be read.',
  commands: [
    {
      name: '',
      summary: 'Rebuild the vault index from the client files and report what cannot be read.',
      usage: '',
      details: [
        'Every client file is opened with its key; readable clients are listed again, unreadable ones are',
        'reported with the reason and left untouched. Exits 1 when a client file cannot be read.'
      ].join('\n'),
      async run(ctx) {
        await ctx.unlock()
        const r = await ctx.call('vault.doctor', {})
        const lines = [`Index rebuilt: ${r.clientsFound} client${r.clientsFound === 1 ? '' : 's'} found.`]
        if (r.problems.length)
          lines.push('', 'Unreadable clients (left untouched):', table(['FILE', 'CODE', 'REASON'], r.problems.map((p) => [p.file, p.code, p.message])))
        const ignored = r.ignored
        if (ignored.length) lines.push('', 'Other files in the clients folder (ignored, never opened):', table(['FILE', 'WHY'], ignored.map((f) => [f.file, f.reason])))
        if (!r.problems.length && !ignored.length) lines.push('No problems found.')
        return {
          data: r,
          text: lines.join('\n'),
          exitCode: r.problems.length ? 1 : 0,
          warning: `${r.problems.length} client file${r.problems.length === 1 ? '' : 's'} cannot be read; see the report.`
        }
      }
    }
  ]
}
