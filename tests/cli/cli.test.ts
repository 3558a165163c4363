import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClientOverview, ClientSummary } from '../../shared/ipc/contract'
import { cliFor, trellis } from '../helpers/cli'
import { cleanup, tempDir } from '../helpers/vault'

let vault: string
let cli: ReturnType<typeof cliFor>

beforeAll(async () => {
  vault = tempDir('trellis-cli-')
  cli = cliFor(vault)
  const init = await cli(['vault', 'init', '--json'])
  expect(init.code).toBe(0)
}, 120_000)
afterAll(() => cleanup(vault))

// Each run is a fresh Node process (about 1 s of CPU, more on a busy machine), so these tests get a long timeout.
describe('trellis CLI', { timeout: 300_000 }, () => {
  it('prints help and exits 2 on usage errors with a short usage text', async () => {
    const help = await trellis(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('client create')
    expect(help.stdout).toContain('doctor')

    const none = await trellis([])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('Missing command')

    const unknown = await cli(['client', 'frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Unknown client command “frobnicate”')

    const badOpt = await cli(['client', 'create', '--nme', 'X'])
    expect(badOpt.code).toBe(2)
    expect(badOpt.stderr).toContain("Unknown option '--nme'")
    expect(badOpt.stderr).toContain('Usage: trellis client create --name NAME')

    const cmdHelp = await cli(['client', 'handover', '--help'])
    expect(cmdHelp.code).toBe(0)
    expect(cmdHelp.stdout).toContain('TRELLIS_HANDOVER_PASSPHRASE')
  })

  it('creates, lists, shows, renames, archives and deletes clients by id or name', async () => {
    const created = await cli(['client', 'create', '--name', 'Copperleaf Labs', '--stage', 'growth', '--arr', '5to20m', '--json'])
    expect(created.code).toBe(0)
    const c = JSON.parse(created.stdout) as ClientSummary
    expect(c).toMatchObject({ name: 'Copperleaf Labs', segment: { companyStage: 'growth', arrBand: '5to20m' } })

    const list = await cli(['client', 'list'])
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^NAME +STAGE +ARR +MOTION +REGION +ID$/m)
    expect(list.stdout).toMatch(/^Copperleaf Labs +Growth +\$5–20M ARR +- +- +c_[a-z2-7]{16}$/m)

    const shown = await cli(['client', 'show', '  copperleaf   LABS ', '--json'])
    expect(shown.code).toBe(0)
    expect((JSON.parse(shown.stdout) as ClientOverview).client.id).toBe(c.id)

    expect((await cli(['client', 'rename', c.id, '--name', 'Copperleaf Analytics'])).stdout).toContain(
      'Renamed “Copperleaf Labs” to “Copperleaf Analytics”'
    )
    const segmented = await cli(['client', 'segment', c.id, '--motion', 'hybrid', '--region', 'emea', '--json'])
    expect(segmented.code).toBe(0)
    // Only the options given change; the stage and ARR band set at creation stay.
    expect((JSON.parse(segmented.stdout) as ClientSummary).segment).toEqual({ companyStage: 'growth', arrBand: '5to20m', salesMotion: 'hybrid', region: 'emea' })
    const noSegment = await cli(['client', 'segment', c.id])
    expect(noSegment.code).toBe(2)
    expect(noSegment.stderr).toContain('Give at least one of --stage')
    const badRegion = await cli(['client', 'segment', c.id, '--region', 'mars'])
    expect(badRegion.code).toBe(1)
    expect(badRegion.stderr).toContain('(--region)')
    expect((await cli(['client', 'archive', 'Copperleaf Analytics'])).code).toBe(0)
    const active = JSON.parse((await cli(['client', 'list', '--json'])).stdout) as ClientSummary[]
    expect(active.find((x) => x.id === c.id)).toBeUndefined()
    const all = JSON.parse((await cli(['client', 'list', '--archived', '--json'])).stdout) as ClientSummary[]
    expect(all.find((x) => x.id === c.id)?.archived).toBe(true)

    const noYes = await cli(['client', 'delete', c.id])
    expect(noYes.code).toBe(2)
    expect(noYes.stderr).toContain('add --yes')
    expect((await cli(['client', 'delete', c.id, '--yes'])).code).toBe(0)
    const gone = await cli(['client', 'show', c.id, '--json'])
    expect(gone.code).toBe(1)
    expect(JSON.parse(gone.stderr)).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining(c.id) } })
  })

  it('fails with exit 1 and one line on stderr, naming the problem', async () => {
    const wrong = await cli(['client', 'list'], { TRELLIS_PASSPHRASE: 'not the passphrase' })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1)
    expect(wrong.stderr).toContain('Wrong passphrase')

    const badSegment = await cli(['client', 'create', '--name', 'Nope', '--arr', 'lots'])
    expect(badSegment.code).toBe(1)
    expect(badSegment.stderr).toContain('(--arr)')

    const noPass = await cli(['client', 'list'], { TRELLIS_PASSPHRASE: undefined })
    expect(noPass.code).toBe(2)
    expect(noPass.stderr).toContain('TRELLIS_PASSPHRASE')
  })
})
