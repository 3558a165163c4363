/** Every command group of the CLI. A domain adds one file in this folder and one line here. */
import type { CommandGroup } from '../framework'
import { assessmentCommands } from './assessment'
import { backupCommands } from './backup'
import { benchmarkCommands, cockpitCommands } from './benchmark'
import { clientCommands } from './client'
import { demoCommands } from './demo'
import { doctorCommand } from './doctor'
import { exportCommands } from './export'
import { hypothesisCommands, journeyCommands } from './journey'
import { importCommands, partnerCommands, portfolioCommands } from './partner'
import { vaultCommands } from './vault'
import { brandingCommands, reportCommands, reportHistoryCommands, reportSettingsCommands } from './report'

export const COMMAND_GROUPS: CommandGroup[] = [
  vaultCommands,
  clientCommands,
  backupCommands,
  demoCommands,
  journeyCommands,
  hypothesisCommands,
  partnerCommands,
  portfolioCommands,
  importCommands,
  exportCommands,
  doctorCommand,
  assessmentCommands,
  reportCommands, reportHistoryCommands, reportSettingsCommands, brandingCommands,
  benchmarkCommands,
  cockpitCommands
]
