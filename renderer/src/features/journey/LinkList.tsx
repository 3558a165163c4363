/** A checklist of things to link (partners, milestones, hypotheses); each change is saved at once. */
export function LinkList(props: {
  legend: string
  items: { id: string; label: string; meta?: string }[]
  selected: string[]
  onChange(ids: string[]): void
  error?: string | null
}): React.JSX.Element | null {
  if (props.items.length === 0) return null
  return (
    <fieldset className="fieldset">
      <legend>{props.legend}</legend>
      <div className="j-checklist">
        {props.items.map((x) => (
          <label key={x.id} className="check small">
            <input
              type="checkbox"
              checked={props.selected.includes(x.id)}
              onChange={(e) => props.onChange(e.target.checked ? [...props.selected, x.id] : props.selected.filter((d) => d !== x.id))}
            />
            <span>
              {x.label}
              {x.meta && <span className="muted"> · {x.meta}</span>}
            </span>
          </label>
        ))}
      </div>
      {props.error && (
        <small className="field-error" role="alert">
          {props.error}
        </small>
      )}
    </fieldset>
  )
}
