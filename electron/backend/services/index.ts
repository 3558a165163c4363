/** Every service of an unlocked vault, built once per backend. Feature services are added here. */
import { BackupService } from './backups'
import { ClientService } from './clients'
import { DemoService } from './demo'
import { LastClient } from './lastClient'
import { createJourneyServices } from './journey/index'
import { PartnerService } from './partners'
import { forgetPortfolio, PortfolioService } from './portfolio'
import { PortfolioImportService } from './portfolioImport'
import { PortfolioExportService } from './portfolioExport'
import { ReportService } from './report/index'
import type { Session } from './session'
import { workshopServices } from './workshops'
import { gapMilestoneMaker } from './gapMilestones'
import { WriteHealth } from './writeHealth'

export function createServices(session: Session) {
  const clients = new ClientService(session)
  const journey = createJourneyServices(session)
  const workshops = workshopServices(session, gapMilestoneMaker(journey.journey))
  // The portfolio keeps summaries per open file; they go with the file (and so with the keys on lock).
  session.beforeClose.push((_id, db) => forgetPortfolio(db))
  return {
    clients,
    partners: new PartnerService(session),
    ...journey,
    backups: new BackupService(session),
    portfolio: new PortfolioService(session),
    portfolioImport: new PortfolioImportService(session),
    portfolioExport: new PortfolioExportService(session, new PortfolioService(session)),
    demo: new DemoService(session, clients),
    ...workshops,
    report: new ReportService(session),
    writeHealth: new WriteHealth(session),
    lastClient: new LastClient(session)
  }
}
export type Services = ReturnType<typeof createServices>
