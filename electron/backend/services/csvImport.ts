/**
 * Reading CRM exports (HubSpot, Salesforce, Crossbeam style CSV): encoding, delimiter, header row, column mapping
 * and value parsing, each problem reported against the file line it came from. Pure: no database here.
 */
import Papa from 'papaparse'
import { LIFECYCLE_STAGES, PARTNER_TYPES, type LifecycleStage, type PartnerType } from '../../../shared/domain/partner'
import { OPPORTUNITY_STAGES, type OpportunityKind, type OpportunityStage } from '../../../shared/domain/portfolio'
import { IMPORT_FIELDS, type ImportKind, type ImportPreview } from '../../../shared/portfolio/importTypes'

export type DateFormat = 'ymd' | 'mdy' | 'dmy'

export function decode(bytes: Buffer): { text: string; encoding: ImportPreview['encoding'] } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    // Not valid UTF-8: Excel on Windows saves CSV as Windows-1252.
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' }
  }
}

export interface RawRow {
  line: number
  cells: string[]
  error: string | null
}

/** Parses CSV into rows that remember the line they start on; blank rows are dropped. */
export function parseRows(text: string): { rows: RawRow[]; delimiter: string } {
  const rows: RawRow[] = []
  let line = 1
  let offset = 0
  let delimiter = ','
  Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: false,
    step: (res) => {
      delimiter = res.meta.delimiter
      const end = res.meta.cursor
      const startLine = line
      for (let i = offset; i < end && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
      offset = end
      const cells = res.data.map((c) => c.trim())
      const e = res.errors[0]
      const error = e
        ? e.code === 'MissingQuotes'
          ? 'A quoted value is never closed (a " is missing), so the rest of the file cannot be read reliably.'
          : e.code === 'InvalidQuotes'
            ? 'A quote character sits in the middle of an unquoted value.'
            : e.message
        : null
      if (!error && cells.every((c) => c === '')) return
      rows.push({ line: startLine, cells, error })
    }
  })
  return { rows, delimiter }
}

export const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '')

/** Column headers seen in CRM and partner-tool exports, normalised. */
const ALIASES: Record<ImportKind, Record<string, string[]>> = {
  partners: {
    name: ['name', 'partner', 'partnername', 'company', 'companyname', 'accountname', 'account', 'organization', 'organisation'],
    domain: ['domain', 'website', 'companydomainname', 'companydomain', 'url', 'websiteurl', 'partnerdomain'],
    type: ['type', 'partnertype', 'accounttype', 'category', 'partnercategory'],
    tier: ['tier', 'partnertier', 'level', 'partnerlevel'],
    partnerTiersUs: ['theirtierforus', 'partnertiersus', 'howtheytierus', 'tierwithpartner'],
    stage: ['stage', 'lifecyclestage', 'status', 'partnerstatus', 'partnerstage', 'relationshipstatus'],
    signedAt: ['signed', 'signedat', 'signeddate', 'signdate', 'contractdate', 'agreementdate', 'partnersince', 'datesigned'],
    firstCommercialAt: ['firstcommercialevent', 'firstcommercialat', 'firstdeal', 'firstdealdate', 'firstsourceddeal'],
    owner: ['owner', 'partnermanager', 'accountowner', 'companyowner', 'pam', 'manager'],
    contactName: ['contact', 'contactname', 'primarycontact', 'maincontact', 'pointofcontact'],
    contactEmail: ['email', 'contactemail', 'primarycontactemail', 'maincontactemail'],
    notes: ['notes', 'note', 'description', 'comments']
  },
  opportunities: {
    partner: ['partner', 'partnername', 'partneraccount', 'partnercompany', 'company', 'account', 'accountname', 'partnerdomain'],
    name: ['name', 'dealname', 'opportunityname', 'opportunity', 'deal'],
    amount: ['amount', 'dealamount', 'value', 'opportunityamount', 'arr', 'acv', 'totalamount'],
    stage: ['stage', 'dealstage', 'opportunitystage', 'status'],
    openedAt: ['created', 'createdate', 'createddate', 'opened', 'openedat', 'opendate', 'datecreated'],
    kind: ['kind', 'attribution', 'sourcedorinfluenced', 'partnerrole', 'source', 'partnersource', 'attributiontype'],
    currency: ['currency', 'dealcurrency', 'opportunitycurrency', 'currencycode', 'currencyisocode'],
    closeAt: ['closedate', 'close', 'closeat', 'expectedclosedate'],
    externalId: ['id', 'recordid', 'dealid', 'opportunityid', 'crmid', 'externalid']
  }
}

