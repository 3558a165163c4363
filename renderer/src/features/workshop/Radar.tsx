/** A radar chart of maturity scores (0–4) in plain SVG; dimensions without a score yet sit at the centre. */
export interface RadarSeries {
  name: string
  values: (number | null)[]
  className: string
}

interface Props {
  labels: string[]
  series: RadarSeries[]
  size?: number
  /** Projector mode: larger labels. */
  large?: boolean
  title: string
}

function wrap(label: string, max: number): string[] {
  const words = label.split(' ')
  const lines: string[] = []
  let line = ''
  for (const w of words) {
    if ((line + ' ' + w).trim().length > max && line) {
      lines.push(line)
      line = w
    } else line = (line + ' ' + w).trim()
  }
  if (line) lines.push(line)
  return lines
}

/** Fewer than three dimensions make no polygon: show bars instead. */
function Bars({ labels, series, large, title }: Props): React.JSX.Element {
  return (
    <div className={`radar-bars${large ? ' radar-large' : ''}`} role="img" aria-label={title} data-testid="radar">
      {labels.map((label, i) => (
        <div key={label} className="radar-bar-row">
          <span className="radar-bar-label">{label}</span>
          {series.map((s) => (
            <span key={s.name} className={`radar-bar-track ${s.className}`}>
              <span className="radar-bar-fill" style={{ width: `${((s.values[i] ?? 0) / 4) * 100}%` }} />
              <span className="radar-bar-value">{s.values[i] === null ? '—' : s.values[i]!.toFixed(1)}</span>
            </span>
          ))}
        </div>
      ))}
    </div>
  )
}

export function Radar(props: Props): React.JSX.Element {
  const { labels, series, size = 360, large = false, title } = props
  if (labels.length < 3) return <Bars {...props} />
  const pad = large ? 230 : 170
  const r = size / 2
  const cx = r + pad
  const cy = r + pad * 0.55
  const n = labels.length
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n
  const point = (i: number, v: number) => [cx + Math.cos(angle(i)) * r * (v / 4), cy + Math.sin(angle(i)) * r * (v / 4)] as const
  const fontSize = large ? 24 : 17
  return (
    <svg
      className={`radar${large ? ' radar-large' : ''}`}
      viewBox={`0 0 ${size + pad * 2} ${size + pad * 1.1}`}
      role="img"
      aria-label={title}
      data-testid="radar"
    >
      {[1, 2, 3, 4].map((lvl) => (
        <polygon
          key={lvl}
          className="radar-ring"
          points={labels.map((_, i) => point(i, lvl).join(',')).join(' ')}
        />
      ))}
      {labels.map((label, i) => {
        const [x, y] = point(i, 4)
        const [lx, ly] = point(i, 4.35)
        const anchor = Math.abs(lx - cx) < 8 ? 'middle' : lx > cx ? 'start' : 'end'
        const lines = wrap(label, 16)
        const spread = (lines.length - 1) * fontSize * 1.1
        // The label straight above the centre ends at its point, so it does not run down over the scale's "4".
        const top = anchor === 'middle' && ly < cy ? ly - spread : ly - spread / 2 + (ly > cy + 5 ? fontSize * 0.6 : 0)
        return (
          <g key={label}>
            <line className="radar-spoke" x1={cx} y1={cy} x2={x} y2={y} />
            <text className="radar-label" x={lx} y={top} textAnchor={anchor} fontSize={fontSize}>
              {lines.map((l, k) => (
                <tspan key={k} x={lx} dy={k === 0 ? 0 : fontSize * 1.1}>
                  {l}
                </tspan>
              ))}
            </text>
          </g>
        )
      })}
      {[1, 2, 3, 4].map((lvl) => (
        <text key={lvl} className="radar-scale" x={cx + 4} y={cy - (r * lvl) / 4 + 4} fontSize={fontSize * 0.8}>
          {lvl}
        </text>
      ))}
      {series.map((s) => (
        <g key={s.name} className={s.className}>
          <polygon className="radar-area" points={s.values.map((v, i) => point(i, v ?? 0).join(',')).join(' ')} />
          {s.values.map((v, i) =>
            v === null ? null : <circle key={i} className="radar-dot" cx={point(i, v)[0]} cy={point(i, v)[1]} r={large ? 6 : 3.5} />
          )}
        </g>
      ))}
    </svg>
  )
}
