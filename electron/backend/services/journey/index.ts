import type { Session } from '../session'
import { HypothesisService } from './hypotheses'
import { JourneyService } from './journey'
import { JourneyTemplates } from './templates'

export function createJourneyServices(session: Session) {
  const journey = new JourneyService(session)
  return { journey, hypotheses: new HypothesisService(journey), journeyTemplates: new JourneyTemplates(session) }
}