/** Finds the header row: the first of the first 20 rows where at least two cells look like known headers. */
export function findHeader(rows: RawRow[], kind: ImportKind): number {
  const known = new Set(Object.values(ALIASES[kind]).flat())
  const limit = Math.min(rows.length, 20)
  for (let i = 0; i < limit; i++) if (rows[i].cells.filter((c) => known.has(norm(c))).length >= 2) return i
  for (let i = 0; i < limit; i++) if (rows[i].cells.filter((c) => c !== '').length >= 2) return i
  return rows.length ? 0 : -1
}

export function guessMapping(columns: string[], kind: ImportKind): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  const used = new Set<string>()
  for (const f of IMPORT_FIELDS[kind]) {
    const aliases = ALIASES[kind][f.key] ?? []
    // Earlier aliases are stronger guesses ("partner name" beats "company").
    let hit: string | null = null
    for (const a of aliases) {
      hit = columns.find((c) => norm(c) === a && !used.has(c)) ?? null
      if (hit) break
    }
    if (hit) used.add(hit)
    out[f.key] = hit
  }
  return out
}

// ---------------------------------------------------------------------------------------------- values

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

function ymd(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null
  const dt = new Date(Date.UTC(y, m - 1, d))
  if (dt.getUTCMonth() !== m - 1) return null
  return dt.toISOString().slice(0, 10)
}

const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T].*)?$/

/** Which order a column's d/m/y dates are in, from values whose day is above 12; null when it cannot tell. */
export function detectDateFormat(values: string[]): DateFormat | null {
  let dmy = false
  let mdy = false
  for (const v of values) {
    const m = NUMERIC_DATE.exec(v.trim())
    if (!m) continue
    if (Number(m[1]) > 12) dmy = true
    if (Number(m[2]) > 12) mdy = true
  }
  if (dmy && !mdy) return 'dmy'
  if (mdy && !dmy) return 'mdy'
  return null
}

export function parseDate(raw: string, fmt: DateFormat): string | null {
  const s = raw.trim()
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/.exec(s)
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]))
  m = NUMERIC_DATE.exec(s)
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
    return fmt === 'dmy' ? ymd(y, b, a) : ymd(y, a, b)
  }
  m = /^(\d{1,2})[ -]([a-z]{3})[a-z]*\.?[ -,]*(\d{4})$/i.exec(s) // 5 March 2024, 05-Mar-2024
  if (m && MONTHS.includes(m[2].toLowerCase())) return ymd(Number(m[3]), MONTHS.indexOf(m[2].toLowerCase()) + 1, Number(m[1]))
  m = /^([a-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})$/i.exec(s) // March 5, 2024
  if (m && MONTHS.includes(m[1].toLowerCase())) return ymd(Number(m[3]), MONTHS.indexOf(m[1].toLowerCase()) + 1, Number(m[2]))
  return null
}

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' }

