/** Every service of an unlocked vault, built once per backend. Feature services are added here. */
import { BackupService } from './backups'
import { ClientService } from './clients'
import { DemoService } from './demo'
import { createJourneyServices } from './journey/index'
import { PartnerService } from './partners'
import { PortfolioService } from './portfolio'
import { PortfolioImportService } from './portfolioImport'
import { PortfolioExportService } from './portfolioExport'
import { ReportService } from './report/index'
import type { Session } from './session'
import { workshopServices } from './workshops'

export function createServices(session: Session) {
  const clients = new ClientService(session)
  return {
    clients,
    partners: new PartnerService(session),
    ...createJourneyServices(session),
    backups: new BackupService(session),
    portfolio: new PortfolioService(session),
    portfolioImport: new PortfolioImportService(session),
    portfolioExport: new PortfolioExportService(session, new PortfolioService(session)),
    demo: new DemoService(session, clients),
    ...workshopServices(session),
    report: new ReportService(session)
  }
}
export type Services = ReturnType<typeof createServices>
