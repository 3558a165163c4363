/** What a CRM import can fill, and what its preview and result look like. */
export type ImportKind = 'partners' | 'opportunities'

export interface ImportField {
  key: string
  label: string
  required: boolean
}

export const IMPORT_FIELDS: Record<ImportKind, ImportField[]> = {
  partners: [
    { key: 'name', label: 'Partner name', required: true },
    { key: 'domain', label: 'Domain / website', required: false },
    { key: 'type', label: 'Partner type', required: false },
    { key: 'tier', label: 'Tier', required: false },
    { key: 'partnerTiersUs', label: 'How the partner tiers us', required: false },
    { key: 'stage', label: 'Lifecycle stage', required: false },
    { key: 'signedAt', label: 'Signed date', required: false },
    { key: 'firstCommercialAt', label: 'First commercial event', required: false },
    { key: 'owner', label: 'Owner', required: false },
    { key: 'contactName', label: 'Main contact', required: false },
    { key: 'contactEmail', label: 'Main contact email', required: false },
    { key: 'notes', label: 'Notes', required: false }
  ],
  opportunities: [
    { key: 'partner', label: 'Partner (name or domain)', required: true },
    { key: 'name', label: 'Opportunity name', required: true },
    { key: 'amount', label: 'Amount', required: true },
    { key: 'stage', label: 'Stage', required: true },
    { key: 'openedAt', label: 'Created date', required: true },
    { key: 'kind', label: 'Sourced or influenced', required: false },
    { key: 'currency', label: 'Currency', required: false },
    { key: 'closeAt', label: 'Close date', required: false },
    { key: 'externalId', label: 'CRM id', required: false }
  ]
}

export type ImportAction = 'create' | 'update' | 'skip' | 'error'

export interface ImportRowReport {
  /** 1-based line in the file where the row starts. */
  line: number
  action: ImportAction
  /** Why a row is skipped or rejected, or what was assumed. */
  messages: string[]
  /** The parsed values (field key → value) that would be written. */
  values: Record<string, string | number | boolean | null>
}

export interface ImportPreview {
  kind: ImportKind
  /** How the file was read: a text encoding, or an Excel workbook. */
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252' | 'excel'
  /** The CSV delimiter ('' for a workbook). */
  delimiter: string
  headerLine: number
  columns: string[]
  /** Field key → column header (null: not mapped). */
  mapping: Record<string, string | null>
  dateFormats: Record<string, 'ymd' | 'mdy' | 'dmy'>
  /** Problems with the whole file (no header, a required field not mapped); nothing can be imported. */
  fileErrors: string[]
  /** Assumptions worth reading before confirming. */
  notes: string[]
  counts: Record<ImportAction, number> & { total: number }
  /** Every row that is skipped or rejected, plus the first rows to be written (capped at 200). */
  rows: ImportRowReport[]
}

export interface ImportResult {
  created: number
  updated: number
  skipped: number
  rejected: number
  rows: ImportRowReport[]
}