/** "$12,500.00", "12.500,00 €", "EUR 9 000" → amount and the currency its symbol names, if any. */
export function parseAmount(raw: string): { amount: number; currency: string | null } | null {
  let s = raw.trim().replace(/[\s\u00a0\u202f']/g, '')
  let currency: string | null = null
  for (const [sym, code] of Object.entries(SYMBOLS))
    if (s.includes(sym)) {
      currency = code
      s = s.replace(sym, '')
    }
  const code = /^([A-Za-z]{3})|([A-Za-z]{3})$/.exec(s)
  if (code) {
    currency = (code[1] ?? code[2]).toUpperCase()
    s = s.replace(/[A-Za-z]{3}/, '')
  }
  if (!/^-?[\d.,]+$/.test(s)) return null
  const lastComma = s.lastIndexOf(',')
  const lastDot = s.lastIndexOf('.')
  if (lastComma >= 0 && lastDot >= 0) {
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '')
  } else if (lastComma >= 0) {
    // "12,500" is thousands; "12,5" is a decimal comma.
    s = /^-?\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.')
  } else if ((s.match(/\./g) ?? []).length > 1) s = s.replace(/\./g, '')
  const amount = Number(s)
  return Number.isFinite(amount) ? { amount, currency } : null
}

const TYPE_WORDS: [RegExp, PartnerType][] = [
  [/oem|whitelabel/, 'oem'],
  [/msp|managedservice/, 'msp'],
  [/marketplace|cloudmarketplace|appstore/, 'marketplace'],
  [/agency|agencies/, 'agency'],
  [/systemintegrator|^si$|^gsi$|consult|integrator|advisory/, 'si'],
  [/resell|^var$|distribut|valueadded/, 'reseller'],
  [/referral|affiliate|introducer/, 'referral'],
  [/tech|integration|isv|software|app/, 'technology']
]
export function parsePartnerType(raw: string): PartnerType | null {
  const n = norm(raw)
  if ((PARTNER_TYPES as readonly string[]).includes(n)) return n as PartnerType
  for (const [re, t] of TYPE_WORDS) if (re.test(n)) return t
  return null
}

const PARTNER_STAGE_WORDS: Record<string, LifecycleStage> = {
  lead: 'prospect',
  target: 'prospect',
  recruiting: 'prospect',
  prospective: 'prospect',
  evaluating: 'qualifying',
  inreview: 'qualifying',
  negotiating: 'qualifying',
  applied: 'qualifying',
  active: 'activating',
  onboarding: 'activating',
  contracted: 'signed',
  approved: 'signed',
  live: 'producing',
  productive: 'producing',
  inactive: 'dormant',
  paused: 'dormant',
  churned: 'exited',
  terminated: 'exited',
  former: 'exited'
}
export function parsePartnerStage(raw: string): LifecycleStage | null {
  const n = norm(raw)
  if ((LIFECYCLE_STAGES as readonly string[]).includes(n)) return n as LifecycleStage
  return PARTNER_STAGE_WORDS[n] ?? null
}

const OPP_STAGE_WORDS: Record<string, OpportunityStage> = {
  closedwon: 'won',
  won: 'won',
  closedlost: 'lost',
  lost: 'lost',
  appointmentscheduled: 'discovery',
  qualifiedtobuy: 'qualification',
  prospecting: 'qualification',
  qualified: 'qualification',
  needsanalysis: 'discovery',
  valueproposition: 'proposal',
  presentationscheduled: 'proposal',
  proposalpricequote: 'proposal',
  decisionmakerboughtin: 'negotiation',
  contractsent: 'negotiation',
  negotiationreview: 'negotiation',
  perceptionanalysis: 'discovery',
  iddecisionmakers: 'discovery'
}
export function parseOpportunityStage(raw: string): OpportunityStage | null {
  const n = norm(raw)
  if ((OPPORTUNITY_STAGES as readonly string[]).includes(n)) return n as OpportunityStage
  return OPP_STAGE_WORDS[n] ?? null
}

export function parseOpportunityKind(raw: string): OpportunityKind | null {
  const n = norm(raw)
  if (/sourc|referred|partnersourced|registered|^yes$|^true$|^1$/.test(n)) return 'sourced'
  if (/influenc|assist|^no$|^false$|^0$|cosell/.test(n)) return 'influenced'
  return null
}

export function normDomain(raw: string): string | null {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '')
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(s) ? s : null
}
