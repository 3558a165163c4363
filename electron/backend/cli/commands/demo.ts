import { UsageError, type CommandContext, type CommandGroup } from '../framework'

function int(ctx: CommandContext, name: string, fallback: number): number {
  const v = ctx.str(name)
  if (v === undefined) return fallback
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, not “${v}”.`)
  return Number(v)
}

export const demoCommands: CommandGroup = {
  name: 'demo',
  summary: 'Sample data with realistic fictional clients.',
  commands: [
    {
      name: 'seed',
      summary: 'Create fictional clients with partners (reproducible from --seed).',
      usage: '[--clients N] [--partners M] [--seed S]',
      options: { clients: { type: 'string' }, partners: { type: 'string' }, seed: { type: 'string' } },
      details: 'Defaults: --clients 5 --partners 40 --seed 1. Names that exist already get a number.',
      async run(ctx) {
        const input = { clients: int(ctx, 'clients', 5), partners: int(ctx, 'partners', 40), seed: int(ctx, 'seed', 1) }
        await ctx.unlock()
        const started = performance.now()
        const r = await ctx.call('demo.seed', input)
        const ms = Math.round(performance.now() - started)
        return {
          data: { ...r, partnersPerClient: input.partners, seed: input.seed, ms },
          text: `Created ${r.created} sample clients with ${input.partners} partners each (seed ${input.seed}) in ${ms} ms.`
        }
      }
    }
  ]
}
