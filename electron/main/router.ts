/**
 * Every `trellis:call` from a renderer passes here: the sender must be our own window's page, the channel must
 * be in the contract (forwarded to the backend process) or one of main's device channels (answered here).
 * Calls never throw: every outcome is a `Result`. No electron import, so it is tested in Node.
 */
import { contract, isChannel } from '../../shared/ipc/contract'
import { deviceChannels, isDeviceChannel, type DeviceChannel, type DeviceChannels } from '../../shared/ipc/device'
import type { Result } from '../../shared/ipc/errors'
import { describeValidation } from '../backend/validation'
import type { z } from 'zod'
import { PRESENTER_CHANNELS, type SenderInfo } from './security/policy'

export interface BackendLike {
  call(channel: string, input: unknown): Promise<Result<unknown>>
}

export type DeviceHandlers = {
  [C in DeviceChannel]: (input: z.output<DeviceChannels[C]['input']>) => Promise<Result<DeviceChannels[C]['result']>>
}

export interface RouterDeps {
  backend: BackendLike
  device: DeviceHandlers
  /** True when the message comes from the main frame of our window, showing our own page. */
  isTrustedSender(sender: SenderInfo): boolean
  /** Paths the user picked in the handover save dialog: `client.handover` may write only there. */
  grantedSavePaths: SavePathGrants
  /** Paths of `.trellis` files the OS asked the app to open: `client.importFile` may read only those. */
  grantedOpenPaths?: SavePathGrants
  /** Cancels an export main runs itself (the app's PDF path); false when the job is not main's. */
  cancelMainJob?(jobId: string): boolean
  /** Told about each backend result, e.g. to update the keychain after a passphrase change. */
  afterBackendCall?(channel: string, input: unknown, result: Result<unknown>): Promise<void> | void
}

export type { SenderInfo }

export type Route = (sender: SenderInfo, channel: unknown, input: unknown) => Promise<Result<unknown>>

const fail = (code: 'FORBIDDEN' | 'UNKNOWN_CHANNEL' | 'VALIDATION' | 'INTERNAL', message: string): Result<never> => ({
  ok: false,
  error: { code, message }
})

export function createRouter(deps: RouterDeps): Route {
  return async (sender, channel, input) => {
    if (!deps.isTrustedSender(sender)) return fail('FORBIDDEN', 'This request did not come from the Trellis window.')
    // The projector window shows the room's view of one workshop; it never reaches any other data.
    if (!sender.isOurWindow && !PRESENTER_CHANNELS.has(String(channel)))
      return fail('FORBIDDEN', 'The presenter window can only show the workshop.')
    try {
      if (isDeviceChannel(channel)) {
        const parsed = deviceChannels[channel].input.safeParse(input ?? {})
        // The backend's wording: one short line naming the field, never the whole key or value that was sent.
        if (!parsed.success) return fail('VALIDATION', describeValidation(parsed.error))
        const handler = deps.device[channel] as (i: unknown) => Promise<Result<unknown>>
        return await handler(parsed.data)
      }
      if (!isChannel(channel))
        return fail('UNKNOWN_CHANNEL', `There is no channel “${String(channel).slice(0, 80)}”.`)
      if (channel === 'client.handover') {
        const parsed = contract['client.handover'].input.safeParse(input)
        if (parsed.success && !deps.grantedSavePaths.allows(parsed.data.outPath))
          return fail('FORBIDDEN', 'Choose where to save the handover file with the Save dialog first.')
      }
      if (channel === 'client.importFile') {
        const parsed = contract['client.importFile'].input.safeParse(input)
        if (parsed.success && !deps.grantedOpenPaths?.allows(parsed.data.path))
          return fail('FORBIDDEN', 'Trellis opens only files handed to it by your computer (double-click the file).')
      }
      // Reports go only where the user picked in the save dialog; rendered bytes come only from main itself.
      if (channel === 'report.saveRendered') return fail('FORBIDDEN', 'Only the app itself saves printed reports.')
      if (channel === 'report.export') {
        const parsed = contract['report.export'].input.safeParse(input)
        if (parsed.success && !deps.grantedSavePaths.allows(parsed.data.outPath))
          return fail('FORBIDDEN', 'Choose where to save the report with the Save dialog first.')
      }
      if (channel === 'report.cancel' && deps.cancelMainJob?.((input as { jobId?: string })?.jobId ?? '')) return { ok: true, data: { cancelled: true } }
      const result = await deps.backend.call(channel, input)
      if ((channel === 'client.handover' || channel === 'report.export') && result.ok) deps.grantedSavePaths.revoke((input as { outPath: string }).outPath)
      await deps.afterBackendCall?.(channel, input, result)
      return result
    } catch {
      return fail('INTERNAL', 'Something went wrong in Trellis. Try again.')
    }
  }
}

/** Save-dialog answers, valid for a while (the user may fix a name conflict and retry). */
export class SavePathGrants {
  private readonly grants = new Map<string, number>()
  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly now: () => number = Date.now
  ) {}
  grant(path: string): void {
    this.grants.set(path, this.now() + this.ttlMs)
  }
  allows(path: string): boolean {
    const until = this.grants.get(path)
    return until !== undefined && until >= this.now()
  }
  revoke(path: string): void {
    this.grants.delete(path)
  }
}
