/** Every figure `npm run bench` prints, in order. Add a new one with one line here. */
import type { Measurement } from '../lib/registry'
import { benchmarkCold, benchmarkEventLoop, benchmarkOneChanged, benchmarkWarm } from './benchmark'
import { clientList } from './clientList'
import { clientOpen } from './clientOpen'
import { hypothesisList, journeyShow, milestoneEdit } from './journey'
import { portfolioMeasurements } from './portfolio'
import { rendererReady } from './rendererReady'
import { reportHtml, reportPdfCold, reportPdfWarm } from './report'
import { timelineRender } from './timeline'
import { unlock } from './unlock'
import { workshopHistory, workshopPresenter, workshopVote } from './workshop'

export const measurements: Measurement[] = [unlock, clientOpen, clientList, rendererReady, journeyShow, hypothesisList, milestoneEdit, timelineRender, workshopVote, workshopPresenter, workshopHistory, reportHtml, reportPdfCold, reportPdfWarm, benchmarkCold, benchmarkEventLoop, benchmarkWarm, benchmarkOneChanged, ...portfolioMeasurements]
