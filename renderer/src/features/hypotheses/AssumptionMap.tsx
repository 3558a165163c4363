/**
 * The assumption map: importance (up) × evidence (right). Each hypothesis is a point you can click; the
 * important-but-unproven corner (top left) is highlighted as "test first".
 */
import { EVIDENCE_STRENGTHS, EVIDENCE_STRENGTH_LABELS, HYPOTHESIS_STATUS_LABELS } from '../../../../shared/domain/journey'
import type { HypothesisRow } from '../../../../shared/ipc/contract'

const W = 640
const H = 400
const PAD_L = 64
const PAD_B = 46
const PAD_T = 16
const PAD_R = 16
const COLS = EVIDENCE_STRENGTHS.length
const ROWS = 5

/** A stable spot inside a cell for the n-th point, so points do not sit on top of each other. */
function spot(n: number, count: number, cw: number, ch: number): [number, number] {
  const per = Math.ceil(Math.sqrt(count))
  const col = n % per
  const row = Math.floor(n / per)
  return [((col + 0.5) / per) * (cw - 16) + 8, ((row + 0.5) / Math.ceil(count / per)) * (ch - 12) + 6]
}

export function AssumptionMap(props: { hypotheses: HypothesisRow[]; selectedId: string | null; onSelect(id: string): void }): React.JSX.Element {
  const cw = (W - PAD_L - PAD_R) / COLS
  const ch = (H - PAD_T - PAD_B) / ROWS
  const cells = new Map<string, HypothesisRow[]>()
  for (const h of props.hypotheses) {
    const k = `${EVIDENCE_STRENGTHS.indexOf(h.evidenceStrength)}:${h.importance}`
    cells.set(k, [...(cells.get(k) ?? []), h])
  }
  const testFirst = props.hypotheses.filter((h) => h.testFirst).length
  return (
    <figure className="amap" data-testid="assumption-map">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="group" aria-label="Assumption map: importance by evidence">
        {/* The test-first corner: importance 4–5, evidence none or anecdotal. */}
        <rect x={PAD_L} y={PAD_T} width={cw * 2} height={ch * 2} className="amap-hot" />
        <text x={PAD_L + 8} y={PAD_T + 18} className="amap-hot-label">
          Test first ({testFirst})
        </text>
        {Array.from({ length: ROWS + 1 }, (_, i) => (
          <line key={`h${i}`} x1={PAD_L} x2={W - PAD_R} y1={PAD_T + i * ch} y2={PAD_T + i * ch} className="amap-grid" />
        ))}
        {Array.from({ length: COLS + 1 }, (_, i) => (
          <line key={`v${i}`} y1={PAD_T} y2={H - PAD_B} x1={PAD_L + i * cw} x2={PAD_L + i * cw} className="amap-grid" />
        ))}
        {Array.from({ length: ROWS }, (_, i) => (
          <text key={`yl${i}`} x={PAD_L - 10} y={PAD_T + (ROWS - i - 0.5) * ch + 4} textAnchor="end" className="amap-tick">
            {i + 1}
          </text>
        ))}
        {EVIDENCE_STRENGTHS.map((e, i) => (
          <text key={e} x={PAD_L + (i + 0.5) * cw} y={H - PAD_B + 18} textAnchor="middle" className="amap-tick">
            {EVIDENCE_STRENGTH_LABELS[e]}
          </text>
        ))}
        <text x={PAD_L + (W - PAD_L - PAD_R) / 2} y={H - 6} textAnchor="middle" className="amap-axis">
          Evidence →
        </text>
        <text transform={`translate(16 ${PAD_T + (H - PAD_T - PAD_B) / 2}) rotate(-90)`} textAnchor="middle" className="amap-axis">
          Importance →
        </text>
        {[...cells.entries()].flatMap(([k, list]) => {
          const [ci, imp] = k.split(':').map(Number)
          return list.map((h, n) => {
            const [dx, dy] = spot(n, list.length, cw, ch)
            const cx = PAD_L + ci * cw + dx
            const cy = PAD_T + (ROWS - imp) * ch + dy
            return (
              <g
                key={h.id}
                className={`amap-pt status-${h.status}${h.id === props.selectedId ? ' selected' : ''}`}
                role="button"
                tabIndex={0}
                aria-label={`${h.belief} — importance ${h.importance}, ${EVIDENCE_STRENGTH_LABELS[h.evidenceStrength]}, ${HYPOTHESIS_STATUS_LABELS[h.status]}`}
                onClick={() => props.onSelect(h.id)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), props.onSelect(h.id))}
              >
                <title>{h.belief}</title>
                <circle cx={cx} cy={cy} r={h.id === props.selectedId ? 9 : 7} />
              </g>
            )
          })
        })}
      </svg>
      <figcaption className="amap-legend">
        {(['untested', 'testing', 'validated', 'invalidated', 'retired'] as const).map((s) => (
          <span key={s}>
            <i className={`dot status-${s}`} /> {HYPOTHESIS_STATUS_LABELS[s]}
          </span>
        ))}
      </figcaption>
    </figure>
  )
}
