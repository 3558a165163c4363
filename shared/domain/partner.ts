/** Partner vocabulary from the product guide. */
export const PARTNER_TYPES = [
  'technology',
  'referral',
  'reseller',
  'si',
  'msp',
  'marketplace',
  'agency',
  'oem'
] as const
export type PartnerType = (typeof PARTNER_TYPES)[number]

export const PARTNER_TYPE_LABELS: Record<PartnerType, string> = {
  technology: 'Technology / integration',
  referral: 'Referral',
  reseller: 'Reseller',
  si: 'SI / consultancy',
  msp: 'MSP',
  marketplace: 'Marketplace',
  agency: 'Agency',
  oem: 'OEM'
}

export const LIFECYCLE_STAGES = [
  'prospect',
  'qualifying',
  'signed',
  'activating',
  'producing',
  'dormant',
  'exited'
] as const
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number]

export const LIFECYCLE_LABELS: Record<LifecycleStage, string> = {
  prospect: 'Prospect',
  qualifying: 'Qualifying',
  signed: 'Signed',
  activating: 'Activating',
  producing: 'Producing',
  dormant: 'Dormant',
  exited: 'Exited'
}
