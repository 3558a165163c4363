/** Client segment attributes: how a client is described and later grouped into benchmark cohorts. */
export const COMPANY_STAGES = ['startup', 'scaleup', 'growth', 'enterprise'] as const
export const ARR_BANDS = ['lt1m', '1to5m', '5to20m', '20to100m', 'gt100m'] as const
export const SALES_MOTIONS = ['product-led', 'sales-led', 'hybrid'] as const
export const REGIONS = ['north-america', 'emea', 'apac', 'latam', 'global'] as const

export type CompanyStage = (typeof COMPANY_STAGES)[number]
export type ArrBand = (typeof ARR_BANDS)[number]
export type SalesMotion = (typeof SALES_MOTIONS)[number]
export type Region = (typeof REGIONS)[number]

export const SEGMENT_LABELS = {
  companyStage: {
    startup: 'Startup',
    scaleup: 'Scale-up',
    growth: 'Growth',
    enterprise: 'Enterprise'
  },
  arrBand: {
    lt1m: 'Under $1M ARR',
    '1to5m': '$1–5M ARR',
    '5to20m': '$5–20M ARR',
    '20to100m': '$20–100M ARR',
    gt100m: 'Over $100M ARR'
  },
  salesMotion: {
    'product-led': 'Product-led',
    'sales-led': 'Sales-led',
    hybrid: 'Hybrid'
  },
  region: {
    'north-america': 'North America',
    emea: 'EMEA',
    apac: 'APAC',
    latam: 'Latin America',
    global: 'Global'
  }
} as const

export interface Segment {
  companyStage: CompanyStage | null
  arrBand: ArrBand | null
  salesMotion: SalesMotion | null
  region: Region | null
}
