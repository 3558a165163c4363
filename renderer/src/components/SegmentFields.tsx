import { ARR_BANDS, COMPANY_STAGES, REGIONS, SALES_MOTIONS, SEGMENT_LABELS, type Segment } from '../../../shared/domain/segment'

const FIELDS = [
  { key: 'companyStage', label: 'Company stage', options: COMPANY_STAGES },
  { key: 'arrBand', label: 'Annual recurring revenue', options: ARR_BANDS },
  { key: 'salesMotion', label: 'Sales motion', options: SALES_MOTIONS },
  { key: 'region', label: 'Region', options: REGIONS }
] as const

export const EMPTY_SEGMENT: Segment = { companyStage: null, arrBand: null, salesMotion: null, region: null }

/** The four segment pickers; "Not set" maps to null. */
export function SegmentFields({ value, onChange }: { value: Segment; onChange(s: Segment): void }): React.JSX.Element {
  return (
    <div className="segment-grid">
      {FIELDS.map((f) => (
        <label key={f.key} className="field">
          <span>{f.label}</span>
          <select
            value={value[f.key] ?? ''}
            onChange={(e) => onChange({ ...value, [f.key]: e.target.value === '' ? null : e.target.value })}
          >
            <option value="">Not set</option>
            {f.options.map((o) => (
              <option key={o} value={o}>
                {(SEGMENT_LABELS[f.key] as Record<string, string>)[o]}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  )
}

/** "Scale-up · $5–20M ARR · Hybrid · EMEA", skipping unset fields. */
export function segmentText(s: Segment): string {
  const parts = FIELDS.map((f) => (s[f.key] ? (SEGMENT_LABELS[f.key] as Record<string, string>)[s[f.key] as string] : null))
  return parts.filter(Boolean).join(' · ')
}
