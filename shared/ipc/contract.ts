/**
 * The one IPC contract: every channel (`domain.verb`) with its zod input schema and its result type, one file
 * per domain in `channels/`. The backend's handler map must implement every channel (see `Handlers` in
 * electron/backend/backend.ts: a missing handler is a compile error); main forwards only these names; the
 * renderer calls them through `renderer/src/api`.
 */
import type { z } from 'zod'
import { backupChannels } from './channels/backup'
import { benchmarkChannels, type BenchmarkProgressed } from './channels/benchmark'
import { clientChannels } from './channels/client'
import { demoChannels } from './channels/demo'
import { hypothesisChannels } from './channels/hypothesis'
import { journeyChannels } from './channels/journey'
import { partnerChannels } from './channels/partner'
import { portfolioChannels, type PortfolioImportProgressed } from './channels/portfolio'
import { reportChannels, type ReportProgress } from './channels/report'
import { vaultChannels, type WriteProblem } from './channels/vault'
import { workshopChannels, type WorkshopChanged } from './channels/workshop'

export * from './channels/backup'
export * from './channels/benchmark'
export * from './channels/client'
export * from './channels/hypothesis'
export * from './channels/journey'
export * from './channels/partner'
export * from './channels/portfolio'
export * from './channels/report'
export * from './channels/vault'
export * from './channels/workshop'
export { CLIENT_NAME_MAX } from './fields'

export const contract = {
  ...vaultChannels,
  ...backupChannels,
  ...clientChannels,
  ...partnerChannels,
  ...portfolioChannels,
  ...demoChannels,
  ...journeyChannels,
  ...hypothesisChannels,
  ...workshopChannels,
  ...reportChannels,
  ...benchmarkChannels
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type Input<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>
export type Output<C extends Channel> = Contract[C]['result']

export const CHANNELS = Object.keys(contract) as Channel[]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)
}

/** Events the backend pushes to the renderer (past tense). */
export interface Events {
  'vault.locked': { reason: 'user' | 'idle' | 'system' | 'restart' }
  'workshop.changed': WorkshopChanged
  'report.progressed': ReportProgress
  'benchmark.progressed': BenchmarkProgressed
  'portfolio.importProgressed': PortfolioImportProgressed
  /** Writing to the vault stopped or started working again (null: writable). */
  'vault.writeProblemChanged': { problem: WriteProblem | null }
  /** Sent by main, not the backend: a `.trellis` file the OS asked the app to open (once the vault is unlocked). */
  'file.opened': { path: string; name: string }
}
export type EventName = keyof Events
